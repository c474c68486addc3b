import PolicyData

/// Finds occupations as people type them: a name or part of one, an old name, a national
/// code, or pinyin initials ("cg" → 车工). Built once; a query scans about a thousand
/// prepared entries.
public struct OccupationSearch: Sendable {
    public struct Hit: Sendable, Encodable, Hashable {
        public let name: String
        public let code: String?
        /// name, alias, code, pinyin or similar
        public let matchedBy: String
        /// The alias that matched, when one did.
        public let alias: String?
    }

    private struct Entry: Sendable {
        let name: String
        let key: String
        let code: String?
        let aliases: [(alias: String, key: String, prepared: NameSimilarity.Prepared)]
        /// For each character, the initials of its readings (lowercase ASCII).
        let initials: [[UInt8]]
        let prepared: NameSimilarity.Prepared
    }

    private let entries: [Entry]

    public init(base: PolicyBase) {
        let aliases = Dictionary(grouping: base.aliases, by: \.occupation)
        entries = base.occupations.map { occupation in
            Entry(
                name: occupation.name, key: NameKey.normalize(occupation.name), code: occupation.code,
                aliases: (aliases[occupation.name] ?? []).map { ($0.alias, NameKey.normalize($0.alias), NameSimilarity.Prepared(NameKey.normalize($0.alias))) },
                initials: occupation.name.map { character in base.pinyinInitials[character].map { Array($0.utf8) } ?? [] },
                prepared: NameSimilarity.Prepared(NameKey.normalize(occupation.name)))
        }
    }

    /// Ranked hits: exact matches first, then names starting with the query, pinyin
    /// initials, names containing it, and at last names that merely look alike.
    public func search(_ query: String, limit: Int = 10) -> [Hit] {
        let trimmed = query.trimmingWhitespace
        guard !trimmed.isEmpty, limit > 0 else { return [] }
        let key = NameKey.normalize(trimmed)
        let prepared = NameSimilarity.Prepared(key)
        let letters = Array(key.lowercased().utf8)
        let isInitials = !letters.isEmpty && letters.allSatisfy { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        var scored: [(score: Int, hit: Hit)] = []
        for entry in entries {
            if let code = entry.code, code.hasPrefix(trimmed), trimmed.first?.isNumber == true {
                scored.append((code == trimmed ? 1000 : 700, Hit(name: entry.name, code: code, matchedBy: "code", alias: nil)))
                continue
            }
            if entry.key == key {
                scored.append((1000, Hit(name: entry.name, code: entry.code, matchedBy: "name", alias: nil)))
                continue
            }
            if let alias = entry.aliases.first(where: { $0.key == key }) {
                scored.append((950, Hit(name: entry.name, code: entry.code, matchedBy: "alias", alias: alias.alias)))
                continue
            }
            if entry.key.hasPrefix(key) {
                scored.append((800 - entry.key.count, Hit(name: entry.name, code: entry.code, matchedBy: "name", alias: nil)))
                continue
            }
            if isInitials, let position = Self.initialsMatch(letters, entry.initials) {
                let score = (position == 0 ? 750 : 500) - entry.initials.count
                scored.append((score, Hit(name: entry.name, code: entry.code, matchedBy: "pinyin", alias: nil)))
                continue
            }
            if NameSimilarity.contains(entry.prepared, prepared) {
                scored.append((600 - entry.key.count, Hit(name: entry.name, code: entry.code, matchedBy: "name", alias: nil)))
                continue
            }
            if let alias = entry.aliases.first(where: { NameSimilarity.contains($0.prepared, prepared) }) {
                scored.append((550 - alias.key.count, Hit(name: entry.name, code: entry.code, matchedBy: "alias", alias: alias.alias)))
            }
        }
        if scored.count < limit && !isInitials {
            let found = Set(scored.map(\.hit.name))
            for (rank, name) in closest(key).enumerated() where !found.contains(name) {
                let entry = entries.first { $0.name == name }
                scored.append((100 - rank, Hit(name: name, code: entry?.code, matchedBy: "similar", alias: nil)))
            }
        }
        return scored.sorted { $0.score != $1.score ? $0.score > $1.score : $0.hit.name < $1.hit.name }.prefix(limit).map(\.hit)
    }

    /// Where the letters match the initials of consecutive characters, the first such position.
    static func initialsMatch(_ letters: [UInt8], _ initials: [[UInt8]]) -> Int? {
        guard letters.count <= initials.count else { return nil }
        for start in 0...(initials.count - letters.count) {
            var matches = true
            for (offset, letter) in letters.enumerated() where !initials[start + offset].contains(letter) {
                matches = false
                break
            }
            if matches { return start }
        }
        return nil
    }

    private func closest(_ key: String) -> [String] {
        let target = NameSimilarity.Prepared(key)
        var scored: [(name: String, score: Double)] = []
        for entry in entries {
            let score = NameSimilarity.score(target, entry.prepared)
            if score >= 0.3 { scored.append((entry.name, score)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.name < $1.name }
        return scored.prefix(5).map(\.name)
    }
}
