import Domain

/// The steps the documents prescribe for an application, in order, each with the actor who
/// takes it and the words that say so. Where a document leaves the steps to the year's
/// notice, the procedure says that instead of inventing them.
public struct Procedure: Sendable, Codable, Hashable {
    public enum Direction: String, Sendable, Codable { case title, skill }
    public enum DefinedBy: String, Sendable, Codable {
        /// The document states the steps.
        case document
        /// The document leaves them to the year's notice or review plan (its words in `quote`,
        /// where it has some; a document that simply stops has none).
        case annualNotice = "annual_notice"
    }

    public let document: String
    public let clause: String
    public let direction: Direction
    /// The levels it is for (nil: every level of the direction).
    public let titleLevels: [TitleLevel]?
    public let skillLevels: [SkillLevel]?
    /// Whom it is for, where the document limits it (就业准入类职业, 自主评价企业的专业技术人才).
    public let appliesTo: String?
    /// For a skill procedure limited to one kind of provider (procedures.yaml `provider`).
    public let provider: ProviderKind?
    public let definedBy: DefinedBy
    /// For `annual_notice`: the document's words deferring the steps.
    public let quote: String?
    public let steps: [Step]
    /// Other words of the documents on how the step is taken (单独分组、单独评审).
    public let notes: [Note]?
    /// Settings of a year's review plan that the document fixes, so no plan may differ
    /// (河北 三（一）6 单独分组、单独评审). Where a document only permits a setting
    /// ("有条件的…可"), it is not here and the plan decides.
    public let planRequires: [PlanRequirement]?
    /// Where the document makes the committee's vote a recommendation to a higher body
    /// (绍兴 一（三）3 "评审推荐", 一（四） "推荐参评高级工程师"): who decides, and the words.
    public let recommendsTo: RecommendsTo?

    public struct RecommendsTo: Sendable, Codable, Hashable {
        public let decidedBy: String
        public let clause: String
        public let quote: String
    }

    public struct PlanRequirement: Sendable, Codable, Hashable {
        public enum Setting: String, Sendable, Codable, Hashable {
            /// 高技能人才单独分组、单独评审.
            case separateGroup = "separate_group"
        }

        public let setting: Setting
        public let clause: String
        public let quote: String
    }

    /// Whom a skill procedure sends the applicant to, where the document limits it.
    public enum ProviderKind: String, Sendable, Codable, Hashable {
        /// 技能人才自主评价企业: the applicant's own unit, qualified to evaluate its staff.
        case ownEmployer = "own_employer"
        /// 就业准入类职业: only the departments the access-type list names.
        case accessType = "access_type"
    }

    public struct Step: Sendable, Codable, Hashable {
        public let actor: String
        public let act: Act
        /// The clause, when not the procedure's own.
        public let clause: String?
        public let quote: String
    }

    public struct Note: Sendable, Codable, Hashable {
        public let clause: String
        public let quote: String
    }

    /// What an actor does at a step.
    public enum Act: String, Sendable, Codable, CaseIterable {
        case apply = "申报"
        case recommend = "推荐"
        case check = "审核"
        case preliminaryCheck = "初审"
        case qualificationCheck = "资格审核"
        case publicity = "公示"
        case forward = "上报"
        case review = "评审"
        case recognise = "认定"
        case assess = "鉴定"
        case certify = "颁证"
    }
}

/// procedures.yaml as a whole.
public struct ProcedureCatalog: Sendable, Codable, Hashable {
    public let procedures: [Procedure]
    /// Which role (in the casework) takes the steps of each actor the procedures name.
    public let actors: [ActorRole]?
    /// Who confirms each kind of fact an evaluation left unknown, in casework.
    public let confirmers: [Confirmer]?
}

/// Who confirms an unknown fact of an application: the first of `roles` that takes a step of
/// the application (else the committee's office). The documents do not assign this; `note`
/// says so and why this office knows the fact.
public struct Confirmer: Sendable, Codable, Hashable {
    /// The request field an unknown condition names in `settledBy` (`person.annualAssessments`);
    /// `"*"` for a condition no field of the person settles (a committee or a standard decides).
    public let field: String
    public let roles: [String]
    public let note: String
}

/// An actor as the documents name it, and the role a user must hold to take its steps.
public struct ActorRole: Sendable, Codable, Hashable {
    public let actor: String
    public let role: String
    /// For an actor that is a kind of organisation rather than one: where its members are
    /// listed (a table, or who may be one). Nil for an actor that names one organisation.
    public let members: String?
    public let note: String?
}
