import Domain
import Foundation
import PolicyData
import Testing
import Workflow
import Yams

/// Event sequences written from the documents (Cases/*.yaml), run through the pure
/// application workflow on the bundled procedures.
@Suite struct WorkflowCaseTests {
    struct Case: Decodable, CustomTestStringConvertible {
        struct Ref: Decodable { let document: String, clause: String }
        struct Step: Decodable {
            let role: String
            let event: String
            let status: String?
            let reason: String?
            let upheld: Bool?
            let passed: Bool?
            let decision: String?
            let date: String?
            let seen: Int?
            let stage: String?
            let error: String?
        }
        let name: String
        let cites: String
        let procedure: Ref
        let publicityDays: Int?
        let events: [Step]
        var testDescription: String { name }
    }

    static let base = try! PolicyBase.bundled()
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

    /// The events a case may name, each to the event it means; any other name fails the case.
    static func event(_ step: Case.Step) -> TitleApplication.Event? {
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
        case "attach": .attach(label: step.reason ?? "材料")
        default: nil
        }
    }

    @Test func everyCaseFileParses() {
        #expect(!Self.files.isEmpty)
        for file in Self.files {
            if case .failure(let error) = file.cases { Issue.record("\(file.name) does not parse: \(error)") }
        }
    }

    @Test func anUnknownEventNameIsNoEvent() {
        let step = try! YAMLDecoder().decode(Case.Step.self, from: "role: employer\nevent: aprove\nstage: draft\n")
        #expect(Self.event(step) == nil)
    }

    static func describe(_ stage: TitleApplication.Stage) -> String {
        switch stage {
        case .draft: return "draft"
        case .checking(let step): return "checking \(step)"
        case .returned(let step): return "returned \(step)"
        case .rejected(let step): return "rejected \(step)"
        case .publicity(let until): return "publicity \(until)"
        case .objected(let until): return "objected \(until)"
        case .stopped: return "stopped"
        case .awaitingReview: return "awaiting_review"
        case .decided(let passed): return passed ? "decided passed" : "decided failed"
        case .resultPublicity(let until): return "result_publicity \(until)"
        case .issued: return "issued"
        case .withdrawn: return "withdrawn"
        }
    }

    static func name(_ failure: TitleApplication.Failure) -> String {
        switch failure {
        case .notSubmittable: return "notSubmittable"
        case .wrongActor: return "wrongActor"
        case .notNow: return "notNow"
        case .conflict: return "conflict"
        case .publicityNotOver: return "publicityNotOver"
        case .reasonRequired: return "reasonRequired"
        case .confirmationsOpen: return "confirmationsOpen"
        case .unknownItem: return "unknownItem"
        }
    }

    @Test func theCasesAreRead() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func workflowCase(_ testCase: Case) throws {
        let procedure = try #require(Self.base.parameters.procedures.first { $0.document == testCase.procedure.document && $0.clause == testCase.procedure.clause })
        // The case cites a clause of the documents that exists.
        let cited = testCase.cites.split(separator: " ").map(String.init)
        #expect(Self.base.document(cited[0])?.clause(cited[1]) != nil, "cites \(testCase.cites)")
        let steps = try ApplicationSteps.steps(of: procedure, roles: Self.roles)
        let publicity = ApplicationSteps.publicityRole(of: procedure, roles: Self.roles) ?? .committeeOffice
        var application = TitleApplication(applicant: "applicant-1", steps: steps, publicityDays: testCase.publicityDays ?? 0, publicityRole: publicity)
        var date = CalendarDate(iso: "2024-03-01")!
        var trail: [TitleApplication.AuditEntry] = []
        for (index, step) in testCase.events.enumerated() {
            if let text = step.date { date = CalendarDate(iso: text)! }
            let actor = Role(rawValue: step.role).map { Actor(user: $0 == .applicant ? "applicant-1" : "officer-\($0.rawValue)", role: $0, organisation: "org") }
            let place = "\(testCase.name) [\(index)] \(step.role) \(step.event)"
            guard let event = Self.event(step) else {
                Issue.record("\(place): no such event «\(step.event)»")
                return
            }
            do {
                let (next, entry) = try application.applying(event, by: actor, seenVersion: step.seen ?? application.version, on: date)
                #expect(step.error == nil, "\(place): should have been refused (\(step.error ?? ""))")
                #expect(Self.describe(next.stage) == step.stage, "\(place): \(Self.describe(next.stage))")
                #expect(entry.before == application.stage && entry.after == next.stage && entry.version == next.version && entry.actor == actor)
                trail.append(entry)
                application = next
            } catch {
                #expect(step.error == Self.name(error), "\(place): refused with \(error)")
            }
        }
        // The trail counts every accepted action, in order.
        #expect(trail.map(\.version) == Array(0..<trail.count).map { $0 + 1 })
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
