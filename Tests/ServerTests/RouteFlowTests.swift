import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// Each level's route in 绍兴 (64号 一（三）1–3) and 河北's (三（一）4–6), through the API.
@Suite(.serialized) struct RouteFlowTests {
    static var assessed: [[String: Any]] { [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]] }

    @Test(arguments: TestServer.databases.map(\.description))
    func shaoxingEachLevelTakesItsRoute(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            let department = try await admin.createOrganisation(kind: "competent_department", name: world.name("绍兴市经信局"), jurisdiction: "shaoxing")
            let county = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("越城区人力社保局"), jurisdiction: "shaoxing", level: "county")
            let city = try await admin.createOrganisation(kind: "hr_bureau", name: world.name("绍兴市人力社保局"), jurisdiction: "shaoxing", level: "city")
            let employer = try await admin.createOrganisation(kind: "employer", name: world.name("绍兴某电机厂"), jurisdiction: "shaoxing",
                                                              handlers: ["competent_department": department, "county_hr_bureau": county, "city_hr_bureau": city])
            let committees = [
                ("助理级", "高技能人才参评工程专业技术职务任职资格（初级）评审委员会", "高级工"),
                ("中级", "高技能人才参评工程专业技术职务任职资格（中级）评审委员会", "技师"),
                ("副高级", world.name("绍兴市机电工程中评委办公室"), "高级技师"),
            ]
            let clients = try await [
                "employer": world.client(app, world.officer("sx-hr", role: "employer", in: employer)),
                "competent_department": world.client(app, world.officer("sx-dept", role: "competent_department", in: department)),
                "county_hr_bureau": world.client(app, world.officer("sx-county", role: "county_hr_bureau", in: county)),
                "city_hr_bureau": world.client(app, world.officer("sx-city", role: "city_hr_bureau", in: city)),
            ]
            // The order the documents give each level's checks.
            let expected = [
                "助理级": ["competent_department", "competent_department"],
                "中级": ["competent_department", "county_hr_bureau", "county_hr_bureau"],
                "副高级": ["competent_department", "county_hr_bureau", "city_hr_bureau"],
            ]
            for (level, committeeName, skill) in committees {
                // The committee's name must be the data's where the data names one (each run's database is its own for SQLite).
                let committee = try await admin.createOrganisation(kind: "committee", name: world.name(committeeName), jurisdiction: "shaoxing", committee: committeeName)
                let office = try await world.client(app, world.officer("sx-office-\(level)", role: "committee_office", in: committee))
                let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程"], levels: [level], publicityDays: 0)])
                #expect(plan.status == 201, "\(plan.body)")
                let worker = try await world.applicant(app, "sx-\(level)", displayName: "绍兴\(skill)", person: [
                    "skills": [["occupation": "电工", "level": skill, "obtainedOn": "2015-05-01"]], "annualAssessments": Self.assessed,
                ])
                let started = try await worker.call(.POST, "api/v1/applications", [
                    "plan": plan.json["id"] as? String ?? "", "route": "regular", "level": level, "series": "机电制造工程", "employer": employer, "submit": true])
                #expect(started.status == 201, "\(level): \(started.body)")
                let id = started.json["id"] as? String ?? ""
                let steps = (started.json["steps"] as? [[String: Any]] ?? []).map { $0["source"] as? String ?? "" }
                #expect(steps.allSatisfy { $0.hasPrefix("sx-2019-64 一（三）") }, "\(steps)")
                let roles = try await worker.driveChecks(id, by: clients)
                #expect(roles == expected[level], "\(level): \(roles)")
                let after = try await worker.call(.GET, "api/v1/applications/\(id)")
                #expect(after.json["stage"] as? String == "awaiting_review", "\(after.body)")
                // The office of the level's committee reviews it; another level's office cannot see it.
                let decided = try await office.review(id, plan: plan.json["id"] as? String ?? "", group: "separate", heldOn: "2024-06-30", inFavour: 4)
                let application = decided["application"] as? [String: Any] ?? [:]
                #expect(application["stage"] as? String == "passed", "\(decided)")
                // 一（三）3 and 一（四）: for 高级工程师 the city's 中评委 recommends; the title waits for
                // the higher committee's decision, entered with its document. The other levels' vote decides.
                let recommended = application["recommendation"] as? [String: Any]
                #expect((recommended != nil) == (level == "副高级"), "\(level): \(String(describing: recommended))")
                guard level == "副高级" else { continue }
                #expect((recommended?["source"] as? String)?.contains("一（四）") == true && (application["outcomeNote"] as? String ?? "").contains("待"), "\(application)")
                let version = application["version"] as? Int ?? -1
                let unstated = try await office.call(.POST, "api/v1/applications/\(id)/actions", ["action": "issue", "version": version, "decision": "浙职改〔2024〕1号"])
                #expect(unstated.status == 422 && unstated.body.contains("adopted"), "\(unstated.body)")
                #expect(try await worker.call(.GET, "api/v1/me/record").body.contains("副高级") == false)
                let entered = try await clients["city_hr_bureau"]!.call(.POST, "api/v1/applications/\(id)/actions", [
                    "action": "issue", "version": version, "decision": "浙职改〔2024〕1号", "adopted": true])
                #expect(entered.json["stage"] as? String == "issued", "\(entered.body)")
                #expect(try await worker.call(.GET, "api/v1/me/record").body.contains("浙职改〔2024〕1号"))
            }
        }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func hebeiRecommendationCheckPublicityObjectionsAndGreenChannel(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2024-06-30")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            let office = try await admin.createOrganisation(kind: "title_reform_office", name: world.name("石家庄市职改办"), jurisdiction: "hebei")
            let employer = try await admin.createOrganisation(kind: "employer", name: world.name("石家庄某装备公司"), jurisdiction: "hebei",
                                                              handlers: ["title_reform_office": office])
            let committee = try await admin.createOrganisation(kind: "committee", name: world.name("河北省工程系列评委会"), jurisdiction: "hebei", committee: world.name("河北省工程系列评委会"))
            let hr = try await world.client(app, world.officer("hb-hr", role: "employer", in: employer))
            let reform = try await world.client(app, world.officer("hb-reform", role: "title_reform_office", in: office))
            let committeeOffice = try await world.client(app, world.officer("hb-committee", role: "committee_office", in: committee))
            let plan = try await committeeOffice.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["工程"], levels: ["中级", "副高级"], publicityDays: 5)])
            let planID = plan.json["id"] as? String ?? ""
            #expect(plan.status == 201, "\(plan.body)")

            var ids: [String] = []
            for label in ["甲", "乙"] {
                let worker = try await world.applicant(app, "hb-\(label)", displayName: "河北钳工\(label)", person: [
                    "skills": [["occupation": "钳工", "level": "技师", "obtainedOn": "2015-05-01"]], "annualAssessments": Self.assessed])
                let started = try await worker.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
                #expect(started.status == 201, "\(started.body)")
                let id = started.json["id"] as? String ?? ""
                // 所在单位推荐 → 职改办资格审核, then 公示 by the 职改办.
                let roles = try await worker.driveChecks(id, by: ["employer": hr, "title_reform_office": reform])
                #expect(roles == ["employer", "title_reform_office"])
                let view = try await worker.call(.GET, "api/v1/applications/\(id)")
                #expect(view.json["stage"] as? String == "publicity")
                #expect(view.json["roleDue"] as? String == "title_reform_office")
                ids.append(id)
            }
            let public_ = CaseClient(app)
            let listed = try await public_.call(.GET, "api/v1/publicity/\(planID)")
            #expect(listed.body.contains("河北钳工甲") && listed.body.contains("河北钳工乙"))
            // Anyone objects, with a contact; the contact never reaches the public list or the applicant's trail.
            for id in ids {
                let objected = try await public_.call(.POST, "api/v1/publicity/\(planID)/objections", ["application": id, "contact": "13900001111", "reason": "业绩材料与实际不符"])
                #expect(objected.status == 202, "\(objected.body)")
            }
            #expect(!(try await public_.call(.GET, "api/v1/publicity/\(planID)")).body.contains("13900001111"))
            let seen = try await reform.call(.GET, "api/v1/applications/\(ids[0])")
            #expect((seen.json["objections"] as? [[String: Any]])?.first?["contact"] as? String == "13900001111")
            // The committee cannot resolve what the 职改办 publicised.
            let wrong = try await committeeOffice.call(.POST, "api/v1/applications/\(ids[0])/actions", ["action": "resolve_objection", "version": seen.json["version"] as? Int ?? -1, "upheld": true, "reason": "x"])
            #expect(wrong.status == 403)
            let upheld = try await reform.call(.POST, "api/v1/applications/\(ids[0])/actions", ["action": "resolve_objection", "version": seen.json["version"] as? Int ?? -1, "upheld": true, "reason": "经核实，业绩材料不实"])
            #expect(upheld.json["stage"] as? String == "stopped", "\(upheld.body)")
            let second = try await reform.call(.GET, "api/v1/applications/\(ids[1])")
            let dismissed = try await reform.call(.POST, "api/v1/applications/\(ids[1])/actions", ["action": "resolve_objection", "version": second.json["version"] as? Int ?? -1, "upheld": false, "reason": "经核实，材料属实"])
            #expect(dismissed.json["stage"] as? String == "publicity", "\(dismissed.body)")
            // Publicity ends after its period, not before: not offered, and refused if asked for.
            let during = try await reform.call(.GET, "api/v1/applications/\(ids[1])")
            let offered = try #require(during.json["actions"] as? [String], "\(during.body)")
            #expect(!offered.contains("close_publicity"), "\(offered)")
            let early = try await reform.call(.POST, "api/v1/applications/\(ids[1])/actions", ["action": "close_publicity", "version": dismissed.json["version"] as? Int ?? -1])
            #expect(early.status == 422)
            calendar.set("2024-07-08")
            for client in [reform, committeeOffice, hr] { try await client.renew() }
            let due = try await reform.call(.GET, "api/v1/applications/\(ids[1])")
            #expect(((due.json["actions"] as? [String]) ?? []).contains("close_publicity"), "\(due.body)")
            let closed = try await reform.call(.POST, "api/v1/applications/\(ids[1])/actions", ["action": "close_publicity", "version": dismissed.json["version"] as? Int ?? -1])
            #expect(closed.json["stage"] as? String == "awaiting_review", "\(closed.body)")
            let decided = try await committeeOffice.review(ids[1], plan: planID, group: "separate", heldOn: "2024-07-08", inFavour: 3)
            // 3 of 6 present is short of the plan's two thirds.
            #expect((decided["application"] as? [String: Any])?["stage"] as? String == "failed", "\(decided)")

            // 三（一）4 绿色通道: recognition on the honour, "以证书或文件为准".
            let star = try await world.applicant(app, "hb-star", displayName: "河北技术能手", person: [
                "skills": [["occupation": "钳工", "level": "技师", "obtainedOn": "2015-05-01"]],
                "honors": [["name": "全国技术能手", "awardedOn": "2022-01-01"]], "annualAssessments": Self.assessed])
            let started = try await star.call(.POST, "api/v1/applications", ["plan": planID, "route": "direct_recognition", "level": "副高级", "series": "工程", "employer": employer, "submit": true])
            #expect(started.status == 201, "\(started.body)")
            let id = started.json["id"] as? String ?? ""
            _ = try await star.driveChecks(id, by: ["employer": hr, "title_reform_office": reform])
            calendar.set("2024-07-20")
            for client in [reform, committeeOffice, star] { try await client.renew() }
            let publicised = try await reform.call(.GET, "api/v1/applications/\(id)")
            _ = try await reform.call(.POST, "api/v1/applications/\(id)/actions", ["action": "close_publicity", "version": publicised.json["version"] as? Int ?? -1])
            let recognised = try await committeeOffice.review(id, plan: planID, group: "separate", heldOn: "2024-07-20", inFavour: 0, recognition: "全国技术能手证书（人社部2022年）")
            #expect((recognised["outcome"] as? [String: Any])?["explanation"] as? String == "认定通过：以证书或文件为准——全国技术能手证书（人社部2022年）")
            let view = recognised["application"] as? [String: Any] ?? [:]
            let issued = try await committeeOffice.call(.POST, "api/v1/applications/\(id)/actions", ["action": "issue", "version": view["version"] as? Int ?? -1, "decision": "冀职改〔2024〕12号"])
            #expect(issued.json["stage"] as? String == "issued", "\(issued.body)")
            let record = try await star.call(.GET, "api/v1/me/record")
            #expect(record.body.contains("冀职改〔2024〕12号") && record.body.contains("副高级"))
        }
    }
}
