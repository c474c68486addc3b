import Foundation
@testable import Server
import SQLKit
import Testing
import Vapor
import VaporTesting

/// Skill evaluations through the API, each from the documents' own words: 77号 三（四）1–3
/// (中级 → 技师, promotion a year after the certificate, 相关专业毕业证书 → 免于理论知识考试),
/// 衢州 附件4's providers, 绍兴 二（三）2 (高级技师: the city centre, then the provincial centre),
/// 河北 三（二）4 (自主评价企业) and 三（二）6 (焊工 to the named departments).
@Suite(.serialized) struct SkillEvaluationFlowTests {
    static let pdf = Array("%PDF-1.4\n% diploma scan\n".utf8)

    struct World {
        let world: CaseworkWorld
        let app: Application

        init(_ app: Application) {
            self.app = app
            world = CaseworkWorld(app)
        }

        func provider(_ label: String, jurisdiction: String, provides: String, handlers: [String: String] = [:]) async throws -> (id: String, officer: CaseClient) {
            let id = try await world.admin.createOrganisation(kind: "evaluation_organisation", name: world.name(label), jurisdiction: jurisdiction,
                                                              handlers: handlers, provides: provides)
            let officer = try await world.client(app, world.officer(label + "-officer", role: "evaluation_organisation", in: id))
            return (id, officer)
        }

        func act(_ client: CaseClient, _ id: String, _ action: String, _ extra: [String: Any] = [:]) async throws -> CaseClient.Answer {
            let version = try await client.call(.GET, "api/v1/skill-applications/\(id)").json["version"] as? Int ?? -1
            return try await client.call(.POST, "api/v1/skill-applications/\(id)/actions", extra.merging(["action": action, "version": version]) { a, _ in a })
        }

        /// Confirms every open item the client's organisation holds, then approves.
        func accept(_ client: CaseClient, _ id: String) async throws -> [String: Any] {
            var view = try await client.call(.GET, "api/v1/skill-applications/\(id)").json
            for item in (view["confirmations"] as? [[String: Any]] ?? []) where item["status"] as? String == "open" {
                let confirmed = try await act(client, id, "confirm", ["item": item["id"] as? Int ?? 0, "met": true, "note": "按国家职业技能标准核实工作年限"])
                #expect(confirmed.status == 200, "\(confirmed.body)")
            }
            let approved = try await act(client, id, "approve")
            #expect(approved.status == 200, "approve: \(approved.body)")
            view = approved.json
            return view
        }

        /// A batch held on `heldOn`: today's date of the tests' calendar unless a later day is given.
        func batch(_ client: CaseClient, provider: String, occupation: String, workType: String? = nil, level: String, capacity: Int,
                   components: [String] = [], heldOn: String = "2024-06-30") async throws -> String {
            var body: [String: Any] = ["occupation": occupation, "level": level, "heldOn": heldOn, "place": "实训楼 3 层", "capacity": capacity,
                                       "components": components]
            if let workType { body["workType"] = workType }
            let created = try await client.call(.POST, "api/v1/evaluation-organisations/\(provider)/batches", body)
            #expect(created.status == 201, "batch: \(created.body)")
            return created.json["id"] as? String ?? ""
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func aQuzhouEngineerSitsTechnicianWithTheTheoryExamExempt(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2024-06-30")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let w = World(app)
            let bureau = try await w.world.admin.createOrganisation(kind: "hr_bureau", name: w.world.name("衢州市人力社保局"), jurisdiction: "quzhou", level: "city")
            let bureauOfficer = try await w.world.client(app, w.world.officer("qz-bureau", role: "city_hr_bureau", in: bureau))
            let (college, officer) = try await w.provider("衢州市技师学院", jurisdiction: "quzhou", provides: "衢州市技师学院", handlers: ["city_hr_bureau": bureau])
            // 77号 三（四）1: 中级 → 技师 of the occupation he works in; a related diploma (本科) exempts the theory exam.
            let engineer = try await w.world.applicant(app, "qz-engineer", displayName: "周工", person: [
                "titles": [["series": "工程", "level": "中级", "obtainedOn": "2018-01-01"]], "currentOccupation": "焊工", "occupationWorkYears": 8,
                "education": ["level": "本科", "relatedToOccupation": true]])

            // The public list shows the provider and what 附件4 says it covers.
            let listed = try await CaseClient(app).call(.GET, "api/v1/evaluation-organisations?jurisdiction=quzhou").list
            #expect(listed.contains { $0["id"] as? String == college && ($0["coverage"] as? [String] ?? []).contains { $0.contains("电焊工") && $0.contains("附件4") } })

            let start: [String: Any] = ["provider": college, "route": "title_crossover", "occupation": "焊工", "workType": "电焊工", "level": "技师", "theoryExempt": true]
            // Submitting at once with the exemption claimed but no diploma attached: refused.
            let early = try await engineer.call(.POST, "api/v1/skill-applications", start.merging(["submit": true]) { _, b in b })
            #expect(early.status == 422 && early.body.contains("毕业证书"), "\(early.body)")
            let draft = try await engineer.call(.POST, "api/v1/skill-applications", start)
            #expect(draft.status == 201, "\(draft.body)")
            let id = draft.json["id"] as? String ?? ""
            #expect(draft.json["procedure"] as? String == "浙人社发〔2022〕77号 三（四）3")
            #expect((draft.json["steps"] as? [[String: Any]])?.map { $0["organisation"] as? String } == [w.world.name("衢州市技师学院")])
            let noDiploma = try await w.act(engineer, id, "submit")
            #expect(noDiploma.status == 422 && noDiploma.body.contains("毕业证书"), "\(noDiploma.body)")
            let uploaded = try await engineer.call(.POST, "api/v1/skill-applications/\(id)/attachments?label=毕业证书&filename=diploma.pdf", rawBody: Self.pdf)
            #expect(uploaded.status == 201, "\(uploaded.body)")
            let submitted = try await w.act(engineer, id, "submit")
            #expect(submitted.status == 200 && submitted.json["stage"] as? String == "checking", "\(submitted.body)")

            // The provider sees the exemption and the diploma; nobody else sees the application.
            let seen = try await officer.call(.GET, "api/v1/skill-applications/\(id)").json
            #expect(seen["theoryExempt"] as? Bool == true && (seen["attachments"] as? [[String: Any]])?.first?["label"] as? String == "毕业证书")
            let queue = try await officer.call(.GET, "api/v1/evaluation-organisations/\(college)/applications").list
            #expect(queue.contains { $0["id"] as? String == id })
            // In pages: the array as before, its place in headers; a page past the end is empty
            // and links back; pages past the deepest line are refused with the reason.
            let queuePath = "api/v1/evaluation-organisations/\(college)/applications"
            let firstPage = try await officer.call(.GET, queuePath + "?page=1&size=1")
            #expect(firstPage.list.count == 1 && firstPage.headers.first(name: "X-Total-Count") == String(queue.count))
            let pastTheEnd = try await officer.call(.GET, queuePath + "?page=\(queue.count + 1)&size=1&stage=checking")
            #expect(pastTheEnd.status == 200 && pastTheEnd.list.isEmpty)
            #expect(pastTheEnd.headers.first(name: "Link") == "</\(queuePath)?page=\(queue.count)&size=1&stage=checking>; rel=\"prev\"")
            let tooDeep = try await officer.call(.GET, queuePath + "?page=10001&size=1")
            #expect(tooDeep.status == 422 && tooDeep.body.contains("只能翻到第 10000 份为止"), "\(tooDeep.body)")
            let (_, stranger) = try await w.provider("浙江省衢州应用技术学校", jurisdiction: "quzhou", provides: "浙江省衢州应用技术学校")
            #expect(try await stranger.call(.GET, "api/v1/skill-applications/\(id)").status == 404)
            #expect(try await stranger.call(.GET, "api/v1/skill-applications/\(id)/reads").status == 404)
            #expect(try await stranger.call(.GET, "api/v1/evaluation-organisations/\(college)/applications").status == 404)
            #expect(try await bureauOfficer.call(.GET, "api/v1/skill-applications/\(id)").status == 404)
            // The applicant cannot take the provider's step.
            #expect(try await w.act(engineer, id, "approve").status == 403)

            _ = try await w.accept(officer, id)
            let batch = try await w.batch(officer, provider: college, occupation: "焊工", workType: "电焊工", level: "技师", capacity: 1, components: ["理论知识考试"],
                                          heldOn: "2024-07-20")
            let assigned = try await w.act(officer, id, "assign", ["batch": batch])
            #expect(assigned.status == 200 && assigned.json["stage"] as? String == "scheduled", "\(assigned.body)")
            // Exempt: the components are the practical assessment alone.
            #expect(assigned.json["components"] as? [String] == ["操作技能考核"])
            // Nothing is recorded before the assessment: results and the certificate wait for its day.
            let beforeBatch = try await w.act(officer, id, "results", ["results": [["component": "操作技能考核", "score": "85", "passed": true]]])
            #expect(beforeBatch.status == 422 && beforeBatch.body.contains("2024-07-20"), "\(beforeBatch.body)")
            calendar.set("2024-07-20")
            for client in [officer, engineer, bureauOfficer] { try await client.renew() }
            let withTheory = try await w.act(officer, id, "results", ["results": [["component": "操作技能考核", "score": "85", "passed": true],
                                                                                    ["component": "理论知识考试", "score": "70", "passed": true]]])
            #expect(withTheory.status == 422 && withTheory.body.contains("理论知识考试"), "\(withTheory.body)")
            let passed = try await w.act(officer, id, "results", ["results": [["component": "操作技能考核", "score": "85", "passed": true]]])
            #expect(passed.json["stage"] as? String == "passed", "\(passed.body)")
            let certified = try await w.act(officer, id, "certify", ["number": "QZ2024-0001"])
            #expect(certified.status == 200 && certified.json["stage"] as? String == "certified", "\(certified.body)")
            #expect((certified.json["certificate"] as? [String: Any])?["number"] as? String == "QZ2024-0001")

            // The applicant hears of each of the provider's actions, with the way to the application.
            let messages = try await engineer.call(.GET, "api/v1/me/messages").list
            #expect(messages.contains { $0["link"] as? String == "/skill/cases/\(id)" && $0["from"] as? String == w.world.name("衢州市技师学院")
                && ($0["text"] as? String ?? "").hasPrefix("颁发证书") }, "\(messages)")
            #expect(try await officer.call(.GET, "api/v1/me/messages").list.allSatisfy { $0["application"] as? String != id })
            // In the record at once: the certificate's next level is a promotion a year on (77号 三（四）2).
            let evaluation = try await engineer.call(.GET, "api/v1/me/evaluation").json
            let promotion = (evaluation["skillOptions"] as? [[String: Any]] ?? []).first { $0["route"] as? String == "promotion" && $0["level"] as? String == "高级技师" }
            #expect(promotion?["status"] as? String == "not_yet" && promotion?["earliestDate"] as? String == "2025-07-20", "\(String(describing: promotion))")

            // The bureau's report list: JSON, CSV and .xlsx, then marked reported (an action on the trail).
            let reports = try await bureauOfficer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports?pending=true").list
            #expect(reports.map { $0["number"] as? String } == ["QZ2024-0001"])
            let csv = try await bureauOfficer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports?format=csv")
            #expect(csv.body.contains("证书编号,姓名,职业") && csv.body.contains("QZ2024-0001,周工,焊工,电焊工,技师,2024-07-20"), "\(csv.body)")
            try await app.testing().test(.GET, "api/v1/bureaus/\(bureau)/certificate-reports?format=xlsx", headers: ["Cookie": bureauOfficer.cookie]) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            #expect(try await officer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports").status == 404)
            // A bad id in the list is reported with its reason; the others are marked.
            let marked = try await bureauOfficer.call(.POST, "api/v1/bureaus/\(bureau)/certificate-reports", ["certificates": [UUID().uuidString, reports.first?["id"] as? String ?? ""]])
            #expect(marked.json["marked"] as? Int == 1 && (marked.json["failed"] as? [String])?.count == 1, "\(marked.body)")
            // Certified is final: submitting again neither resets it nor touches the trail.
            let again = try await w.act(engineer, id, "submit")
            #expect(again.status == 422, "\(again.body)")
            #expect(try await bureauOfficer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports?pending=true").list.isEmpty)
            let trail = try await engineer.call(.GET, "api/v1/skill-applications/\(id)/audit").list.map { $0["event"] as? String ?? "" }
            #expect(trail == ["create", "attach", "submit", "approve", "assign", "results", "certify", "report"], "\(trail)")
            // The provider's reads of the application are recorded for the applicant; the applicant's own are not.
            let reads = try await engineer.call(.GET, "api/v1/skill-applications/\(id)/reads").list
            #expect(!reads.isEmpty && reads.allSatisfy { $0["role"] as? String == "evaluation_organisation" && $0["what"] as? String == "case" }, "\(reads)")
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func aFullBatchRefusesOneMoreAndPromotionWaitsAYear(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let w = World(app)
            let (college, officer) = try await w.provider("衢州市技师学院", jurisdiction: "quzhou", provides: "衢州市技师学院")
            // 77号 三（四）2: 高级工 → 技师 one year after the certificate.
            let older = try await w.world.applicant(app, "qz-welder-a", displayName: "吴师傅", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2023-05-01"]], "currentOccupation": "焊工"])
            let newer = try await w.world.applicant(app, "qz-welder-b", displayName: "郑师傅", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2024-01-10"]], "currentOccupation": "焊工"])
            let start: [String: Any] = ["provider": college, "route": "promotion", "occupation": "焊工", "workType": "电焊工", "level": "技师", "submit": true]
            let early = try await newer.call(.POST, "api/v1/skill-applications", start)
            #expect(early.status == 422 && early.body.contains("2025-01-10"), "\(early.body)")
            let first = try await older.call(.POST, "api/v1/skill-applications", start)
            #expect(first.status == 201, "\(first.body)")
            // 累计工作年限 per the national standard is unknown: the provider confirms it.
            let items = first.json["confirmations"] as? [[String: Any]] ?? []
            #expect(items.contains { ($0["text"] as? String ?? "").contains("累计工作年限") && $0["role"] as? String == "evaluation_organisation" }, "\(items)")
            let id = first.json["id"] as? String ?? ""
            #expect(try await w.act(officer, id, "approve").body.contains("待确认"))
            _ = try await w.accept(officer, id)
            let batch = try await w.batch(officer, provider: college, occupation: "焊工", workType: "电焊工", level: "技师", capacity: 1, components: ["理论知识考试"])
            #expect(try await w.act(officer, id, "assign", ["batch": batch]).json["components"] as? [String] == ["操作技能考核", "理论知识考试"])

            // A third applicant, accepted, meets a full batch.
            let third = try await w.world.applicant(app, "qz-welder-c", displayName: "王师傅", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-03-01"]], "currentOccupation": "焊工"])
            let other = try await third.call(.POST, "api/v1/skill-applications", start).json["id"] as? String ?? ""
            _ = try await w.accept(officer, other)
            let full = try await w.act(officer, other, "assign", ["batch": batch])
            #expect(full.status == 409 && full.body.contains("已满"), "\(full.body)")
            let batches = try await officer.call(.GET, "api/v1/evaluation-organisations/\(college)/batches").list
            #expect(batches.first { $0["id"] as? String == batch }?["seatsTaken"] as? Int == 1)
            // Setting up the batch is on the provider's own trail, which nobody can change.
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT event, detail FROM organisation_audit_events WHERE organisation_id = \(bind: UUID(uuidString: college)!)").all()
            let detail = try rows.first?.decode(column: "detail", as: String.self) ?? ""
            #expect(rows.count == 1 && detail.contains("理论知识考试"), "\(detail)")
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM organisation_audit_events").run() }
            // Taking the first out frees the seat.
            #expect(try await w.act(officer, id, "unassign").json["stage"] as? String == "accepted")
            #expect(try await w.act(officer, other, "assign", ["batch": batch]).status == 200)
            // Results must cover every component; a failed one fails the assessment.
            let missing = try await w.act(officer, other, "results", ["results": [["component": "操作技能考核", "score": "80", "passed": true]]])
            #expect(missing.status == 422 && missing.body.contains("理论知识考试"))
            let failed = try await w.act(officer, other, "results", ["results": [["component": "操作技能考核", "score": "80", "passed": true],
                                                                                 ["component": "理论知识考试", "score": "52", "passed": false]]])
            #expect(failed.json["stage"] as? String == "failed")
            #expect(try await w.act(officer, other, "certify", ["number": "X-1"]).status == 422)
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func aShaoxingSeniorTechnicianGoesThroughTheCityAndProvincialCentres(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let w = World(app)
            let (point, _) = try await w.provider("浙江工业职业技术学院", jurisdiction: "shaoxing", provides: "浙江工业职业技术学院（绍兴市公共实训基地）")
            let (province, provinceOfficer) = try await w.provider("浙江省职业技能鉴定指导中心", jurisdiction: "zhejiang", provides: "省职业技能鉴定指导中心")
            // The city centre names the provincial centre it reports to (由其统一报省职业技能鉴定指导中心).
            let (city, cityOfficer) = try await w.provider("绍兴市职业技能鉴定中心", jurisdiction: "shaoxing", provides: "市职业技能鉴定中心",
                                                            handlers: ["evaluation_organisation": province])
            let engineer = try await w.world.applicant(app, "sx-senior", displayName: "钱高工", person: [
                "titles": [["series": "工程", "level": "副高级", "obtainedOn": "2018-01-01"]], "currentOccupation": "车工"])
            let start: [String: Any] = ["route": "title_crossover", "occupation": "车工", "level": "高级技师", "submit": true]
            // 二（三）2: 高级技师 goes to the city centre, not a service point.
            let wrong = try await engineer.call(.POST, "api/v1/skill-applications", start.merging(["provider": point]) { a, _ in a })
            #expect(wrong.status == 422 && wrong.body.contains("市职业技能鉴定中心") && wrong.body.contains("二（三）2"), "\(wrong.body)")
            let created = try await engineer.call(.POST, "api/v1/skill-applications", start.merging(["provider": city]) { a, _ in a })
            #expect(created.status == 201, "\(created.body)")
            let id = created.json["id"] as? String ?? ""
            let steps = created.json["steps"] as? [[String: Any]] ?? []
            #expect(steps.map { $0["act"] as? String } == ["上报", "鉴定"])
            #expect(steps.map { $0["organisation"] as? String } == [w.world.name("绍兴市职业技能鉴定中心"), w.world.name("浙江省职业技能鉴定指导中心")])
            #expect((steps.first?["source"] as? String)?.contains("二（三）2") == true)
            // The provincial centre cannot act before the city centre forwards.
            #expect(try await w.act(provinceOfficer, id, "approve").status == 403)
            let forwarded = try await w.act(cityOfficer, id, "approve")
            #expect(forwarded.status == 200 && forwarded.json["stage"] as? String == "checking", "\(forwarded.body)")
            #expect(try await provinceOfficer.call(.GET, "api/v1/evaluation-organisations/\(province)/applications").list.contains { $0["id"] as? String == id })
            let accepted = try await w.accept(provinceOfficer, id)
            #expect(accepted["stage"] as? String == "accepted")
            // Both steps are on the trail, each with its organisation.
            let trail = try await engineer.call(.GET, "api/v1/skill-applications/\(id)/audit").list
            #expect(trail.filter { $0["event"] as? String == "approve" }.map { $0["organisation"] as? String } ==
                    [w.world.name("绍兴市职业技能鉴定中心"), w.world.name("浙江省职业技能鉴定指导中心")])
            // The provincial centre runs the assessment: the city centre no longer can.
            let batch = try await w.batch(provinceOfficer, provider: province, occupation: "车工", level: "高级技师", capacity: 10)
            #expect(try await w.act(cityOfficer, id, "assign", ["batch": batch]).status == 403)
            #expect(try await w.act(provinceOfficer, id, "assign", ["batch": batch]).status == 200)
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func hebeiWeldersGoToTheNamedDepartmentsAndAQualifiedEnterpriseEvaluatesItsOwn(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let w = World(app)
            let (department, departmentOfficer) = try await w.provider("河北焊工鉴定站", jurisdiction: "hebei", provides: "人力资源社会保障部门职业技能鉴定机构")
            let enterprise = try await w.world.admin.createOrganisation(kind: "employer", name: w.world.name("河北某装备公司"), jurisdiction: "hebei")
            _ = try await w.world.admin.qualify(organisation: enterprise, occupation: "焊工", levels: ["高级工", "技师"], source: "冀人社字〔2021〕备案公告")
            _ = try await w.world.admin.qualify(organisation: enterprise, occupation: "车工", levels: ["技师"], source: "冀人社字〔2021〕备案公告")
            let hr = try await w.world.client(app, w.world.officer("hb-hr", role: "employer", in: enterprise))
            let person: [String: Any] = ["titles": [["series": "工程", "level": "中级", "obtainedOn": "2017-01-01"]], "occupationWorkYears": 10]
            let welder = try await w.world.applicant(app, "hb-welder", displayName: "孙工", person: person.merging(["currentOccupation": "焊工"]) { a, _ in a })
            let turner = try await w.world.applicant(app, "hb-turner", displayName: "李工", person: person.merging(["currentOccupation": "车工"]) { a, _ in a })

            // 三（二）6: 焊工 is access-type: not the enterprise, even qualified; the named department.
            let own = try await welder.call(.POST, "api/v1/skill-applications", ["provider": enterprise, "employer": enterprise, "route": "title_crossover",
                                                                                 "occupation": "焊工", "level": "技师", "submit": true])
            #expect(own.status == 422 && own.body.contains("就业准入类") && own.body.contains("人力资源社会保障部门职业技能鉴定机构"), "\(own.body)")
            let toDepartment = try await welder.call(.POST, "api/v1/skill-applications", ["provider": department, "route": "title_crossover",
                                                                                          "occupation": "焊工", "level": "技师", "submit": true])
            #expect(toDepartment.status == 201 && (toDepartment.json["procedure"] as? String)?.hasSuffix("三（二）6") == true, "\(toDepartment.body)")
            let weldID = toDepartment.json["id"] as? String ?? ""
            #expect(try await w.accept(departmentOfficer, weldID)["stage"] as? String == "accepted")

            // 三（二）4: the enterprise evaluates its own staff and issues the certificate itself.
            let elsewhere = try await turner.call(.POST, "api/v1/skill-applications", ["provider": enterprise, "route": "title_crossover",
                                                                                       "occupation": "车工", "level": "技师", "submit": true])
            #expect(elsewhere.status == 422 && elsewhere.body.contains("本单位职工"), "\(elsewhere.body)")
            let ownStaff = try await turner.call(.POST, "api/v1/skill-applications", ["provider": enterprise, "employer": enterprise, "route": "title_crossover",
                                                                                      "occupation": "车工", "level": "技师", "submit": true])
            #expect(ownStaff.status == 201, "\(ownStaff.body)")
            let id = ownStaff.json["id"] as? String ?? ""
            #expect((ownStaff.json["procedure"] as? String)?.hasSuffix("三（二）4") == true)
            #expect((ownStaff.json["steps"] as? [[String: Any]])?.map { $0["role"] as? String } == ["employer"])
            _ = try await w.accept(hr, id)
            let batch = try await w.batch(hr, provider: enterprise, occupation: "车工", level: "技师", capacity: 5, components: ["业绩评审"])
            #expect(try await w.act(hr, id, "assign", ["batch": batch]).json["components"] as? [String] == ["操作技能考核", "业绩评审"])
            _ = try await w.act(hr, id, "results", ["results": [["component": "操作技能考核", "score": "合格", "passed": true], ["component": "业绩评审", "score": "优秀", "passed": true]]])
            let certified = try await w.act(hr, id, "certify", ["number": "HB-QY-0007"])
            #expect((certified.json["certificate"] as? [String: Any])?["issuerName"] as? String == w.world.name("河北某装备公司"), "\(certified.body)")
            // Another applicant's officer may not see it; the welder cannot see the turner's.
            #expect(try await departmentOfficer.call(.GET, "api/v1/skill-applications/\(id)").status == 404)
            #expect(try await welder.call(.GET, "api/v1/skill-applications/\(id)").status == 404)
        }
    }

    /// What only the applicant may do, what a draft shows to whom, and what a 工种 may be.
    @Test(arguments: TestServer.databases.map(\.description))
    func draftsAreTheApplicantsAndSubmissionIsOnce(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let w = World(app)
            let (college, officer) = try await w.provider("衢州市技师学院", jurisdiction: "quzhou", provides: "衢州市技师学院")
            let applicant = try await w.world.applicant(app, "qz-draft", displayName: "=HYPERLINK(\"x\")", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-05-01"]], "currentOccupation": "焊工"])
            let start: [String: Any] = ["provider": college, "route": "promotion", "occupation": "焊工", "level": "技师"]
            // A 工种 is one the provider lists, never free text.
            let made = try await applicant.call(.POST, "api/v1/skill-applications", start.merging(["workType": "水下焊接潜水员"]) { a, _ in a })
            #expect(made.status == 422 && made.body.contains("电焊工"), "\(made.body)")
            let draft = try await applicant.call(.POST, "api/v1/skill-applications", start.merging(["workType": "电焊工"]) { a, _ in a })
            let id = try #require(draft.json["id"] as? String, "\(draft.body)")
            // The provider sees nothing of a draft.
            #expect(try await officer.call(.GET, "api/v1/skill-applications/\(id)").status == 404)
            #expect(try await applicant.call(.POST, "api/v1/skill-applications/\(id)/actions", ["action": "submit", "version": 0]).status == 200)
            // Once submitted, the provider sees it but cannot submit or resubmit it (nor learn the record's state that way).
            let forged = try await w.act(officer, id, "resubmit")
            #expect(forged.status == 403 && !forged.body.contains("最早"), "\(forged.body)")
            let twice = try await w.act(applicant, id, "submit")
            #expect(twice.status == 422, "\(twice.body)")
            // Returned and resubmitted: the earlier answers are kept as a revision.
            #expect(try await w.act(officer, id, "return", ["reason": "请补充工作年限证明"]).json["stage"] as? String == "returned")
            let resubmitted = try await w.act(applicant, id, "resubmit")
            #expect(resubmitted.json["stage"] as? String == "checking" && resubmitted.json["revisions"] as? Int == 1, "\(resubmitted.body)")
            let rejected = try await w.act(officer, id, "reject", ["reason": "材料不全"])
            #expect(rejected.json["stage"] as? String == "rejected", "\(rejected.body)")
            // A rejection stays a rejection.
            #expect(try await w.act(applicant, id, "submit").status == 422)
            #expect(try await applicant.call(.GET, "api/v1/skill-applications/\(id)").json["stage"] as? String == "rejected")
            let trail = try await applicant.call(.GET, "api/v1/skill-applications/\(id)/audit").list.map { $0["event"] as? String ?? "" }
            #expect(trail == ["create", "submit", "return", "resubmit", "reject"], "\(trail)")
        }
    }

    /// A certificate issued before any bureau is set up waits, and reaches the bureau set up later.
    @Test func aCertificateWithNoBureauYetReachesTheOneSetUpLater() async throws {
        try await TestServer.withServer { app in
            let w = World(app)
            let (college, officer) = try await w.provider("衢州市技师学院", jurisdiction: "quzhou", provides: "衢州市技师学院")
            let applicant = try await w.world.applicant(app, "qz-late", displayName: "郑工", person: [
                "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-05-01"]], "currentOccupation": "焊工"])
            let id = try await applicant.call(.POST, "api/v1/skill-applications", ["provider": college, "route": "promotion", "occupation": "焊工",
                                                                                    "workType": "电焊工", "level": "技师", "submit": true]).json["id"] as? String ?? ""
            _ = try await w.accept(officer, id)
            let batch = try await w.batch(officer, provider: college, occupation: "焊工", workType: "电焊工", level: "技师", capacity: 3)
            _ = try await w.act(officer, id, "assign", ["batch": batch])
            _ = try await w.act(officer, id, "results", ["results": [["component": "操作技能考核", "score": "90", "passed": true]]])
            #expect(try await w.act(officer, id, "certify", ["number": "QZ-LATE-1"]).status == 200)
            let bureau = try await w.world.admin.createOrganisation(kind: "hr_bureau", name: w.world.name("衢州市人社局"), jurisdiction: "quzhou", level: "city")
            let bureauOfficer = try await w.world.client(app, w.world.officer("qz-late-bureau", role: "city_hr_bureau", in: bureau))
            let lines = try await bureauOfficer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports").list
            #expect(lines.map { $0["number"] as? String } == ["QZ-LATE-1"])
            let marked = try await bureauOfficer.call(.POST, "api/v1/bureaus/\(bureau)/certificate-reports", ["certificates": [lines.first?["id"] as? String ?? ""]])
            #expect(marked.json["marked"] as? Int == 1, "\(marked.body)")
            #expect(try await bureauOfficer.call(.GET, "api/v1/bureaus/\(bureau)/certificate-reports?pending=true").list.isEmpty)
        }
    }

    @Test func aCellThatLooksLikeAFormulaIsExportedAsText() {
        #expect(TableExport.inert("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(TableExport.inert("-1") == "'-1")
        #expect(TableExport.inert("周工") == "周工")
    }

    @Test func twoOfficersAssigningTheLastSeatAtOnceFillItOnce() async throws {
        try await TestServer.withServer { app in
            let w = World(app)
            let (college, officer) = try await w.provider("衢州市技师学院", jurisdiction: "quzhou", provides: "衢州市技师学院")
            let second = try await w.world.client(app, w.world.officer("qz-second", role: "evaluation_organisation", in: college))
            var ids: [String] = []
            for index in 0..<2 {
                let applicant = try await w.world.applicant(app, "qz-race-\(index)", displayName: "申请人\(index)", person: [
                    "skills": [["occupation": "焊工", "level": "高级工", "obtainedOn": "2022-03-01"]], "currentOccupation": "焊工"])
                let id = try await applicant.call(.POST, "api/v1/skill-applications", ["provider": college, "route": "promotion", "occupation": "焊工",
                                                                                        "workType": "电焊工", "level": "技师", "submit": true]).json["id"] as? String ?? ""
                _ = try await w.accept(officer, id)
                ids.append(id)
            }
            let batch = try await w.batch(officer, provider: college, occupation: "焊工", workType: "电焊工", level: "技师", capacity: 1)
            async let a = w.act(officer, ids[0], "assign", ["batch": batch])
            async let b = w.act(second, ids[1], "assign", ["batch": batch])
            let statuses = try await [a.status, b.status].sorted()
            #expect(statuses == [200, 409], "\(statuses)")
            #expect(try await officer.call(.GET, "api/v1/evaluation-organisations/\(college)/batches").list.first?["seatsTaken"] as? Int == 1)
        }
    }
}
