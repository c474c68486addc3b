import Foundation
import SQLKit
import Server
import Testing
import Vapor
import VaporTesting

/// Every role in every organisation against every casework endpoint: allowed where the
/// documents give that office a part, 401/403/404 elsewhere, and never another's data.
@Suite(.serialized) struct AuthorizationMatrixTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)

    @Test(arguments: TestServer.databases.map(\.description))
    func theWholeMatrix(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            let department = try await admin.createOrganisation(kind: "competent_department", name: world.name("经信局"), jurisdiction: "shaoxing")
            let otherDepartment = try await admin.createOrganisation(kind: "competent_department", name: world.name("建设局"), jurisdiction: "shaoxing")
            let county = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("越城区人社局"), jurisdiction: "shaoxing", level: "county")
            let city = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("绍兴市人社局"), jurisdiction: "shaoxing", level: "city")
            let employer = try await admin.createOrganisation(kind: "employer", name: world.name("甲厂"), jurisdiction: "shaoxing",
                                                              handlers: ["competent_department": department, "county_hr_bureau": county])
            let otherEmployer = try await admin.createOrganisation(kind: "employer", name: world.name("乙厂"), jurisdiction: "shaoxing",
                                                                   handlers: ["competent_department": otherDepartment, "county_hr_bureau": county])
            let committeeName = "高技能人才参评工程专业技术职务任职资格（中级）评审委员会"
            let committee = try await admin.createOrganisation(kind: "committee", name: world.name("中评委"), jurisdiction: "shaoxing", committee: committeeName)
            let otherCommittee = try await admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou",
                                                                    committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            var users: [String: CaseClient] = [:]
            users["employer"] = try await world.client(app, world.officer("m-hr", role: "employer", in: employer))
            users["other_employer"] = try await world.client(app, world.officer("m-hr2", role: "employer", in: otherEmployer))
            users["department"] = try await world.client(app, world.officer("m-dept", role: "competent_department", in: department))
            users["other_department"] = try await world.client(app, world.officer("m-dept2", role: "competent_department", in: otherDepartment))
            users["county"] = try await world.client(app, world.officer("m-county", role: "county_hr_bureau", in: county))
            users["city"] = try await world.client(app, world.officer("m-city", role: "city_hr_bureau", in: city))
            users["committee"] = try await world.client(app, world.officer("m-office", role: "committee_office", in: committee))
            users["other_committee"] = try await world.client(app, world.officer("m-office2", role: "committee_office", in: otherCommittee))
            // A skill-evaluation provider of the same city takes no part in title applications.
            let provider = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("绍兴鉴定中心"), jurisdiction: "shaoxing",
                                                              provides: "市职业技能鉴定中心")
            users["provider"] = try await world.client(app, world.officer("m-provider", role: "evaluation_organisation", in: provider))
            // A question-bank role in the applicant's own employer is not the employer's role.
            users["employer_question_bank"] = try await world.client(app, world.officer("m-qb", role: "question_bank_unit", in: employer))
            users["anonymous"] = CaseClient(app)
            let name = "矩阵申请人" + world.run
            users["applicant"] = try await world.applicant(app, "m-applicant", displayName: name, person: [
                "skills": [["occupation": "电工", "level": "技师", "obtainedOn": "2015-05-01"]],
                "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]]])
            users["stranger"] = try await world.applicant(app, "m-stranger", displayName: "另一申请人", person: [:])
            let everyone = users.keys.sorted()

            // Plans: only the committee's own office publishes them.
            let planBody: [String: Any] = ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程"], levels: ["中级"], publicityDays: 0)]
            for who in everyone where who != "committee" {
                let answer = try await users[who]!.call(.POST, "api/v1/plans", planBody)
                #expect(answer.status == (who == "anonymous" ? 401 : 403), "\(who) POST plans: \(answer.status)")
            }
            let plan = try await users["committee"]!.call(.POST, "api/v1/plans", planBody)
            let planID = try #require(plan.json["id"] as? String)
            for who in everyone where who != "committee" {
                let answer = try await users[who]!.call(.POST, "api/v1/plans/\(planID)/sessions", ["group": "separate", "heldOn": "2024-09-10", "present": ["甲"]])
                #expect(answer.status == (who == "anonymous" ? 401 : 403), "\(who) POST sessions: \(answer.status)")
            }

            let started = try await users["applicant"]!.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let upload = try await users["applicant"]!.call(.POST, "api/v1/applications/\(id)/attachments?label=技能等级证书&filename=cert.pdf",
                                                           headers: ["Content-Type": "application/pdf"], rawBody: Self.pdf)
            #expect(upload.status == 201, "\(upload.body)")
            let attachment = try #require(upload.json["id"] as? String)
            // The upload is an action of its own: it moved the version.
            let version = try await users["applicant"]!.call(.GET, "api/v1/applications/\(id)").json["version"] as? Int ?? -1
            #expect(version == (started.json["version"] as? Int ?? -1) + 1)

            let viewers: Set<String> = ["applicant", "employer", "department", "county", "committee"]
            for who in everyone {
                let client = users[who]!
                let denied = who == "anonymous" ? 401 : 404
                for path in ["api/v1/applications/\(id)", "api/v1/applications/\(id)/audit", "api/v1/applications/\(id)/reads", "api/v1/applications/\(id)/attachments/\(attachment)"] {
                    let answer = try await client.call(.GET, path)
                    #expect(answer.status == (viewers.contains(who) ? 200 : denied), "\(who) GET \(path): \(answer.status)")
                    if !viewers.contains(who) { #expect(!answer.body.contains(name), "\(who) GET \(path) leaks the name") }
                }
                // Only the applicant uploads; the others who see it are refused, the rest do not learn it exists.
                if who != "applicant" {
                    let answer = try await client.call(.POST, "api/v1/applications/\(id)/attachments?label=x", headers: ["Content-Type": "application/pdf"], rawBody: Self.pdf)
                    #expect(answer.status == (viewers.contains(who) ? 403 : denied), "\(who) POST attachments: \(answer.status)")
                }
                // Lists: an office's queue and an applicant's list hold only what is theirs.
                let queue = try await client.call(.GET, "api/v1/queue?scope=all")
                let mine = try await client.call(.GET, "api/v1/applications")
                let holdsIt = queue.body.contains(name) || mine.body.contains(name)
                #expect(holdsIt == viewers.contains(who) || who == "anonymous" && !holdsIt, "\(who) lists: \(holdsIt)")
                // The offices' desk page lists it to the offices that take part, by role and organisation.
                let desk = try await client.call(.GET, "work?scope=all")
                #expect(desk.body.contains(name) == (viewers.contains(who) && who != "applicant"), "\(who) /work: \(desk.status)")
                let record = try await client.call(.GET, "api/v1/me/record")
                #expect(!record.body.contains("电工") || who == "applicant", "\(who) reads another's record")
            }
            // The step due is the competent department's: nobody else may take it, and it is taken once.
            for who in everyone where who != "department" {
                let answer = try await users[who]!.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": version])
                let expected = who == "anonymous" ? 401 : viewers.contains(who) ? 403 : 404
                #expect(answer.status == expected, "\(who) approve: \(answer.status) \(answer.body)")
            }
            let approved = try await users["department"]!.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": version])
            #expect(approved.status == 200, "\(approved.body)")
            let due = try await users["department"]!.call(.GET, "api/v1/queue")
            #expect(!due.body.contains(name), "no longer due at the department")
            // Messages: the applicant hears of the department's step; nobody else's messages mention the application.
            for who in everyone {
                let messages = try await users[who]!.call(.GET, "api/v1/me/messages")
                if who == "anonymous" {
                    #expect(messages.status == 401, "anonymous GET me/messages: \(messages.status)")
                } else if who == "applicant" {
                    #expect(messages.status == 200 && messages.list.contains { $0["application"] as? String == id }, "applicant messages: \(messages.body)")
                } else {
                    #expect(messages.status == 200 && !messages.body.contains(id) && !messages.body.contains(name), "\(who) GET me/messages: \(messages.status) \(messages.body)")
                }
            }
            let countyQueue = try await users["county"]!.call(.GET, "api/v1/queue")
            #expect(countyQueue.body.contains(name), "now due at the county bureau")
        }
    }

    /// Two officers act on the same version at the same moment: one step, one clear conflict.
    @Test(arguments: TestServer.databases.map(\.description))
    func twoOfficersAtOnceMakeOneStep(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("丙厂"), jurisdiction: "quzhou")
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州评委会"), jurisdiction: "quzhou",
                                                                     committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            let office = try await world.client(app, world.officer("c-office", role: "committee_office", in: committee))
            let first = try await world.client(app, world.officer("c-hr1", role: "employer", in: employer))
            let second = try await world.client(app, world.officer("c-hr2", role: "employer", in: employer))
            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程"], levels: ["中级"], steps: [["role": "employer", "act": "推荐"]])])
            let worker = try await world.applicant(app, "c-worker", displayName: "并发申请人", person: ["skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]]])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": plan.json["id"] as? String ?? "", "route": "regular", "level": "中级", "employer": employer, "submit": true])
            let id = try #require(started.json["id"] as? String, "\(started.body)")
            let version = started.json["version"] as? Int ?? -1
            var items = (started.json["confirmations"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "employer" }
            var seen = version
            while let item = items.first {
                seen = try await first.call(.POST, "api/v1/applications/\(id)/actions", ["action": "confirm", "version": seen, "item": item["id"] as? Int ?? 0, "met": true]).json["version"] as? Int ?? -1
                items.removeFirst()
            }
            let at = seen
            async let a = first.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": at])
            async let b = second.call(.POST, "api/v1/applications/\(id)/actions", ["action": "return", "version": at, "reason": "材料不全"])
            let statuses = try await [a.status, b.status].sorted()
            #expect(statuses == [200, 409], "\(statuses)")
            let trail = try await worker.call(.GET, "api/v1/applications/\(id)/audit")
            let versions = trail.list.map { $0["version"] as? Int ?? -1 }
            #expect(versions == Array(0..<versions.count), "one audit row per version: \(versions)")
            #expect(trail.list.filter { ["approve", "return"].contains($0["event"] as? String ?? "") }.count == 1)
        }
    }
}

/// The audit trail is append-only in the database itself, whatever code asks.
@Suite(.serialized) struct AuditTrailTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func updatesAndDeletesAreRefused(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州评委会"), jurisdiction: "quzhou",
                                                                     committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            let office = try await world.client(app, world.officer("a-office", role: "committee_office", in: committee))
            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程"], levels: ["中级"])])
            let worker = try await world.applicant(app, "a-worker", displayName: "审计申请人", person: ["skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]]])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": plan.json["id"] as? String ?? "", "route": "regular", "level": "中级", "submit": true])
            #expect(started.status == 201, "\(started.body)")
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_events SET event = 'approve'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_events").run() }
            if sql.dialect.name == "sqlite" {
                // REPLACE deletes the row it collides with without firing the delete trigger.
                #expect(try await sql.raw("SELECT count(*) AS n FROM case_events").first()?.decode(column: "n", as: Int.self) == 2)
                await #expect(throws: (any Error).self) { try await sql.raw("INSERT OR REPLACE INTO case_events SELECT * FROM case_events").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("REPLACE INTO case_events SELECT * FROM case_events").run() }
                // Every trail has the same guard.
                let guarded = try await sql.raw("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_replace'").all()
                    .map { try $0.decode(column: "tbl_name", as: String.self) }
                #expect(Set(guarded) == ["case_events", "case_reads", "organisation_audit_events"])
            } else {
                // Even the tables' owner cannot empty a trail.
                await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE case_events CASCADE").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE case_events").run() }
                await #expect(throws: (any Error).self) { try await sql.raw("TRUNCATE organisation_audit_events").run() }
            }
            let trail = try await worker.call(.GET, "api/v1/applications/\(started.json["id"] as? String ?? "")/audit")
            #expect(trail.list.map { $0["event"] as? String ?? "" } == ["create", "submit"])
        }
    }

    /// The service's own PostgreSQL role (it owns no table) can add to a trail and read it,
    /// but not change, empty, or drop or disable the triggers that guard it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TEST_DATABASE_SERVICE_URL"] != nil))
    func theServiceRoleCannotBypassTheTrail() async throws {
        let environment = ProcessInfo.processInfo.environment
        let choice = DatabaseChoice.postgresRoles(service: try #require(environment["TEST_DATABASE_SERVICE_URL"]),
                                                  owner: try #require(environment["TEST_DATABASE_URL"]))
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州评委会"), jurisdiction: "quzhou",
                                                                     committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            let office = try await world.client(app, world.officer("r-office", role: "committee_office", in: committee))
            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程"], levels: ["中级"])])
            let worker = try await world.applicant(app, "r-worker", displayName: "角色申请人", person: ["skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]]])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": plan.json["id"] as? String ?? "", "route": "regular", "level": "中级", "submit": true])
            #expect(started.status == 201, "\(started.body)")
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await sql.raw("SELECT current_user AS who").first()?.decode(column: "who", as: String.self) == "guantong_service")
            for statement: SQLQueryString in [
                "TRUNCATE case_events", "TRUNCATE organisation_audit_events", "UPDATE case_events SET event = 'approve'", "DELETE FROM case_events",
                "DROP TRIGGER case_events_append_only ON case_events", "ALTER TABLE case_events DISABLE TRIGGER ALL", "DROP TABLE organisation_audit_events",
                "DELETE FROM _fluent_migrations",
            ] {
                await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(statement).run() }
            }
            let trail = try await worker.call(.GET, "api/v1/applications/\(started.json["id"] as? String ?? "")/audit")
            #expect(trail.list.map { $0["event"] as? String ?? "" } == ["create", "submit"])
        }
    }
}
