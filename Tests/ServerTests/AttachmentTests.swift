import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// Materials: typed by their content, limited in size, and each upload an audited action.
@Suite(.serialized) struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    @Test(arguments: TestServer.databases.map(\.description))
    func uploadsAreTypedLimitedAndAudited(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30")) { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou",
                                                                     committee: TitleApplicationFlowTests.quzhouCommittee)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("衢州某机械公司"), jurisdiction: "quzhou")
            let office = try await world.client(app, world.officer("a-office", role: "committee_office", in: committee))
            let hr = try await world.client(app, world.officer("a-hr", role: "employer", in: employer))
            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(
                series: ["机电制造工程"], levels: ["中级"], steps: [["role": "employer", "act": "推荐"]])])
            let planID = try #require(plan.json["id"] as? String)
            let worker = try await world.applicant(app, "a-worker", displayName: "材料申报人", person: [
                "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
                "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
            ])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let seen = try #require(started.json["version"] as? Int)

            // A PNG sent under a PDF's name is kept as what it is.
            let upload = try await worker.call(.POST, "api/v1/applications/\(id)/attachments?label=技能等级证书&filename=cert.pdf",
                                               headers: ["Content-Type": "application/pdf"], rawBody: Self.png)
            #expect(upload.status == 201, "\(upload.body)")
            #expect(upload.json["contentType"] as? String == "image/png")
            let digest = SHA256.hash(data: Data(Self.png)).map { String(format: "%02x", $0) }.joined()
            #expect(upload.json["sha256"] as? String == digest)

            // Text named .pdf, an empty file and one over 5 MB are refused, and leave no trace.
            let text = try await worker.call(.POST, "api/v1/applications/\(id)/attachments?label=证书&filename=cert.pdf",
                                             headers: ["Content-Type": "application/pdf"], rawBody: Array("not a pdf".utf8))
            #expect(text.status == 415, "\(text.body)")
            let large = try await worker.call(.POST, "api/v1/applications/\(id)/attachments?label=证书&filename=big.pdf",
                                              headers: ["Content-Type": "application/pdf"], rawBody: Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: 5 * 1024 * 1024))
            #expect(large.status == 413, "\(large.body)")

            // The upload is in the trail, with what was uploaded; it moved the version once.
            let trail = try await worker.call(.GET, "api/v1/applications/\(id)/audit").list
            let attached = trail.filter { $0["event"] as? String == "attach" }
            #expect(attached.count == 1)
            let detail = attached.first?["detail"] as? [String: String] ?? [:]
            #expect(detail["label"] == "技能等级证书" && detail["sha256"] == digest && detail["filename"] == nil)
            #expect(attached.first?["eventLabel"] as? String == "上传材料")
            #expect(attached.first?["version"] as? Int == seen + 1)

            // An empty file is called empty, not too large.
            let empty = try await worker.call(.POST, "api/v1/applications/\(id)/attachments?label=证书&filename=empty.pdf",
                                              headers: ["Content-Type": "application/pdf"], rawBody: [])
            #expect(empty.status == 422 && empty.body.contains("空") && !empty.body.contains("5 MB"), "\(empty.body)")

            // The page's upload form: a body that does not parse is the client's error, in Chinese.
            let boundary = "gt-boundary"
            let part = { (disposition: [UInt8]) -> [UInt8] in
                Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"".utf8) + disposition
                    + Array("\"\r\nContent-Type: image/png\r\n\r\n".utf8) + Self.png + Array("\r\n--\(boundary)--\r\n".utf8)
            }
            let bodies: [(String, [UInt8])] = [
                ("broken multipart", Array("--\(boundary)\r\nContent-Disposition: form-da".utf8)),
                ("empty body", []),
                ("non-UTF-8 file name", part([0xC3, 0x28, 0xFF, 0x2E, 0x70, 0x6E, 0x67])),
            ]
            for (what, body) in bodies {
                let answer = try await worker.call(.POST, "cases/\(id)/attachments", headers: [
                    "Content-Type": "multipart/form-data; boundary=\(boundary)", "Accept": "text/html"], rawBody: body)
                #expect(answer.status == 400, "\(what): \(answer.status) \(answer.body.prefix(300))")
                #expect(answer.status != 500 && !answer.body.contains("Internal") && answer.body.contains("表单"), "\(what): \(answer.body.prefix(300))")
            }

            // An officer who acts on the version seen before the upload meets a conflict, not a silent step.
            let stale = try await hr.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": seen])
            #expect(stale.status == 409, "\(stale.body)")
            let fresh = try await hr.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": seen + 1])
            #expect(fresh.status == 200, "\(fresh.body)")
        }
    }
}
