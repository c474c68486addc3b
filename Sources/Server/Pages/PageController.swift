import Catalog
import Domain
import Engine
import Fluent
import Foundation
import PolicyData
import Vapor

/// The server-rendered pages: the checker, results, saved checks, documents and catalogue.
/// They work without JavaScript; a small script only adds occupation suggestions.
struct PageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: checker)
        routes.get("check", use: checker)
        routes.get("result", use: result)
        routes.get("result", "print", use: printResult)
        // Collected up to 1 MB so that an over-long form is answered as such (422), not cut off.
        routes.on(.POST, "checks", body: .collect(maxSize: "1mb"), use: save)
        routes.get("checks", ":token", use: saved)
        routes.get("checks", ":token", "print", use: printSaved)
        routes.get("documents", use: documents)
        routes.get("documents", ":id", use: document)
        routes.get("occupations", use: occupations)
        routes.get("occupations", ":name", use: occupation)
    }

    // MARK: Checker

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Field: Encodable {
        let value: String
        let error: String
        let options: [Choice]
    }

    struct FormPage: Encodable {
        let title: String
        let fields: [String: Field]
        let hasErrors: Bool
        let today: String
    }

    static let choices: [String: [(String, String)]] = {
        let skill = [("", "请选择")] + SkillLevel.allCases.map { level in (level.name, level.grade.map { "\(level.name)（\($0)）" } ?? level.name) }
        let title = [("", "无 / 不填")] + TitleLevel.allCases.map { ($0.name, "\($0.name)（\($0.engineeringName)）") }
        let yesNo = [("", "不清楚"), ("yes", "是"), ("no", "否")]
        return [
            "skill1Level": skill, "skill2Level": skill, "titleLevel": title,
            "education": [("", "不填")] + EducationLevel.allCases.map { ($0.rawValue, $0.rawValue) },
            "educationRelated": yesNo, "assessments": yesNo, "relatedWork": yesNo, "publicStaff": yesNo,
        ]
    }()

    func formPage(_ request: Request, form: CheckForm, errors: [String: String]) -> FormPage {
        let services = request.policy
        let values: [String: String?] = [
            "j": form.j, "asOf": form.asOf, "skill1Occupation": form.skill1Occupation, "skill1Level": form.skill1Level,
            "skill1Date": form.skill1Date, "skill2Occupation": form.skill2Occupation, "skill2Level": form.skill2Level,
            "skill2Date": form.skill2Date, "titleSeries": form.titleSeries, "titleSpecialty": form.titleSpecialty,
            "titleLevel": form.titleLevel, "titleDate": form.titleDate, "honor1": form.honor1, "honor2": form.honor2,
            "assessments": form.assessments, "cePublic": form.cePublic, "ceProfessional": form.ceProfessional, "ceSkill": form.ceSkill,
            "education": form.education, "educationRelated": form.educationRelated, "currentOccupation": form.currentOccupation,
            "workYears": form.workYears, "relatedWork": form.relatedWork, "publicStaff": form.publicStaff,
        ]
        var choices = Self.choices
        choices["j"] = services.base.jurisdictions.map { ($0.code, $0.name) }
        var fields: [String: Field] = [:]
        for (name, value) in values {
            let current = (value ?? nil) ?? (name == "j" ? services.defaultJurisdiction : "")
            fields[name] = Field(value: current, error: errors[name] ?? "",
                                 options: (choices[name] ?? []).map { Choice(value: $0.0, label: $0.1, selected: $0.0 == current) })
        }
        return FormPage(title: "职业发展贯通自测", fields: fields, hasErrors: !errors.isEmpty, today: services.today().description)
    }

    func checker(_ request: Request) async throws -> View {
        try await request.view.render("checker", formPage(request, form: CheckForm(), errors: [:]))
    }

    // MARK: Results

    struct ResultPage: Encodable {
        let title: String
        let result: ResultView
        let query: String
        let printView: Bool
        let saved: Bool
        let token: String
        let savedOn: String
        let changes: [String]
        let hasChanges: Bool
        /// The form guard's token for the save form.
        var csrf = ""
    }

    /// Evaluates the form; bad input re-shows the form with the errors beside the fields.
    private func evaluate(_ request: Request, form: CheckForm, asOf override: CalendarDate? = nil) async throws -> Result<EvaluationResult, FieldErrorsPage> {
        let services = request.policy
        var (json, fields, formErrors) = form.request(today: services.today())
        if let override, case .object(var root) = json {
            root["asOf"] = .string(override.description)
            json = .object(root)
        }
        var decoded: EvaluationRequest?
        var requestErrors: [FieldError] = []
        do {
            decoded = try services.decoder.decode(json, today: services.today())
        } catch {
            requestErrors = error.errors
        }
        if let decoded, formErrors.isEmpty {
            // CPU work on the thread pool, as the API does: the server's own threads stay free.
            let engine = services.engine
            return .success(try await request.application.threadPool.runIfActive { engine.evaluate(decoded) })
        }
        do {
            var errors = Dictionary(formErrors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
            for error in requestErrors {
                // A field the form does not show (none today) is reported beside the first one.
                let field = fields[error.field] ?? "j"
                if errors[field] == nil { errors[field] = error.message }
            }
            return .failure(FieldErrorsPage(errors: errors))
        }
    }

    struct FieldErrorsPage: Error {
        let errors: [String: String]
    }

    func result(_ request: Request) async throws -> Response {
        try await renderResult(request, template: "result", printView: false)
    }

    func printResult(_ request: Request) async throws -> Response {
        try await renderResult(request, template: "print", printView: true)
    }

    private func renderResult(_ request: Request, template: String, printView: Bool) async throws -> Response {
        let form = (try? request.query.decode(CheckForm.self)) ?? CheckForm()
        switch try await evaluate(request, form: form) {
        case .success(let result):
            let csrf = FormGuard.token(for: request)
            var page = ResultPage(
                title: "自测结果", result: ResultView(result: result, base: request.policy.base), query: request.url.query ?? "",
                printView: printView, saved: false, token: "", savedOn: "", changes: [], hasChanges: false)
            page.csrf = csrf.value
            let response = try await request.view.render(template, page).encodeResponse(for: request)
            if csrf.isNew { FormGuard.setCookie(csrf.value, on: response, secure: request.isSecure) }
            return response
        case .failure(let page):
            return try await request.view.render("checker", formPage(request, form: form, errors: page.errors)).encodeResponse(for: request)
        }
    }

    // MARK: Saved checks

    struct SaveForm: Content {
        let query: String
        let csrf: String?
    }

    /// Saves the form and redirects to its stable link.
    func save(_ request: Request) async throws -> Response {
        guard let form = try? request.content.decode(SaveForm.self) else { throw Problem.invalid(field: "query", "必填") }
        try request.application.formGuard.check(request, field: form.csrf)
        let query = form.query
        // Bytes, not characters: what is stored stays within 4 KB whatever the text.
        guard query.utf8.count <= 4000 else { throw Problem.invalid(field: "query", "过长") }
        guard let form = try? URLEncodedFormDecoder().decode(CheckForm.self, from: query),
              case .success(let result) = try await evaluate(request, form: form) else {
            throw Problem.invalid(field: "query", "表单有误，无法保存")
        }
        let token = request.policy.tokens.link(length: 16)
        try await request.application.stores.savedChecks(request).add(SavedCheckRecord(
            token: token, query: query, statuses: try Self.encodeStatuses(result),
            savedOn: request.policy.today().description, evaluatedAsOf: result.asOf.description))
        return request.redirect(to: "/checks/\(token)", redirectType: .normal)
    }

    func saved(_ request: Request) async throws -> Response {
        try await renderSaved(request, template: "result", printView: false)
    }

    func printSaved(_ request: Request) async throws -> Response {
        try await renderSaved(request, template: "print", printView: true)
    }

    /// Re-evaluates a saved check on today's date and lists what changed since it was saved.
    private func renderSaved(_ request: Request, template: String, printView: Bool) async throws -> Response {
        let token = request.parameters.get("token") ?? ""
        guard let check = try await request.application.stores.savedChecks(request).find(token: token) else {
            throw Problem.notFound("没有这条保存的自测记录。")
        }
        let form = try URLEncodedFormDecoder().decode(CheckForm.self, from: check.query)
        guard case .success(let result) = try await evaluate(request, form: form, asOf: request.policy.today()) else {
            throw Problem(title: "保存的自测已无法评估", status: 409, detail: "请重新填写。")
        }
        let before = (try? JSONDecoder().decode([String: String].self, from: Data(check.statuses.utf8))) ?? [:]
        let after = Self.statuses(result)
        var changes: [String] = []
        for (key, status) in after.sorted(by: { $0.key < $1.key }) {
            let label = ResultView.statusLabels[status] ?? status
            if let old = before[key] {
                if old != status { changes.append("\(key)：由“\(ResultView.statusLabels[old] ?? old)”变为“\(label)”") }
            } else {
                changes.append("\(key)：新出现，\(label)")
            }
        }
        for key in before.keys.sorted() where after[key] == nil { changes.append("\(key)：已不再列出") }
        let page = ResultPage(
            title: "保存的自测", result: ResultView(result: result, base: request.policy.base), query: check.query,
            printView: printView, saved: true, token: token, savedOn: "\(check.savedOn) 保存，当时按 \(check.evaluatedAsOf) 评估",
            changes: changes, hasChanges: !changes.isEmpty)
        return try await request.view.render(template, page).encodeResponse(for: request)
    }

    static func statuses(_ result: EvaluationResult) -> [String: String] {
        var map: [String: String] = [:]
        for option in result.titleOptions {
            map["职称 \(option.series ?? "系列待定") \(option.level.name)（\(ResultView.routeLabels[option.route.rawValue] ?? "")）"] = option.status.rawValue
        }
        for option in result.skillOptions {
            map["技能 \(option.occupation ?? "职业待定") \(option.level.name)（\(ResultView.routeLabels[option.route.rawValue] ?? "")）"] = option.status.rawValue
        }
        return map
    }

    static func encodeStatuses(_ result: EvaluationResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(statuses(result)), as: UTF8.self)
    }

    // MARK: Documents

    struct DocumentsPage: Encodable {
        let title: String
        let documents: [DocumentStatus]
    }

    func documents(_ request: Request) async throws -> View {
        try await request.view.render("documents", DocumentsPage(title: "政策文件", documents: request.policy.catalog.documents(asOf: nil)))
    }

    struct DocumentPage: Encodable {
        let title: String
        let document: DocumentStatus
        let clauses: [Clause]
    }

    func document(_ request: Request) async throws -> View {
        let (status, clauses) = try request.policy.documentWithClauses(request.parameters.get("id") ?? "")
        return try await request.view.render("document", DocumentPage(title: status.number ?? status.title, document: status, clauses: clauses))
    }

    // MARK: Catalogue

    struct OccupationsPage: Encodable {
        let title: String
        let query: String
        let hits: [OccupationSearch.Hit]
        let searched: Bool
    }

    func occupations(_ request: Request) async throws -> View {
        let query = (request.query["q"] as String?)?.trimmingWhitespace ?? ""
        try Problem.checkName(query, field: "q")
        let hits = query.isEmpty ? [] : request.policy.search.search(query, limit: 30)
        return try await request.view.render("occupations", OccupationsPage(title: "职业（工种）查询", query: query, hits: hits, searched: !query.isEmpty))
    }

    struct OccupationPage: Encodable {
        let title: String
        let report: OccupationReport
        /// The date the routing is given for.
        let asOf: String
    }

    /// An occupation in every jurisdiction, with where applications go level by level on
    /// `asOf` (today unless given).
    func occupation(_ request: Request) async throws -> View {
        let date = try request.query.asOf() ?? request.policy.today()
        let report = try request.policy.occupationReport(request.parameters.get("name") ?? "", asOf: date)
        return try await request.view.render("occupation", OccupationPage(title: report.occupation.name, report: report, asOf: "\(date)"))
    }
}
