import Access
import Contract
import Domain
import Foundation
import Store
import Vapor
import Workflow

/// The skill-evaluation part of the demo: providers in 衢州, 绍兴 (a service point, the city
/// centre and the provincial centre it reports to) and 河北 (an access-type department and a
/// 自主评价企业), and applicants taken to every stage through the same service the pages use.
extension DemoData {
    struct Qualification: Decodable { let organisation, occupation, source: String; let levels: [String] }
    struct Batch: Decodable { let key, provider, by, occupation, level: String; let workType: String?; let capacity: Int; let components: [String] }
    struct SkillApplicant: Decodable {
        struct Title: Decodable { let series, level: String; let yearsAgo: Int }
        struct Skill: Decodable { let occupation, level: String; let yearsAgo: Int }
        let username, name, currentOccupation: String
        let titles: [Title]?
        let skills: [Skill]?
        let workYears: Int?
        let relatedDiploma: Bool?
    }
    struct SkillAction: Decodable { let by: String?; let `do`: String; let batch, number, reason: String?; let fail: Bool? }
    struct SkillApplication: Decodable {
        let applicant, provider, route, occupation, level: String
        let workType, employer: String?
        let theoryExempt, draft: Bool?
        let actions: [SkillAction]
    }

    /// A scan's stand-in: the smallest file the upload accepts as a PDF.
    static let demoScan = Array("%PDF-1.4\n% 演示用毕业证书扫描件\n%%EOF\n".utf8)

    static func seedSkill(_ scenario: Scenario, app: Application, organisations: [String: String], made: inout [Account]) async throws {
        let admin = Administration(app)
        let policy = app.policy
        let today = policy.today()
        let service = SkillApplicationService(db: app.caseDatabase, policy: policy)
        let accounts = AccountService(db: app.caseDatabase, hasher: app.passwordHasher, base: policy)
        func principal(_ username: String) async throws -> Principal { try await accounts.principal(for: accounts.user(named: username)) }
        func day(_ yearsAgo: Int) -> String { yearsAgo == 0 ? today.adding(days: -60).description : "\(today.year - yearsAgo)-03-01" }

        for entry in scenario.qualifications {
            _ = try await admin.qualify(organisation: organisations[entry.organisation] ?? "", occupation: entry.occupation, levels: entry.levels, source: entry.source)
        }
        var batches: [String: String] = [:]
        for batch in scenario.batches {
            let created = try await service.createBatch(.init(occupation: batch.occupation, workType: batch.workType, level: batch.level,
                                                              // Held today: the demo's results and certificates are recorded after it, never before.
                                                              heldOn: today.description, place: "演示考核点", capacity: batch.capacity,
                                                              components: batch.components),
                                                        provider: organisations[batch.provider] ?? "", principal: principal(batch.by))
            batches[batch.key] = created.id.uuidString
        }
        for person in scenario.skillApplicants {
            try await admin.createUser(username: person.username, displayName: person.name, password: password)
            var record: [String: JSONValue] = ["currentOccupation": .string(person.currentOccupation)]
            if let titles = person.titles {
                record["titles"] = .array(titles.map { .object(["series": .string($0.series), "level": .string($0.level), "obtainedOn": .string(day($0.yearsAgo))]) })
            }
            if let skills = person.skills {
                record["skills"] = .array(skills.map { .object(["occupation": .string($0.occupation), "level": .string($0.level), "obtainedOn": .string(day($0.yearsAgo))]) })
            }
            if let years = person.workYears { record["occupationWorkYears"] = .number(Double(years)) }
            if person.relatedDiploma == true { record["education"] = .object(["level": .string("本科"), "relatedToOccupation": .bool(true)]) }
            try await RecordStore(db: app.caseDatabase, policy: policy).save(.object(record), for: principal(person.username))
            made.append(Account(username: person.username, name: person.name, role: "申报人（技能评价）"))
        }
        for entry in scenario.skillApplications {
            let applicant = try await principal(entry.applicant)
            let model = try await service.start(.init(provider: organisations[entry.provider] ?? "", route: entry.route, occupation: entry.occupation,
                                                      workType: entry.workType, level: entry.level, employer: entry.employer.flatMap { organisations[$0] },
                                                      theoryExempt: entry.theoryExempt, submit: entry.draft != true), principal: applicant)
            let id = model.id.uuidString
            for action in entry.actions {
                let who = if let by = action.by { try await principal(by) } else { applicant }
                if action.do == "attach" {
                    _ = try await service.attach(demoScan, label: SkillApplicationService.diplomaLabel, filename: "毕业证书.pdf", to: id, principal: who)
                    continue
                }
                var current = try await service.load(id, on: app.db)
                var state = try StoredJSON.decode(SkillEvaluation.self, current.state)
                // The provider confirms what it was given to confirm, then acts.
                for item in state.confirmations where item.status == .open && who.holds(item.role, in: state.due?.organisation ?? "") {
                    current = try await service.act(id, SkillActionInput(action: "confirm", version: current.version, item: item.id, met: true,
                                                                         note: "演示：已按国家职业技能标准核实"), principal: who)
                }
                state = try StoredJSON.decode(SkillEvaluation.self, current.state)
                // `fail`: the last component is failed (a failed assessment at every stage of the demo).
                let results = state.components.enumerated().map { index, name in
                    let failed = action.fail == true && index == state.components.count - 1
                    return SkillActionInput.Result(component: name, score: failed ? "52" : "合格", passed: !failed)
                }
                _ = try await service.act(id, SkillActionInput(action: action.do, version: current.version, reason: action.reason, batch: action.batch.flatMap { batches[$0] },
                                                               results: action.do == "results" ? results : nil, number: action.number), principal: who)
            }
        }
    }
}
