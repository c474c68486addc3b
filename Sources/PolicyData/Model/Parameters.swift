import Domain

/// Every numeric or categorical condition of the documents, each citing its clause and
/// quoting the words it implements. The engine reads these; it hard-codes none of them.
public struct PolicyParameters: Sendable, Codable, Hashable {
    public var skillToTitle: [SkillToTitleRule]
    public var deferredTitleLevels: [DeferredRule]
    public var annualAssessment: [AnnualAssessmentRule]
    public var continuingEducation: [ContinuingEducationRule]
    public var titleToSkill: [TitleToSkillRule]
    public var cumulativeWorkYears: [CumulativeWorkYearsRule]
    public var promotion: [PromotionRule]
    public var theoryExamExemption: [CitedProvision]
    public var directSkillEvaluation: [CitedProvision]
    public var skillSchoolEquivalence: [SkillSchoolEquivalence]
    public var publicInstitutionStaff: [CitedProvision]
    public var accessTypeOccupations: [AccessTypeOccupation]
    public var unlistedOccupations: [CitedProvision]
    public var routing: [RoutingProvision]
    /// The title levels a committee table serves, and where the other levels go.
    public var committeeLevels: [CommitteeLevels]
    /// What a recognition (认定) rests on, where a document says so.
    public var recognitionEvidence: [CitedProvision]
    /// The steps of an application (procedures.yaml, decoded apart and set here).
    public var procedures: [Procedure] = []
    /// The role that takes each actor's steps (procedures.yaml `actors`).
    public var actorRoles: [ActorRole] = []
    /// Who confirms a fact an evaluation could not settle (procedures.yaml `confirmers`).
    public var confirmers: [Confirmer] = []
    /// The calls for question-bank projects (question-bank/calls.yaml).
    public var questionBankCalls: [QuestionBankCall] = []
    /// The casework's case types, every version (casework/*.yaml, listed in tables.yaml).
    public var caseTypes: [CaseType] = []

    enum CodingKeys: String, CodingKey {
        case skillToTitle, deferredTitleLevels, annualAssessment, continuingEducation, titleToSkill, cumulativeWorkYears
        case promotion, theoryExamExemption, directSkillEvaluation, skillSchoolEquivalence, publicInstitutionStaff
        case accessTypeOccupations, unlistedOccupations, routing, committeeLevels, recognitionEvidence
    }
}

/// A committee table that names committees for some title levels only (衢州 附件3 lists
/// "…中级职务评审委员会"): the option's committee at those levels; at the others, the
/// document's own word on where to apply.
public struct CommitteeLevels: Sendable, Codable, Hashable {
    public let document: String
    /// The table (an attachment clause) whose committees these are.
    public let table: String
    public let titleLevels: [TitleLevel]
    /// Why these levels: what the table's rows say.
    public let reason: String
    public let quote: String
    /// Where the document sends the other levels, and its words.
    public let otherLevelsClause: String
    public let otherLevelsQuote: String
}

extension PolicyParameters {
    /// The same parameters, keeping only the entries of the given documents.
    public func restricted(to documents: Set<String>) -> PolicyParameters {
        PolicyParameters(
            skillToTitle: skillToTitle.filter { documents.contains($0.document) },
            deferredTitleLevels: deferredTitleLevels.filter { documents.contains($0.document) },
            annualAssessment: annualAssessment.filter { documents.contains($0.document) },
            continuingEducation: continuingEducation.filter { documents.contains($0.document) },
            titleToSkill: titleToSkill.filter { documents.contains($0.document) },
            cumulativeWorkYears: cumulativeWorkYears.filter { documents.contains($0.document) },
            promotion: promotion.filter { documents.contains($0.document) },
            theoryExamExemption: theoryExamExemption.filter { documents.contains($0.document) },
            directSkillEvaluation: directSkillEvaluation.filter { documents.contains($0.document) },
            skillSchoolEquivalence: skillSchoolEquivalence.filter { documents.contains($0.document) },
            publicInstitutionStaff: publicInstitutionStaff.filter { documents.contains($0.document) },
            accessTypeOccupations: accessTypeOccupations.filter { documents.contains($0.document) },
            unlistedOccupations: unlistedOccupations.filter { documents.contains($0.document) },
            routing: routing.filter { documents.contains($0.document) },
            committeeLevels: committeeLevels.filter { documents.contains($0.document) },
            recognitionEvidence: recognitionEvidence.filter { documents.contains($0.document) },
            procedures: procedures.filter { documents.contains($0.document) }, actorRoles: actorRoles, confirmers: confirmers)
    }

    static let empty = PolicyParameters(
        skillToTitle: [], deferredTitleLevels: [], annualAssessment: [], continuingEducation: [], titleToSkill: [],
        cumulativeWorkYears: [], promotion: [], theoryExamExemption: [], directSkillEvaluation: [],
        skillSchoolEquivalence: [], publicInstitutionStaff: [], accessTypeOccupations: [], unlistedOccupations: [], routing: [],
        committeeLevels: [], recognitionEvidence: [], procedures: [], actorRoles: [])

    /// These entries followed by another folder's (an extra data folder adds a city's rules).
    func adding(_ other: PolicyParameters) -> PolicyParameters {
        PolicyParameters(
            skillToTitle: skillToTitle + other.skillToTitle, deferredTitleLevels: deferredTitleLevels + other.deferredTitleLevels,
            annualAssessment: annualAssessment + other.annualAssessment, continuingEducation: continuingEducation + other.continuingEducation,
            titleToSkill: titleToSkill + other.titleToSkill, cumulativeWorkYears: cumulativeWorkYears + other.cumulativeWorkYears,
            promotion: promotion + other.promotion, theoryExamExemption: theoryExamExemption + other.theoryExamExemption,
            directSkillEvaluation: directSkillEvaluation + other.directSkillEvaluation,
            skillSchoolEquivalence: skillSchoolEquivalence + other.skillSchoolEquivalence,
            publicInstitutionStaff: publicInstitutionStaff + other.publicInstitutionStaff,
            accessTypeOccupations: accessTypeOccupations + other.accessTypeOccupations,
            unlistedOccupations: unlistedOccupations + other.unlistedOccupations, routing: routing + other.routing,
            committeeLevels: committeeLevels + other.committeeLevels, recognitionEvidence: recognitionEvidence + other.recognitionEvidence,
            procedures: procedures + other.procedures, actorRoles: actorRoles + other.actorRoles, confirmers: confirmers + other.confirmers)
    }
}

/// Where an application goes: a named committee, or the path the document describes.
public struct RoutingProvision: Sendable, Codable, Hashable {
    public enum Direction: String, Sendable, Codable {
        case title
        case skill
    }

    public let document: String
    public let clause: String
    public let direction: Direction
    /// The levels it concerns; all when nil.
    public let titleLevels: [TitleLevel]?
    public let skillLevels: [SkillLevel]?
    public let committee: String?
    public let host: String?
    /// For these levels the document's provider table is the route (绍兴 二（三）1).
    public let providersListed: Bool?
    public let quote: String
}

/// A provision cited as a whole (the quote says what it allows).
public struct CitedProvision: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let quote: String
}

/// 取得某技能等级后从事技术技能工作满N年，可申报相应系列某级职称.
public struct SkillToTitleRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let skillLevels: [SkillLevel]
    public let titleLevel: TitleLevel
    /// Years of technical-skill work after the certificate; nil when the clause sets none.
    public var waitingYears: Int?
    /// "目前仍在与申报职业工作相关的技术技能领域工作".
    public let requiresRelatedSkillWork: Bool
    public let quote: String
}

/// A title level whose route the document leaves to a later notice or another body.
public struct DeferredRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let titleLevel: TitleLevel
    public let quote: String
}

/// 近N年年度考核合格.
public struct AnnualAssessmentRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let years: Int
    public let quote: String
}

/// Yearly continuing-education hours (继续教育学时).
public struct ContinuingEducationRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    /// The hours by the year the skill certificate was obtained; one band when the
    /// threshold does not depend on it.
    public var bands: [Band]
    public let publicHours: Int?
    public let professionalHours: Int?
    /// Skill training hours count as continuing education.
    public let skillTrainingCounts: Bool
    public let quote: String
    public let skillTrainingQuote: String?

    public struct Band: Sendable, Codable, Hashable {
        public let certificateYearFrom: Int?
        public let certificateYearThrough: Int?
        public var totalHours: Int
    }
}

/// 取得某级职称，可申请参加相应职业（工种）某级技能评价.
public struct TitleToSkillRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let titleLevel: TitleLevel
    public let skillLevel: SkillLevel
    /// A skill level that must be held first (首席技师 after 特级技师).
    public let requiresSkillLevel: SkillLevel?
    /// "累计工作年限达到申报条件": the years come from the occupation's national standard.
    public let workYearsPerNationalStandard: Bool
    public let quote: String
    /// A rule for some series only (绍兴 64号 二（二）: engineering titles).
    public let titleSeries: TitleSeriesScope?
}

/// The titles a rule covers: a series or specialty naming `contains` (工程), described as the
/// document words it (助理工程师、工程师、高级工程师).
public struct TitleSeriesScope: Sendable, Codable, Hashable {
    public let contains: String
    public let text: String
}

/// 绍兴: the cumulative years in the occupation for a title holder, with education alternatives.
public struct CumulativeWorkYearsRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let skillLevel: SkillLevel
    public let alternatives: [Alternative]
    public let quote: String

    public struct Alternative: Sendable, Codable, Hashable {
        public let years: Int
        /// The least education, with a related (本专业或相关专业) diploma; nil for none.
        public let minimumEducation: String?
        /// For "大专本专业" the education must be exactly this level, not higher.
        public let exactEducation: Bool
    }
}

/// 取得职业资格或职业技能等级N年后，可按累计工作年限申报晋级评价.
public struct PromotionRule: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let years: Int
    public let quote: String
}

/// 技工院校中级工班、高级工班、预备技师（技师）班 ≈ 中专、大专、本科.
public struct SkillSchoolEquivalence: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    /// What the equivalence is for (职业资格考试报名, 职称申报评审).
    public let purpose: String
    public let equivalents: [Pair]
    public let quote: String

    public struct Pair: Sendable, Codable, Hashable {
        public let schoolClass: String
        public let education: String
    }
}

/// 河北: an access-type (准入类) occupation and the departments that assess it.
public struct AccessTypeOccupation: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let occupation: String
    /// The name as the clause prints it (with its bracketed scope, if any).
    public let printedName: String
    public let departments: [String]
    public let quote: String
}
