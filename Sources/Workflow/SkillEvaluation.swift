import Domain

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

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case notSubmittable(status: String)
        case wrongActor(expected: Role?)
        case notNow
        case conflict(current: Int)
        case reasonRequired
        case confirmationsOpen(count: Int)
        case unknownItem
        /// Results must cover each component the batch sets (the theory exam not when exempt).
        case resultsIncomplete(missing: [String])
        case unknownComponent(String)

        public var description: String {
            switch self {
            case .notSubmittable(let status): return status == "not_yet" ? "尚未到可申报的时间，不能提交" : "条件未满足，不能提交"
            case .wrongActor(let role): return role.map { "这一步应由「\($0.label)」办理" } ?? "当前没有您可以办理的步骤"
            case .notNow: return "申请当前所处的阶段不能进行这项操作"
            case .conflict: return WorkflowWords.conflict
            case .reasonRequired: return WorkflowWords.reasonRequired
            case .confirmationsOpen(let count): return WorkflowWords.confirmationsOpen(count)
            case .unknownItem: return WorkflowWords.unknownItem
            case .resultsIncomplete(let missing): return "还缺以下考核项目的成绩：" + missing.joined(separator: "、")
            case .unknownComponent(let name): return "本批次没有「\(name)」这一考核项目"
            }
        }
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
    public private(set) var version: Int

    public init(applicant: String, steps: [Step], theoryExempt: Bool, confirmations: [Confirmation] = []) {
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
    public var due: (role: Role, organisation: String)? {
        switch stage {
        case .draft, .returned: return (.applicant, "")
        case .checking(let step): return (steps[step].role, steps[step].organisation)
        case .accepted, .scheduled, .assessed(passed: true): return assessor.map { ($0.role, $0.organisation) }
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
    public func continuing(_ stored: SkillEvaluation) throws(Failure) -> SkillEvaluation {
        guard stored.stage == .draft else { throw .notNow }
        var next = self
        next.version = stored.version
        return next
    }

    public func applying(_ event: Event, by actor: Actor?, seenVersion: Int, on date: CalendarDate) throws(Failure) -> (SkillEvaluation, AuditEntry) {
        guard seenVersion == version else { throw .conflict(current: version) }
        var next = self
        switch event {
        case .confirm(let item, let met, let note):
            guard isOpen, stage != .draft else { throw .notNow }
            guard let index = confirmations.firstIndex(where: { $0.id == item }) else { throw .unknownItem }
            // The provider whose turn it is confirms its items; a provider's items are the assessor's, not a forwarding step's.
            let assessorsItem = confirmations[index].role != .evaluationOrganisation || due?.organisation == assessor?.organisation
            guard let due, assessorsItem, actor?.role == confirmations[index].role, due.role == actor?.role, due.organisation == actor?.organisation else {
                throw .wrongActor(expected: confirmations[index].role)
            }
            guard met || !note.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            next.confirmations[index].status = met ? .met : .notMet
            next.confirmations[index].note = note
        case .assign(let batch, let components):
            try require(dueActor: actor)
            guard stage == .accepted, !batch.isEmpty else { throw .notNow }
            let open = confirmations.filter { $0.status == .open }.count
            guard open == 0 else { throw .confirmationsOpen(count: open) }
            var set = components.filter { !theoryExempt || $0 != Self.theoryExam }
            if !set.contains(Self.practicalAssessment) { set.insert(Self.practicalAssessment, at: 0) }
            next.components = set
            next.stage = .scheduled(batch: batch)
        case .unassign:
            try require(dueActor: actor)
            guard case .scheduled = stage else { throw .notNow }
            next.components = []
            next.stage = .accepted
        case .recordResults(let results):
            try require(dueActor: actor)
            guard case .scheduled = stage else { throw .notNow }
            if let unknown = results.first(where: { !components.contains($0.component) }) { throw .unknownComponent(unknown.component) }
            let missing = components.filter { name in !results.contains { $0.component == name } }
            guard missing.isEmpty else { throw .resultsIncomplete(missing: missing) }
            next.results = components.compactMap { name in results.first { $0.component == name } }
            next.stage = .assessed(passed: next.results.allSatisfy(\.passed))
        case .markReported:
            guard case .certified = stage else { throw .notNow }
            guard let role = actor?.role, Role.hrBureaus.contains(role) else { throw .wrongActor(expected: .cityHRBureau) }
        case .issueCertificate(let number):
            try require(dueActor: actor)
            guard stage == .assessed(passed: true) else { throw .notNow }
            guard !number.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            next.stage = .certified(number: number.trimmingWhitespace)
        default:
            next.stage = try checkingStage(event, by: actor)
        }
        next.version += 1
        return (next, AuditEntry(version: next.version, actor: actor, date: date, event: event, before: stage, after: next.stage))
    }

    private func require(dueActor actor: Actor?) throws(Failure) {
        guard let due else { throw .notNow }
        guard actor?.role == due.role, due.role == .applicant ? actor?.user == applicant : actor?.organisation == due.organisation else {
            throw .wrongActor(expected: due.role)
        }
    }

    /// Submission and the providers' acceptance, the same shape as a title application's checks.
    private func checkingStage(_ event: Event, by actor: Actor?) throws(Failure) -> Stage {
        switch (stage, event) {
        case (.draft, .submit(let status)):
            try require(dueActor: actor)
            guard status == "eligible" || status == "undetermined" else { throw .notSubmittable(status: status) }
            return steps.isEmpty ? .accepted : .checking(step: 0)
        case (.checking(let step), .approve):
            try require(dueActor: actor)
            let open = openConfirmations(for: steps[step].role, in: steps[step].organisation).count
            // Items stay open until the assessor's turn; a forwarding step need not settle them.
            guard step + 1 < steps.count || open == 0 else { throw .confirmationsOpen(count: open) }
            return step + 1 < steps.count ? .checking(step: step + 1) : .accepted
        case (.checking(let step), .returnForRevision(let reason)):
            try require(dueActor: actor)
            guard !reason.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            return .returned(step: step)
        case (.checking(let step), .reject(let reason)):
            try require(dueActor: actor)
            guard !reason.trimmingWhitespace.isEmpty else { throw .reasonRequired }
            return .rejected(step: step)
        case (.draft, .attach), (.returned, .attach), (.checking, .attach):
            guard actor?.role == .applicant, actor?.user == applicant else { throw .wrongActor(expected: .applicant) }
            return stage
        case (.returned(let step), .resubmit):
            try require(dueActor: actor)
            return .checking(step: step)
        case (.draft, .withdraw), (.checking, .withdraw), (.returned, .withdraw), (.accepted, .withdraw):
            guard actor?.role == .applicant, actor?.user == applicant else { throw .wrongActor(expected: .applicant) }
            return .withdrawn
        default:
            if let due, actor?.role != due.role { throw .wrongActor(expected: due.role) }
            throw .notNow
        }
    }
}
