import Domain
import Foundation
import PolicyData
import Store
import Testing
import Workflow
import Yams

/// Event sequences written from the documents (Cases/*.yaml), each run through the one kernel
/// on its case type: title applications on the bundled procedures, skill evaluations on their
/// providers' steps, question-bank projects between a unit and its centres.
@Suite struct WorkflowCaseTests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Ref: Decodable { let document: String, clause: String }
        struct Step: Decodable {
            let role: String
            /// The acting organisation, where the case type checks it (skill providers, centres).
            let org: String?
            let event: String
            let status: String?
            let reason: String?
            let upheld: Bool?
            let passed: Bool?
            let decision: String?
            let batch: String?
            let components: [String]?
            let results: [String: Bool]?
            let number: String?
            let outcome: String?
            let date: String?
            let seen: Int?
            let stage: String?
            let error: String?
        }
        struct ProviderStep: Decodable { let org: String, act: String }
        let name: String
        let cites: String
        /// title-application (default), skill-evaluation or question-bank-project.
        let caseType: String?
        let procedure: Ref?
        let publicityDays: Int?
        /// Skill: the providers' steps in order; the theory exam exempt.
        let providers: [ProviderStep]?
        let theoryExempt: Bool?
        /// Question bank: the unit's centre (the provincial centre for a provincial unit).
        let centre: String?
        let events: [Step]
        var testDescription: String { name }
    }

    static let base = KernelSupport.base
    static let roles = Dictionary(base.parameters.actorRoles.map { ($0.actor, $0.role) }, uniquingKeysWith: { first, _ in first })

    /// Every case file, read whole: a file that does not parse is a failure of its own (see
    /// `everyCaseFileParses`), never a file quietly left out.
    static let files: [(name: String, cases: Result<[Case], any Error>)] = {
        guard let url = Bundle.module.url(forResource: "Cases", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { file in
            (file, Result { try YAMLDecoder().decode([Case].self, from: String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)) })
        }
    }()

    static let cases: [Case] = files.flatMap { (try? $0.cases.get()) ?? [] }

    @Test func everyCaseFileParses() {
        #expect(!Self.files.isEmpty)
        for file in Self.files {
            if case .failure(let error) = file.cases { Issue.record("\(file.name) does not parse: \(error)") }
        }
    }

    @Test func anUnknownEventNameIsNoEvent() {
        let step = try! YAMLDecoder().decode(Case.Step.self, from: "role: employer\nevent: aprove\nstage: draft\n")
        #expect(TitleApplication.event(step) == nil && SkillEvaluation.event(step) == nil && QuestionBankProject.event(step) == nil)
    }

    /// Every case type is exercised by the cases.
    @Test func everyCaseTypeHasCases() {
        let types = Set(Self.cases.map { $0.caseType ?? TitleApplication.caseTypeID })
        #expect(types == [TitleApplication.caseTypeID, SkillEvaluation.caseTypeID, QuestionBankProject.caseTypeID])
    }

    @Test func theCasesAreRead() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func workflowCase(_ testCase: Case) async throws {
        // The case cites a clause of the documents that exists.
        let cited = testCase.cites.split(separator: " ").map(String.init)
        #expect(Self.base.document(cited[0])?.clause(cited[1]) != nil, "cites \(testCase.cites)")
        switch testCase.caseType ?? TitleApplication.caseTypeID {
        case TitleApplication.caseTypeID:
            let procedure = try #require(testCase.procedure.flatMap { ref in Self.base.parameters.procedures.first { $0.document == ref.document && $0.clause == ref.clause } })
            let steps = try ApplicationSteps.steps(of: procedure, roles: Self.roles)
            let publicity = ApplicationSteps.publicityRole(of: procedure, roles: Self.roles) ?? .committeeOffice
            try await run(testCase, from: TitleApplication(applicant: "applicant-1", steps: steps, publicityDays: testCase.publicityDays ?? 0, publicityRole: publicity))
        case SkillEvaluation.caseTypeID:
            let steps = (testCase.providers ?? []).map { SkillEvaluation.Step(role: .evaluationOrganisation, organisation: $0.org, act: $0.act, source: testCase.cites) }
            try await run(testCase, from: SkillEvaluation(applicant: "applicant-1", steps: steps, theoryExempt: testCase.theoryExempt ?? false))
        case QuestionBankProject.caseTypeID:
            try await run(testCase, from: QuestionBankProject(unit: "unit", centre: testCase.centre ?? "city", provincialCentre: "province"))
        case let other:
            Issue.record("\(testCase.name): no case type «\(other)»")
        }
    }

    /// The one runner: each event through the kernel, the stage or the refusal as the case says;
    /// each accepted action kept in the store's trail (in memory), as the service keeps it.
    func run<Process: RunnableCase>(_ testCase: Case, from start: Process) async throws {
        var state = start
        var date = CalendarDate(iso: "2024-03-01")!
        let trail = InMemoryCaseTrail()
        let caseID = UUID()
        for (index, step) in testCase.events.enumerated() {
            if let text = step.date { date = CalendarDate(iso: text)! }
            let actor = Role(rawValue: step.role).map { Actor(user: $0 == .applicant ? "applicant-1" : "officer-\($0.rawValue)", role: $0, organisation: step.org ?? "org") }
            let place = "\(testCase.name) [\(index)] \(step.role) \(step.event)"
            guard let event = Process.event(step) else {
                Issue.record("\(place): no such event «\(step.event)»")
                return
            }
            let applied: (next: Process, entry: WorkflowAuditEntry<Process.Event, Process.Stage>)
            do throws(CaseRefusal) {
                applied = try state.applying(event, by: actor, seenVersion: step.seen ?? state.version, on: date)
            } catch {
                #expect(step.error == Self.name(error), "\(place): refused with \(error)")
                continue
            }
            let (next, entry) = applied
            #expect(step.error == nil, "\(place): should have been refused (\(step.error ?? ""))")
            #expect(next.described == step.stage, "\(place): \(next.described)")
            #expect(entry.before == state.stage && entry.after == next.stage && entry.version == next.version && entry.actor == actor)
            try await trail.append(TrailEntry(caseType: Process.caseTypeID, caseID: caseID, version: entry.version, actor: entry.actor,
                                              actorName: "", organisationName: "", at: Date(timeIntervalSince1970: Double(index)), onDate: entry.date,
                                              event: entry.event.code, detail: [:], stageBefore: entry.before.code, stageAfter: entry.after.code))
            state = next
        }
        // The trail counts every accepted action, in order, each starting where the last one left the case.
        let kept = try await trail.entries(of: caseID)
        #expect(kept.map(\.version) == Array(0..<kept.count).map { $0 + 1 })
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.stageAfter == $1.stageBefore }, "\(testCase.name): the trail's stages do not chain")
        #expect(kept.last.map { $0.stageAfter == state.stage.code } ?? true)
    }

    /// Where a document leaves the steps to the year's notice, the plan must give them.
    @Test func stepsLeftToTheNoticeComeFromThePlan() {
        let procedure = Self.base.parameters.procedures.first { $0.document == "qz-2023-23" && $0.direction == .title }!
        #expect(throws: ApplicationSteps.Failure.definedByPlan) { try ApplicationSteps.steps(of: procedure, roles: Self.roles) }
    }

    /// Every role the data gives a procedure's actor is one the workflow knows.
    @Test func everyActorHasAKnownRole() {
        for entry in Self.base.parameters.actorRoles { #expect(Role(rawValue: entry.role) != nil, "\(entry.actor): \(entry.role)") }
    }
}

/// A case type the runner can drive: the event a case's step names, the stage in the cases'
/// words, and a refusal's name.
extension WorkflowCaseTests {
    /// A refusal as the YAML cases name it.
    static func name(_ refusal: CaseRefusal) -> String {
        switch refusal {
        case .conflict: "conflict"
        case .notNow: "notNow"
        case .wrongActor: "wrongActor"
        case .notSubmittable: "notSubmittable"
        case .reasonRequired: "reasonRequired"
        case .confirmationsOpen: "confirmationsOpen"
        case .unknownItem: "unknownItem"
        case .publicityNotOver: "publicityNotOver"
        case .resultsIncomplete: "resultsIncomplete"
        case .unknownComponent: "unknownComponent"
        }
    }
}

protocol RunnableCase: CaseProcess {
    static func event(_ step: WorkflowCaseTests.Case.Step) -> Event?
    var described: String { get }
}

extension TitleApplication: RunnableCase {
    static func event(_ step: WorkflowCaseTests.Case.Step) -> Event? {
        switch step.event {
        case "submit": .submit(status: step.status ?? "")
        case "approve": .approve
        case "return": .returnForRevision(reason: step.reason ?? "")
        case "resubmit": .resubmit
        case "reject": .reject(reason: step.reason ?? "")
        case "withdraw": .withdraw
        case "object": .lodgeObjection(contact: "13800000000", reason: "材料与事实不符")
        case "resolve": .resolveObjection(upheld: step.upheld ?? false, reason: "经核查")
        case "close": .closePublicity
        case "decide": .recordDecision(passed: step.passed ?? false)
        case "issue": .issue(decision: step.decision ?? "")
        case "not_adopted": .notAdopted(decision: step.decision ?? "")
        case "attach": .attach(label: step.reason ?? "材料")
        default: nil
        }
    }

    var described: String {
        switch stage {
        case .draft: "draft"
        case .checking(let step): "checking \(step)"
        case .returned(let step): "returned \(step)"
        case .rejected(let step): "rejected \(step)"
        case .publicity(let until): "publicity \(until)"
        case .objected(let until): "objected \(until)"
        case .stopped: "stopped"
        case .awaitingReview: "awaiting_review"
        case .decided(let passed): passed ? "decided passed" : "decided failed"
        case .resultPublicity(let until): "result_publicity \(until)"
        case .issued: "issued"
        case .withdrawn: "withdrawn"
        }
    }
}

extension SkillEvaluation: RunnableCase {
    static func event(_ step: WorkflowCaseTests.Case.Step) -> Event? {
        switch step.event {
        case "submit": .submit(status: step.status ?? "")
        case "approve": .approve
        case "return": .returnForRevision(reason: step.reason ?? "")
        case "resubmit": .resubmit
        case "reject": .reject(reason: step.reason ?? "")
        case "withdraw": .withdraw
        case "attach": .attach(label: step.reason ?? "毕业证书")
        case "assign": .assign(batch: step.batch ?? "", components: step.components ?? [])
        case "unassign": .unassign
        case "results": .recordResults((step.results ?? [:]).sorted { $0.key < $1.key }.map { .init(component: $0.key, score: $0.value ? "80" : "40", passed: $0.value) })
        case "certify": .issueCertificate(number: step.number ?? "")
        case "report": .markReported
        default: nil
        }
    }

    var described: String {
        switch stage {
        case .draft: "draft"
        case .checking(let step): "checking \(step)"
        case .returned(let step): "returned \(step)"
        case .rejected(let step): "rejected \(step)"
        case .accepted: "accepted"
        case .scheduled(let batch): "scheduled \(batch)"
        case .assessed(let passed): passed ? "passed" : "failed"
        case .certified(let number): "certified \(number)"
        case .withdrawn: "withdrawn"
        }
    }
}

extension QuestionBankProject: RunnableCase {
    static func event(_ step: WorkflowCaseTests.Case.Step) -> Event? {
        switch step.event {
        case "save": .edit
        case "attach": .attach(label: step.reason ?? "法人证书影印件")
        case "submit": .submit
        case "withdraw": .withdraw
        case "return": .returnForCorrection(reason: step.reason ?? "")
        case "recommend": .recommend(as: step.outcome == "participant" ? .participant : .lead, reason: step.reason ?? "")
        case "report": .report(id: "report-1")
        case "decide": Outcome(rawValue: step.outcome ?? "").map { .decide($0, reason: step.reason ?? "") }
        default: nil
        }
    }

    var described: String { stage.rawValue }
}
