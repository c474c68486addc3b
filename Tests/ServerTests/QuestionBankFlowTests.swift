import Foundation
@testable import Server
import Spreadsheet
import Testing
import Vapor
import VaporTesting
import ZIPFoundation

/// The call for question-bank projects through the API, from its own words: 附件2 filled in
/// by a unit, 二（一） 按隶属关系 to the city centre or the provincial centre, 二（二） the city
/// centre's check, opinion and report by 6月23日 with 附件3, 三（二） the provincial centre
/// choosing one lead where several want to lead, and 一（二）6 barring a unit.
@Suite(.serialized) struct QuestionBankFlowTests {
    static let scan = Array("%PDF-1.4\n% 法人证书影印件\n".utf8)
    static let call = "qb-2023-2024"

    struct World {
        let world: CaseworkWorld
        let app: Application
        let calendar: TestCalendar

        func organisation(_ kind: String, _ label: String, _ jurisdiction: String, level: String? = nil, role: String,
                          handlers: [String: String] = [:]) async throws -> (id: String, officer: CaseClient) {
            let id = try await world.admin.createOrganisation(kind: kind, name: world.name(label), jurisdiction: jurisdiction, level: level, handlers: handlers)
            return (id, try await world.client(app, world.officer(label + "-officer", role: role, in: id)))
        }

        func act(_ client: CaseClient, _ id: String, _ action: String, _ extra: [String: Any] = [:]) async throws -> CaseClient.Answer {
            let version = try await client.call(.GET, "api/v1/question-bank-applications/\(id)").json["version"] as? Int ?? -1
            return try await client.call(.POST, "api/v1/question-bank-applications/\(id)/actions", extra.merging(["action": action, "version": version]) { a, _ in a })
        }

        /// A unit's draft, its scan and its submission; returns the id.
        func apply(_ unit: CaseClient, form: [String: Any]) async throws -> String {
            let created = try await unit.call(.POST, "api/v1/question-bank-applications", ["call": QuestionBankFlowTests.call, "form": form])
            #expect(created.status == 201, "\(created.body)")
            let id = created.json["id"] as? String ?? ""
            let uploaded = try await unit.call(.POST, "api/v1/question-bank-applications/\(id)/attachments?label=法人证书影印件&filename=licence.pdf",
                                               rawBody: QuestionBankFlowTests.scan)
            #expect(uploaded.status == 201, "\(uploaded.body)")
            let submitted = try await act(unit, id, "submit")
            #expect(submitted.status == 200 && submitted.json["stage"] as? String == "submitted", "\(submitted.body)")
            return id
        }
    }

    /// Every part of 附件2, as a unit would fill it in.
    static func form(unit: String, occupation: String = "铸造工", workType: String = "熔炼浇注工", levels: [Int] = [3, 2, 1],
                     intent: String = "lead", basis: String = "catalogue", extra: [String: Any] = [:]) -> [String: Any] {
        var form: [String: Any] = [
            "unitName": unit, "legalRepresentative": "王建国", "legalCertificateNumber": "12330800MB1234567X",
            "occupation": occupation, "workType": workType, "occupationCode": "6-18-01-06", "levels": levels,
            "contactName": "李敏", "contactMobile": "13900001111", "intent": intent,
            "advantages": [["boxes": ["参与单位"], "text": "工业机器人系统运维员，2020 年"], ["boxes": [], "text": ""],
                           ["boxes": ["无"], "text": ""], ["boxes": ["有"], "text": "铸造工/三级/2019 年"]],
            "leader": ["name": "陈立", "gender": "男", "birthMonth": "1975-06", "qualification": "正高级工程师", "post": "副院长", "education": "研究生/硕士",
                       "specialty": "材料成型", "mobile": "13800002222", "email": "chenli@example.cn", "officePhone": "0570-8012345",
                       "employer": unit, "department": "鉴定所", "address": "衢州市柯城区九华北大道 1 号"],
            "experts": [["name": "赵一", "gender": "女", "birthMonth": "1980-02", "qualification": "高级技师", "level": "一级", "certificateNumber": "S000001",
                         "employer": unit]],
            "declaration": "申报内容真实完整，项目负责人和主要成员适合承担本项目的开发任务，同意申报。", "basis": basis,
            "selfCheck": ["legal_person": true, "staff": true, "experts": true, "funding": true, "experience": true, "barred": false],
            "experienceNote": "2019 年承接省级铸造工题库开发并按期完成",
        ]
        form.merge(extra) { _, new in new }
        return form
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func threeUnitsWantToLeadAndTheProvinceChoosesOne(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2023-06-01")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let w = World(world: CaseworkWorld(app), app: app, calendar: calendar)
            let province = try await w.organisation("evaluation_centre", "浙江省技能人才评价管理服务中心", "zhejiang", level: "province", role: "provincial_evaluation_centre")
            let quzhou = try await w.organisation("evaluation_centre", "衢州市技能评价中心", "quzhou", level: "city", role: "city_evaluation_centre")
            let shaoxing = try await w.organisation("evaluation_centre", "绍兴市技能评价中心", "shaoxing", level: "city", role: "city_evaluation_centre")
            let college = try await w.organisation("employer", "衢州技师学院", "quzhou", role: "question_bank_unit",
                                              handlers: ["provincial_evaluation_centre": province.id, "city_evaluation_centre": quzhou.id])
            let works = try await w.organisation("employer", "绍兴铸造有限公司", "shaoxing", role: "question_bank_unit",
                                              handlers: ["provincial_evaluation_centre": province.id, "city_evaluation_centre": shaoxing.id])
            let institute = try await w.organisation("employer", "浙江省职业技能研究院", "zhejiang", role: "question_bank_unit",
                                              handlers: ["provincial_evaluation_centre": province.id])

            // 附件1 row 38: 熔炼浇注工（5-1）; a 工种 the row does not list, or 四级 above a 5-4 工种, is refused with the row's words.
            let wrongType = try await college.officer.call(.POST, "api/v1/question-bank-applications",
                                                           ["call": Self.call, "form": Self.form(unit: "衢州技师学院", workType: "铸钢工")])
            #expect(wrongType.status == 422 && wrongType.body.contains("熔炼浇注工"), "\(wrongType.body)")
            let wrongLevel = try await college.officer.call(.POST, "api/v1/question-bank-applications",
                                                            ["call": Self.call, "form": Self.form(unit: "衢州技师学院", workType: "铸件清理工", levels: [3])])
            #expect(wrongLevel.status == 422 && wrongLevel.body.contains("不含 三级"), "\(wrongLevel.body)")

            // A draft may be half-filled; submission asks for every part, and the licence scan.
            var half = Self.form(unit: "衢州技师学院")
            half["leader"] = ["name": "陈立"]
            let draft = try await college.officer.call(.POST, "api/v1/question-bank-applications", ["call": Self.call, "form": half])
            #expect(draft.status == 201 && draft.json["stage"] as? String == "draft", "\(draft.body)")
            let draftID = draft.json["id"] as? String ?? ""
            let incomplete = try await w.act(college.officer, draftID, "submit")
            #expect(incomplete.status == 422 && incomplete.body.contains("职务"), "\(incomplete.body)")
            // Until submitted the centre does not see it.
            #expect(try await quzhou.officer.call(.GET, "api/v1/question-bank-applications/\(draftID)").status == 404)
            let saved = try await w.act(college.officer, draftID, "save", ["form": Self.form(unit: "衢州技师学院")])
            #expect(saved.status == 200, "\(saved.body)")
            let noScan = try await w.act(college.officer, draftID, "submit")
            #expect(noScan.status == 422 && noScan.body.contains("法人证书影印件"), "\(noScan.body)")
            let uploaded = try await college.officer.call(.POST, "api/v1/question-bank-applications/\(draftID)/attachments?label=法人证书影印件&filename=licence.pdf",
                                                          rawBody: Self.scan)
            #expect(uploaded.status == 201, "\(uploaded.body)")
            let submitted = try await w.act(college.officer, draftID, "submit")
            #expect(submitted.status == 200 && submitted.json["centreName"] as? String == w.world.name("衢州市技能评价中心"), "\(submitted.body)")
            let collegeApp = draftID

            // 按隶属关系: the 衢州 centre sees it, the 绍兴 centre and the province (before the report) do not.
            #expect(try await quzhou.officer.call(.GET, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-applications").list.count == 1)
            #expect(try await shaoxing.officer.call(.GET, "api/v1/question-bank-applications/\(collegeApp)").status == 404)
            #expect(try await province.officer.call(.GET, "api/v1/question-bank-applications/\(collegeApp)").status == 404)
            #expect(try await shaoxing.officer.call(.GET, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-applications").status == 404)

            // The centre returns it for correction; the unit corrects and submits again; the centre recommends it.
            let returned = try await w.act(quzhou.officer, collegeApp, "return", ["reason": "专家团队须附职业资格证书影印件"])
            #expect(returned.status == 200 && returned.json["returnReason"] as? String == "专家团队须附职业资格证书影印件", "\(returned.body)")
            let expertScan = try await college.officer.call(.POST, "api/v1/question-bank-applications/\(collegeApp)/attachments?label=专家团队影印件&filename=experts.pdf",
                                                            rawBody: Self.scan)
            #expect(expertScan.status == 201)
            #expect(try await w.act(college.officer, collegeApp, "submit").status == 200)
            let noReason = try await w.act(quzhou.officer, collegeApp, "recommend", ["recommendAs": "lead"])
            #expect(noReason.status == 422)
            let recommended = try await w.act(quzhou.officer, collegeApp, "recommend", ["recommendAs": "lead", "reason": "承接过省级铸造工题库开发，团队完整"])
            #expect(recommended.status == 200 && recommended.json["stage"] as? String == "recommended", "\(recommended.body)")
            // The unit cannot act for the centre, nor the centre for the province.
            #expect(try await w.act(college.officer, collegeApp, "recommend", ["recommendAs": "lead", "reason": "自荐"]).status == 403)

            // The 汇总表 of 附件3 before reporting: its layout, and "√" under 牵头单位.
            let sheet = try await Self.workbook(quzhou.officer, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-summary?call=\(Self.call)&format=xlsx")
            #expect(sheet.rows.first?.first == "浙江省技能人才评价省级题库开发申报情况汇总表")
            #expect(sheet.rows[1].first == "市评价（鉴定）中心（盖章）：" + w.world.name("衢州市技能评价中心"))
            #expect(sheet.rows[2] == ["序号", "职业", "工种", "等级", "申报单位", "推荐意见（请打“√”）", "", "推荐理由概要"])
            #expect(Array(sheet.rows[3].prefix(7)) == ["", "", "", "", "", "牵头单位", "参与单位"])
            #expect(sheet.rows[4] == ["1", "铸造工", "熔炼浇注工", "三级（高级工）、二级（技师）、一级（高级技师）", w.world.name("衢州技师学院"), "√", "", "承接过省级铸造工题库开发，团队完整"])
            #expect(sheet.merges.contains("F3:G3") && sheet.merges.contains("A3:A4") && sheet.merges.contains("A1:H1"), "\(sheet.merges)")

            let reported = try await quzhou.officer.call(.POST, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-reports",
                                                         ["call": Self.call, "contact": "周敏", "phone": "0570-3051234"])
            #expect(reported.status == 201, "\(reported.body)")
            let again = try await quzhou.officer.call(.POST, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-reports",
                                                      ["call": Self.call, "contact": "周敏", "phone": "0570-3051234"])
            #expect(again.status == 422 && again.body.contains("没有待报送"), "\(again.body)")
            let reportSheet = try await Self.workbook(quzhou.officer, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-summary?call=\(Self.call)&report=\(reported.json["id"] as? String ?? "")&format=xlsx")
            #expect(reportSheet.rows.contains(where: { $0.first == "联系人：周敏" }) && reportSheet.rows.contains(where: { $0.first == "填报日期：2023-06-01" }))

            // Two more units want to lead the same 工种: 绍兴's through its city centre, a provincial unit through the provincial centre.
            let worksApp = try await w.apply(works.officer, form: Self.form(unit: "绍兴铸造有限公司", levels: [5, 4, 3]))
            #expect(try await w.act(shaoxing.officer, worksApp, "recommend", ["recommendAs": "lead", "reason": "企业铸造工人数多"]).status == 200)
            #expect(try await shaoxing.officer.call(.POST, "api/v1/evaluation-centres/\(shaoxing.id)/question-bank-reports",
                                                    ["call": Self.call, "contact": "吴芳", "phone": "0575-8521234"]).status == 201)
            let instituteApp = try await w.apply(institute.officer, form: Self.form(unit: "浙江省职业技能研究院"))
            let direct = try await w.act(province.officer, instituteApp, "recommend", ["recommendAs": "lead", "reason": "省级研究机构"])
            #expect(direct.status == 200 && direct.json["stage"] as? String == "reported" && direct.json["reviewedByProvince"] as? Bool == true, "\(direct.body)")

            // The selection view: one 工种, three would-be leads, and the 50 other rows nobody applied for.
            let selection = try await province.officer.call(.GET, "api/v1/question-bank-calls/\(Self.call)/selection").json
            let projects = selection["projects"] as? [[String: Any]] ?? []
            #expect(projects.count == 1 && projects.first?["contested"] as? Bool == true && projects.first?["wouldBeLeads"] as? Int == 3, "\(projects)")
            #expect((selection["unclaimed"] as? [[String: Any]])?.count == 50)
            #expect(selection["criteria"] as? [String] == ["专业团队力量", "资金保障能力", "题库开发经验"])
            let candidate = (projects.first?["candidates"] as? [[String: Any]])?.first ?? [:]
            #expect(candidate["preferred"] as? Bool == true && (candidate["experience"] as? [String] ?? []).contains { $0.contains("人社部门省级题库开发经验：有") }, "\(candidate)")
            // Nobody else may see the selection.
            #expect(try await quzhou.officer.call(.GET, "api/v1/question-bank-calls/\(Self.call)/selection").status == 403)

            // One lead among three: a second lead is a clean conflict.
            #expect(try await w.act(province.officer, collegeApp, "decide", ["outcome": "lead", "reason": "团队力量最强，有省级题库开发经验"]).status == 200)
            let second = try await w.act(province.officer, worksApp, "decide", ["outcome": "lead", "reason": "资金充足"])
            #expect(second.status == 409 && second.body.contains("已确定了牵头单位"), "\(second.body)")
            #expect(try await w.act(province.officer, worksApp, "decide", ["outcome": "participant", "reason": "作为参与单位提供生产现场"]).status == 200)
            #expect(try await w.act(province.officer, instituteApp, "decide", ["outcome": "declined", "reason": "无该职业开发经验"]).status == 200)

            // The unit and its city centre see the outcome.
            let seen = try await college.officer.call(.GET, "api/v1/question-bank-applications/\(collegeApp)").json
            #expect((seen["decision"] as? [String: Any])?["outcome"] as? String == "lead")
            let seenByCentre = try await shaoxing.officer.call(.GET, "api/v1/question-bank-applications/\(worksApp)").json
            #expect((seenByCentre["decision"] as? [String: Any])?["outcomeLabel"] as? String == "作为参与单位")

            // The selected projects as .xlsx.
            let selected = try await Self.workbook(province.officer, "api/v1/question-bank-calls/\(Self.call)/selected?format=xlsx")
            #expect(selected.rows.first == QuestionBankExports.selectedHeading)
            #expect(selected.rows.count == 2 && selected.rows[1][4] == w.world.name("衢州技师学院") && selected.rows[1][5] == w.world.name("绍兴铸造有限公司"), "\(selected.rows)")

            // The trail keeps every step.
            let trail = try await college.officer.call(.GET, "api/v1/question-bank-applications/\(collegeApp)/audit").list.map { $0["event"] as? String ?? "" }
            #expect(trail == ["create", "save", "attach", "submit", "return", "attach", "submit", "recommend", "report", "decide"], "\(trail)")
            // The centre's reads are recorded for the unit; the unit's own are not.
            let reads = try await college.officer.call(.GET, "api/v1/question-bank-applications/\(collegeApp)/reads").list
            #expect(!reads.isEmpty && reads.allSatisfy { $0["role"] as? String != "question_bank_unit" }, "\(reads)")
            #expect(reads.contains { $0["role"] as? String == "city_evaluation_centre" || $0["role"] as? String == "provincial_evaluation_centre" }, "\(reads)")
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func theDeadlineRefusesALateReportAndTheBarStopsAnApplication(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2023-06-10")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let w = World(world: CaseworkWorld(app), app: app, calendar: calendar)
            let province = try await w.organisation("evaluation_centre", "浙江省技能人才评价管理服务中心", "zhejiang", level: "province", role: "provincial_evaluation_centre")
            let quzhou = try await w.organisation("evaluation_centre", "衢州市技能评价中心", "quzhou", level: "city", role: "city_evaluation_centre")
            let unit = try await w.organisation("employer", "衢州职业技能培训中心", "quzhou", role: "question_bank_unit",
                                              handlers: ["provincial_evaluation_centre": province.id, "city_evaluation_centre": quzhou.id])
            let barred = try await w.organisation("employer", "某退出单位", "quzhou", role: "question_bank_unit",
                                              handlers: ["provincial_evaluation_centre": province.id, "city_evaluation_centre": quzhou.id])

            // 一（二）6: a unit that left a bank unfinished cannot apply, and is told why.
            var form = Self.form(unit: "某退出单位")
            form["selfCheck"] = ["legal_person": true, "staff": true, "experts": true, "funding": true, "experience": false, "barred": true]
            let created = try await barred.officer.call(.POST, "api/v1/question-bank-applications", ["call": Self.call, "form": form])
            let barredID = created.json["id"] as? String ?? ""
            _ = try await barred.officer.call(.POST, "api/v1/question-bank-applications/\(barredID)/attachments?label=法人证书影印件&filename=l.pdf", rawBody: Self.scan)
            let refused = try await w.act(barred.officer, barredID, "submit")
            #expect(refused.status == 422 && refused.body.contains("一（二）6") && refused.body.contains("不得申报"), "\(refused.body)")

            // 一（一）2: an occupation outside 附件1 with a national standard of 2018 or later; one of 2015 is refused.
            let outside = Self.form(unit: "衢州职业技能培训中心", occupation: "焊工", workType: "", levels: [5, 4, 3], basis: "recent_standard",
                                    extra: ["standardYear": 2015, "occupationCode": "6-18-02-04"])
            let old = try await unit.officer.call(.POST, "api/v1/question-bank-applications", ["call": Self.call, "form": outside])
            #expect(old.status == 422 && old.body.contains("2018 年及以后"), "\(old.body)")
            let listedAsOther = try await unit.officer.call(.POST, "api/v1/question-bank-applications",
                                                            ["call": Self.call, "form": Self.form(unit: "衢州职业技能培训中心", basis: "recent_standard", extra: ["standardYear": 2019])])
            #expect(listedAsOther.status == 422 && listedAsOther.body.contains("一（一）1"), "\(listedAsOther.body)")
            let id = try await w.apply(unit.officer, form: outside.merging(["standardYear": 2021]) { _, new in new })
            #expect(try await w.act(quzhou.officer, id, "recommend", ["recommendAs": "participant", "reason": "焊工标准为 2021 年版"]).status == 200)

            // The provincial centre sets the exact closing time, with its source; a report after it is refused.
            let closing = try await province.officer.call(.PUT, "api/v1/question-bank-calls/\(Self.call)/closing",
                                                          ["closesAt": "2023-06-20 17:00", "source": "省中心 2023-06-01 通知：6月20日17时前报送"])
            #expect(closing.status == 200 && closing.json["text"] as? String == "2023-06-20 17:00", "\(closing.body)")
            #expect(try await quzhou.officer.call(.PUT, "api/v1/question-bank-calls/\(Self.call)/closing",
                                                  ["closesAt": "2023-07-20 17:00", "source": "自定"]).status == 403)
            calendar.set("2023-06-21")
            try await quzhou.officer.renew()
            let late = try await quzhou.officer.call(.POST, "api/v1/evaluation-centres/\(quzhou.id)/question-bank-reports",
                                                     ["call": Self.call, "contact": "周敏", "phone": "0570-3051234"])
            #expect(late.status == 422 && late.body.contains("2023-06-20 17:00") && late.body.contains("已截止"), "\(late.body)")
            let public_ = try await CaseClient(app).call(.GET, "api/v1/question-bank-calls/\(Self.call)").json
            #expect(public_["closed"] as? Bool == true)
        }
    }

    /// A later call, published by the provincial centre as a record: its own catalogue and dates,
    /// the followed call's conditions; a bad catalogue is refused row by row.
    @Test(arguments: TestServer.databases.map(\.description))
    func theProvincialCentrePublishesALaterCall(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2025-05-10")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let w = World(world: CaseworkWorld(app), app: app, calendar: calendar)
            let province = try await w.organisation("evaluation_centre", "省评价中心", "zhejiang", level: "province", role: "provincial_evaluation_centre")
            let code = "qb-2025-\(w.world.run)"
            let bad = try await province.officer.call(.POST, "api/v1/question-bank-calls", [
                "code": code, "follows": Self.call, "title": "2025-2026 年省级题库项目征集", "issuedOn": "2025-05-10", "lastDay": "2025-06-20",
                "catalogue": "序号,职业,工种,等级,国标版本,备注\n1,磨工,,6-1,2018,\n2,铸造工,熔炼浇注工、铸件清理工,,2019,\n"])
            #expect(bad.status == 422 && bad.body.contains("第 2 行") && bad.body.contains("第 3 行"), "\(bad.body)")
            let published = try await province.officer.call(.POST, "api/v1/question-bank-calls", [
                "code": code, "follows": Self.call, "title": "2025-2026 年省级题库项目征集", "number": "", "issuedOn": "2025-05-10", "lastDay": "2025-06-20",
                "catalogue": "序号,职业,工种,等级,国标版本,备注\n1,磨工,,5-1,2018,\n2,铸造工,熔炼浇注工（5-1）、铸件清理工（5-4）,,2019,\n"])
            #expect(published.status == 201, "\(published.body)")
            let again = try await province.officer.call(.POST, "api/v1/question-bank-calls", [
                "code": code, "follows": Self.call, "title": "重复", "issuedOn": "2025-05-10", "lastDay": "2025-06-20",
                "catalogue": "序号,职业,工种,等级,国标版本,备注\n1,磨工,,5-1,2018,\n"])
            #expect(again.status == 409)
            let view = try await CaseClient(app).call(.GET, "api/v1/question-bank-calls/\(code)").json
            #expect(view["title"] as? String == "2025-2026 年省级题库项目征集" && view["closed"] as? Bool == false)
            #expect((view["catalogue"] as? [[String: Any]])?.count == 2 && view["occupationTypes"] as? Int == 3)
            #expect((view["unitConditions"] as? [[String: Any]])?.count == 6 && view["closesAt"] as? String == "2025-06-20 24:00")
            let list = try await CaseClient(app).call(.GET, "api/v1/question-bank-calls").list.compactMap { $0["id"] as? String }
            #expect(list.contains(code) && list.contains(Self.call))
            // Its catalogue governs its forms: 铸件清理工 only to 四级.
            let unit = try await w.organisation("employer", "省直题库单位", "zhejiang", role: "question_bank_unit", handlers: ["provincial_evaluation_centre": province.id])
            let refused = try await unit.officer.call(.POST, "api/v1/question-bank-applications",
                                                      ["call": code, "form": Self.form(unit: "省直题库单位", workType: "铸件清理工", levels: [3])])
            #expect(refused.status == 422 && refused.body.contains("不含 三级"), "\(refused.body)")
            #expect(try await w.apply(unit.officer, form: Self.form(unit: "省直题库单位", occupation: "磨工", workType: "", levels: [5, 4])).isEmpty == false)
        }
    }

    struct Workbook {
        let rows: [[String]]
        let merges: [String]
    }

    static func workbook(_ client: CaseClient, _ path: String) async throws -> Workbook {
        var bytes: [UInt8] = []
        var headers: HTTPHeaders = [:]
        headers.add(name: .cookie, value: client.cookie)
        try await client.app.testing().test(.GET, path, headers: headers) { response in
            #expect(response.status == .ok, "\(response.body.string)")
            bytes = Array(buffer: response.body)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qb-\(UUID().uuidString).xlsx")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var rows: [[String]] = []
        try XLSXReader(url: url).forEachRow { _, cells in rows.append(cells) }
        let archive = try Archive(url: url, accessMode: .read)
        var sheet = Data()
        if let entry = archive["xl/worksheets/sheet1.xml"] { _ = try archive.extract(entry) { sheet.append($0) } }
        let text = String(decoding: sheet, as: UTF8.self)
        let merges = text.components(separatedBy: "<mergeCell ref=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        return Workbook(rows: rows, merges: merges)
    }
}
