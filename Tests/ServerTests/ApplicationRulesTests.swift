import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// What an applicant cannot do twice, or before its time.
@Suite(.serialized) struct ApplicationRulesTests {
    /// One application per person, plan and level: the second is refused with the way to the
    /// first, and the employer sees the person once.
    @Test(arguments: TestServer.databases.map(\.description))
    func oneApplicationPerPersonPlanAndLevel(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30")) { app in
            let world = CaseworkWorld(app)
            let desk = try await world.quzhouDesk(app, "u")
            let (employer, hr, planID) = (desk.employer, desk.hr, desk.plan)
            let worker = try await world.technician(app, "u-worker", displayName: "重复申报人")
            let body: [String: Any] = ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true]
            let first = try await worker.call(.POST, "api/v1/applications", body)
            let id = try #require(first.json["id"] as? String, "\(first.body)")
            for submit in [true, false] {
                var again = body
                again["submit"] = submit
                let second = try await worker.call(.POST, "api/v1/applications", again)
                #expect(second.status == 409, "\(second.body)")
                #expect(second.json["instance"] as? String == "/cases/\(id)" && second.body.contains("原申请"), "\(second.body)")
            }
            #expect(try await hr.call(.GET, "api/v1/queue?plan=\(planID)").json["total"] as? Int == 1)
            // Withdrawn, it no longer stands in the way.
            let view = try await worker.call(.GET, "api/v1/applications/\(id)")
            let withdrawn = try await worker.call(.POST, "api/v1/applications/\(id)/actions", ["action": "withdraw", "version": view.json["version"] as? Int ?? -1])
            #expect(withdrawn.status == 200, "\(withdrawn.body)")
            #expect(try await worker.call(.POST, "api/v1/applications", body).status == 201)
            // Four at once: the check before the write lets them all through, the index keeps one.
            let hurried = try await world.technician(app, "u-hurried", displayName: "同时申报人")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await hurried.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 409, 409, 409], "\(statuses)")
        }
    }

    /// A title held is not applied for again, nor one below it in the same series.
    @Test func whatIsHeldIsNotOfferedAgain() async throws {
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let desk = try await world.quzhouDesk(app, "h")
            let worker = try await world.applicant(app, "h-worker", displayName: "已有职称", person: [
                "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
                "titles": [["series": "机电制造工程", "level": "中级", "obtainedOn": "2022-01-01"]],
                "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
            ])
            let again = try await worker.call(.POST, "api/v1/applications", ["plan": desk.plan, "route": "regular", "level": "中级", "employer": desk.employer, "submit": true])
            #expect(again.status == 422 && again.body.contains("已取得"), "\(again.body)")
            // With no region chosen yet, the page asks for one; asked for 衢州, it lists nothing held.
            #expect(try await worker.call(.GET, "me").body.contains("请在个人档案中选择所在地区"))
            let quzhou = try await worker.call(.GET, "me?j=quzhou")
            #expect(quzhou.body.contains("地区：衢州市") && !quzhou.body.contains("机电制造工程 中级（"), "\(quzhou.body)")
        }
    }
}
