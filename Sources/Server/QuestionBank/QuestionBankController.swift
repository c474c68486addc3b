import Access
import Foundation
import Store
import Vapor
import Workflow

/// Question-bank calls over JSON under /api/v1: units' applications, the centres' desks and
/// reports (with the 汇总表 workbook), the provincial centre's selection, its export and the
/// closing time. Every handler asks `CasePolicy` (through the service) before it reads or changes anything.
struct QuestionBankController: RouteCollection {
    let sessions: SessionRoutes

    func boot(routes: any RoutesBuilder) throws {
        let api = sessions.signedIn(routes.grouped("api", "v1"))
        api.get("question-bank-applications", use: mine)
        api.on(.POST, "question-bank-applications", body: .collect(maxSize: "64kb"), use: start)
        CaseRoutes(cases: "question-bank-applications", service: \.questionBank).register(on: api)
        api.get("evaluation-centres", ":org", "question-bank-applications", use: desk)
        api.get("evaluation-centres", ":org", "question-bank-reports", use: reports)
        api.on(.POST, "evaluation-centres", ":org", "question-bank-reports", body: .collect(maxSize: "16kb"), use: report)
        api.get("evaluation-centres", ":org", "question-bank-summary", use: summary)
        api.on(.POST, "question-bank-calls", body: .collect(maxSize: "256kb"), use: publish)
        api.get("question-bank-calls", ":call", "selection", use: selection)
        api.get("question-bank-calls", ":call", "selected", use: selected)
        api.on(.PUT, "question-bank-calls", ":call", "closing", body: .collect(maxSize: "16kb"), use: setClosing)
    }

    func mine(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try Response.privateJSON(try await request.questionBank.mine(principal).map { QuestionBankQueueItem($0, words: request.policy.words(QuestionBankProject.self)) })
    }

    func start(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(QuestionBankService.StartInput.self, request)
        let service = request.questionBank
        return try await Response.privateJSON(service.view(service.start(input, principal: principal), for: principal), status: .created)
    }

    func desk(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try Response.privateJSON(try await request.questionBank.desk(request.parameters.get("org") ?? "", principal: principal).map { QuestionBankQueueItem($0, words: request.policy.words(QuestionBankProject.self)) })
    }

    func reports(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try Response.privateJSON(try await request.questionBank.reports(request.parameters.get("org") ?? "", principal: principal).map(QuestionBankReportView.init))
    }

    func report(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(QuestionBankService.ReportInput.self, request)
        let report = try await request.questionBank.report(input, centre: request.parameters.get("org") ?? "", principal: principal)
        return try Response.privateJSON(QuestionBankReportView(report), status: .created)
    }

    /// The 汇总表 of a report (`?report=`), or of what is recommended and not yet reported;
    /// `?format=xlsx` for the workbook of 附件3.
    func summary(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let call = try request.query.get(String?.self, at: "call") ?? ""
        let report = try request.query.get(String?.self, at: "report")
        let service = request.questionBank
        let found = try await service.summary(centre: request.parameters.get("org") ?? "", call: call, report: report, principal: principal)
        switch try request.query.get(String?.self, at: "format") ?? "json" {
        case "xlsx":
            let sheet = QuestionBankExports.summary(try await service.calls.call(call).forms.summary, centre: found.centre.name, applications: found.applications,
                                                    contact: found.report?.contact ?? "", phone: found.report?.phone ?? "",
                                                    filledOn: found.report?.filledOn ?? request.policy.today().description)
            return try TableExport.xlsx(sheet.rows, filename: "question-bank-summary", chineseName: "题库开发申报情况汇总表",
                                        scratchName: request.policy.tokens.hex(byteCount: 8), layout: sheet.layout)
        case "json":
            return try Response.privateJSON(found.applications.map { QuestionBankQueueItem($0, words: request.policy.words(QuestionBankProject.self)) })
        default: throw Problem.invalid(field: "format", "格式应为 json 或 xlsx")
        }
    }

    func selection(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let selection = try await request.questionBank.selection(request.parameters.get("call") ?? "", principal: principal)
        return try Response.privateJSON(QuestionBankSelectionView(selection, words: request.policy.words(QuestionBankProject.self)))
    }

    /// The selected projects with their lead and participating units; `?format=xlsx` for the workbook.
    func selected(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let selection = try await request.questionBank.selection(request.parameters.get("call") ?? "", principal: principal)
        let sheet = QuestionBankExports.selected(selection.projects)
        switch try request.query.get(String?.self, at: "format") ?? "json" {
        case "xlsx":
            return try TableExport.xlsx(sheet.rows, filename: "question-bank-selected", chineseName: "省级题库开发入选项目",
                                        scratchName: request.policy.tokens.hex(byteCount: 8), layout: sheet.layout)
        case "json":
            let heading = sheet.rows[0]
            return try Response.privateJSON(sheet.rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(heading, $0)) })
        default: throw Problem.invalid(field: "format", "格式应为 json 或 xlsx")
        }
    }

    /// The provincial centre publishes a later call as a record.
    func publish(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(QuestionBankService.PublishInput.self, request)
        let model = try await request.questionBank.publish(input, principal: principal)
        return try Response.privateJSON(["id": model.code, "title": model.title, "lastDay": model.lastDay], status: .created)
    }

    func setClosing(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(QuestionBankService.ClosingInput.self, request)
        return try Response.privateJSON(try await request.questionBank.setClosing(request.parameters.get("call") ?? "", input, principal: principal))
    }
}

struct QuestionBankReportView: Content {
    let id: String
    let call: String
    let centreName: String
    let contact: String
    let phone: String
    let filledOn: String
    let reportedAt: Date
    let reportedBy: String

    init(_ model: QuestionBankReport) {
        id = model.id.uuidString
        call = model.callID
        centreName = model.centreName
        contact = model.contact
        phone = model.phone
        filledOn = model.filledOn
        reportedAt = model.reportedAt
        reportedBy = model.reportedBy
    }
}

/// The provincial centre's view: each occupation (工种) with its applications, whether more
/// than one unit wants to lead it, and the catalogue rows nobody applied for.
struct QuestionBankSelectionView: Content {
    struct Candidate: Content {
        let application: QuestionBankQueueItem
        let levels: String
        /// 专业团队力量: the team's size and the leader's standing.
        let team: String
        /// 资金保障能力: the self-check of 一（二）4.
        let funding: String
        /// 题库开发经验: the advantage lines, and condition 5 as a preference.
        let experience: [String]
        let preferred: Bool
        let preferenceNote: String
        let centreOpinion: String
        let decision: String
    }

    struct Project: Content {
        let key: String
        let occupation: String
        let workType: String
        let contested: Bool
        let wouldBeLeads: Int
        let candidates: [Candidate]
        let lead: String?
    }

    struct Unclaimed: Content {
        let row: String
        let occupation: String
    }

    let call: String
    let criteria: [String]
    let criteriaClause: String
    let projects: [Project]
    let unclaimed: [Unclaimed]

    init(_ selection: QuestionBankService.Selection, words: CaseWords) {
        let call = selection.call
        self.call = call.id
        criteria = call.selection.criteria
        criteriaClause = call.selection.clause
        let lines = call.forms.application.parts.flatMap { $0.advantages ?? [] }
        let preference = call.unitConditions.first { $0.kind == .preference }
        let funding = call.unitConditions.first { $0.id == "funding" }
        projects = selection.projects.map { project in
            let candidates = project.applications.map { model -> Candidate in
                let form = (try? StoredJSON.decode(QuestionBankForm.self, model.form)) ?? QuestionBankForm()
                let state = try? StoredJSON.decode(QuestionBankProject.self, model.state)
                let experience = zip(lines, form.advantages).compactMap { line, answer -> String? in
                    answer.boxes.isEmpty ? nil : "\(line.line)：\(answer.boxes.joined(separator: "、"))\(answer.text.isEmpty ? "" : "（\(answer.text)）")"
                }
                return Candidate(
                    application: QuestionBankQueueItem(model, words: words), levels: form.gradesText,
                    team: "专家团队 \(form.experts.count) 人；项目负责人 \(form.leader.name)（\(form.leader.qualification)，\(form.leader.post)）",
                    funding: funding.map { form.selfCheck[$0.id] == true ? "自查符合 \($0.clause)" : "自查未确认 \($0.clause)" } ?? "",
                    experience: experience, preferred: preference.map { form.selfCheck[$0.id] == true } ?? false, preferenceNote: form.experienceNote,
                    centreOpinion: state?.opinion.map { "推荐为\($0.recommendAs.label)：\($0.reason)" } ?? "",
                    decision: state?.decision.map { "\($0.outcome.label)：\($0.reason)" } ?? "")
            }
            let lead = project.applications.first { (try? StoredJSON.decode(QuestionBankProject.self, $0.state))?.decision?.outcome == .lead }
            return Project(key: project.key, occupation: project.occupation, workType: project.workType, contested: project.contested,
                           wouldBeLeads: project.wouldBeLeads.count, candidates: candidates, lead: lead?.unitName)
        }
        unclaimed = selection.unclaimed.map { Unclaimed(row: $0.row, occupation: $0.occupation) }
    }
}

extension Request {
    var questionBank: QuestionBankService { QuestionBankService(db: caseDatabase, policy: policy) }
}
