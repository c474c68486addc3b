import Domain

/// The answer to an evaluation, shaped exactly as the contract's EvaluationResult.
public struct EvaluationResult: Sendable {
    public struct JurisdictionRef: Sendable, Hashable {
        public let code: String
        public let name: String

        package init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public struct PolicyRef: Sendable, Hashable {
        public let id: String
        public let number: String?
        public let title: String
        public let effectiveFrom: CalendarDate?


        package init(id: String, number: String?, title: String, effectiveFrom: CalendarDate?) {
            self.id = id
            self.number = number
            self.title = title
            self.effectiveFrom = effectiveFrom
        }
    }

    public let jurisdiction: JurisdictionRef
    public let asOf: CalendarDate
    public let policies: [PolicyRef]
    public let titleOptions: [TitleOption]
    public let skillOptions: [SkillOption]
    public let warnings: [String]

    package init(jurisdiction: JurisdictionRef, asOf: CalendarDate, policies: [PolicyRef], titleOptions: [TitleOption], skillOptions: [SkillOption], warnings: [String]) {
        self.jurisdiction = jurisdiction
        self.asOf = asOf
        self.policies = policies
        self.titleOptions = titleOptions
        self.skillOptions = skillOptions
        self.warnings = warnings
    }
}

public enum Route: String, Sendable, Hashable, CaseIterable {
    case regular
    case directApply = "direct_apply"
    case directRecognition = "direct_recognition"
    case titleCrossover = "title_crossover"
    case promotion

    /// How pages, reports and the simulation name it.
    public var label: String {
        switch self {
        case .regular: "常规申报"
        case .directApply: "直接申报"
        case .directRecognition: "直接认定"
        case .titleCrossover: "职称人员参加技能评价"
        case .promotion: "技能等级晋级"
        }
    }
}

public enum OptionStatus: String, Sendable, Hashable, CaseIterable {
    case eligible
    case notYet = "not_yet"
    case ineligible
    case undetermined

    /// How pages, reports and the simulation name it.
    public var label: String {
        switch self {
        case .eligible: "可以申报"
        case .notYet: "尚需等待"
        case .ineligible: "暂不符合"
        case .undetermined: "有待确认"
        }
    }

    /// A recognition (认定) is not an application: its label says so.
    public func label(for route: Route) -> String {
        guard route == .directRecognition else { return label }
        switch self {
        case .eligible: return "可以申请认定"
        case .undetermined: return "认定有待确认"
        default: return label
        }
    }
}

public enum ConditionStatus: String, Sendable, Hashable {
    case met
    case unmet
    case unknown
}

/// The clause a condition comes from, with its words. A class: the rule book builds each
/// citation once and every result shares it.
public final class Citation: Sendable, Hashable {
    public let policy: String
    public let clause: String
    public let quote: String

    public init(policy: String, clause: String, quote: String) {
        self.policy = policy
        self.clause = clause
        self.quote = quote
    }

    public static func == (lhs: Citation, rhs: Citation) -> Bool {
        lhs.policy == rhs.policy && lhs.clause == rhs.clause && lhs.quote == rhs.quote
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(policy)
        hasher.combine(clause)
        hasher.combine(quote)
    }

}

/// A condition checked, with the clause it comes from. A class: options of one evaluation
/// share their conditions, so copying an option's list costs a reference each.
public final class Condition: Sendable, Hashable {
    public let id: String
    public let text: String
    public let status: ConditionStatus
    public let citation: Citation
    /// For a waiting time: the day it is (or was) met.
    public let metOn: CalendarDate?
    /// Unmet only because time has not passed.
    package let curedByTime: Bool
    /// For an unknown condition the person could settle: the request fields that would
    /// (`person.annualAssessments`, `person.titles[0].series`). Empty where others decide
    /// (a committee, the year's notice, a national standard).
    public let settledBy: [String]

    package init(id: String, text: String, status: ConditionStatus, citation: Citation, metOn: CalendarDate? = nil, curedByTime: Bool = false,
                 settledBy: [String] = []) {
        self.id = id
        self.text = text
        self.status = status
        self.citation = citation
        self.metOn = metOn
        self.settledBy = settledBy
        self.curedByTime = curedByTime
    }

    public static func == (lhs: Condition, rhs: Condition) -> Bool {
        lhs.id == rhs.id && lhs.text == rhs.text && lhs.status == rhs.status && lhs.citation == rhs.citation && lhs.metOn == rhs.metOn
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(text)
        hasher.combine(status)
        hasher.combine(citation)
    }

}

/// What an option rests on: a skill certificate, an honour or a title.
public final class Basis: Sendable, Hashable {
    public enum Kind: String, Sendable { case skill, honor, title, none }
    public let kind: Kind
    public let occupation: String?
    public let series: String?
    public let level: String?
    public let name: String?

    package init(kind: Kind, occupation: String?, series: String?, level: String?, name: String?) {
        self.kind = kind
        self.occupation = occupation
        self.series = series
        self.level = level
        self.name = name
    }

    public static func == (lhs: Basis, rhs: Basis) -> Bool {
        lhs.kind == rhs.kind && lhs.occupation == rhs.occupation && lhs.series == rhs.series && lhs.level == rhs.level && lhs.name == rhs.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(occupation)
        hasher.combine(level)
        hasher.combine(name)
    }

    package static func skill(_ occupation: String?, _ level: SkillLevel) -> Basis {
        Basis(kind: .skill, occupation: occupation, series: nil, level: level.name, name: nil)
    }

    package static func honour(_ name: String) -> Basis {
        Basis(kind: .honor, occupation: nil, series: nil, level: nil, name: name)
    }

    package static func title(_ series: String?, _ level: TitleLevel) -> Basis {
        Basis(kind: .title, occupation: nil, series: series, level: level.name, name: nil)
    }

}

public final class CommitteeRef: Sendable, Hashable {
    public let name: String
    public let host: String?
    public let phone: String?

    package init(name: String, host: String?, phone: String?) {
        self.name = name
        self.host = host
        self.phone = phone
    }

    public static func == (lhs: CommitteeRef, rhs: CommitteeRef) -> Bool {
        lhs.name == rhs.name && lhs.host == rhs.host && lhs.phone == rhs.phone
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

}

public final class ProviderRef: Sendable, Hashable {
    public let name: String
    public let contact: String?
    public let levels: [String]
    public let workType: String?

    package init(name: String, contact: String?, levels: [String], workType: String?) {
        self.name = name
        self.contact = contact
        self.levels = levels
        self.workType = workType
    }

    public static func == (lhs: ProviderRef, rhs: ProviderRef) -> Bool {
        lhs.name == rhs.name && lhs.contact == rhs.contact && lhs.levels == rhs.levels && lhs.workType == rhs.workType
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(workType)
    }

}

public struct TitleOption: Sendable, Hashable {
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
    /// The day the earliest document granting the option came into force: no option opens
    /// before it (kept for the batch, not part of the contract's JSON).
    public let grantedFrom: CalendarDate?
    /// How to apply (an addition to the contract's fields).
    public let procedures: [ProcedureRef]

    package init(series: String?, specialty: String?, level: TitleLevel, route: Route, status: OptionStatus, earliestDate: CalendarDate?, basis: Basis, conditions: [Condition], committee: CommitteeRef?, notes: [String], grantedFrom: CalendarDate?, procedures: [ProcedureRef]) {
        self.series = series
        self.specialty = specialty
        self.level = level
        self.route = route
        self.status = status
        self.earliestDate = earliestDate
        self.basis = basis
        self.conditions = conditions
        self.committee = committee
        self.notes = notes
        self.grantedFrom = grantedFrom
        self.procedures = procedures
    }
}

public struct SkillOption: Sendable, Hashable {
    public let occupation: String?
    public let level: SkillLevel
    public let route: Route
    public let status: OptionStatus
    public let earliestDate: CalendarDate?
    public let basis: Basis
    public let conditions: [Condition]
    public let exemptions: [String]
    /// Exemptions that hang on a fact not given ("若毕业专业相关，可免理论知识考试"): an
    /// addition to the contract's fields.
    public let possibleExemptions: [String]
    public let providers: [ProviderRef]
    public let notes: [String]
    /// As for `TitleOption.grantedFrom`.
    public let grantedFrom: CalendarDate?
    public let procedures: [ProcedureRef]

    package init(occupation: String?, level: SkillLevel, route: Route, status: OptionStatus, earliestDate: CalendarDate?, basis: Basis, conditions: [Condition], exemptions: [String], possibleExemptions: [String] = [], providers: [ProviderRef], notes: [String], grantedFrom: CalendarDate?, procedures: [ProcedureRef]) {
        self.occupation = occupation
        self.level = level
        self.route = route
        self.status = status
        self.earliestDate = earliestDate
        self.basis = basis
        self.conditions = conditions
        self.exemptions = exemptions
        self.possibleExemptions = possibleExemptions
        self.providers = providers
        self.notes = notes
        self.grantedFrom = grantedFrom
        self.procedures = procedures
    }
}

/// How to apply for an option: the steps a document prescribes, each with its actor and
/// citation, or the document's word that the year's notice sets them.
public final class ProcedureRef: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        public let actor: String
        public let act: String
        public let citation: Citation

        package init(actor: String, act: String, citation: Citation) {
            self.actor = actor
            self.act = act
            self.citation = citation
        }
    }

    public let policy: String
    public let clause: String
    /// `document` or `annual_notice`.
    public let definedBy: String
    public let appliesTo: String?
    /// For `annual_notice`: the words deferring the steps.
    public let deferral: Citation?
    public let steps: [Step]
    public let notes: [Citation]

    package init(policy: String, clause: String, definedBy: String, appliesTo: String?, deferral: Citation?, steps: [Step], notes: [Citation]) {
        self.policy = policy
        self.clause = clause
        self.definedBy = definedBy
        self.appliesTo = appliesTo
        self.deferral = deferral
        self.steps = steps
        self.notes = notes
    }

    public static func == (lhs: ProcedureRef, rhs: ProcedureRef) -> Bool {
        lhs === rhs || (lhs.policy == rhs.policy && lhs.clause == rhs.clause && lhs.steps == rhs.steps && lhs.appliesTo == rhs.appliesTo)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(policy)
        hasher.combine(clause)
    }
}
