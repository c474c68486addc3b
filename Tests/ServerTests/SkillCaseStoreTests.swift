import Access
import Foundation
import SQLKit
import Server
import Store
import Testing

/// The skill evaluations' tables: one contract, held in memory and in the database alike.
@Suite(.serialized) struct SkillCaseStoreTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemorySkillCaseStore(), provider: UUID(), bureau: UUID(), applicant: UUID(),
                                        elsewhere: (Self.id(prefix: "00000000"), Self.id(prefix: "FFFFFFFF")))
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            let now = Date(timeIntervalSince1970: 1_719_700_000)
            let tag = UUID().uuidString.prefix(6)
            let provider = Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: .evaluationOrganisation, name: "存储测试评价机构\(tag)", jurisdiction: "quzhou"))
            let bureau = Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: .hrBureau, name: "存储测试人社局\(tag)", jurisdiction: "quzhou", level: .city))
            // Providers whose ids sort below and above the queue's own: the turns it holds for
            // applications that chose another provider lie on both sides of it in the index.
            let below = Organisation(ref: OrganisationRef(id: Self.id(prefix: "00000000").uuidString, kind: .evaluationOrganisation, name: "存储测试甲\(tag)", jurisdiction: "quzhou"))
            let above = Organisation(ref: OrganisationRef(id: Self.id(prefix: "FFFFFFFF").uuidString, kind: .evaluationOrganisation, name: "存储测试乙\(tag)", jurisdiction: "quzhou"))
            for organisation in [provider, bureau, below, above] { try await SQLOrganisationStore(sql).add(organisation, at: now) }
            let account = Account(username: "skill-store-\(tag.lowercased())", displayName: "吴师傅", passwordHash: "x")
            try await SQLAccountStore(sql).add(account, at: now)
            try await Self.holdsTheContract(SQLSkillCaseStore(sql), provider: try #require(provider.id), bureau: try #require(bureau.id), applicant: account.id,
                                            elsewhere: (try #require(below.id), try #require(above.id)))
        }
    }

    /// A random id whose first eight digits are `prefix`.
    static func id(prefix: String) -> UUID {
        UUID(uuidString: prefix + UUID().uuidString.dropFirst(8))!
    }

    /// `elsewhere`: two other providers, whose ids sort below and above `provider`'s.
    static func holdsTheContract(_ store: any SkillCaseStore, provider: UUID, bureau: UUID, applicant: UUID, elsewhere others: (below: UUID, above: UUID)) async throws {
        func queue(of organisation: UUID, stage: String?, offset: Int = 0, limit: Int, countLimit: Int = 1_000) async throws -> [SkillQueueLine] {
            try await store.queue(SkillQueueQuery(provider: organisation, stage: stage, offset: offset, limit: limit, countLimit: countLimit)).lines
        }
        // Batches: by date; one seat left is taken once, and given back.
        let later = AssessmentBatch(providerID: provider, occupation: "车工", workType: nil, level: "技师", heldOn: "2099-09-01", place: "二号考场",
                                    capacity: 1, components: #"["操作技能考核"]"#)
        let earlier = AssessmentBatch(providerID: provider, occupation: "车工", workType: "数控车工", level: "技师", heldOn: "2099-06-01", place: "一号考场",
                                      capacity: 30, components: #"["操作技能考核","理论知识考试"]"#)
        try await store.add(later)
        try await store.add(earlier)
        #expect(try await store.batch(earlier.id) == earlier)
        #expect(try await store.batches(of: provider) == [earlier, later])
        #expect(try await store.takeSeat(in: later.id))
        #expect(try await !store.takeSeat(in: later.id))
        #expect(try await store.batch(later.id)?.seatsTaken == 1)
        try await store.releaseSeat(in: later.id)
        try await store.releaseSeat(in: later.id)
        #expect(try await store.batch(later.id)?.seatsTaken == 0)

        // Applications: a draft is in no queue; the provider's queue has those it was chosen for.
        func application(stage: String, updatedOn: String) -> SkillApplicationRecord {
            SkillApplicationRecord(applicantID: applicant, applicantName: "吴师傅", providerID: provider, providerName: "某评价机构", jurisdiction: "quzhou",
                                   occupation: "车工", workType: nil, level: "技师", route: "promotion", procedure: "某文件 二（三）", stage: stage,
                                   orgDue: stage == "draft" ? nil : provider, version: 1, state: "{}", organisations: "[]", batchID: nil,
                                   frozenEvaluation: "{}", person: "{}", dataVersion: "v", submittedOn: stage == "draft" ? "" : updatedOn, updatedOn: updatedOn)
        }
        let draft = application(stage: "draft", updatedOn: "2099-05-03")
        var checking = application(stage: "provider_review", updatedOn: "2099-05-01")
        try await store.add(draft)
        try await store.add(checking)
        await #expect(throws: (any Error).self) { try await store.add(draft) }
        #expect(try await store.applications(of: applicant).map(\.id) == [draft.id, checking.id])
        #expect(try await queue(of: provider, stage: nil, limit: 10) == [SkillQueueLine(checking)])
        #expect(try await queue(of: provider, stage: "assigned", limit: 10).isEmpty)
        #expect(try await queue(of: UUID(), stage: nil, limit: 10).isEmpty)
        checking.batchID = earlier.id
        checking.stage = "assigned"
        try await store.update(checking)
        #expect(try await store.application(checking.id) == checking)
        #expect(try await queue(of: provider, stage: "assigned", limit: 10) == [SkillQueueLine(checking)])
        // Newest first, each once whether chosen, holding the turn or both, and never past the limit.
        let elsewhere = bureau  // any other organisation the database knows
        var handedOver = application(stage: "checking", updatedOn: "2099-06-03")
        handedOver.providerID = others.below
        var notYet = application(stage: "checking", updatedOn: "2099-06-02")
        notYet.orgDue = elsewhere
        try await store.add(handedOver)
        try await store.add(notYet)
        let newest = [handedOver, notYet, checking].map(SkillQueueLine.init)
        #expect(try await queue(of: provider, stage: nil, limit: 10) == newest)
        #expect(try await queue(of: provider, stage: nil, limit: 2) == Array(newest.prefix(2)))
        #expect(try await queue(of: provider, stage: "checking", limit: 10) == Array(newest.prefix(2)))
        #expect(try await queue(of: elsewhere, stage: nil, limit: 10) == [SkillQueueLine(notYet)])
        #expect(try await queue(of: others.below, stage: nil, limit: 10) == [SkillQueueLine(handedOver)])

        // Pages: many on one day are told apart by id, so pages never overlap or skip; the count
        // counts every line once and stops past its limit.
        var sameDay: [SkillApplicationRecord] = []
        for index in 0..<7 {
            var one = application(stage: "checking", updatedOn: "2099-04-01")
            if index.isMultiple(of: 3) { one.providerID = index == 3 ? others.below : others.above }  // here by its turn only
            sameDay.append(one)
            try await store.add(one)
        }
        let everything = try await queue(of: provider, stage: nil, limit: 100)
        #expect(everything.count == 10)
        #expect(Array(everything.prefix(3)) == newest)
        #expect(Set(everything.dropFirst(3).map(\.id)) == Set(sameDay.map(\.id)))
        var paged: [SkillQueueLine] = []
        for offset in stride(from: 0, to: 12, by: 4) { paged += try await queue(of: provider, stage: nil, offset: offset, limit: 4) }
        #expect(paged == everything)
        #expect(try await store.queue(SkillQueueQuery(provider: provider, stage: nil, offset: 8, limit: 4, countLimit: 1_000)).matching == 10)
        #expect(try await store.queue(SkillQueueQuery(provider: provider, stage: nil, offset: 0, limit: 4, countLimit: 5)).matching == 6)
        #expect(try await store.queue(SkillQueueQuery(provider: provider, stage: "assigned", offset: 0, limit: 4, countLimit: 1_000)).matching == 1)

        // Certificates: one per application and per issuer's number; listed to their bureau until reported.
        var certificate = SkillCertificate(applicationID: checking.id, userID: applicant, holderName: "吴师傅", number: "Z-0001", occupation: "车工",
                                           workType: nil, level: "技师", issuedOn: "2099-07-01", issuerID: provider, issuerName: "某评价机构", bureauID: bureau)
        try await store.add(certificate)
        await #expect(throws: (any Error).self) {
            try await store.add(SkillCertificate(applicationID: draft.id, userID: applicant, holderName: "吴师傅", number: "Z-0001", occupation: "车工",
                                                 workType: nil, level: "技师", issuedOn: "2099-07-01", issuerID: provider, issuerName: "某评价机构", bureauID: nil))
        }
        #expect(try await store.certificate(certificate.id) == certificate)
        #expect(try await store.certificate(of: checking.id) == certificate)
        #expect(try await store.certificate(of: draft.id) == nil)
        #expect(try await store.certificates(reportedTo: bureau, pendingOnly: true, limit: 10) == [certificate])
        certificate.reportedOn = "2099-07-02"
        certificate.reportedBy = "郑科员"
        try await store.update(certificate)
        #expect(try await store.certificates(reportedTo: bureau, pendingOnly: true, limit: 10).isEmpty)
        #expect(try await store.certificates(reportedTo: bureau, pendingOnly: false, limit: 10) == [certificate])
    }
}
