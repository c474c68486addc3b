/// Ranks catalogue names by how close they are to what a person typed: shared
/// characters and shared character pairs, which suits Chinese occupation names where a
/// word order or a single character differs (数控车工 ~ 车工, 电焊 ~ 焊工).
/// Names are compared as Unicode scalar arrays prepared once, so scoring a thousand
/// candidates allocates nothing.
public enum NameSimilarity {
    /// A name ready for scoring.
    public struct Prepared: Sendable {
        let scalars: [UInt32]
        let pairs: [UInt64]

        public init(_ key: String) {
            let scalars = key.unicodeScalars.map(\.value)
            self.scalars = scalars
            pairs = scalars.count < 2 ? scalars.map(UInt64.init) : (0..<(scalars.count - 1)).map { UInt64(scalars[$0]) << 32 | UInt64(scalars[$0 + 1]) }
        }
    }

    public static func score(_ query: Prepared, _ candidate: Prepared) -> Double {
        guard !query.scalars.isEmpty, !candidate.scalars.isEmpty else { return 0 }
        let characters = dice(query.scalars, candidate.scalars)
        let pairs = dice(query.pairs, candidate.pairs)
        let containment = contains(candidate.scalars, query.scalars) || contains(query.scalars, candidate.scalars) ? 0.25 : 0
        return characters * 0.5 + pairs * 0.5 + containment
    }

    /// 2·|shared, counted as multisets| / (|a| + |b|).
    private static func dice<T: Equatable>(_ a: [T], _ b: [T]) -> Double {
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: b.count) { used in
            used.initialize(repeating: false)
            var shared = 0
            for item in a {
                for index in b.indices where !used[index] && b[index] == item {
                    used[index] = true
                    shared += 1
                    break
                }
            }
            return Double(2 * shared) / Double(a.count + b.count)
        }
    }

    /// Whether `part` occurs in `text`.
    public static func contains(_ text: Prepared, _ part: Prepared) -> Bool {
        contains(text.scalars, part.scalars)
    }

    private static func contains(_ text: [UInt32], _ part: [UInt32]) -> Bool {
        guard !part.isEmpty, part.count <= text.count else { return false }
        for start in 0...(text.count - part.count) where text[start] == part[0] {
            if text[start..<(start + part.count)].elementsEqual(part) { return true }
        }
        return false
    }
}
