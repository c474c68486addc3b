import Domain

/// One process of the casework as data (casework/*.yaml, listed in tables.yaml): its stages,
/// the events that move between them and who may take each, the materials it asks for, its
/// results, and what a plan or call may set against what the documents fix — each with the
/// clause it rests on, or a note where the documents are silent. Versioned with validity
/// dates: a case keeps the version it was opened under.
public struct CaseType: Sendable, Codable, Hashable {
    /// Where an entry comes from: a clause (quoted word for word where `quote` is given), or,
    /// where the documents say nothing, a note saying so and what the casework does instead.
    public struct Basis: Sendable, Codable, Hashable {
        public let document: String?
        public let clause: String?
        public let quote: String?
        public let note: String?
    }

    public struct Stage: Sendable, Codable, Hashable {
        /// As stored and sent (`stage` in the API).
        public let code: String
        public let label: String
        /// No event leaves it: the case is over.
        public let ends: Bool?
        public let basis: Basis

        public var isFinal: Bool { ends ?? false }
    }

    /// Who may take an event, as the kernel resolves it against the case.
    public enum Party: String, Sendable, Codable, Hashable, CaseIterable {
        /// The applicant of the case (for a question-bank project: the applying unit).
        case applicant
        /// The role (and organisation) whose turn it is now.
        case due
        /// Anyone, signed in or not (an objection during 公示).
        case anyone
        /// The role an open confirmation item is assigned to, while its turn.
        case confirmer
        /// Whoever enters the deciding body's outcome: the office whose turn it is, or where
        /// the vote only recommended, the city HR bureau as well.
        case decider
        /// The HR bureaus a certificate is reported to.
        case hrBureau = "hr_bureau"
    }

    public struct Event: Sendable, Codable, Hashable {
        /// As stored in the audit trail.
        public let code: String
        public let label: String
        public let from: [String]
        /// The stages it may lead to; empty: the stage stays.
        public let to: [String]
        public let by: Party
        /// The action code pages and the API offer for it; nil where it is taken elsewhere
        /// (an objection on the public page, a report with the centre's summary).
        public let action: String?
        /// A condition of the case the process names (`recommendation`): the event exists only then.
        public let when: String?
        public let basis: Basis
    }

    /// A material (材料) the case asks for.
    public struct Material: Sendable, Codable, Hashable {
        public let label: String
        public let required: Bool
        public let basis: Basis
    }

    public struct Outcome: Sendable, Codable, Hashable {
        public let code: String
        public let label: String
        public let basis: Basis
    }

    /// A setting of the case type: what a plan, call or batch may set, or what a document fixes.
    public struct Setting: Sendable, Codable, Hashable {
        public let name: String
        /// Who sets it (评审计划, 征集通知, 考核批次); nil for what a document fixes.
        public let setBy: String?
        public let basis: Basis
    }

    public let id: String
    public let name: String
    public let version: Int
    public let validFrom: String
    /// Nil: still in force.
    public let validTo: String?
    /// What the kind of case covers (per jurisdiction and level, per route).
    public let scope: String
    public let stages: [Stage]
    public let events: [Event]
    public let materials: [Material]
    public let outcomes: [Outcome]
    public let configurable: [Setting]
    public let fixed: [Setting]

    public func stage(_ code: String) -> Stage? { stages.first { $0.code == code } }
    public func event(_ code: String) -> Event? { events.first { $0.code == code } }
    public func events(at stage: String) -> [Event] { events.filter { $0.from.contains(stage) } }

    /// Whether it is in force on the day.
    public func isValid(on day: CalendarDate) -> Bool {
        guard let from = CalendarDate(iso: validFrom), from <= day else { return false }
        return validTo.flatMap(CalendarDate.init(iso:)).map { day <= $0 } ?? true
    }
}

extension Array where Element == CaseType {
    /// The version of a case type a case was opened under.
    public func caseType(_ id: String, version: Int) -> CaseType? {
        first { $0.id == id && $0.version == version }
    }

    /// The version in force on the day (the latest, where validity overlaps).
    public func caseType(_ id: String, on day: CalendarDate) -> CaseType? {
        filter { $0.id == id && $0.isValid(on: day) }.max { $0.version < $1.version }
    }
}
