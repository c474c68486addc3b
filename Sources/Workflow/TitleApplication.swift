import Domain
import PolicyData

/// A title application's life, as a pure function: a state, an event and its actor give the
/// next state and the audit entry that records it — or a reason it may not happen. No
/// storage, no clock, no framework: the server passes the date and stores both together.
public struct TitleApplication: Sendable, Hashable, Codable {
    /// One check the application passes in order (推荐, 审核, 初审, 资格审核, 上报), with the
    /// role that takes it and where the document says so.
    public struct Step: Sendable, Hashable, Codable {
        public let role: Role
        public let act: String
        public let source: String

        public init(role: Role, act: String, source: String) {
            self.role = role
            self.act = act
            self.source = source
        }
    }

    public enum Stage: Sendable, Hashable, Codable {
        case draft
        /// Waiting for `steps[step]`.
        case checking(step: Int)
        /// Back with the applicant, to resume at the step that returned it.
        case returned(step: Int)
        case rejected(step: Int)
        /// 公示 until the day given (inclusive).
        case publicity(until: CalendarDate)
        /// An objection lodged during publicity, waiting for the office's resolution.
        case objected(until: CalendarDate)
        /// Stopped by an upheld objection.
        case stopped
        case awaitingReview
        case decided(passed: Bool)
        /// A passed decision publicised until the day given, before it is confirmed.
        case resultPublicity(until: CalendarDate)
        case issued
        case withdrawn
    }

    public enum Event: Sendable, Hashable, Codable {
        /// The applicant submits; the engine's status for the option at that moment.
        case submit(status: String)
        case approve
        case returnForRevision(reason: String)
        case resubmit
        case reject(reason: String)
        case withdraw
        /// Anyone, signed in or not, during publicity.
        case lodgeObjection(contact: String, reason: String)
        case resolveObjection(upheld: Bool, reason: String)
        case closePublicity
        case recordDecision(passed: Bool)
        /// The title confirmed and recorded, on the deciding body's document (where the vote
        /// only recommended: the higher committee's).
        case issue(decision: String)
        /// Where the vote only recommended: the higher committee did not pass it (its document).
        case notAdopted(decision: String)
        /// The role an item is assigned to confirms it (met or not, with a note); the stage stays.
        case confirm(item: Int, met: Bool, note: String)
        /// The applicant adds a material (a scan of a certificate, an appraisal record) while the
        /// application is theirs to complete or under check; the stage stays.
        case attach(label: String)
    }


    public typealias AuditEntry = WorkflowAuditEntry<Event, Stage>

    public let applicant: String
    public let steps: [Step]
    /// Days of 公示 after the checks (0: none); the plan sets it.
    public let publicityDays: Int
    /// Who runs the publicity and resolves objections (河北: 职改办; elsewhere the plan's office).
    public let publicityRole: Role
    /// Days the passed results are publicised before confirmation (0: none); the plan sets it.
    public let resultPublicityDays: Int
    /// Where the documents make the committee's vote a recommendation only (绍兴 一（三）3
    /// "评审推荐", 一（四）): the title waits for the higher body's decision, entered by the office
    /// or the city HR bureau with its document. Nil: the committee's vote decides.
    public let recommendation: Recommendation?

    public struct Recommendation: Sendable, Hashable, Codable {
        /// Who decides, as the data words it (the document names no body).
        public let decidedBy: String
        public let source: String
        public let quote: String

        public init(decidedBy: String, source: String, quote: String) {
            self.decidedBy = decidedBy
            self.source = source
            self.quote = quote
        }
    }
    /// Facts left unknown at submission, each for a role to confirm.
    public private(set) var confirmations: [Confirmation]
    public private(set) var stage: Stage
    /// Counts the actions taken: an action names the version its actor saw.
    public var version: Int
    public private(set) var caseTypeVersion: Int?

    public init(applicant: String, steps: [Step], publicityDays: Int, publicityRole: Role = .committeeOffice,
                resultPublicityDays: Int = 0, confirmations: [Confirmation] = [], recommendation: Recommendation? = nil, caseTypeVersion: Int? = nil) {
        self.recommendation = recommendation
        self.caseTypeVersion = caseTypeVersion
        self.applicant = applicant
        self.steps = steps
        self.publicityDays = max(0, publicityDays)
        self.publicityRole = publicityRole
        self.resultPublicityDays = max(0, resultPublicityDays)
        self.confirmations = confirmations
        stage = .draft
        version = 0
    }

    /// The role whose turn it is, if any.
    public var roleDue: Role? {
        switch stage {
        case .draft, .returned: return .applicant
        case .checking(let step): return steps[step].role
        case .publicity, .objected: return publicityRole
        case .awaitingReview, .decided(passed: true), .resultPublicity: return .committeeOffice
        default: return nil
        }
    }

    /// Whether the application is still under way (not ended by a rejection, a withdrawal, an
    /// upheld objection, a failed decision or the title's issue).
    public var isOpen: Bool {
        switch stage {
        case .rejected, .withdrawn, .stopped, .decided(passed: false), .issued: return false
        default: return true
        }
    }

    /// The items a role still has to confirm.
    public func openConfirmations(for role: Role) -> [Confirmation] {
        confirmations.filter { $0.role == role && $0.status == .open }
    }

    /// A draft built afresh at submission (new steps and items) continues the stored draft's
    /// count of actions: uploads before submission moved it.
    /// Only a stored draft can be submitted: anything later is refused, never reset.
    public func continuing(_ stored: TitleApplication) throws(CaseRefusal) -> TitleApplication {
        guard stored.stage == .draft else { throw .notNow }
        var next = self
        next.version = stored.version
        next.caseTypeVersion = stored.caseTypeVersion
        return next
    }

    /// What an admitted event does to the application (the kernel has checked stage and party).
    public func effect(_ event: Event, by actor: Actor?, on date: CalendarDate) throws(CaseRefusal) -> TitleApplication {
        var next = self
        func afterChecks() -> Stage { publicityDays > 0 ? .publicity(until: date.adding(days: publicityDays)) : .awaitingReview }
        func reason(_ text: String) throws(CaseRefusal) { guard !text.trimmingWhitespace.isEmpty else { throw .reasonRequired } }
        switch (stage, event) {
        case (_, .confirm(let item, let met, let note)):
            guard let index = confirmations.firstIndex(where: { $0.id == item }) else { throw .unknownItem }
            guard actor?.role == confirmations[index].role else { throw .wrongActor(expected: confirmations[index].role) }
            guard met || !note.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            next.confirmations[index].status = met ? .met : .notMet
            next.confirmations[index].note = note
        case (_, .submit(let status)):
            // An undetermined option may be submitted: its unknown conditions are for the steps to confirm.
            guard status == "eligible" || status == "undetermined" else { throw .notSubmittable(status: status) }
            next.stage = steps.isEmpty ? afterChecks() : .checking(step: 0)
        case (_, .attach):
            break
        case (.checking(let step), .approve):
            let open = openConfirmations(for: steps[step].role).count
            guard open == 0 else { throw .confirmationsOpen(count: open) }
            next.stage = step + 1 < steps.count ? .checking(step: step + 1) : afterChecks()
        case (.checking(let step), .returnForRevision(let text)):
            try reason(text)
            next.stage = .returned(step: step)
        case (.checking(let step), .reject(let text)):
            try reason(text)
            next.stage = .rejected(step: step)
        case (.returned(let step), .resubmit):
            next.stage = .checking(step: step)
        case (_, .withdraw):
            next.stage = .withdrawn
        case (.publicity(let until), .lodgeObjection(let contact, let text)), (.objected(let until), .lodgeObjection(let contact, let text)):
            // A further objection while one is pending joins it; the office resolves them together.
            guard date <= until else { throw .notNow }
            try reason(contact)
            try reason(text)
            next.stage = .objected(until: until)
        case (.objected(let until), .resolveObjection(let upheld, let text)):
            try reason(text)
            next.stage = upheld ? .stopped : .publicity(until: until)
        case (.publicity(let until), .closePublicity):
            guard date > until else { throw .publicityNotOver(until: until) }
            next.stage = .awaitingReview
        case (.resultPublicity(let until), .closePublicity):
            guard date > until else { throw .publicityNotOver(until: until) }
            next.stage = .decided(passed: true)
        case (_, .recordDecision(let passed)):
            let open = openConfirmations(for: .committeeOffice).count
            guard open == 0 else { throw .confirmationsOpen(count: open) }
            next.stage = passed && resultPublicityDays > 0 ? .resultPublicity(until: date.adding(days: resultPublicityDays)) : .decided(passed: passed)
        case (_, .issue(let decision)):
            try reason(decision)
            next.stage = .issued
        case (_, .notAdopted(let decision)):
            try reason(decision)
            next.stage = .decided(passed: false)
        default:
            throw .notNow
        }
        return next
    }
}

extension TitleApplication: CaseProcess {
    public static let caseTypeID = "title-application"

    public var dueRole: Role? { roleDue }

    public func takes(_ party: CaseType.Party, actor: Actor) -> Bool {
        switch party {
        case .applicant: actor.role == .applicant && actor.user == applicant
        case .due: actor.role == roleDue && (actor.role != .applicant || actor.user == applicant)
        // Only while that role's step is due (or before the committee decides, for the committee's).
        case .confirmer: !openConfirmations(for: actor.role).isEmpty && (roleDue == actor.role || (actor.role == .committeeOffice && stage == .awaitingReview))
        // Where the vote only recommended, the city HR bureau may enter the higher body's decision as well.
        case .decider: takes(.due, actor: actor) || (recommendation != nil && actor.role == .cityHRBureau)
        case .anyone, .hrBureau: false
        }
    }

    public func holds(_ condition: String) -> Bool {
        condition == "recommendation" && recommendation != nil
    }

    /// A publicity period is closed only after its last day (as `effect` insists).
    public func opens(_ event: CaseType.Event, on date: CalendarDate) -> Bool {
        guard event.code == Event.closePublicity.code else { return true }
        switch stage {
        case .publicity(let until), .resultPublicity(let until): return date > until
        default: return true
        }
    }

}

extension TitleApplication.Stage: CaseCoded {
    /// As the case type names it (stored for queues, sent as `stage`).
    public var code: String {
        switch self {
        case .draft: "draft"
        case .checking: "checking"
        case .returned: "returned"
        case .rejected: "rejected"
        case .publicity: "publicity"
        case .objected: "objected"
        case .stopped: "stopped"
        case .awaitingReview: "awaiting_review"
        case .decided(let passed): passed ? "passed" : "failed"
        case .resultPublicity: "result_publicity"
        case .issued: "issued"
        case .withdrawn: "withdrawn"
        }
    }
}

extension TitleApplication.Event: CaseCoded {
    /// As the case type names it (stored in the audit trail).
    public var code: String {
        switch self {
        case .submit: "submit"
        case .approve: "approve"
        case .returnForRevision: "return"
        case .resubmit: "resubmit"
        case .reject: "reject"
        case .withdraw: "withdraw"
        case .lodgeObjection: "object"
        case .resolveObjection: "resolve_objection"
        case .closePublicity: "close_publicity"
        case .recordDecision: "decide"
        case .issue: "issue"
        case .notAdopted: "not_adopted"
        case .confirm: "confirm"
        case .attach: "attach"
        }
    }
}
