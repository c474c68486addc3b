import Domain
import Foundation
import PolicyData
import Testing
import Workflow

/// The kernel against the case types of the data: what it offers, what it refuses, and which
/// version of a case type a case is held to.
@Suite struct CaseKernelTests {
    static let caseTypes = KernelSupport.base.parameters.caseTypes
    static let day = CalendarDate(iso: "2024-03-01")!
    static let applicant = Actor(user: "worker", role: .applicant, organisation: "")
    static let employer = Actor(user: "hr", role: .employer, organisation: "employer")
    static let office = Actor(user: "office", role: .titleReformOffice, organisation: "office")

    /// 河北 三（一）5: 所在单位推荐, 职改办资格审核、公示.
    static func hebei() -> TitleApplication {
        TitleApplication(applicant: "worker", steps: [.init(role: .employer, act: "推荐", source: "hb-plan 三（一）5"),
                                                      .init(role: .titleReformOffice, act: "资格审核", source: "hb-plan 三（一）5")],
                         publicityDays: 5, publicityRole: .titleReformOffice, caseTypeVersion: 1)
    }

    static func kernel(_ id: String) throws -> CaseKernel {
        CaseKernel(caseType: try #require(caseTypes.caseType(id, version: 1)))
    }

    @Test func eachRoleIsOfferedWhatTheCaseTypeGivesItNow() throws {
        let kernel = try Self.kernel(TitleApplication.caseTypeID)
        var state = Self.hebei()
        #expect(kernel.actions(for: Self.applicant, in: state, on: Self.day) == ["submit", "withdraw"])
        #expect(kernel.actions(for: Self.employer, in: state, on: Self.day).isEmpty)
        state = try kernel.apply(.submit(status: "eligible"), by: Self.applicant, to: state, seenVersion: 0, on: Self.day).0
        #expect(kernel.actions(for: Self.employer, in: state, on: Self.day) == ["approve", "return", "reject"])
        #expect(kernel.actions(for: Self.office, in: state, on: Self.day).isEmpty)
        #expect(kernel.actions(for: Self.applicant, in: state, on: Self.day) == ["withdraw"])
        state = try kernel.apply(.approve, by: Self.employer, to: state, seenVersion: 1, on: Self.day).0
        state = try kernel.apply(.approve, by: Self.office, to: state, seenVersion: 2, on: Self.day).0
        #expect(state.stageCode == "publicity")
        // 公示 is closed only after its last day: not offered before, offered after.
        guard case .publicity(let until) = state.stage else { Issue.record("not in publicity: \(state.stage)"); return }
        #expect(kernel.actions(for: Self.office, in: state, on: until).isEmpty)
        #expect(kernel.actions(for: Self.office, in: state, on: until.adding(days: 1)) == ["close_publicity"])
        // Anyone may object during 公示, on the public page (no action on the case page).
        #expect(kernel.availableEvents(for: nil, in: state, on: Self.day).map(\.code) == ["object"])
    }

    /// Every case type refuses in the same words, naming roles as people know them.
    @Test func aRefusalNamesTheRoleInChinese() throws {
        let kernel = try Self.kernel(TitleApplication.caseTypeID)
        let state = try kernel.apply(.submit(status: "eligible"), by: Self.applicant, to: TitleApplication(applicant: "worker", steps: [], publicityDays: 0),
                                     seenVersion: 0, on: Self.day).0
        do throws(CaseRefusal) {
            _ = try kernel.apply(.recordDecision(passed: true), by: Self.applicant, to: state, seenVersion: 1, on: Self.day)
            Issue.record("the applicant recorded the committee's decision")
        } catch {
            #expect(error == .wrongActor(expected: .committeeOffice))
            #expect(error.description == "这一步应由「评审委员会办公室」办理")
        }
    }

    /// Where the vote only recommended (绍兴 一（三）3), the outcome "not adopted" exists; elsewhere not.
    @Test func anEventWithAConditionExistsOnlyWhereItHolds() throws {
        let kernel = try Self.kernel(TitleApplication.caseTypeID)
        let committee = Actor(user: "c", role: .committeeOffice, organisation: "c")
        var state = TitleApplication(applicant: "worker", steps: [], publicityDays: 0)
        state = try kernel.apply(.submit(status: "eligible"), by: Self.applicant, to: state, seenVersion: 0, on: Self.day).0
        state = try kernel.apply(.recordDecision(passed: true), by: committee, to: state, seenVersion: 1, on: Self.day).0
        #expect(kernel.availableEvents(for: committee, in: state, on: Self.day).map(\.code) == ["issue"])
        #expect(throws: CaseRefusal.notNow) {
            try kernel.apply(.notAdopted(decision: "绍人社〔2024〕9号"), by: committee, to: state, seenVersion: 2, on: Self.day)
        }
    }

    /// The process may only go where the case type says the event leads: a case type whose
    /// approval leads only to further checks refuses the approval that would end them.
    @Test func aMoveTheCaseTypeDoesNotDeclareIsRefused() throws {
        let type = try #require(Self.caseTypes.caseType(TitleApplication.caseTypeID, version: 1))
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(type)) as? [String: Any])
        var events = try #require(json["events"] as? [[String: Any]])
        let index = try #require(events.firstIndex { $0["code"] as? String == "approve" })
        events[index]["to"] = ["checking"]
        json["events"] = events
        let narrowed = CaseKernel(caseType: try JSONDecoder().decode(CaseType.self, from: JSONSerialization.data(withJSONObject: json)))
        var state = Self.hebei()
        state = try narrowed.apply(.submit(status: "eligible"), by: Self.applicant, to: state, seenVersion: 0, on: Self.day).0
        state = try narrowed.apply(.approve, by: Self.employer, to: state, seenVersion: 1, on: Self.day).0
        #expect(throws: CaseRefusal.notNow) { try narrowed.apply(.approve, by: Self.office, to: state, seenVersion: 2, on: Self.day) }
    }

    /// A case keeps the version it was opened under; a new case takes the version in force.
    @Test func aCaseKeepsItsCaseTypeVersion() throws {
        let first = try #require(Self.caseTypes.caseType(TitleApplication.caseTypeID, version: 1))
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(first)) as? [String: Any])
        json["version"] = 2
        json["validFrom"] = "2030-01-01"
        json["events"] = (json["events"] as? [[String: Any]])?.filter { $0["code"] as? String != "withdraw" }
        let second = try JSONDecoder().decode(CaseType.self, from: JSONSerialization.data(withJSONObject: json))
        let types = Self.caseTypes + [second]
        #expect(types.caseType(TitleApplication.caseTypeID, on: CalendarDate(iso: "2029-12-31")!)?.version == 1)
        #expect(types.caseType(TitleApplication.caseTypeID, on: CalendarDate(iso: "2030-01-01")!)?.version == 2)
        #expect(types.caseType(TitleApplication.caseTypeID, on: CalendarDate(iso: "2019-10-14")!) == nil)
        let opened = Self.hebei()
        #expect(CaseKernel(for: opened, in: types)?.caseType.version == 1)
        #expect(try CaseKernel(for: opened, in: types)!.apply(.withdraw, by: Self.applicant, to: opened, seenVersion: 0, on: Self.day).0.stageCode == "withdrawn")
        let later = TitleApplication(applicant: "worker", steps: [], publicityDays: 0, caseTypeVersion: 2)
        #expect(throws: CaseRefusal.notNow) {
            try CaseKernel(for: later, in: types)!.apply(.withdraw, by: Self.applicant, to: later, seenVersion: 0, on: Self.day)
        }
    }

    /// Every stage a process can reach and every event it can take is named in its case type
    /// (with `create`, the store's opening of the case as a draft).
    @Test func theProcessesSpeakTheirCaseTypesWords() throws {
        let title = try #require(Self.caseTypes.caseType(TitleApplication.caseTypeID, version: 1))
        let titleStages: [TitleApplication.Stage] = [.draft, .checking(step: 0), .returned(step: 0), .rejected(step: 0), .publicity(until: Self.day),
                                                     .objected(until: Self.day), .stopped, .awaitingReview, .decided(passed: true), .decided(passed: false),
                                                     .resultPublicity(until: Self.day), .issued, .withdrawn]
        #expect(Set(titleStages.map(\.code)) == Set(title.stages.map(\.code)))
        let titleEvents: [TitleApplication.Event] = [.submit(status: ""), .approve, .returnForRevision(reason: ""), .resubmit, .reject(reason: ""), .withdraw,
                                                     .lodgeObjection(contact: "", reason: ""), .resolveObjection(upheld: true, reason: ""), .closePublicity,
                                                     .recordDecision(passed: true), .issue(decision: ""), .notAdopted(decision: ""),
                                                     .confirm(item: 0, met: true, note: ""), .attach(label: "")]
        #expect(Set(titleEvents.map(\.code)).union(["create"]) == Set(title.events.map(\.code)))
        let skill = try #require(Self.caseTypes.caseType(SkillEvaluation.caseTypeID, version: 1))
        let skillStages: [SkillEvaluation.Stage] = [.draft, .checking(step: 0), .returned(step: 0), .rejected(step: 0), .accepted, .scheduled(batch: ""),
                                                    .assessed(passed: true), .assessed(passed: false), .certified(number: ""), .withdrawn]
        #expect(Set(skillStages.map(\.code)) == Set(skill.stages.map(\.code)))
        let skillEvents: [SkillEvaluation.Event] = [.submit(status: ""), .approve, .returnForRevision(reason: ""), .resubmit, .reject(reason: ""), .withdraw,
                                                    .confirm(item: 0, met: true, note: ""), .assign(batch: "", components: []), .unassign, .recordResults([]),
                                                    .issueCertificate(number: ""), .attach(label: ""), .markReported]
        #expect(Set(skillEvents.map(\.code)).union(["create"]) == Set(skill.events.map(\.code)))
        let bank = try #require(Self.caseTypes.caseType(QuestionBankProject.caseTypeID, version: 1))
        #expect(Set(QuestionBankProject.Stage.allCases.map(\.rawValue)) == Set(bank.stages.map(\.code)))
        let bankEvents: [QuestionBankProject.Event] = [.submit, .withdraw, .returnForCorrection(reason: ""), .recommend(as: .lead, reason: ""), .report(id: ""),
                                                       .decide(.lead, reason: ""), .edit, .attach(label: "")]
        #expect(Set(bankEvents.map(\.code)).union(["create"]) == Set(bank.events.map(\.code)))
    }
}
