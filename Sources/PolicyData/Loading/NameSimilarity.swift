/// Ranks catalogue names by how close they are to what a person typed: shared
/// characters and shared character pairs, which suits Chinese occupation names where a
/// word order or a single character differs (数控车工 ~ 车工, 电焊 ~ 焊工).
public enum NameSimilarity {
    public static func score(_ query: [Character], _ candidate: [Character]) -> Double {
        guard !query.isEmpty, !candidate.isEmpty else { return 0 }
        let characters = dice(query.map { [$0] }, candidate.map { [$0] })
        let pairs = dice(bigrams(query), bigrams(candidate))
        let containment = String(candidate).contains(String(query)) || String(query).contains(String(candidate)) ? 0.25 : 0
        return characters * 0.5 + pairs * 0.5 + containment
    }

    private static func bigrams(_ text: [Character]) -> [[Character]] {
        text.count < 2 ? [text] : (0..<(text.count - 1)).map { [text[$0], text[$0 + 1]] }
    }

    private static func dice(_ a: [[Character]], _ b: [[Character]]) -> Double {
        var counts: [[Character]: Int] = [:]
        for item in a { counts[item, default: 0] += 1 }
        var shared = 0
        for item in b where (counts[item] ?? 0) > 0 {
            counts[item]! -= 1
            shared += 1
        }
        return Double(2 * shared) / Double(a.count + b.count)
    }
}
