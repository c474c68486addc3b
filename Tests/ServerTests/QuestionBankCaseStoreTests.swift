import Access
import Foundation
import SQLKit
import Server
import Store
import Testing

/// The question-bank call's tables: one contract, held in memory and in the database alike.
@Suite(.serialized) struct QuestionBankCaseStoreTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemoryQuestionBankCaseStore(), unit: UUID(), city: UUID(), province: UUID())
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            let now = Date(timeIntervalSince1970: 1_719_700_000)
            let tag = UUID().uuidString.prefix(6)
            func organisation(_ kind: OrganisationKind, _ name: String) -> Organisation {
                Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: kind, name: name + tag, jurisdiction: "zhejiang"))
            }
            let unit = organisation(.employer, "存储测试技师学院"), city = organisation(.evaluationOrganisation, "存储测试市中心"),
                province = organisation(.evaluationOrganisation, "存储测试省中心")
            for item in [unit, city, province] { try await SQLOrganisationStore(sql).add(item, at: now) }
            try await Self.holdsTheContract(SQLQuestionBankCaseStore(sql), unit: try #require(unit.id), city: try #require(city.id),
                                            province: try #require(province.id))
        }
    }

    static func holdsTheContract(_ store: any QuestionBankCaseStore, unit: UUID, city: UUID, province: UUID) async throws {
        let call = "test-call-\(UUID().uuidString.prefix(8))"
        func application(stage: String, workType: String, updatedOn: String, submitted: Bool) -> QuestionBankApplicationRecord {
            QuestionBankApplicationRecord(callID: call, unitID: unit, unitName: "某技师学院", centreID: city, provincialCentreID: province, occupation: "车工",
                                          workType: workType, intent: "lead", stage: stage, version: 1, state: "{}", form: "{}", reportID: nil,
                                          submittedOn: submitted ? updatedOn : "", updatedOn: updatedOn)
        }
        let draft = application(stage: "draft", workType: "", updatedOn: "2099-05-01", submitted: false)
        var recommended = application(stage: "recommended", workType: "数控车工", updatedOn: "2099-05-02", submitted: true)
        try await store.add(draft)
        try await store.add(recommended)
        await #expect(throws: (any Error).self) { try await store.add(draft) }
        #expect(try await store.application(draft.id) == draft)
        #expect(recommended.projectKey == "车工｜数控车工" && draft.projectKey == "车工")
        #expect(try await store.applications(ofUnits: [unit]).map(\.id) == [recommended.id, draft.id])
        #expect(try await store.applications(ofUnits: []).isEmpty)
        #expect(try await store.applications(submittedTo: city) == [recommended])
        #expect(try await store.applications(of: city, asProvincialCentre: false, call: call, stages: ["recommended"]) == [recommended])
        #expect(try await store.applications(of: city, asProvincialCentre: false, call: "other", stages: ["recommended"]).isEmpty)
        #expect(try await store.applications(of: province, asProvincialCentre: true, call: nil, stages: ["reported"]).isEmpty)

        // A report takes the recommended applications to the provincial centre.
        let report = QuestionBankReport(callID: call, centreID: city, centreName: "某市中心", contact: "陈老师", phone: "0570-1234567", filledOn: "2099-05-03",
                                        reportedAt: Date(timeIntervalSince1970: 4_081_000_000), reportedBy: "陈老师")
        try await store.add(report)
        recommended.stage = "reported"
        recommended.reportID = report.id
        try await store.update(recommended)
        #expect(try await store.report(report.id) == report)
        #expect(try await store.reports(of: city) == [report])
        #expect(try await store.applications(inReport: report.id) == [recommended])
        #expect(try await store.applications(of: province, asProvincialCentre: true, call: call, stages: ["reported", "decided"]) == [recommended])

        // One lead per occupation (工种) of a call.
        try await store.add(QuestionBankLead(callID: call, centreID: province, projectKey: recommended.projectKey, applicationID: recommended.id))
        await #expect(throws: (any Error).self) {
            try await store.add(QuestionBankLead(callID: call, centreID: province, projectKey: recommended.projectKey, applicationID: draft.id))
        }

        // The closing time: set, then set again in its place.
        #expect(try await store.setting(of: call) == nil)
        try await store.save(QuestionBankCallSetting(callID: call, closesAt: Date(timeIntervalSince1970: 4_081_100_000), source: "通知", setBy: "省中心",
                                                     setAt: Date(timeIntervalSince1970: 4_081_000_000)))
        try await store.save(QuestionBankCallSetting(callID: call, closesAt: Date(timeIntervalSince1970: 4_081_200_000), source: "延期通知", setBy: "省中心",
                                                     setAt: Date(timeIntervalSince1970: 4_081_050_000)))
        #expect(try await store.setting(of: call)?.source == "延期通知")
        #expect(try await store.setting(of: call)?.closesAt == Date(timeIntervalSince1970: 4_081_200_000))

        // Calls published later, in the order they were published; a code once only.
        let published = QuestionBankPublishedCall(code: call, follows: "zj-2023", title: "某征集", number: "浙评〔2099〕1号", issuer: "省中心",
                                                  issuedOn: "2099-01-05", lastDay: "2099-02-01", catalogue: "[]", publishedBy: province,
                                                  publishedAt: Date(timeIntervalSince1970: 4_081_000_000))
        try await store.add(published)
        await #expect(throws: (any Error).self) { try await store.add(published) }
        #expect(try await store.publishedCall(call) == published)
        #expect(try await store.publishedCall(call + "-none") == nil)
        let all = try await store.publishedCalls()
        #expect(all.contains(published))
        #expect(all.map(\.publishedAt) == all.map(\.publishedAt).sorted())
    }
}
