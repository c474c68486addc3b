import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// An office's queue: what waits for it, what it took part in, the filters, in submission order.
@Suite(.serialized) struct QueueTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func employerQueueFiltersScopesAndOrder(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30")) { app in
            let world = CaseworkWorld(app)
            let desk = try await world.quzhouDesk(app, "q")
            let (employer, hr, planID) = (desk.employer, desk.hr, desk.plan)
            let other = try await world.admin.createOrganisation(kind: "employer", name: world.name("衢州另一公司"), jurisdiction: "quzhou")
            let otherHR = try await world.client(app, world.officer("q-hr2", role: "employer", in: other))

            var ids: [String] = []
            for index in 0..<3 {
                let worker = try await world.applicant(app, "q-worker\(index)", displayName: "申报人\(index)", person: [
                    "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
                    "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
                ])
                let started = try await worker.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
                #expect(started.status == 201, "\(started.body)")
                ids.append(try #require(started.json["id"] as? String))
            }

            let due = try await hr.call(.GET, "api/v1/queue?plan=\(planID)&stage=checking")
            #expect(due.status == 200, "\(due.body)")
            #expect(due.json["total"] as? Int == 3)
            #expect(due.json["totalIsAtLeast"] as? Bool == false)
            let lines = due.json["items"] as? [[String: Any]] ?? []
            #expect(Set(lines.compactMap { $0["id"] as? String }) == Set(ids))
            #expect(lines.allSatisfy { $0["stageLabel"] as? String != nil && $0["roleDue"] as? String == "employer" && $0["version"] as? Int != nil })
            #expect(lines.map { $0["submittedOn"] as? String ?? "" } == lines.map { $0["submittedOn"] as? String ?? "" }.sorted())
            // Filters that match nothing, and another employer, see nothing.
            #expect(try await hr.call(.GET, "api/v1/queue?level=副高级").json["total"] as? Int == 0)
            #expect(try await hr.call(.GET, "api/v1/queue?stage=publicity").json["total"] as? Int == 0)
            #expect(try await otherHR.call(.GET, "api/v1/queue").json["total"] as? Int == 0)
            #expect(try await otherHR.call(.GET, "api/v1/queue?scope=all").json["total"] as? Int == 0)
            // A question-bank role in the same employer is not the employer's role: its queue,
            // its "all" and its workbook list none of the employer's title applications.
            let unitOnly = try await world.client(app, world.officer("q-qb", role: "question_bank_unit", in: employer))
            #expect(try await unitOnly.call(.GET, "api/v1/queue").json["total"] as? Int == 0)
            #expect(try await unitOnly.call(.GET, "api/v1/queue?scope=all").json["total"] as? Int == 0)
            let workPage = try await unitOnly.call(.GET, "work?scope=all")
            #expect(workPage.status == 200 && !workPage.body.contains("申报人0"), "\(workPage.body)")
            let workbook = try await unitOnly.call(.GET, "work/export.xlsx?scope=all")
            #expect(workbook.status == 200)
            #expect(try await hr.call(.GET, "work/export.xlsx?scope=all").body.utf8.count > workbook.body.utf8.count)

            // Once recommended, the application leaves the employer's due queue but stays in "all".
            let first = try await hr.call(.GET, "api/v1/applications/\(ids[0])")
            let approved = try await hr.call(.POST, "api/v1/applications/\(ids[0])/actions", ["action": "approve", "version": first.json["version"] as? Int ?? -1])
            #expect(approved.status == 200, "\(approved.body)")
            #expect(try await hr.call(.GET, "api/v1/queue").json["total"] as? Int == 2)
            let all = try await hr.call(.GET, "api/v1/queue?scope=all")
            #expect(all.json["total"] as? Int == 3)
            #expect((all.json["items"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == ids[0] && $0["stage"] as? String == "publicity" })
            #expect(try await hr.call(.GET, "api/v1/queue?scope=all&stage=publicity").json["total"] as? Int == 1)
            // A page past the end is empty, not an error.
            // Pages as deep as 10,000 lines are served; deeper ones ask for narrower filters.
            #expect(try await hr.call(.GET, "api/v1/queue?page=500&size=20").status == 200)
            let deep = try await hr.call(.GET, "api/v1/queue?page=501&size=20")
            #expect(deep.status == 422 && deep.body.contains("缩小范围"), "\(deep.body)")
            let beyond = try await hr.call(.GET, "api/v1/queue?page=9")
            #expect(beyond.status == 200 && (beyond.json["items"] as? [Any])?.isEmpty == true)
        }
    }
}
