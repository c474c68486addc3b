import Domain

/// The answer to an evaluation, shaped exactly as the contract's EvaluationResult.
public struct EvaluationResult: Sendable, Encodable {
    public struct JurisdictionRef: Sendable, Encodable, Hashable {
        public let code: String
        public let name: String
    }

    public struct PolicyRef: Sendable, Encodable, Hashable {
        public let id: String
        public let number: String?
        public let title: String
        public let effectiveFrom: CalendarDate?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            try c.encode(number, forKey: .number)
            try c.encode(title, forKey: .title)
            try c.encode(effectiveFrom, forKey: .effectiveFrom)
        }

        enum Keys: String, CodingKey { case id, number, title, effectiveFrom }
    }

    public let jurisdiction: JurisdictionRef
    public let asOf: CalendarDate
    public let policies: [PolicyRef]
    public let titleOptions: [TitleOption]
    public let skillOptions: [SkillOption]
    public let warnings: [String]
}

public enum Route: String, Sendable, Encodable, Hashable {
    case regular
    case directApply = "direct_apply"
    case directRecognition = "direct_recognition"
    case titleCrossover = "title_crossover"
    case promotion
}

public enum OptionStatus: String, Sendable, Encodable, Hashable {
    case eligible
    case notYet = "not_yet"
    case ineligible
    case undetermined
}

public enum ConditionStatus: String, Sendable, Encodable, Hashable {
    case met
    case unmet
    case unknown
}

public struct Citation: Sendable, Encodable, Hashable {
    public let policy: String
    public let clause: String
    public let quote: String
}

public struct Condition: Sendable, Encodable, Hashable {
    public let id: String
    public let text: String
    public let status: ConditionStatus
    public let citation: Citation
    /// For a waiting time: the day it is (or was) met.
    public let metOn: CalendarDate?
    /// Unmet only because time has not passed.
    let curedByTime: Bool

    init(id: String, text: String, status: ConditionStatus, citation: Citation, metOn: CalendarDate? = nil, curedByTime: Bool = false) {
        self.id = id
        self.text = text
        self.status = status
        self.citation = citation
        self.metOn = metOn
        self.curedByTime = curedByTime
    }

    enum Keys: String, CodingKey { case id, text, status, citation, metOn }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encode(status, forKey: .status)
        try c.encode(citation, forKey: .citation)
        try c.encodeIfPresent(metOn, forKey: .metOn)
    }
}

/// What an option rests on: a skill certificate, an honour or a title.
public struct Basis: Sendable, Encodable, Hashable {
    public enum Kind: String, Sendable, Encodable { case skill, honor, title, none }
    public let kind: Kind
    public let occupation: String?
    public let series: String?
    public let level: String?
    public let name: String?

    static func skill(_ occupation: String?, _ level: SkillLevel) -> Basis {
        Basis(kind: .skill, occupation: occupation, series: nil, level: level.name, name: nil)
    }

    static func honour(_ name: String) -> Basis {
        Basis(kind: .honor, occupation: nil, series: nil, level: nil, name: name)
    }

    static func title(_ series: String?, _ level: TitleLevel) -> Basis {
        Basis(kind: .title, occupation: nil, series: series, level: level.name, name: nil)
    }

    enum Keys: String, CodingKey { case kind, occupation, series, level, name }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(occupation, forKey: .occupation)
        try c.encodeIfPresent(series, forKey: .series)
        try c.encodeIfPresent(level, forKey: .level)
        try c.encodeIfPresent(name, forKey: .name)
    }
}

public struct CommitteeRef: Sendable, Encodable, Hashable {
    public let name: String
    public let host: String?
    public let phone: String?

    enum Keys: String, CodingKey { case name, host, phone }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(host, forKey: .host)
        try c.encode(phone, forKey: .phone)
    }
}

public struct ProviderRef: Sendable, Encodable, Hashable {
    public let name: String
    public let contact: String?
    public let levels: [String]
    public let workType: String?

    enum Keys: String, CodingKey { case name, contact, levels, workType }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(name, forKey: .name)
        try c.encode(contact, forKey: .contact)
        try c.encode(levels, forKey: .levels)
        try c.encodeIfPresent(workType, forKey: .workType)
    }
}

public struct TitleOption: Sendable, Encodable, Hashable {
    public let series: String?
    public let specialty: String?
    public let level: TitleLevel
    public let route: Route
    public let status: OptionStatus
    public let earliestDate: CalendarDate?
    public let basis: Basis
    public let conditions: [Condition]
    public let committee: CommitteeRef?
    public let notes: [String]

    enum Keys: String, CodingKey { case series, specialty, level, route, status, earliestDate, basis, conditions, committee, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(series, forKey: .series)
        try c.encodeIfPresent(specialty, forKey: .specialty)
        try c.encode(level, forKey: .level)
        try c.encode(route, forKey: .route)
        try c.encode(status, forKey: .status)
        try c.encode(earliestDate, forKey: .earliestDate)
        try c.encode(basis, forKey: .basis)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(committee, forKey: .committee)
        try c.encode(notes, forKey: .notes)
    }
}

public struct SkillOption: Sendable, Encodable, Hashable {
    public let occupation: String?
    public let level: SkillLevel
    public let route: Route
    public let status: OptionStatus
    public let earliestDate: CalendarDate?
    public let basis: Basis
    public let conditions: [Condition]
    public let exemptions: [String]
    public let providers: [ProviderRef]
    public let notes: [String]

    enum Keys: String, CodingKey { case occupation, level, route, status, earliestDate, basis, conditions, exemptions, providers, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(occupation, forKey: .occupation)
        try c.encode(level, forKey: .level)
        try c.encode(route, forKey: .route)
        try c.encode(status, forKey: .status)
        try c.encode(earliestDate, forKey: .earliestDate)
        try c.encode(basis, forKey: .basis)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(exemptions, forKey: .exemptions)
        try c.encode(providers, forKey: .providers)
        try c.encode(notes, forKey: .notes)
    }
}

/// Combines condition statuses as the contract says: a failure time does not cure →
/// ineligible; else a waiting time → not_yet (earliest = the last waiting date); else
/// anything unknown → undetermined; else eligible. Unmet beats unknown.
func combine(_ conditions: [Condition], extraUnknown: Bool = false) -> (OptionStatus, CalendarDate?) {
    if conditions.contains(where: { $0.status == .unmet && !$0.curedByTime }) { return (.ineligible, nil) }
    let waiting = conditions.filter { $0.status == .unmet && $0.curedByTime }
    if !waiting.isEmpty { return (.notYet, waiting.compactMap(\.metOn).max()) }
    if extraUnknown || conditions.contains(where: { $0.status == .unknown }) { return (.undetermined, nil) }
    return (.eligible, nil)
}
