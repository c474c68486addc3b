import Domain
import PolicyData

/// A skill evaluation's life (职业技能等级认定 / 鉴定), as a pure function like
/// `TitleApplication`: the applicant applies to a provider; the providers of the procedure's
/// steps accept it in turn (绍兴 高级技师: the city centre, then the provincial centre); the
/// last of them assigns it to an assessment batch, records each component's result and, on a
/// pass, issues the certificate. Capacity and the certificate's report are the store's: they
/// concern more than one application.
public struct SkillEvaluation: Sendable, Hashable, Codable {
    /// One provider's turn: the organisation that takes it, what it does (受理, 上报) and where the
    /// document says so. Two steps may both be evaluation organisations, so each names its own.
    public struct Step: Sendable, Hashable, Codable {
        public let role: Role
        public let organisation: String
        public let act: String
        public let source: String

        public init(role: Role, organisation: String, act: String, source: String) {
            self.role = role
            self.organisation = organisation
            self.act = act
            self.source = source
        }
    }

    /// A component of the assessment and its result: the practical assessment always, the
    /// theory exam unless exempt, others as the batch sets them.
    public struct ComponentResult: Sendable, Hashable, Codable {
        public let component: String
        public let score: String
        public let passed: Bool

        public init(component: String, score: String, passed: Bool) {
            self.component = component
            self.score = score
            self.passed = passed
        }
    }

    public enum Stage: Sendable, Hashable, Codable {
        case draft
        /// Waiting for `steps[step]`.
        case checking(step: Int)
        case returned(step: Int)
        case rejected(step: Int)
        /// Accepted by every step: waiting for a batch.
        case accepted
        case scheduled(batch: String)
        case assessed(passed: Bool)
        case certified(number: String)
        case withdrawn
    }

    public enum Event: Sendable, Hashable, Codable {
        case submit(status: String)
        /// The current step's provider accepts (or forwards, for a 上报 step).
        case approve
        case returnForRevision(reason: String)
        case resubmit
        case reject(reason: String)
        case withdraw
        case confirm(item: Int, met: Bool, note: String)
        /// Assigned to a batch: its components are the ones the results must cover.
        case assign(batch: String, components: [String])
        case unassign
        case recordResults([ComponentResult])
        case issueCertificate(number: String)
        /// The applicant adds a material (the related diploma): it moves the version like any action.
        case attach(label: String)
        /// The HR bureau records the certificate as reported (按程序上网).
        case markReported
    }


    public typealias AuditEntry = WorkflowAuditEntry<Event, Stage>

    /// The theory exam's name among the components: skipped when the application is exempt.
    public static let theoryExam = "理论知识考试"
    /// 注重操作技能考核: every batch has it.
    public static let practicalAssessment = "操作技能考核"

    public let applicant: String
    public let steps: [Step]
    /// 免于理论知识考试 (a related diploma, attached): the provider sees it and the results skip it.
    public let theoryExempt: Bool
    public private(set) var confirmations: [Confirmation]
    /// The components the assigned batch sets, less the theory exam when exempt.
    public private(set) var components: [String]
    public private(set) var results: [ComponentResult]
    public private(set) var stage: Stage
    public var version: Int
    public private(set) var caseTypeVersion: Int?

    public init(applicant: String, steps: [Step], theoryExempt: Bool, confirmations: [Confirmation] = [], caseTypeVersion: Int? = nil) {
        self.caseTypeVersion = caseTypeVersion
        self.applicant = applicant
        self.steps = steps
        self.theoryExempt = theoryExempt
        self.confirmations = confirmations
        components = []
        results = []
        stage = .draft
        version = 0
    }

    /// The provider that runs the assessment: the last step's (the one that accepts it finally).
    public var assessor: Step? { steps.last }

    /// The role and organisation whose turn it is ("" for the applicant's own).
    public var due: Seat? {
        switch stage {
        case .draft, .returned: return Seat(.applicant, "")
        case .checking(let step): return Seat(steps[step].role, steps[step].organisation)
        case .accepted, .scheduled, .assessed(passed: true): return assessor.map { Seat($0.role, $0.organisation) }
        default: return nil
        }
    }

    public var isOpen: Bool {
        switch stage {
        case .rejected, .withdrawn, .assessed(passed: false), .certified: return false
        default: return true
        }
    }

    public func openConfirmations(for role: Role, in organisation: String) -> [Confirmation] {
        confirmations.filter { $0.role == role && $0.status == .open && (steps.contains { $0.role == role && $0.organisation == organisation } || role != .evaluationOrganisation) }
    }

    /// A draft built afresh at submission (new steps and items) continues the stored draft's
    /// count of actions: uploads before submission moved it.
    /// Only a stored draft can be submitted: anything later is refused, never reset.
    public func continuing(_ stored: SkillEvaluation) throws(CaseRefusal) -> SkillEvaluation {
        guard stored.stage == .draft else { throw .notNow }
        var next = self
        next.version = stored.version
        next.caseTypeVersion = stored.caseTypeVersion
        return next
    }

    /// What an admitted event does to the application (the kernel has checked stage and party).
    public func effect(_ event: Event, by actor: Actor?, on date: CalendarDate) throws(CaseRefusal) -> SkillEvaluation {
        var next = self
        func reason(_ text: String) throws(CaseRefusal) { guard !text.trimmingWhitespace.isEmpty else { throw .reasonRequired } }
        switch (stage, event) {
        case (_, .confirm(let item, let met, let note)):
            guard let index = confirmations.firstIndex(where: { $0.id == item }) else { throw .unknownItem }
            // The provider whose turn it is confirms its items; a provider's items are the assessor's, not a forwarding step's.
            let assessorsItem = confirmations[index].role != .evaluationOrganisation || due?.organisation == assessor?.organisation
            guard assessorsItem, actor?.role == confirmations[index].role else { throw .wrongActor(expected: confirmations[index].role) }
            guard met || !note.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            next.confirmations[index].status = met ? .met : .notMet
            next.confirmations[index].note = note
        case (_, .submit(let status)):
            guard status == "eligible" || status == "undetermined" else { throw .notSubmittable(status: status) }
            next.stage = steps.isEmpty ? .accepted : .checking(step: 0)
        case (.checking(let step), .approve):
            let open = openConfirmations(for: steps[step].role, in: steps[step].organisation).count
            // Items stay open until the assessor's turn; a forwarding step need not settle them.
            guard step + 1 < steps.count || open == 0 else { throw .confirmationsOpen(count: open) }
            next.stage = step + 1 < steps.count ? .checking(step: step + 1) : .accepted
        case (.checking(let step), .returnForRevision(let text)):
            try reason(text)
            next.stage = .returned(step: step)
        case (.checking(let step), .reject(let text)):
            try reason(text)
            next.stage = .rejected(step: step)
        case (.returned(let step), .resubmit):
            next.stage = .checking(step: step)
        case (_, .attach), (_, .markReported):
            break
        case (_, .withdraw):
            next.stage = .withdrawn
        case (_, .assign(let batch, let components)):
            guard !batch.isEmpty else { throw .notNow }
            let open = confirmations.filter { $0.status == .open }.count
            guard open == 0 else { throw .confirmationsOpen(count: open) }
            var set = components.filter { !theoryExempt || $0 != Self.theoryExam }
            if !set.contains(Self.practicalAssessment) { set.insert(Self.practicalAssessment, at: 0) }
            next.components = set
            next.stage = .scheduled(batch: batch)
        case (_, .unassign):
            next.components = []
            next.stage = .accepted
        case (_, .recordResults(let results)):
            if let unknown = results.first(where: { !components.contains($0.component) }) { throw .unknownComponent(unknown.component) }
            let missing = components.filter { name in !results.contains { $0.component == name } }
            guard missing.isEmpty else { throw .resultsIncomplete(missing: missing) }
            next.results = components.compactMap { name in results.first { $0.component == name } }
            next.stage = .assessed(passed: next.results.allSatisfy(\.passed))
        case (_, .issueCertificate(let number)):
            try reason(number)
            next.stage = .certified(number: number.trimmingWhitespace)
        default:
            throw .notNow
        }
        return next
    }
}

extension SkillEvaluation: CaseProcess {
    public static let caseTypeID = "skill-evaluation"

    public var dueRole: Role? { due?.role }

    public func takes(_ party: CaseType.Party, actor: Actor) -> Bool {
        switch party {
        case .anyone, .hrBureau: return false
        case .applicant: return actor.role == .applicant && actor.user == applicant
        case .due, .decider:
            guard let due, actor.role == due.role else { return false }
            return due.role == .applicant ? actor.user == applicant : actor.organisation == due.organisation
        case .confirmer:
            guard takes(.due, actor: actor) else { return false }
            // A forwarding step leaves the assessor's items to the assessor.
            return confirmations.contains { $0.status == .open && $0.role == actor.role }
                && (actor.role != .evaluationOrganisation || due?.organisation == assessor?.organisation)
        }
    }

}

extension SkillEvaluation.Stage: CaseCoded {
    /// As the case type names it (stored for queues, sent as `stage`).
    public var code: String {
        switch self {
        case .draft: "draft"
        case .checking: "checking"
        case .returned: "returned"
        case .rejected: "rejected"
        case .accepted: "accepted"
        case .scheduled: "scheduled"
        case .assessed(let passed): passed ? "passed" : "failed"
        case .certified: "certified"
        case .withdrawn: "withdrawn"
        }
    }
}

extension SkillEvaluation.Event: CaseCoded {
    /// As the case type names it (stored in the audit trail).
    public var code: String {
        switch self {
        case .submit: "submit"
        case .approve: "approve"
        case .returnForRevision: "return"
        case .resubmit: "resubmit"
        case .reject: "reject"
        case .withdraw: "withdraw"
        case .confirm: "confirm"
        case .assign: "assign"
        case .unassign: "unassign"
        case .recordResults: "results"
        case .issueCertificate: "certify"
        case .attach: "attach"
        case .markReported: "report"
        }
    }
}
