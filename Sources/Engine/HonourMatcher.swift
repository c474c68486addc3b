import PolicyData

/// Matches honour names as people write them: quotes of any kind, a bare 省 prefix,
/// 获得者/选手/称号/人员 endings, and the many ways of writing the 百千万 tiers.
struct HonourMatcher: Sendable {
    /// Keys per scope ("*" for national honours) → honour id.
    private let ids: [String: [String: String]]
    /// The names exactly as the documents write them, looked up before any normalising.
    private let exact: [String: [String: String]]

    init(_ catalog: HonourCatalog) {
        var ids: [String: [String: String]] = [:]
        var exact: [String: [String: String]] = [:]
        for honour in catalog.honours {
            for name in [honour.name] + honour.variants {
                ids[honour.scope ?? "*", default: [:]][Self.key(name)] = honour.id
                exact[honour.scope ?? "*", default: [:]][name] = honour.id
            }
        }
        self.ids = ids
        self.exact = exact
    }

    /// The honour id meant by `name` in a jurisdiction chain (nearest scope first), or nil.
    func match(_ name: String, scopes: [String]) -> String? {
        if let id = lookup(exact, name, scopes) { return id }
        return lookup(ids, Self.key(name), scopes)
    }

    private func lookup(_ table: [String: [String: String]], _ key: String, _ scopes: [String]) -> String? {
        for scope in scopes {
            if let id = table[scope]?[key] { return id }
        }
        return table["*"]?[key]
    }

    static func key(_ text: String) -> String {
        var key = NameKey.normalize(text)
        for noise in ["《", "》", "〈", "〉", "“", "”", "\""] { key = key.replacingOccurrences(of: noise, with: "") }
        if key.contains("百千万") {
            for tier in ["杰出技能人才", "拔尖技能人才", "优秀技能人才"] where key.contains(tier) {
                return "百千万" + tier
            }
        }
        // A province's name stays: 河北省技术能手 must not match 浙江省技术能手. The bare 省
        // ("省技术能手") stays too: a name without any level ("技术能手") could be the national
        // or the provincial honour, and is not taken for either.
        for prefix in ["获得"] where key.hasPrefix(prefix) && key.count > prefix.count + 2 {
            key = String(key.dropFirst(prefix.count))
        }
        for suffix in ["获得者", "选手", "称号", "的人员", "人员", "的高技能人才", "高技能人才"] where key.hasSuffix(suffix) && key.count > suffix.count + 2 {
            key = String(key.dropLast(suffix.count))
        }
        return key
    }
}
