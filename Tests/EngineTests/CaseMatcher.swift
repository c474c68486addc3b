import Engine
import Testing

/// Compares a case's expectations with an evaluation result encoded as JSON.
enum CaseMatcher {
    struct Mismatch: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func check(_ expect: [String: JSONValue], against actual: JSONValue) throws {
        guard case .object(let result) = actual else { throw Mismatch("result is not an object") }
        for (key, value) in expect.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "titleOptions", "skillOptions":
                let options = list(result[key])
                for wanted in list(value) {
                    let ok = options.contains { matches(wanted, $0) }
                    #expect(ok, "no \(key) entry matches \(render(wanted)); the result has: \(options.map(summary).joined(separator: " | "))")
                }
            case "noTitleOptions", "noSkillOptions":
                // "Must not offer" holds only of a result that has the list at all.
                let listKey = key == "noTitleOptions" ? "titleOptions" : "skillOptions"
                guard case .array? = result[listKey] else {
                    Issue.record("\(key): the result has no \(listKey) list to check")
                    continue
                }
                let options = list(result[listKey])
                for unwanted in list(value) {
                    let found = options.filter { matches(unwanted, $0) }
                    #expect(found.isEmpty, "\(key): unexpected \(found.map(summary).joined(separator: " | "))")
                }
            case "titleOptionsOnce", "skillOptionsOnce":
                let options = list(result[key == "titleOptionsOnce" ? "titleOptions" : "skillOptions"])
                for wanted in list(value) {
                    let count = options.filter { matches(wanted, $0) }.count
                    #expect(count == 1, "\(key): \(count) entries match \(render(wanted)); the result has: \(options.map(summary).joined(separator: " | "))")
                }
            case "optionsNowhereSay":
                // Words that no option may say: in its series, notes, conditions or citations.
                let options = list(result["titleOptions"]) + list(result["skillOptions"])
                let text = options.map(render).joined(separator: "\n")
                for words in strings(value) { #expect(!text.contains(words), "an option says «\(words)»") }
            case "warningsContain":
                let warnings = strings(result["warnings"])
                for text in strings(value) {
                    #expect(warnings.contains { $0.contains(text) }, "no warning contains «\(text)»; warnings: \(warnings)")
                }
            case "policies":
                let ids = Set(list(result["policies"]).compactMap { option -> String? in
                    if case .object(let p) = option, case .string(let id)? = p["id"] { return id }
                    return nil
                })
                #expect(ids == Set(strings(value)), "policies \(ids.sorted()) ≠ \(strings(value).sorted())")
            default:
                Issue.record("unknown expectation key \(key)")
            }
        }
    }

    static func list(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    static func strings(_ value: JSONValue?) -> [String] {
        list(value).compactMap { if case .string(let text) = $0 { return text } else { return nil } }
    }

    /// Every field the case gives must hold in the option; lists of conditions, notes and
    /// providers are matched as "contains".
    static func matches(_ wanted: JSONValue, _ option: JSONValue) -> Bool {
        guard case .object(let want) = wanted, case .object(let have) = option else { return false }
        for (key, value) in want {
            switch key {
            case "conditions":
                let conditions = list(have["conditions"])
                for condition in list(value) {
                    guard conditions.contains(where: { conditionMatches(condition, $0) }) else { return false }
                }
            case "committee":
                if value == .null {
                    if have["committee"] != .null { return false }
                } else {
                    guard case .object(let committee)? = have["committee"], committee["name"] == value else { return false }
                }
            case "notesContain":
                let notes = strings(have["notes"])
                for text in strings(value) where !notes.contains(where: { $0.contains(text) }) { return false }
            case "providersContain":
                let names = list(have["providers"]).compactMap { provider -> String? in
                    if case .object(let p) = provider, case .string(let name)? = p["name"] { return name }
                    return nil
                }
                for name in strings(value) where !names.contains(name) { return false }
            case "procedures":
                // Each "document clause" named must be one of the option's procedures.
                let have = list(have["procedures"]).compactMap { procedure -> String? in
                    guard case .object(let p) = procedure, case .string(let policy)? = p["policy"], case .string(let clause)? = p["clause"] else { return nil }
                    return "\(policy) \(clause)"
                }
                for wanted in strings(value) where !have.contains(wanted) { return false }
            case "basis":
                guard case .object(let basisWanted) = value, case .object(let basisHave)? = have["basis"] else { return false }
                for (k, v) in basisWanted where basisHave[k] != v { return false }
            default:
                if (have[key] ?? .null) != value { return false }
            }
        }
        return true
    }

    static func conditionMatches(_ wanted: JSONValue, _ condition: JSONValue) -> Bool {
        guard case .object(let want) = wanted, case .object(let have) = condition else { return false }
        var citation: [String: JSONValue] = [:]
        if case .object(let c)? = have["citation"] { citation = c }
        for (key, value) in want {
            switch key {
            case "policy", "clause", "quote": if citation[key] != value { return false }
            case "textContains":
                guard case .string(let words) = value, case .string(let text)? = have["text"], text.contains(words) else { return false }
            default: if have[key] != value { return false }
            }
        }
        return true
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let n): return "\(n)"
        case .string(let s): return s
        case .array(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.sorted { $0.key < $1.key }.map { "\($0.key): \(render($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func summary(_ option: JSONValue) -> String {
        guard case .object(let o) = option else { return "?" }
        let conditions = list(o["conditions"]).compactMap { c -> String? in
            guard case .object(let cc) = c, case .string(let id)? = cc["id"], case .string(let st)? = cc["status"] else { return nil }
            return "\(id)=\(st)"
        }
        return ["series", "occupation", "level", "route", "status", "earliestDate"].compactMap { k in o[k].map { "\(k)=\(render($0))" } }.joined(separator: " ")
            + " [" + conditions.joined(separator: ",") + "]"
    }
}
