import Access
import Contract
import Domain
import Fluent
import Foundation
import Vapor
import Workflow

/// `serve --demo`: organisations, officers, committee offices and applicants with known
/// passwords in 衢州, 绍兴 and 河北, open review plans and applications at every stage, on a
/// database of its own. Everything is made through the same services the pages use.
public enum DemoData {
    public static let password = "demo-password"

    public struct Account: Sendable {
        public let username: String
        public let name: String
        public let role: String
        public let page: String
    }

    @discardableResult
    public static func seed(_ app: Application) async throws -> [Account] {
        let admin = Administration(app)
        let policy = app.policy
        let today = policy.today()
        let service = ApplicationService(db: CaseDatabase(database: app.db, gate: app.writeGate), policy: policy)
        let accounts = AccountService(database: app.db, hasher: app.password.async, base: policy)
        var made: [Account] = []

        func officer(_ username: String, _ name: String, role: String, in organisation: String, page: String = "/work") async throws {
            try await admin.createUser(username: username, displayName: name, password: password)
            try await admin.grant(role: role, to: username, in: organisation)
            made.append(Account(username: username, name: name, role: Role(rawValue: role)?.label ?? role, page: page))
        }
        func principal(_ username: String) async throws -> Principal { try await accounts.principal(for: accounts.user(named: username)) }
        func applicant(_ username: String, _ name: String, person: String) async throws -> Principal {
            try await admin.createUser(username: username, displayName: name, password: password)
            let who = try await principal(username)
            guard let json = JSONValue.parse(Data(person.utf8)) else { throw Abort(.internalServerError) }
            try await RecordStore(database: app.db, policy: policy).save(json, for: who)
            made.append(Account(username: username, name: name, role: "申报人", page: "/me"))
            return who
        }
        func plan(_ committee: String, series: [String], levels: [String], steps: [PlanStep]? = nil, publicityDays: Int) async throws -> String {
            let organisation = try await OrganisationModel.find(id: committee, on: app.db)
            let input = PlanInput(year: today.year, title: "\(today.year)年度\(series.joined(separator: "、"))高技能人才职称评审计划", series: series, levels: levels,
                                  opensOn: today.adding(days: -30).description, closesOn: today.adding(days: 30).description,
                                  checksDueOn: today.adding(days: 45).description, reviewOn: today.adding(days: 60).description, steps: steps,
                                  separateGroup: true, materials: ["职业技能等级证书", "近3年年度考核表", "继续教育证明", "业绩材料"],
                                  publicityDays: publicityDays, resultPublicityDays: 0, members: 7,
                                  votingRule: VotingRule(quorumNumerator: 2, quorumDenominator: 3, passNumerator: 2, passDenominator: 3,
                                                         source: "演示：评委会评审工作规则（文件未规定表决规则，由评审计划载明）"),
                                  notice: "演示：\(today.year)年度职称评审申报通知")
            return try await PlanService(database: app.db, policy: policy).create(input, committee: organisation).requireID().uuidString
        }
        func start(_ who: Principal, plan: String, level: String, route: String = "regular", series: String? = nil, employer: String?, submit: Bool = true) async throws -> String {
            try await service.start(ApplicationService.StartInput(plan: plan, route: route, level: level, series: series, employer: employer, submit: submit), principal: who).requireID().uuidString
        }
        /// Takes the due step (confirming that role's items first) as `username`.
        func step(_ id: String, as username: String, action: String = "approve", reason: String? = nil, decision: String? = nil) async throws {
            let who = try await principal(username)
            var model = try await service.load(id)
            let state = try StoredJSON.decode(TitleApplication.self, model.state)
            if let role = state.roleDue {
                for item in state.openConfirmations(for: role) {
                    model = try await service.act(id, ActionInput(action: "confirm", version: model.version, item: item.id, met: true, note: "演示：已核原件"), principal: who)
                }
            }
            _ = try await service.act(id, ActionInput(action: action, version: model.version, reason: reason, decision: decision), principal: who)
        }
        func decide(_ id: String, plan: String, as username: String, inFavour: Int, evidence: String? = nil) async throws {
            let who = try await principal(username)
            var model = try await service.load(id)
            let state = try StoredJSON.decode(TitleApplication.self, model.state)
            for item in state.openConfirmations(for: .committeeOffice) {
                model = try await service.act(id, ActionInput(action: "confirm", version: model.version, item: item.id, met: true, note: "演示：已审查"), principal: who)
            }
            let session = try await service.createSession(ApplicationService.SessionInput(group: "separate", heldOn: today.description, present: ["评委甲", "评委乙", "评委丙", "评委丁", "评委戊", "评委己"]),
                                                          plan: PlanService(database: app.db, policy: policy).find(plan))
            _ = try await service.decide(ApplicationService.DecisionInput(application: id, version: model.version, inFavour: evidence == nil ? inFavour : nil,
                                                                          against: evidence == nil ? 6 - inFavour : nil, abstain: evidence == nil ? 0 : nil,
                                                                          recognised: evidence == nil ? nil : true, evidence: evidence),
                                         session: session.requireID().uuidString, principal: who)
        }
        let years = (1...3).map { today.year - $0 }.sorted()
        let assessed = years.map { "{\"year\":\($0),\"passed\":true}" }.joined(separator: ",")
        let hours = years.map { "{\"year\":\($0),\"publicHours\":30,\"professionalHours\":60}" }.joined(separator: ",")
        func person(_ occupation: String, _ level: String, _ date: String, extra: String = "") -> String {
            "{\"skills\":[{\"occupation\":\"\(occupation)\",\"level\":\"\(level)\",\"obtainedOn\":\"\(date)\"}],\"annualAssessments\":[\(assessed)]\(extra)}"
        }

        // 衢州: the plan gives the steps (二 defers to the year's notice); no publicity set.
        let qzCommittee = try await admin.createOrganisation(kind: "committee", name: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会（办公室）", jurisdiction: "quzhou",
                                                             committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
        let qzEmployer = try await admin.createOrganisation(kind: "employer", name: "衢州示范机械有限公司", jurisdiction: "quzhou")
        try await officer("qz-office", "衢州评委会办公室 周老师", role: "committee_office", in: qzCommittee)
        try await officer("qz-hr", "衢州示范机械 人事 陈经理", role: "employer", in: qzEmployer)
        let qzPlan = try await plan(qzCommittee, series: ["机电制造工程"], levels: ["中级"], steps: [PlanStep(role: "employer", act: "推荐")], publicityDays: 0)
        var qz: [Principal] = []
        for (index, name) in ["王建国", "李卫东", "赵海波", "孙立新", "钱志强"].enumerated() {
            qz.append(try await applicant("qz-worker\(index + 1)", name, person: person("车工", "技师", "\(today.year - 5)-05-01")))
        }
        let qzChecking = try await start(qz[0], plan: qzPlan, level: "中级", employer: qzEmployer)
        _ = qzChecking
        let qzReturned = try await start(qz[1], plan: qzPlan, level: "中级", employer: qzEmployer)
        try await step(qzReturned, as: "qz-hr", action: "return", reason: "演示：请补充近3年继续教育证明")
        let qzAwaiting = try await start(qz[2], plan: qzPlan, level: "中级", employer: qzEmployer)
        try await step(qzAwaiting, as: "qz-hr")
        let qzPassed = try await start(qz[3], plan: qzPlan, level: "中级", employer: qzEmployer)
        try await step(qzPassed, as: "qz-hr")
        try await decide(qzPassed, plan: qzPlan, as: "qz-office", inFavour: 5)
        let qzIssued = try await start(qz[4], plan: qzPlan, level: "中级", employer: qzEmployer)
        try await step(qzIssued, as: "qz-hr")
        try await decide(qzIssued, plan: qzPlan, as: "qz-office", inFavour: 6)
        try await step(qzIssued, as: "qz-office", action: "issue", decision: "演示：衢人社职〔\(today.year)〕1号")

        // 绍兴: each level its own route (64号 一（三）1–3).
        let sxDepartment = try await admin.createOrganisation(kind: "competent_department", name: "绍兴市经济和信息化局", jurisdiction: "shaoxing")
        let sxCounty = try await admin.createOrganisation(kind: "hr_bureau", name: "越城区人力资源和社会保障局", jurisdiction: "shaoxing", level: "county")
        let sxCity = try await admin.createOrganisation(kind: "hr_bureau", name: "绍兴市人力资源和社会保障局", jurisdiction: "shaoxing", level: "city")
        let sxEmployer = try await admin.createOrganisation(kind: "employer", name: "绍兴示范电机有限公司", jurisdiction: "shaoxing",
                                                            handlers: ["competent_department": sxDepartment, "county_hr_bureau": sxCounty])
        let sxJunior = try await admin.createOrganisation(kind: "committee", name: "绍兴市高技能人才参评工程职称（初级）评委会", jurisdiction: "shaoxing",
                                                          committee: "高技能人才参评工程专业技术职务任职资格（初级）评审委员会")
        let sxMiddle = try await admin.createOrganisation(kind: "committee", name: "绍兴市高技能人才参评工程职称（中级）评委会", jurisdiction: "shaoxing",
                                                          committee: "高技能人才参评工程专业技术职务任职资格（中级）评审委员会")
        let sxSenior = try await admin.createOrganisation(kind: "committee", name: "绍兴市机电工程专业中评委办公室", jurisdiction: "shaoxing", committee: "绍兴市机电工程专业中评委办公室")
        try await officer("sx-dept", "绍兴市经信局 审核员 何科员", role: "competent_department", in: sxDepartment)
        try await officer("sx-county", "越城区人社局 审核员 楼科员", role: "county_hr_bureau", in: sxCounty)
        try await officer("sx-city", "绍兴市人社局 审核员 金科长", role: "city_hr_bureau", in: sxCity)
        try await officer("sx-hr", "绍兴示范电机 人事 徐主管", role: "employer", in: sxEmployer)
        try await officer("sx-office-junior", "初级评委会办公室 俞老师", role: "committee_office", in: sxJunior)
        try await officer("sx-office-middle", "中级评委会办公室 冯老师", role: "committee_office", in: sxMiddle)
        try await officer("sx-office-senior", "机电工程中评委办公室 马老师", role: "committee_office", in: sxSenior)
        let sxJuniorPlan = try await plan(sxJunior, series: ["机电制造工程"], levels: ["助理级"], publicityDays: 0)
        let sxMiddlePlan = try await plan(sxMiddle, series: ["机电制造工程"], levels: ["中级"], publicityDays: 0)
        let sxSeniorPlan = try await plan(sxSenior, series: ["机电制造工程"], levels: ["副高级"], publicityDays: 0)
        let sxHours = ",\"continuingEducation\":[\(hours)]"
        let sxA = try await applicant("sx-worker1", "章国平", person: person("电工", "高级工", "\(today.year - 6)-05-01", extra: sxHours))
        let sxB = try await applicant("sx-worker2", "俞海明", person: person("电工", "技师", "\(today.year - 6)-05-01", extra: sxHours))
        let sxC = try await applicant("sx-worker3", "陶文斌", person: person("电工", "高级技师", "\(today.year - 6)-05-01", extra: sxHours))
        let sxJuniorApp = try await start(sxA, plan: sxJuniorPlan, level: "助理级", series: "机电制造工程", employer: sxEmployer)
        try await step(sxJuniorApp, as: "sx-dept")
        try await step(sxJuniorApp, as: "sx-dept")
        let sxMiddleApp = try await start(sxB, plan: sxMiddlePlan, level: "中级", series: "机电制造工程", employer: sxEmployer)
        try await step(sxMiddleApp, as: "sx-dept")
        _ = try await start(sxC, plan: sxSeniorPlan, level: "副高级", series: "机电制造工程", employer: sxEmployer, submit: false)

        // 河北: 单位推荐 → 职改办资格审核、公示 → 评委会 (三（一）5), and the 绿色通道 (三（一）4).
        let hbOffice = try await admin.createOrganisation(kind: "title_reform_office", name: "石家庄市职称改革领导小组办公室", jurisdiction: "hebei")
        let hbEmployer = try await admin.createOrganisation(kind: "employer", name: "石家庄示范装备有限公司", jurisdiction: "hebei", handlers: ["title_reform_office": hbOffice])
        let hbCommittee = try await admin.createOrganisation(kind: "committee", name: "河北省工程系列高技能人才评审委员会", jurisdiction: "hebei", committee: "河北省工程系列高技能人才评审委员会")
        try await officer("hb-reform", "石家庄市职改办 审核员 郭科长", role: "title_reform_office", in: hbOffice)
        try await officer("hb-hr", "石家庄示范装备 人事 高经理", role: "employer", in: hbEmployer)
        try await officer("hb-office", "河北工程系列评委会办公室 韩老师", role: "committee_office", in: hbCommittee)
        let hbPlan = try await plan(hbCommittee, series: ["工程"], levels: ["中级", "副高级"], publicityDays: 7)
        let hbA = try await applicant("hb-worker1", "刘铁军", person: person("钳工", "技师", "\(today.year - 6)-05-01"))
        let hbB = try await applicant("hb-worker2", "张振华", person: person("钳工", "技师", "\(today.year - 6)-05-01"))
        let hbC = try await applicant("hb-worker3", "杨光明", person: person("钳工", "技师", "\(today.year - 6)-05-01"))
        let hbStar = try await applicant("hb-star", "冯卫星", person: person("钳工", "技师", "\(today.year - 6)-05-01",
                                                                            extra: ",\"honors\":[{\"name\":\"全国技术能手\",\"awardedOn\":\"\(today.year - 2)-01-01\"}]"))
        for who in [hbA, hbB, hbC] {
            let id = try await start(who, plan: hbPlan, level: "中级", employer: hbEmployer)
            try await step(id, as: "hb-hr")
            try await step(id, as: "hb-reform")
            if who == hbB || who == hbC {
                try await service.lodgeObjection(ApplicationService.ObjectionInput(application: id, contact: "演示联系人 13800000000", reason: "演示：反映业绩材料与实际不符"), planID: hbPlan)
            }
            if who == hbC {
                let model = try await service.load(id)
                _ = try await service.act(id, ActionInput(action: "resolve_objection", version: model.version, reason: "演示：经核实，业绩材料不实", upheld: true), principal: principal("hb-reform"))
            }
        }
        let star = try await start(hbStar, plan: hbPlan, level: "副高级", route: "direct_recognition", series: "工程", employer: hbEmployer)
        try await step(star, as: "hb-hr")
        _ = star
        return made
    }
}
