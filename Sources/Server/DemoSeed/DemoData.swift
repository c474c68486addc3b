import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// `serve --demo`: the scenario in Demo/demo.json (organisations, officers, committee offices,
/// applicants with known passwords, open plans and applications taken to every stage), made
/// through the same services the pages use, on a database of its own.
public enum DemoData {
    public static let password = "demo-password"

    public struct Account: Sendable {
        public let username: String
        public let name: String
        public let role: String
    }

    struct Scenario: Decodable {
        struct Organisation: Decodable { let key, kind, name, jurisdiction: String; let level, committee, provides: String?; let handlers: [String: String]? }
        struct Officer: Decodable { let username, name, role, organisation: String }
        struct Plan: Decodable { let key, committee: String; let series, levels: [String]; let steps: [PlanStep]?; let publicityDays: Int }
        struct Applicant: Decodable { let username, name, occupation, level: String; let yearsAgo: Int; let hours: Bool?; let honour: String? }
        struct Action: Decodable { let by: String?; let `do`: String; let text: String?; let inFavour: Int?; let upheld: Bool? }
        struct Application: Decodable {
            let applicant, plan, level: String
            let route, series, employer: String?
            let draft: Bool?
            let actions: [Action]
        }
        let organisations: [Organisation]
        let officers: [Officer]
        let plans: [Plan]
        let applicants: [Applicant]
        let applications: [Application]
        let qualifications: [Qualification]
        let batches: [Batch]
        let skillApplicants: [SkillApplicant]
        let skillApplications: [SkillApplication]
        let questionBank: QuestionBankScenario?
    }

    @discardableResult
    public static func seed(_ app: Application) async throws -> [Account] {
        guard let url = Bundle.module.url(forResource: "Demo", withExtension: nil)?.appendingPathComponent("demo.json") else {
            throw Abort(.internalServerError, reason: "the demo scenario is missing from the build")
        }
        let scenario = try JSONDecoder().decode(Scenario.self, from: Data(contentsOf: url))
        let admin = Administration(app)
        let policy = app.policy
        let today = policy.today()
        let service = TitleApplicationService(db: app.caseDatabase, policy: policy)
        let accounts = AccountService(db: app.caseDatabase, hasher: app.passwordHasher, base: policy)
        func principal(_ username: String) async throws -> Principal { try await accounts.principal(for: accounts.user(named: username)) }
        var made: [Account] = []

        var organisations: [String: String] = [:]
        for entry in scenario.organisations {
            organisations[entry.key] = try await admin.createOrganisation(kind: entry.kind, name: entry.name, jurisdiction: entry.jurisdiction, level: entry.level,
                                                                          committee: entry.committee, handlers: (entry.handlers ?? [:]).compactMapValues { organisations[$0] },
                                                                          provides: entry.provides)
        }
        for officer in scenario.officers {
            try await admin.createUser(username: officer.username, displayName: officer.name, password: password)
            try await admin.grant(role: officer.role, to: officer.username, in: organisations[officer.organisation] ?? "")
            made.append(Account(username: officer.username, name: officer.name, role: Role(rawValue: officer.role)?.label ?? officer.role))
        }
        var plans: [String: String] = [:]
        for plan in scenario.plans {
            let committee = try await admin.accounts.organisation(organisations[plan.committee] ?? "")
            let input = PlanInput(year: today.year, title: "\(today.year)年度\(plan.series.joined(separator: "、"))高技能人才职称评审计划", series: plan.series, levels: plan.levels,
                                  opensOn: today.adding(days: -30).description, closesOn: today.adding(days: 30).description,
                                  checksDueOn: today.adding(days: 45).description, reviewOn: today.adding(days: 60).description, steps: plan.steps,
                                  separateGroup: true, materials: ["职业技能等级证书", "近3年年度考核表", "继续教育证明", "业绩材料"],
                                  publicityDays: plan.publicityDays, resultPublicityDays: 0, members: 7,
                                  votingRule: VotingRule(quorumNumerator: 2, quorumDenominator: 3, passNumerator: 2, passDenominator: 3,
                                                         source: "演示：评委会评审工作规则（文件未规定表决规则，由评审计划载明）"),
                                  notice: "演示：\(today.year)年度职称评审申报通知")
            plans[plan.key] = try await PlanService(db: app.caseDatabase, policy: policy).create(input, committee: committee).id.uuidString
        }
        // The years a record covers are the three before this one, as the documents count them.
        let years = (1...3).map { today.year - $0 }.sorted()
        for person in scenario.applicants {
            try await admin.createUser(username: person.username, displayName: person.name, password: password)
            var record: [String: JSONValue] = [
                "skills": .array([.object(["occupation": .string(person.occupation), "level": .string(person.level), "obtainedOn": .string("\(today.year - person.yearsAgo)-05-01")])]),
                "annualAssessments": .array(years.map { .object(["year": .number(Double($0)), "passed": .bool(true)]) }),
            ]
            if person.hours == true {
                record["continuingEducation"] = .array(years.map { .object(["year": .number(Double($0)), "publicHours": .number(30), "professionalHours": .number(60)]) })
            }
            if let honour = person.honour { record["honors"] = .array([.object(["name": .string(honour), "awardedOn": .string("\(today.year - 2)-01-01")])]) }
            try await RecordStore(db: app.caseDatabase, policy: policy).save(.object(record), for: principal(person.username))
            made.append(Account(username: person.username, name: person.name, role: "申报人"))
        }
        for entry in scenario.applications {
            let model = try await service.start(TitleApplicationService.StartInput(plan: plans[entry.plan] ?? "", route: entry.route ?? "regular", level: entry.level,
                                                                             series: entry.series, employer: entry.employer.flatMap { organisations[$0] },
                                                                             submit: entry.draft != true), principal: principal(entry.applicant))
            let id = model.id.uuidString
            for action in entry.actions {
                let text = action.text?.replacingOccurrences(of: "{year}", with: String(today.year))
                if action.do == "object" {
                    _ = try await service.lodgeObjection(TitleApplicationService.ObjectionInput(application: id, contact: "演示联系人 13800000000", reason: text ?? ""),
                                                         planID: plans[entry.plan] ?? "", cap: app.security.objectionsPerApplication)
                    continue
                }
                let who = try await principal(action.by ?? "")
                var current = try await service.load(id, on: app.db)
                let state = try StoredJSON.decode(TitleApplication.self, current.state)
                // The acting role confirms what it was given to confirm, then acts.
                for role in Set(who.memberships.map(\.role)) {
                    for item in state.openConfirmations(for: role) {
                        current = try await service.act(id, ActionInput(action: "confirm", version: current.version, item: item.id, met: true, note: "演示：已核"), principal: who)
                    }
                }
                if action.do == "decide" {
                    let plan = try await PlanService(db: app.caseDatabase, policy: policy).find(plans[entry.plan] ?? "")
                    let session = try await service.createSession(TitleApplicationService.SessionInput(group: "separate", heldOn: today.description,
                                                                                                  present: ["评委甲", "评委乙", "评委丙", "评委丁", "评委戊", "评委己"]), plan: plan)
                    let votes = action.inFavour ?? 0
                    _ = try await service.decide(TitleApplicationService.DecisionInput(application: id, version: current.version, inFavour: votes, against: 6 - votes, abstain: 0),
                                                 session: session.id.uuidString, principal: who)
                } else {
                    _ = try await service.act(id, ActionInput(action: action.do, version: current.version, reason: text, upheld: action.upheld, decision: text), principal: who)
                }
            }
        }
        try await seedSkill(scenario, app: app, organisations: organisations, made: &made)
        if let questionBank = scenario.questionBank { try await seedQuestionBank(questionBank, app: app) }
        return made
    }
}
