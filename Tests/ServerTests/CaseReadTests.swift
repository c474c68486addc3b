import Foundation
import SQLKit
import Server
import Testing
import Vapor
import VaporTesting

/// Officers' reads of personal data are recorded — the case with the applicant's record, each
/// attachment downloaded — and the applicant sees who looked; their own reads are not recorded.
@Suite(.serialized) struct CaseReadTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func officersReadsAreRecordedAndShownToTheApplicant(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30")) { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou",
                                                                     committee: TitleApplicationFlowTests.quzhouCommittee)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("衢州查阅机械公司"), jurisdiction: "quzhou")
            let office = try await world.client(app, world.officer("r-office", role: "committee_office", in: committee))
            let hr = try await world.client(app, world.officer("r-hr", role: "employer", in: employer))
            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(
                series: ["机电制造工程"], levels: ["中级"], steps: [["role": "employer", "act": "推荐"]])])
            let worker = try await world.applicant(app, "r-worker", displayName: "查阅申报人", person: [
                "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
                "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
            ])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": plan.json["id"] as? String ?? "", "route": "regular", "level": "中级",
                                                                                "employer": employer, "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let upload = try await worker.call(.POST, "api/v1/applications/\(id)/attachments?label=技能等级证书&filename=cert.png",
                                               headers: ["Content-Type": "image/png"], rawBody: AttachmentTests.png)
            let attachment = try #require(upload.json["id"] as? String, "\(upload.body)")

            // The applicant's own reads leave nothing.
            _ = try await worker.call(.GET, "api/v1/applications/\(id)")
            _ = try await worker.call(.GET, "api/v1/applications/\(id)/attachments/\(attachment)")
            #expect(try await worker.call(.GET, "api/v1/applications/\(id)/reads").list.isEmpty)

            // The employer's HR opens the case and downloads the scan.
            #expect(try await hr.call(.GET, "api/v1/applications/\(id)").status == 200)
            #expect(try await hr.call(.GET, "api/v1/applications/\(id)/attachments/\(attachment)").status == 200)
            let reads = try await worker.call(.GET, "api/v1/applications/\(id)/reads").list
            #expect(reads.count == 2)
            // (The test clock stands still: both reads carry the same time, so their order is not asserted.)
            #expect(reads.map { $0["what"] as? String ?? "" }.sorted() == ["attachment", "case"])
            #expect(reads.allSatisfy { $0["role"] as? String == "employer" && ($0["organisation"] as? String ?? "").contains("衢州查阅机械公司") })
            #expect(reads.allSatisfy { ($0["readerName"] as? String ?? "").isEmpty == false && $0["onDate"] as? String == "2024-06-30" })
            #expect(Set(reads.map { $0["text"] as? String ?? "" }) == ["下载附件「技能等级证书（cert.png）」", "查看申请及个人档案"])

            // A stranger learns nothing of them; the applicant's page lists them.
            let stranger = try await world.applicant(app, "r-stranger", displayName: "旁人", person: [:])
            #expect(try await stranger.call(.GET, "api/v1/applications/\(id)/reads").status == 404)
            let page = try await worker.call(.GET, "cases/\(id)")
            #expect(page.body.contains("查阅记录") && page.body.contains("下载附件「技能等级证书（cert.png）」") && page.body.contains("查看申请及个人档案"))

            // The record cannot be changed or removed.
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_reads SET reader_name = 'x'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_reads").run() }
        }
    }
}
