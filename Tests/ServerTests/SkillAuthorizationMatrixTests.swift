import Foundation
import SQLKit
import Server
import Testing
import Vapor
import VaporTesting

/// Every role in every organisation against every skill-evaluation endpoint: the applicant and
/// the provider taking its step see the application; the provider's own lists and batches are
/// its officers'; the report list is the bureau's; everybody else gets 401/403/404 and no data.
@Suite(.serialized) struct SkillAuthorizationMatrixTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func theWholeMatrix(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            let bureau = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("衢州市人社局"), jurisdiction: "quzhou", level: "city")
            let otherBureau = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("绍兴市人社局"), jurisdiction: "shaoxing", level: "city")
            let provider = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("衢州市技师学院"), jurisdiction: "quzhou",
                                                              handlers: ["city_hr_bureau": bureau], provides: "衢州市技师学院")
            let otherProvider = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("衢州应用技术学校"), jurisdiction: "quzhou",
                                                                   provides: "浙江省衢州应用技术学校")
            let employer = try await admin.createOrganisation(kind: "employer", name: world.name("衢州某机械厂"), jurisdiction: "quzhou")
            let committee = try await admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou",
                                                               committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            var users: [String: CaseClient] = [:]
            users["provider"] = try await world.client(app, world.officer("s-provider", role: "evaluation_organisation", in: provider))
            users["other_provider"] = try await world.client(app, world.officer("s-provider2", role: "evaluation_organisation", in: otherProvider))
            users["employer"] = try await world.client(app, world.officer("s-hr", role: "employer", in: employer))
            users["bureau"] = try await world.client(app, world.officer("s-bureau", role: "city_hr_bureau", in: bureau))
            users["other_bureau"] = try await world.client(app, world.officer("s-bureau2", role: "city_hr_bureau", in: otherBureau))
            users["committee"] = try await world.client(app, world.officer("s-office", role: "committee_office", in: committee))
            users["anonymous"] = CaseClient(app)
            let name = "技能矩阵申请人" + world.run
            users["applicant"] = try await world.applicant(app, "s-applicant", displayName: name, person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-05-01"]], "currentOccupation": "焊工"])
            users["stranger"] = try await world.applicant(app, "s-stranger", displayName: "另一申请人", person: [:])
            let everyone = users.keys.sorted()
            func denied(_ who: String) -> Int { who == "anonymous" ? 401 : 404 }

            let started = try await users["applicant"]!.call(.POST, "api/v1/skill-applications", [
                "provider": provider, "employer": employer, "route": "promotion", "occupation": "焊工", "workType": "电焊工", "level": "技师", "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let upload = try await users["applicant"]!.call(.POST, "api/v1/skill-applications/\(id)/attachments?label=技能等级证书&filename=c.pdf",
                                                           rawBody: AuthorizationMatrixTests.pdf)
            let attachment = try #require(upload.json["id"] as? String, "\(upload.body)")
            let version = try await users["applicant"]!.call(.GET, "api/v1/skill-applications/\(id)").json["version"] as? Int ?? -1

            let viewers: Set<String> = ["applicant", "provider"]
            for who in everyone {
                let client = users[who]!
                for path in ["api/v1/skill-applications/\(id)", "api/v1/skill-applications/\(id)/audit", "api/v1/skill-applications/\(id)/reads", "api/v1/skill-applications/\(id)/attachments/\(attachment)"] {
                    let answer = try await client.call(.GET, path)
                    #expect(answer.status == (viewers.contains(who) ? 200 : denied(who)), "\(who) GET \(path): \(answer.status)")
                    if !viewers.contains(who) { #expect(!answer.body.contains(name), "\(who) GET \(path) leaks the name") }
                }
                if who != "applicant" {
                    let answer = try await client.call(.POST, "api/v1/skill-applications/\(id)/attachments?label=x", rawBody: AuthorizationMatrixTests.pdf)
                    #expect(answer.status == (viewers.contains(who) ? 403 : denied(who)), "\(who) POST attachments: \(answer.status)")
                }
                if who != "provider" {
                    let answer = try await client.call(.POST, "api/v1/skill-applications/\(id)/actions", ["action": "approve", "version": version])
                    #expect(answer.status == (who == "anonymous" ? 401 : viewers.contains(who) ? 403 : 404), "\(who) approve: \(answer.status)")
                }
                // The provider's own lists and batches are its officers' alone.
                for path in ["api/v1/evaluation-organisations/\(provider)/applications", "api/v1/evaluation-organisations/\(provider)/batches"] {
                    let answer = try await client.call(.GET, path)
                    #expect(answer.status == (who == "provider" ? 200 : denied(who)), "\(who) GET \(path): \(answer.status)")
                    if who != "provider" { #expect(!answer.body.contains(name)) }
                }
                let batch = try await client.call(.POST, "api/v1/evaluation-organisations/\(provider)/batches", [
                    "occupation": "焊工", "workType": "电焊工", "level": "技师", "heldOn": "2024-07-20", "place": "实训楼", "capacity": 5])
                #expect(batch.status == (who == "provider" ? 201 : denied(who)), "\(who) POST batches: \(batch.status)")
                // The report list is the bureau's.
                let reports = try await client.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports")
                #expect(reports.status == (who == "bureau" ? 200 : denied(who)), "\(who) GET reports: \(reports.status)")
                let mark = try await client.call(.POST, "api/v1/bureaus/\(bureau)/certificate-reports", ["certificates": [UUID().uuidString]])
                // The bureau is told the certificate is not on its list; nobody else learns the list exists.
                #expect(mark.status == (who == "bureau" ? 200 : denied(who)), "\(who) POST reports: \(mark.status)")
                if who == "bureau" { #expect(mark.json["marked"] as? Int == 0 && (mark.json["failed"] as? [String])?.count == 1) }
                // An applicant's own list holds only their own.
                let mine = try await client.call(.GET, "api/v1/skill-applications")
                #expect(mine.body.contains(name) == (who == "applicant"), "\(who) GET skill-applications")
            }
            let approved = try await users["provider"]!.call(.POST, "api/v1/skill-applications/\(id)/actions", ["action": "approve", "version": version])
            #expect(approved.status == 422 && approved.body.contains("待确认"), "the provider's items come first: \(approved.body)")
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func theSkillTrailIsAppendOnly(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let provider = try await world.admin.createOrganisation(kind: "evaluation_organisation", name: world.name("衢州市技师学院"), jurisdiction: "quzhou",
                                                                    provides: "衢州市技师学院")
            let worker = try await world.applicant(app, "t-worker", displayName: "审计申请人", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-05-01"]], "currentOccupation": "焊工"])
            let started = try await worker.call(.POST, "api/v1/skill-applications", ["provider": provider, "route": "promotion", "occupation": "焊工",
                                                                                     "workType": "电焊工", "level": "技师", "submit": true])
            #expect(started.status == 201, "\(started.body)")
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_events SET event = 'approve'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_events").run() }
            let trail = try await worker.call(.GET, "api/v1/skill-applications/\(started.json["id"] as? String ?? "")/audit")
            #expect(trail.list.map { $0["event"] as? String ?? "" } == ["create", "submit"])
        }
    }
}
