import Foundation
import SQLKit
import Server
import Testing
import Vapor
import VaporTesting

/// Every role against every question-bank endpoint at each stage: a draft is its unit's alone;
/// from submission its centre sees it; once reported the provincial centre does; desks,
/// reports, the selection and the call's settings are their centres'; everybody else gets
/// 401/403/404 and no data.
@Suite(.serialized) struct QuestionBankAuthorizationMatrixTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func theWholeMatrix(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2023-06-01")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            let province = try await admin.createOrganisation(kind: "evaluation_centre", name: world.name("省评价中心"), jurisdiction: "zhejiang", level: "province")
            let centre = try await admin.createOrganisation(kind: "evaluation_centre", name: world.name("衢州评价中心"), jurisdiction: "quzhou", level: "city")
            let otherCentre = try await admin.createOrganisation(kind: "evaluation_centre", name: world.name("绍兴评价中心"), jurisdiction: "shaoxing", level: "city")
            let handlers = ["provincial_evaluation_centre": province, "city_evaluation_centre": centre]
            let unit = try await admin.createOrganisation(kind: "employer", name: world.name("衢州矩阵单位"), jurisdiction: "quzhou", handlers: handlers)
            let otherUnit = try await admin.createOrganisation(kind: "employer", name: world.name("衢州另一单位"), jurisdiction: "quzhou", handlers: handlers)
            var users: [String: CaseClient] = [:]
            users["unit"] = try await world.client(app, world.officer("q-unit", role: "question_bank_unit", in: unit))
            users["unit_hr"] = try await world.client(app, world.officer("q-hr", role: "employer", in: unit))
            users["other_unit"] = try await world.client(app, world.officer("q-unit2", role: "question_bank_unit", in: otherUnit))
            users["centre"] = try await world.client(app, world.officer("q-centre", role: "city_evaluation_centre", in: centre))
            users["other_centre"] = try await world.client(app, world.officer("q-centre2", role: "city_evaluation_centre", in: otherCentre))
            users["province"] = try await world.client(app, world.officer("q-province", role: "provincial_evaluation_centre", in: province))
            users["person"] = try await world.applicant(app, "q-person", displayName: "个人", person: [:])
            users["anonymous"] = CaseClient(app)
            let everyone = users.keys.sorted()
            func denied(_ who: String) -> Int { who == "anonymous" ? 401 : 404 }
            let unitName = world.name("衢州矩阵单位")

            let created = try await users["unit"]!.call(.POST, "api/v1/question-bank-applications",
                                                       ["call": QuestionBankFlowTests.call, "form": QuestionBankFlowTests.form(unit: unitName)])
            let id = try #require(created.json["id"] as? String, "\(created.body)")
            let upload = try await users["unit"]!.call(.POST, "api/v1/question-bank-applications/\(id)/attachments?label=法人证书影印件&filename=l.pdf",
                                                      rawBody: QuestionBankFlowTests.scan)
            let attachment = try #require(upload.json["id"] as? String, "\(upload.body)")

            /// Who may read the application, its trail and its scan at this stage.
            func checkReading(_ viewers: Set<String>, stage: String) async throws {
                for who in everyone {
                    for path in ["api/v1/question-bank-applications/\(id)", "api/v1/question-bank-applications/\(id)/audit", "api/v1/question-bank-applications/\(id)/reads",
                                 "api/v1/question-bank-applications/\(id)/attachments/\(attachment)"] {
                        let answer = try await users[who]!.call(.GET, path)
                        #expect(answer.status == (viewers.contains(who) ? 200 : denied(who)), "\(stage): \(who) GET \(path): \(answer.status)")
                        if !viewers.contains(who) { #expect(!answer.body.contains(unitName), "\(stage): \(who) GET \(path) leaks the unit") }
                    }
                    let page = try await users[who]!.call(.GET, "question-bank/cases/\(id)")
                    #expect(viewers.contains(who) ? page.status == 200 : page.status != 200, "\(stage): \(who) page: \(page.status)")
                    #expect(viewers.contains(who) || !page.body.contains(unitName), "\(stage): \(who) page leaks the unit")
                }
            }
            func version() async throws -> Int { try await users["unit"]!.call(.GET, "api/v1/question-bank-applications/\(id)").json["version"] as? Int ?? -1 }

            try await checkReading(["unit"], stage: "draft")
            // Only the unit edits, attaches and submits.
            for who in everyone where who != "unit" {
                let save = try await users[who]!.call(.POST, "api/v1/question-bank-applications/\(id)/actions",
                                                      ["action": "save", "version": try await version(), "form": QuestionBankFlowTests.form(unit: "冒名")])
                #expect(save.status == denied(who), "draft: \(who) save: \(save.status)")
                let scan = try await users[who]!.call(.POST, "api/v1/question-bank-applications/\(id)/attachments?label=法人证书影印件", rawBody: QuestionBankFlowTests.scan)
                #expect(scan.status == denied(who), "draft: \(who) attach: \(scan.status)")
            }
            #expect(try await users["unit"]!.call(.POST, "api/v1/question-bank-applications/\(id)/actions", ["action": "submit", "version": try await version()]).status == 200)

            try await checkReading(["unit", "centre"], stage: "submitted")
            for who in everyone where who != "centre" {
                let answer = try await users[who]!.call(.POST, "api/v1/question-bank-applications/\(id)/actions",
                                                        ["action": "recommend", "recommendAs": "lead", "reason": "越权", "version": try await version()])
                #expect(answer.status == (who == "anonymous" ? 401 : who == "unit" ? 403 : 404), "submitted: \(who) recommend: \(answer.status)")
            }
            // The desks, the reports and the 汇总表 are each centre's own.
            for who in everyone {
                for path in ["api/v1/evaluation-centres/\(centre)/question-bank-applications", "api/v1/evaluation-centres/\(centre)/question-bank-reports",
                             "api/v1/evaluation-centres/\(centre)/question-bank-summary?call=\(QuestionBankFlowTests.call)"] {
                    let answer = try await users[who]!.call(.GET, path)
                    #expect(answer.status == (who == "centre" ? 200 : denied(who)), "\(who) GET \(path): \(answer.status)")
                    if who != "centre" { #expect(!answer.body.contains(unitName)) }
                }
                if who != "centre" {
                    let report = try await users[who]!.call(.POST, "api/v1/evaluation-centres/\(centre)/question-bank-reports",
                                                            ["call": QuestionBankFlowTests.call, "contact": "某", "phone": "1"])
                    #expect(report.status == denied(who), "\(who) POST report: \(report.status)")
                }
                // The selection, its export, the closing time and publishing are the provincial centre's.
                for path in ["api/v1/question-bank-calls/\(QuestionBankFlowTests.call)/selection", "api/v1/question-bank-calls/\(QuestionBankFlowTests.call)/selected"] {
                    let answer = try await users[who]!.call(.GET, path)
                    #expect(answer.status == (who == "province" ? 200 : who == "anonymous" ? 401 : 403), "\(who) GET \(path): \(answer.status)")
                }
                if who != "province" {
                    let closing = try await users[who]!.call(.PUT, "api/v1/question-bank-calls/\(QuestionBankFlowTests.call)/closing",
                                                             ["closesAt": "2023-07-01 17:00", "source": "越权"])
                    #expect(closing.status == (who == "anonymous" ? 401 : 403), "\(who) PUT closing: \(closing.status)")
                    let publish = try await users[who]!.call(.POST, "api/v1/question-bank-calls", [
                        "code": "qb-x-\(world.run)", "follows": QuestionBankFlowTests.call, "title": "越权", "issuedOn": "2023-06-01", "lastDay": "2023-07-01",
                        "catalogue": "序号,职业,工种,等级,国标版本,备注\n1,磨工,,5-1,2018,\n"])
                    #expect(publish.status == (who == "anonymous" ? 401 : 403), "\(who) POST call: \(publish.status)")
                }
                // A unit's list holds only its own.
                let mine = try await users[who]!.call(.GET, "api/v1/question-bank-applications")
                #expect(mine.body.contains(unitName) == (who == "unit"), "\(who) GET mine")
            }

            #expect(try await users["centre"]!.call(.POST, "api/v1/question-bank-applications/\(id)/actions",
                                                    ["action": "recommend", "recommendAs": "lead", "reason": "推荐", "version": try await version()]).status == 200)
            #expect(try await users["centre"]!.call(.POST, "api/v1/evaluation-centres/\(centre)/question-bank-reports",
                                                    ["call": QuestionBankFlowTests.call, "contact": "周", "phone": "0570-1"]).status == 201)
            try await checkReading(["unit", "centre", "province"], stage: "reported")
            for who in everyone where who != "province" {
                let answer = try await users[who]!.call(.POST, "api/v1/question-bank-applications/\(id)/actions",
                                                        ["action": "decide", "outcome": "lead", "reason": "越权", "version": try await version()])
                #expect(answer.status == (who == "anonymous" ? 401 : ["unit", "centre"].contains(who) ? 403 : 404), "reported: \(who) decide: \(answer.status)")
            }
        }
    }

    /// Two officers choosing two leads for one 工种 at the same moment: one wins, the other is a clean 409.
    @Test(arguments: TestServer.databases.map(\.description))
    func twoLeadsAtOnceConflictAndTheTrailIsAppendOnly(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2023-06-01")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let world = CaseworkWorld(app)
            let province = try await world.admin.createOrganisation(kind: "evaluation_centre", name: world.name("省评价中心"), jurisdiction: "zhejiang", level: "province")
            let officers = [try await world.client(app, world.officer("r-p1", role: "provincial_evaluation_centre", in: province)),
                            try await world.client(app, world.officer("r-p2", role: "provincial_evaluation_centre", in: province))]
            var ids: [String] = []
            for index in 0..<2 {
                let unit = try await world.admin.createOrganisation(kind: "employer", name: world.name("省直单位\(index)"), jurisdiction: "zhejiang",
                                                                    handlers: ["provincial_evaluation_centre": province])
                let client = try await world.client(app, world.officer("r-u\(index)", role: "question_bank_unit", in: unit))
                let w = QuestionBankFlowTests.World(world: world, app: app, calendar: calendar)
                let id = try await w.apply(client, form: QuestionBankFlowTests.form(unit: "省直单位\(index)"))
                #expect(try await w.act(officers[0], id, "recommend", ["recommendAs": "lead", "reason": "省直单位"]).status == 200)
                ids.append(id)
            }
            let versions = try await ids.asyncMap { try await officers[0].call(.GET, "api/v1/question-bank-applications/\($0)").json["version"] as? Int ?? -1 }
            async let first = officers[0].call(.POST, "api/v1/question-bank-applications/\(ids[0])/actions", ["action": "decide", "outcome": "lead", "reason": "甲", "version": versions[0]])
            async let second = officers[1].call(.POST, "api/v1/question-bank-applications/\(ids[1])/actions", ["action": "decide", "outcome": "lead", "reason": "乙", "version": versions[1]])
            let statuses = try await [first.status, second.status].sorted()
            #expect(statuses == [200, 409], "\(statuses)")

            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_events SET event = 'decide'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_events").run() }
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
