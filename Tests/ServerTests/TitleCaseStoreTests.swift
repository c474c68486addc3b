import Access
import Foundation
import SQLKit
import Server
import Store
import Testing

/// The title casework's tables: one contract, held in memory and in the database alike.
@Suite(.serialized) struct TitleCaseStoreTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemoryTitleCaseStore(), committee: UUID(), applicant: UUID(), employer: UUID())
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            let now = Date(timeIntervalSince1970: 1_719_700_000)
            let tag = UUID().uuidString.prefix(6)
            let committee = Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: .committee, name: "存储测试评委会\(tag)", jurisdiction: "quzhou",
                                                              committee: "某评委会"))
            let employer = Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: .employer, name: "存储测试机械厂\(tag)", jurisdiction: "quzhou"))
            for organisation in [committee, employer] { try await SQLOrganisationStore(sql).add(organisation, at: now) }
            let account = Account(username: "title-store-\(tag.lowercased())", displayName: "周师傅", passwordHash: "x")
            try await SQLAccountStore(sql).add(account, at: now)
            try await Self.holdsTheContract(SQLTitleCaseStore(sql), committee: try #require(committee.id), applicant: account.id,
                                            employer: try #require(employer.id))
        }
    }

    static func holdsTheContract(_ store: any TitleCaseStore, committee: UUID, applicant: UUID, employer: UUID) async throws {
        let plan = ReviewPlan(committeeOrgID: committee, committee: "某评委会", jurisdiction: "quzhou", year: 2099, title: "2099年度评审",
                              series: #"["工程"]"#, levels: #"["中级","副高级"]"#, opensOn: "2099-03-01", closesOn: "2099-03-31",
                              checksDueOn: "2099-04-30", reviewOn: "2099-06-01", steps: "[]", separateGroup: true, materials: "[]",
                              publicityDays: 5, resultPublicityDays: 5, members: 7, votingRule: "{}", notice: "某通知")
        try await store.add(plan)
        #expect(try await store.plan(plan.id) == plan)
        #expect(try await store.plan(UUID()) == nil)
        // The latest opening first (a database used before may hold other plans of 2099).
        let listed = try await store.plans(limit: 1000)
        #expect(listed.contains(plan))
        #expect(listed.map(\.opensOn) == listed.map(\.opensOn).sorted(by: >))

        func application(level: String, stage: String, roleDue: String?, orgDue: UUID?, submittedOn: String, updatedOn: String, dueBy: String,
                         employer: UUID? = nil) -> TitleApplicationRecord {
            TitleApplicationRecord(planID: plan.id, applicantID: applicant, applicantName: "周师傅", employerID: employer, employerName: employer == nil ? "" : "某机械厂",
                                   jurisdiction: "quzhou", series: "工程", specialty: nil, level: level, route: "regular", separateGroup: true,
                                   stage: stage, roleDue: roleDue, orgDue: orgDue, version: 1, state: "{}", handlers: "{}", frozenEvaluation: "{}",
                                   person: "{}", dataVersion: "v", submittedOn: submittedOn, updatedOn: updatedOn, dueBy: dueBy)
        }
        var draft = application(level: "中级", stage: "draft", roleDue: "applicant", orgDue: nil, submittedOn: "", updatedOn: "2099-03-02", dueBy: "")
        let checking = application(level: "副高级", stage: "checking", roleDue: "committee_office", orgDue: committee, submittedOn: "2099-03-05",
                                   updatedOn: "2099-03-05", dueBy: "2099-04-30", employer: employer)
        try await store.add(draft)
        try await store.add(checking)
        await #expect(throws: (any Error).self) { try await store.add(checking) }
        #expect(try await store.application(checking.id) == checking)
        #expect(try await store.application(UUID()) == nil)
        #expect(try await store.applications(of: applicant).map(\.id) == [checking.id, draft.id])
        #expect(try await store.latestEmployer(of: applicant) == employer)
        #expect(try await store.latestEmployer(of: UUID()) == nil)

        // One open application per person, plan and level: a withdrawn one no longer counts.
        #expect(try await store.openApplication(of: applicant, plan: plan.id, level: "中级") == draft)
        draft.stage = "withdrawn"
        draft.roleDue = nil
        try await store.update(draft)
        #expect(try await store.application(draft.id) == draft)
        #expect(try await store.openApplication(of: applicant, plan: plan.id, level: "中级") == nil)

        // Queues: due with a seat (its role in its organisation), or every case the seat takes part in.
        try await store.addHandlers([(role: "committee_office", organisation: committee), (role: "employer", organisation: employer)], of: checking.id)
        await #expect(throws: (any Error).self) { try await store.addHandlers([(role: "employer", organisation: employer)], of: checking.id) }
        func query(_ seats: [(role: String, organisation: UUID)], all: Bool = false, stage: String? = nil, overdueOn: String? = nil,
                   offset: Int = 0) -> TitleQueueQuery {
            TitleQueueQuery(seats: seats, everyTakingPart: all, plan: plan.id, series: nil, level: nil, stage: stage, overdueOn: overdueOn,
                            stagesWithDueDates: ["checking", "awaiting_review"], offset: offset, limit: 20, countLimit: 1000)
        }
        let office = (role: "committee_office", organisation: committee)
        let due = try await store.queue(query([office]))
        #expect(due.lines == [TitleQueueLine(checking)])
        #expect(due.matching == 1)
        // The employer takes part but nothing is due with it; the same organisation in another role sees nothing.
        #expect(try await store.queue(query([(role: "employer", organisation: employer)])).lines.isEmpty)
        #expect(try await store.queue(query([(role: "employer", organisation: employer)], all: true)).lines == [TitleQueueLine(checking)])
        #expect(try await store.queue(query([(role: "city_hr_bureau", organisation: committee)], all: true)).lines.isEmpty)
        #expect(try await store.queue(query([office], stage: "publicity")).lines.isEmpty)
        #expect(try await store.queue(query([office], overdueOn: "2099-04-30")).lines.isEmpty)
        #expect(try await store.queue(query([office], overdueOn: "2099-05-01")).lines == [TitleQueueLine(checking)])
        // A page past the end still counts what matches.
        let past = try await store.queue(query([office], offset: 20))
        #expect(past.lines.isEmpty && past.matching == 1)

        #expect(try await store.applications(in: plan.id, stages: ["checking"], limit: 10) == [TitleQueueLine(checking)])
        #expect(try await store.applications(in: plan.id, stages: ["publicity"], limit: 10).isEmpty)

        // Objections: pending until resolved, counted per application.
        var first = Objection(applicationID: checking.id, contact: "电话 1", reason: "论文不实", lodgedOn: "2099-05-02")
        let second = Objection(applicationID: checking.id, contact: "电话 2", reason: "业绩不实", lodgedOn: "2099-05-03")
        try await store.add(first)
        try await store.add(second)
        first.upheld = false
        first.resolution = "经核实不成立"
        try await store.update(first)
        #expect(try await store.objections(of: checking.id, pendingOnly: true) == [second])
        #expect(try await store.objections(of: checking.id, pendingOnly: false) == [first, second])
        #expect(try await store.objectionCounts(of: [checking.id, draft.id]) == [checking.id: 2])

        // Sessions keep the applications voted on.
        var session = ReviewSession(planID: plan.id, group: "separate", heldOn: "2099-06-01", members: 7, present: #"["甲","乙"]"#, applications: "[]")
        try await store.add(session)
        session.applications = "[\"\(checking.id.uuidString)\"]"
        try await store.update(session)
        #expect(try await store.session(session.id) == session)
        #expect(try await store.session(UUID()) == nil)
    }
}
