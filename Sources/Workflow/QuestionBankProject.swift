import Domain
import PolicyData

/// A unit's application to develop a provincial question bank (题库开发项目申报), as the call
/// sets out its course, as a pure function like `SkillEvaluation`: the unit submits its 申报表
/// to the centre it belongs to (二（一）按隶属关系), the centre checks it and returns it or writes
/// its opinion (二（二）核实审查，签署推荐意见) and reports it; the provincial centre decides who
/// leads (三（二）). The one-lead rule and the deadline concern more than one application: they
/// are the store's.
public struct QuestionBankProject: Sendable, Hashable, Codable {
    /// 开发意向 of 附件2, and the centre's recommendation of 五.
    public enum Intent: String, Sendable, Hashable, Codable, CaseIterable {
        case lead, participant

        public var label: String { self == .lead ? "牵头单位" : "参与单位" }
    }

    /// What the provincial centre decides for an application.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case lead, participant, declined

        public var label: String {
            switch self {
            case .lead: "确定为牵头单位"
            case .participant: "作为参与单位"
            case .declined: "未入选"
            }
        }
    }

    public enum Stage: String, Sendable, Hashable, Codable, CaseIterable {
        case draft, submitted, returned, recommended, reported, decided, withdrawn

        public var label: String {
            switch self {
            case .draft: "草稿"
            case .submitted: "待评价中心审查"
            case .returned: "退回修改"
            case .recommended: "已签署推荐意见，待报送"
            case .reported: "已报省中心，待遴选"
            case .decided: "省中心已确定"
            case .withdrawn: "已撤回"
            }
        }
    }

    /// 五、评价（鉴定）中心意见.
    public struct Opinion: Sendable, Hashable, Codable {
        public let recommendAs: Intent
        public let reason: String
        public let on: CalendarDate
    }

    public struct Decision: Sendable, Hashable, Codable {
        public let outcome: Outcome
        public let reason: String
        public let on: CalendarDate
    }

    public enum Event: Sendable, Hashable, Codable {
        case submit
        case withdraw
        case returnForCorrection(reason: String)
        case recommend(as: Intent, reason: String)
        /// Part of a city centre's report (附件3 and the PDFs) to the provincial centre.
        case report(id: String)
        case decide(Outcome, reason: String)
        /// The unit saves its draft (or its correction) again.
        case edit
        /// The unit adds a scan (法人证书影印件, 专家影印件…): it moves the version like any action.
        case attach(label: String)
    }


    public typealias AuditEntry = WorkflowAuditEntry<Event, Stage>

    /// The unit applying, the centre that checks it (its city's, or the provincial centre for a
    /// provincial unit) and the provincial centre: organisation ids.
    public let unit: String
    public let centre: String
    public let provincialCentre: String
    public private(set) var stage: Stage
    public var version: Int
    public private(set) var caseTypeVersion: Int?
    public private(set) var opinion: Opinion?
    public private(set) var decision: Decision?
    /// The last return's reason, shown to the unit until it resubmits.
    public private(set) var returnReason: String?
    public private(set) var report: String?

    public init(unit: String, centre: String, provincialCentre: String, caseTypeVersion: Int? = nil) {
        self.caseTypeVersion = caseTypeVersion
        self.unit = unit
        self.centre = centre
        self.provincialCentre = provincialCentre
        stage = .draft
        version = 0
    }

    /// A provincial unit reports to the provincial centre itself: its opinion is the report.
    public var reviewedByProvince: Bool { centre == provincialCentre }

    /// The role whose turn it is, and in which organisation (nil when nobody's).
    public var due: Seat? {
        switch stage {
        case .draft, .returned: Seat(.questionBankUnit, unit)
        case .submitted: Seat(reviewedByProvince ? .provincialEvaluationCentre : .cityEvaluationCentre, centre)
        case .recommended: Seat(.cityEvaluationCentre, centre)
        case .reported: Seat(.provincialEvaluationCentre, provincialCentre)
        case .decided, .withdrawn: nil
        }
    }

    /// What an admitted event does to the application (the kernel has checked stage and party).
    public func effect(_ event: Event, by actor: Actor?, on day: CalendarDate) throws(CaseRefusal) -> Self {
        var next = self
        switch event {
        case .submit:
            next.stage = .submitted
            next.returnReason = nil
        case .attach, .edit:
            break
        case .withdraw:
            next.stage = .withdrawn
        case .returnForCorrection(let reason):
            guard !reason.isEmpty else { throw .reasonRequired }
            next.stage = .returned
            next.returnReason = reason
            next.opinion = nil
        case .recommend(let intent, let reason):
            guard !reason.isEmpty else { throw .reasonRequired }
            next.opinion = Opinion(recommendAs: intent, reason: reason, on: day)
            // A provincial unit's centre is the provincial one: its opinion is the report.
            next.stage = reviewedByProvince ? .reported : .recommended
        case .report(let id):
            next.stage = .reported
            next.report = id
        case .decide(let outcome, let reason):
            guard !reason.isEmpty else { throw .reasonRequired }
            next.decision = Decision(outcome: outcome, reason: reason, on: day)
            next.stage = .decided
        }
        return next
    }
}

extension QuestionBankProject: CaseProcess {
    public static let caseTypeID = "question-bank-project"

    public static var applicantRole: Role { .questionBankUnit }

    public var dueRole: Role? { due?.role }

    public func takes(_ party: CaseType.Party, actor: Actor) -> Bool {
        switch party {
        case .anyone, .hrBureau: false
        case .applicant: actor.role == .questionBankUnit && actor.organisation == unit
        case .due, .decider, .confirmer: due.map { actor.role == $0.role && actor.organisation == $0.organisation } ?? false
        }
    }
}

extension QuestionBankProject.Stage: CaseCoded {
    public var code: String { rawValue }
}

extension QuestionBankProject.Event: CaseCoded {
    /// As the case type names it (stored in the audit trail).
    public var code: String {
        switch self {
        case .submit: "submit"
        case .withdraw: "withdraw"
        case .returnForCorrection: "return"
        case .recommend: "recommend"
        case .report: "report"
        case .decide: "decide"
        case .edit: "save"
        case .attach: "attach"
        }
    }
}
