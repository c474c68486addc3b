import Foundation
@testable import Server
import Testing
import Vapor
import VaporTesting

/// Objections during 公示 are records of their own: a flood of them (as from many addresses)
/// neither moves the application's version past the first nor buries the applicant's messages;
/// identical ones are merged and each application holds a bounded number.
@Suite(.serialized) struct ObjectionFloodTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func aFloodOfObjectionsIsBoundedMergedAndQuiet(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        // The per-address budget is raised as if the flood came from many addresses: the cap
        // per application is what is tried here.
        var security = TestServer.security
        security.objectionsPerMinute = 1_000
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30"), security: security) { app in
            let world = CaseworkWorld(app)
            let desk = try await world.quzhouDesk(app, "o")
            let (employer, office, hr, planID) = (desk.employer, desk.office, desk.hr, desk.plan)
            let worker = try await world.technician(app, "o-worker", displayName: "公示申报人")
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let roles = try await worker.driveChecks(id, by: ["employer": hr])
            #expect(roles == ["employer"])
            #expect(try await worker.call(.GET, "api/v1/applications/\(id)").json["stage"] as? String == "publicity")

            let public_ = CaseClient(app)
            func object(_ reason: String) async throws -> CaseClient.Answer {
                try await public_.call(.POST, "api/v1/publicity/\(planID)/objections", ["application": id, "contact": "13900002222", "reason": reason])
            }
            let first = try await object("业绩材料与实际不符")
            #expect(first.status == 202 && first.json["status"] as? String == "received", "\(first.body)")
            let objected = try await office.call(.GET, "api/v1/applications/\(id)")
            #expect(objected.json["stage"] as? String == "objected", "\(objected.body)")
            let version = try #require(objected.json["version"] as? Int)

            // The same words again (whatever the spacing) are merged, not kept twice.
            let same = try await object(" 业绩材料 与实际不符 ")
            #expect(same.status == 202 && same.json["status"] as? String == "merged", "\(same.body)")
            // More distinct ones are kept up to the cap; none moves the version.
            for index in 2...security.objectionsPerApplication {
                #expect(try await object("第\(index)条异议：证书编号存疑").status == 202)
            }
            let over = try await object("又一条异议")
            #expect(over.status == 422 && over.body.contains("上限"), "\(over.body)")
            let after = try await office.call(.GET, "api/v1/applications/\(id)")
            #expect(after.json["version"] as? Int == version)
            #expect((after.json["objections"] as? [Any])?.count == security.objectionsPerApplication)

            // The applicant reads one line with the number, not thirty messages.
            let messages = try await worker.call(.GET, "api/v1/me/messages").list
            let lines = messages.filter { ($0["from"] as? String) == "公示异议" }
            #expect(lines.count == 1)
            #expect((lines.first?["text"] as? String ?? "").contains("公示期间收到 \(security.objectionsPerApplication) 条异议"), "\(lines)")
            #expect(!messages.contains { ($0["text"] as? String ?? "").contains("13900002222") })

            // The office resolves on the version it saw when the first one came.
            let resolved = try await office.call(.POST, "api/v1/applications/\(id)/actions", [
                "action": "resolve_objection", "version": version, "upheld": false, "reason": "经核实，材料属实"])
            #expect(resolved.status == 200 && resolved.json["stage"] as? String == "publicity", "\(resolved.body)")
        }
    }
}
