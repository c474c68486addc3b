import Access
import Domain
import Foundation
import Vapor
import Workflow

/// The question-bank part of the demo: the provincial centre publishes a call of its own (the
/// 2023 call closed long ago) with the conditions, forms and catalogue of 附件1; three units in
/// two cities and the province want to lead the same 工种, one applies outside the catalogue
/// under 一（一）2, and a barred unit (一（二）6) holds a draft it cannot submit.
extension DemoData {
    struct QuestionBankScenario: Decodable {
        struct Call: Decodable { let code, follows, by, title: String; let days: Int }
        struct Step: Decodable { let by, `do`: String; let recommendAs, reason: String? }
        struct Application: Decodable {
            let by, unitName, occupation, workType, intent: String
            let levels: [Int]
            let experience: Bool
            let basis, occupationCode: String?
            let standardYear: Int?
            let barred, draft: Bool?
            let steps: [Step]
        }
        let call: Call
        let applications: [Application]
    }

    static func seedQuestionBank(_ scenario: QuestionBankScenario, app: Application) async throws {
        let policy = app.policy
        let today = policy.today()
        let service = QuestionBankService(db: app.caseDatabase, policy: policy)
        let accounts = AccountService(db: app.caseDatabase, hasher: app.passwordHasher, base: policy)
        func principal(_ username: String) async throws -> Principal { try await accounts.principal(for: accounts.user(named: username)) }

        let follows = try await service.calls.call(scenario.call.follows)
        _ = try await service.publish(.init(code: scenario.call.code, follows: follows.id, title: scenario.call.title.replacingOccurrences(of: "{year}", with: String(today.year)),
                                            number: nil, issuedOn: today.adding(days: -10).description, lastDay: today.adding(days: scenario.call.days).description,
                                            catalogue: QuestionBankCatalogueCSV.text(of: service.calls.catalogue(follows))),
                                      principal: principal(scenario.call.by))
        for entry in scenario.applications {
            let unit = try await principal(entry.by)
            let model = try await service.start(.init(call: scenario.call.code, unit: nil, form: form(entry)), principal: unit)
            let id = model.id.uuidString
            _ = try await service.attach(demoScan, label: QuestionBankService.scanLabels[0], filename: "法人证书影印件.pdf", to: id, principal: unit)
            guard entry.draft != true else { continue }
            var current = try await service.act(id, QuestionBankActionInput(action: "submit", version: service.load(id, on: app.db).version), principal: unit)
            for step in entry.steps {
                let officer = try await principal(step.by)
                if step.do == "report" {
                    _ = try await service.report(.init(call: scenario.call.code, contact: "演示联系人", phone: "0570-0000000"), centre: current.centreID.uuidString,
                                                 principal: officer)
                    continue
                }
                current = try await service.act(id, QuestionBankActionInput(action: step.do, version: current.version, reason: step.reason, recommendAs: step.recommendAs),
                                                principal: officer)
            }
        }
    }

    /// Every part of 附件2 filled in as a demo unit would.
    static func form(_ entry: QuestionBankScenario.Application) -> QuestionBankForm {
        var form = QuestionBankForm()
        form.unitName = entry.unitName
        form.legalRepresentative = "演示法人"
        form.legalCertificateNumber = "演示-0000000000"
        form.occupation = entry.occupation
        form.workType = entry.workType
        form.occupationCode = entry.occupationCode ?? ""
        form.levels = entry.levels
        form.contactName = "演示联系人"
        form.contactMobile = "13800000000"
        form.intent = QuestionBankProject.Intent(rawValue: entry.intent)
        form.advantages = [.init(boxes: entry.experience ? ["参与单位"] : [], text: entry.experience ? "演示：参与国家新职业研发" : ""), .init(),
                           .init(boxes: ["无"]), .init(boxes: entry.experience ? ["有"] : ["无"], text: entry.experience ? "\(entry.occupation)/三级/2019" : "")]
        var leader = QuestionBankForm.Leader()
        leader.name = "演示负责人"; leader.gender = "男"; leader.birthMonth = "1978-05"; leader.qualification = "高级工程师"; leader.post = "主任"
        leader.education = "本科/学士"; leader.specialty = entry.occupation; leader.mobile = "13900000000"; leader.email = "demo@example.cn"
        leader.officePhone = "0570-0000000"; leader.employer = entry.unitName; leader.department = "技能评价部"; leader.address = "演示地址"
        form.leader = leader
        var expert = QuestionBankForm.Expert()
        expert.name = "演示专家"; expert.gender = "女"; expert.birthMonth = "1982-09"; expert.qualification = "高级技师"; expert.level = "一级"
        expert.certificateNumber = "演示-S0001"; expert.employer = entry.unitName
        form.experts = [expert, expert]
        form.declaration = "申报内容真实完整，项目负责人和主要成员适合承担本项目的开发任务。（演示）"
        form.basis = entry.basis ?? "catalogue"
        form.standardYear = entry.standardYear
        form.selfCheck = ["legal_person": true, "staff": true, "experts": true, "funding": true, "experience": entry.experience, "barred": entry.barred == true]
        form.experienceNote = entry.experience ? "演示：承接过省级题库开发并按期完成" : ""
        return form
    }
}
