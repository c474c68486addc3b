import Catalog
import Domain
import Engine
import Fluent
import Foundation
import Store
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
        routes.on(.POST, "checks", ":token", "delete", body: .collect(maxSize: "16kb"), use: deleteSaved)
        routes.get("documents", use: documents)
        routes.get("documents", ":id", use: document)
        routes.get("occupations", use: occupations)
        routes.get("occupations", ":name", use: occupation)
        routes.get("committees", use: committeesPage)
        routes.get("providers", use: providersPage)
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
        /// For a list drawn from the data: its options by jurisdiction.
        var groups: [ChoiceGroup] = []
    }

    struct ChoiceGroup: Encodable {
        let label: String
        let options: [Choice]
    }

    struct FormPage: Encodable {
        let title: String
        let fields: [String: Field]
        let hasErrors: Bool
        let today: String
        /// The errors in the order of the form, each linking to its field.
        let errorList: [FieldProblem]
        let errorCount: Int
        /// The chosen jurisdiction, whose series and honours the lists give first.
        let jurisdictionName: String
        /// Where the documents say skill-training hours count as continuing education.
        let ceNotes: [String]
        /// The same form keeps a signed-in person's record (个人档案): posted, with its token.
        var formAction = "/result"
        var formMethod = "get"
        var csrf = ""
        var submitLabel = "查看结果"
        var lead = "填写您持有的技能等级证书、职称和荣誉，看看在所在地区可以申报哪一级职称、参加哪一级技能评价。不清楚的项目可以不填，结果会注明“待确认”，并告诉您补充哪一项即可判断。"
    }

    struct FieldProblem: Encodable {
        let field: String
        let label: String
        let message: String
    }

    /// The form's fields in order, as the error summary names them.
    static let fieldLabels: [(String, String)] = [
        ("j", "所在地区"), ("asOf", "评估日期"), ("skill1Occupation", "第一张证书的职业（工种）"), ("skill1Level", "第一张证书的等级"),
        ("skill1Date", "第一张证书的取得日期"), ("skill2Occupation", "第二张证书的职业（工种）"), ("skill2Level", "第二张证书的等级"),
        ("skill2Date", "第二张证书的取得日期"), ("titleLevel", "职称层级"), ("titleSeries", "职称系列"), ("titleSpecialty", "职称专业"),
        ("titleSeriesOther", "职称系列（列表外）"), ("titleDate", "职称取得日期"), ("currentOccupation", "现岗位对应的职业（工种）"),
        ("honor1", "荣誉名称"), ("honor1Other", "荣誉名称（列表外）"), ("honor2", "另一项荣誉"), ("honor2Other", "另一项荣誉（列表外）"),
        ("assessments", "年度考核"), ("cePublic", "公需科目学时"), ("ceProfessional", "专业课学时"), ("ceSkill", "技能培训学时"),
        ("education", "学历"), ("educationRelated", "毕业专业是否相关"), ("workYears", "累计年限"), ("relatedWork", "是否仍从事相关工作"),
        ("publicStaff", "事业单位在编人员"),
    ]

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
            "replace": form.replace, "titleSeriesOther": form.titleSeriesOther, "honor1Other": form.honor1Other, "honor2Other": form.honor2Other,
        ]
        var choices = Self.choices
        choices["j"] = services.base.jurisdictions.map { ($0.code, $0.name) }
        var fields: [String: Field] = [:]
        for (name, value) in values {
            let current = (value ?? nil) ?? (name == "j" ? services.defaultJurisdiction : "")
            fields[name] = Field(value: current, error: errors[name] ?? "",
                                 options: (choices[name] ?? []).map { Choice(value: $0.0, label: $0.1, selected: $0.0 == current) })
        }
        let code = fields["j"]?.value ?? services.defaultJurisdiction
        let chain = Set(services.base.jurisdictionChain(code).map(\.code))
        // Series and honours are chosen from the data, grouped by jurisdiction (the chosen one's
        // first): without a script the lists cannot follow a change of region.
        let places = services.base.jurisdictionChain(code) + services.base.jurisdictions.filter { !chain.contains($0.code) }
        func seriesOf(_ place: Jurisdiction) -> [String] {
            let own = Set(services.base.documents.filter { $0.jurisdiction == place.code }.map(\.id))
            var names: [String] = []
            for mapping in services.base.seriesMappings where own.contains(mapping.source.document) {
                for name in mapping.series where !names.contains(name) { names.append(name) }
            }
            return names
        }
        func groups(_ name: String, _ lists: [(String, [String])]) {
            guard var field = fields[name] else { return }
            let listed = Set(lists.flatMap(\.1))
            // The value is marked once, in the first group that lists it.
            var marked = false
            var all = lists.filter { !$0.1.isEmpty }.map { label, names in
                ChoiceGroup(label: label, options: names.map { name in
                    let selected = !marked && name == field.value
                    if selected { marked = true }
                    return Choice(value: name, label: name, selected: selected)
                })
            }
            // A value typed before (an old link) stays chosen.
            if !field.value.isEmpty && !listed.contains(field.value) {
                all.insert(ChoiceGroup(label: "原填写", options: [Choice(value: field.value, label: field.value, selected: true)]), at: 0)
            }
            field.groups = all
            fields[name] = field
        }
        groups("titleSeries", places.map { ($0.name, seriesOf($0)) })
        let honourLists = [("全国", services.base.honours.honours.filter { $0.scope == nil }.map(\.name))]
            + places.map { place in (place.name, services.base.honours.honours.filter { $0.scope == place.code }.map(\.name)) }
        groups("honor1", honourLists)
        groups("honor2", honourLists)
        let documents = Set(services.base.documents.filter { chain.contains($0.jurisdiction) }.map(\.id))
        let ceNotes = services.base.parameters.continuingEducation.filter { documents.contains($0.document) && $0.skillTrainingCounts }.compactMap { rule in
            rule.skillTrainingQuote.map { "技能培训学时：“\($0)”（\(services.base.document(rule.document)?.displayName ?? rule.document) \(rule.clause)）" }
        }
        let problems = Self.fieldLabels.compactMap { name, label in errors[name].map { FieldProblem(field: name, label: label, message: $0) } }
        return FormPage(title: "职业发展贯通自测", fields: fields, hasErrors: !errors.isEmpty, today: services.today().description,
                        errorList: problems, errorCount: problems.count, jurisdictionName: services.base.jurisdiction(code)?.name ?? "",
                        ceNotes: ceNotes)
    }

    /// The form, filled in with the answers in the address (the result page's "修改填写").
    func checker(_ request: Request) async throws -> View {
        let form = (try? request.query.decode(CheckForm.self)) ?? CheckForm()
        return try await request.view.render("checker", formPage(request, form: form, errors: [:]))
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
        /// The answers as given, in words (the print view lists them).
        var answers: [Answer] = []
        /// The saved check's whole address, its edit link, and whether this form edits one.
        var fullLink = ""
        var editLink = ""
        var replacing = false
        /// Whether this browser saved the record (only it may change or delete it).
        var canChange = false
    }

    struct Answer: Encodable {
        let label: String
        let value: String
    }

    /// The form's answers in words, in the form's order.
    static func answers(_ form: CheckForm, base: PolicyBase) -> [Answer] {
        let mirror = Dictionary(Mirror(reflecting: form).children.compactMap { child -> (String, String)? in
            guard let name = child.label, let value = child.value as? String?, let text = value.flatMap(CheckForm.trimmed) else { return nil }
            return (name, text)
        }, uniquingKeysWith: { first, _ in first })
        return fieldLabels.compactMap { name, label in
            guard var value = mirror[name] else { return nil }
            if name == "j" { value = base.jurisdiction(value)?.name ?? value }
            if let choice = choices[name]?.first(where: { $0.0 == value }) { value = choice.1 }
            return Answer(label: label, value: value)
        }
    }

    /// A result with, for each request field, the form field it was given in.
    struct Evaluated {
        let result: EvaluationResult
        let fields: [String: String]
        /// Answers the form could not use (a certificate without its level), said on the result.
        let notices: [String]

        func view(base: PolicyBase, query: String) -> ResultView {
            ResultView(result: result, base: base, editLink: "/check?" + query, formField: { fields[$0] }, notices: notices)
        }
    }

    /// Evaluates the form; bad input re-shows the form with the errors beside the fields.
    private func evaluate(_ request: Request, form: CheckForm, asOf override: CalendarDate? = nil) async throws -> Result<Evaluated, FieldErrorsPage> {
        let services = request.policy
        var (json, fields, formErrors, notices) = form.request(today: services.today())
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
            let result = try await request.application.threadPool.runIfActive { engine.evaluate(decoded) }
            return .success(Evaluated(result: result, fields: fields, notices: notices))
        }
        do {
            var errors = Dictionary(formErrors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
            for error in requestErrors {
                // A field the form does not show (none today) is reported beside the first one.
                let field = fields[error.field] ?? "j"
                if errors[field] == nil { errors[field] = ResultView.plain(error.message) }
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
        case .success(let evaluated):
            let csrf = FormGuard.token(for: request)
            let query = request.url.query ?? ""
            var page = ResultPage(
                title: "自测结果", result: evaluated.view(base: request.policy.base, query: query), query: query,
                printView: printView, saved: false, token: "", savedOn: "", changes: [], hasChanges: false)
            page.csrf = csrf.value
            page.answers = Self.answers(form, base: request.policy.base)
            page.replacing = CheckForm.trimmed(form.replace) != nil
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
        guard let form = try? request.form(SaveForm.self) else { throw Problem.invalid(field: "query", "必填") }
        try request.application.formGuard.check(request, field: form.csrf)
        let query = form.query
        // Bytes, not characters: what is stored stays within 4 KB whatever the text.
        guard query.utf8.count <= 4000 else { throw Problem.invalid(field: "query", "过长") }
        guard let form = try? URLEncodedFormDecoder().decode(CheckForm.self, from: query),
              case .success(let evaluated) = try await evaluate(request, form: form) else {
            throw Problem.invalid(field: "query", "表单有误，无法保存")
        }
        let result = evaluated.result
        let store = request.application.stores.savedChecks(request)
        let stored = Self.storedQuery(query, answeredOn: result.asOf)
        let savedOn = request.policy.today().description
        let statuses = try Self.encodeStatuses(result)
        // An edit keeps its link, by the browser that saved it only; a link that no longer
        // exists gets a new one.
        if let token = CheckForm.trimmed(form.replace), token.utf8.count <= 64, let existing = try await store.find(token: token) {
            guard SavedCheckOwner.owns(request, existing) else {
                throw Problem(title: "不能修改这条记录", status: 403, detail: "只有保存这条记录的浏览器可以修改它。可以不带“修改”另存为一条新记录。")
            }
            _ = try await store.replace(SavedCheckRecord(token: token, query: stored, statuses: statuses, savedOn: savedOn,
                                                         evaluatedAsOf: result.asOf.description, ownerKeyHash: existing.ownerKeyHash))
            return request.redirect(to: "/checks/\(token)", redirectType: .normal)
        }
        let token = request.policy.tokens.link(length: 16)
        let key = request.policy.tokens.hex(byteCount: 16)
        try await store.add(SavedCheckRecord(token: token, query: stored, statuses: statuses, savedOn: savedOn,
                                             evaluatedAsOf: result.asOf.description, ownerKeyHash: SavedCheckOwner.hash(key)))
        let response = request.redirect(to: "/checks/\(token)", redirectType: .normal)
        SavedCheckOwner.setCookie(key, token: token, on: response, secure: request.isSecure)
        return response
    }

    /// The query as kept: without the edit marker, with the day its year-bound answers refer to.
    static func storedQuery(_ query: String, answeredOn: CalendarDate) -> String {
        var components = URLComponents()
        components.percentEncodedQuery = query
        var items = (components.queryItems ?? []).filter { $0.name != "replace" }
        if !items.contains(where: { $0.name == "answeredOn" }) { items.append(URLQueryItem(name: "answeredOn", value: answeredOn.description)) }
        components.queryItems = items
        return components.percentEncodedQuery ?? query
    }

    /// The form for editing a saved check: its answers, marked to replace it.
    static func editQuery(_ stored: String, token: String) -> String {
        var components = URLComponents()
        components.percentEncodedQuery = stored
        var items = (components.queryItems ?? []).filter { $0.name != "answeredOn" && $0.name != "replace" }
        items.append(URLQueryItem(name: "replace", value: token))
        components.queryItems = items
        return components.percentEncodedQuery ?? stored
    }

    /// Deletes a saved check (the form on its page, with the page's token).
    func deleteSaved(_ request: Request) async throws -> Response {
        struct DeleteForm: Content { let csrf: String? }
        let form = try? request.form(DeleteForm.self)
        try request.application.formGuard.check(request, field: form?.csrf)
        let token = request.parameters.get("token") ?? ""
        let store = request.application.stores.savedChecks(request)
        guard let existing = try await store.find(token: token) else { throw Problem.notFound("没有这条保存的自测记录。") }
        guard SavedCheckOwner.owns(request, existing) else {
            throw Problem(title: "不能删除这条记录", status: 403, detail: "只有保存这条记录的浏览器可以删除它。")
        }
        guard try await store.delete(token: token) else { throw Problem.notFound("没有这条保存的自测记录。") }
        let response = try await request.view.render("error", ProblemMiddleware.ErrorPage(
            title: "已删除", status: 200, detail: "这条保存的自测及其链接已删除，服务器上不再保存其内容。", errors: [])).encodeResponse(for: request)
        SavedCheckOwner.clearCookie(token: token, on: response, secure: request.isSecure)
        return response
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
        guard case .success(let evaluated) = try await evaluate(request, form: form, asOf: request.policy.today()) else {
            throw Problem(title: "保存的自测已无法评估", status: 409, detail: "请重新填写。")
        }
        let result = evaluated.result
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
        let editQuery = Self.editQuery(check.query, token: token)
        var page = ResultPage(
            title: "保存的自测", result: evaluated.view(base: request.policy.base, query: editQuery), query: check.query,
            printView: printView, saved: true, token: token, savedOn: "\(check.savedOn) 保存，当时按 \(check.evaluatedAsOf) 评估",
            changes: changes, hasChanges: !changes.isEmpty)
        let csrf = FormGuard.token(for: request)
        page.csrf = csrf.value
        page.answers = Self.answers(form, base: request.policy.base)
        page.fullLink = (request.isSecure ? "https://" : "http://") + (request.headers.first(name: .host) ?? "localhost") + "/checks/" + token
        page.editLink = "/check?" + editQuery
        page.canChange = SavedCheckOwner.owns(request, check)
        let response = try await request.view.render(template, page).encodeResponse(for: request)
        if csrf.isNew { FormGuard.setCookie(csrf.value, on: response, secure: request.isSecure) }
        return response
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
        let attachments: [AttachmentTable]
    }

    func document(_ request: Request) async throws -> View {
        let (status, clauses) = try request.policy.documentWithClauses(request.parameters.get("id") ?? "")
        return try await request.view.render("document", DocumentPage(title: status.number ?? status.title, document: status, clauses: clauses,
                                                                      attachments: request.policy.catalog.attachments(of: status.id)))
    }

    struct ListingPage: Encodable {
        struct Group: Encodable {
            let name: String
            let headers: [String]
            let rows: [[Cell]]
        }
        /// A cell's text, and a `tel:` address where it is a phone number.
        struct Cell: Encodable {
            let text: String
            let tel: String

            init(_ text: String) {
                self.text = text
                tel = ""
            }

            init(phone printed: String?, areaCode: String?) {
                let number = printed.flatMap { PhoneNumber($0, areaCode: areaCode) }
                text = number?.display ?? printed ?? ""
                tel = number?.international ?? ""
            }
        }
        let title: String
        let lead: String
        let groups: [Group]
    }

    /// Every committee, by jurisdiction, with the levels it serves where the data says.
    func committeesPage(_ request: Request) async throws -> View {
        let base = request.policy.base
        let groups = base.jurisdictions.compactMap { place -> ListingPage.Group? in
            let listed = request.policy.catalog.committees(jurisdiction: place.code, series: nil, level: nil)
            guard !listed.isEmpty else { return nil }
            let areaCode = place.areaCode
            return ListingPage.Group(name: place.name, headers: ["职称系列", "专业", "评审委员会", "服务层级", "所在单位", "电话", "依据"], rows: listed.map { item in
                let committee = item.committee
                return [ListingPage.Cell(committee.series), ListingPage.Cell(committee.specialtyText), ListingPage.Cell(committee.name ?? "（表中未列）"),
                        ListingPage.Cell(item.titleLevels.map { $0.map(\.name).joined(separator: "、") } ?? ""), ListingPage.Cell(committee.host ?? ""),
                        ListingPage.Cell(phone: committee.phone, areaCode: areaCode),
                        ListingPage.Cell("\(base.document(committee.source.document)?.displayName ?? committee.source.document) \(committee.source.table) 第\(committee.source.row)行")]
            })
        }
        return try await request.view.render("listing", ListingPage(
            title: "评审委员会", lead: "各地文件所列的职称评审委员会。某职业在某日、某层级应找哪个委员会，请看职业页或自测结果（按层级给出）。", groups: groups))
    }

    /// Every evaluation organisation and service point, by jurisdiction.
    func providersPage(_ request: Request) async throws -> View {
        let base = request.policy.base
        let groups = base.jurisdictions.compactMap { place -> ListingPage.Group? in
            let listed = base.providers.filter { $0.jurisdiction == place.code }
            guard !listed.isEmpty else { return nil }
            return ListingPage.Group(name: place.name, headers: ["机构", "职业（工种）", "工种", "等级", "联系人", "电话", "依据"], rows: listed.map { provider in
                [ListingPage.Cell(provider.name), ListingPage.Cell(provider.printedOccupation), ListingPage.Cell(provider.workType ?? ""),
                 ListingPage.Cell(provider.levels.map { $0.grade ?? $0.name }.joined(separator: "、")), ListingPage.Cell(provider.contactName ?? ""),
                 ListingPage.Cell(phone: provider.contactPhone, areaCode: place.areaCode),
                 ListingPage.Cell("\(base.document(provider.source.document)?.displayName ?? provider.source.document) \(provider.source.table) 第\(provider.source.row)行")]
            })
        }
        return try await request.view.render("listing", ListingPage(
            title: "评价机构与鉴定服务点", lead: "各地文件所列的职业技能等级评价机构与鉴定服务点。某等级应找哪家，请看职业页或自测结果（文件只把部分等级交给所列机构的，其余等级不列）。", groups: groups))
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
