import PolicyData

/// A fact the evaluation at submission could not settle, for one role to confirm before its
/// step is done (an `undetermined` option may be submitted on that understanding).
public struct Confirmation: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable { case open, met, notMet = "not_met" }

    public let id: Int
    /// The condition's id and words, and where they come from.
    public let condition: String
    public let text: String
    public let source: String
    public let role: Role
    /// Why this role confirms it (the data's note: the documents do not assign it).
    public let why: String
    public internal(set) var status: Status
    public internal(set) var note: String

    public init(id: Int, condition: String, text: String, source: String, role: Role, why: String, status: Status = .open, note: String = "") {
        self.id = id
        self.condition = condition
        self.text = text
        self.source = source
        self.role = role
        self.why = why
        self.status = status
        self.note = note
    }
}

/// Gives each unknown condition to the role that confirms it: the first of the data's roles
/// for the condition's field that takes a step of this application, else the committee.
public struct ConfirmationAssigner: Sendable {
    public struct Unknown: Sendable, Hashable {
        public let id: String
        public let text: String
        public let source: String
        public let settledBy: [String]

        public init(id: String, text: String, source: String, settledBy: [String]) {
            self.id = id
            self.text = text
            self.source = source
            self.settledBy = settledBy
        }
    }

    let confirmers: [Confirmer]

    public init(confirmers: [Confirmer]) {
        self.confirmers = confirmers
    }

    /// `fallback`: who confirms what no step's role can (the committee; in a skill evaluation, the provider).
    public func assign(_ unknowns: [Unknown], stepRoles: Set<Role>, fallback: Role = .committeeOffice) -> [Confirmation] {
        var seen = Set<String>()
        var items: [Confirmation] = []
        for unknown in unknowns where seen.insert(unknown.id + "|" + unknown.text).inserted {
            let field = unknown.settledBy.first ?? "*"
            let entry = confirmers.first { Self.field(field, isUnder: $0.field) } ?? confirmers.first { $0.field == "*" }
            let roles = (entry?.roles ?? []).compactMap(Role.init(rawValue:))
            let role = roles.first { stepRoles.contains($0) || $0 == fallback } ?? fallback
            items.append(Confirmation(id: items.count + 1, condition: unknown.id, text: unknown.text, source: unknown.source, role: role,
                                      why: entry?.note ?? "文件未规定由谁确认，由评审委员会确认"))
        }
        return items
    }

    /// `person.skills[0].obtainedOn` is under `person.skills`; `*` is matched only as the fallback.
    static func field(_ path: String, isUnder prefix: String) -> Bool {
        guard prefix != "*" else { return false }
        guard path.hasPrefix(prefix) else { return false }
        let rest = path.dropFirst(prefix.count)
        return rest.isEmpty || rest.hasPrefix("[") || rest.hasPrefix(".")
    }
}
