import Access
import Contract
import Domain
import Fluent
import Foundation
import Spreadsheet
import Store
import Vapor
import Workflow

/// The casework pages for every role, in Chinese, without script: sign-in, the applicant's
/// own page and record, an application with its timeline and the forms of the steps the
/// viewer may take, the offices' queue with bulk actions and export, a committee's plan form,
/// and the public publicity list. Each handler decodes, asks the services (which ask
/// `CasePolicy`) and renders.
struct CaseworkPages: RouteCollection {
    let sessions: SessionRoutes

    func boot(routes: any RoutesBuilder) throws {
        let pages = sessions.signedIn(routes)
        let signingIn = sessions.signingIn(routes)
        pages.get("signin", use: signInPage)
        signingIn.on(.POST, "signin", body: .collect(maxSize: "16kb"), use: signIn)
        pages.get("register", use: registerPage)
        signingIn.on(.POST, "register", body: .collect(maxSize: "16kb"), use: register)
        pages.on(.POST, "signout", body: .collect(maxSize: "16kb"), use: signOut)
        pages.get("me", use: me)
        pages.get("me", "record", use: recordPage)
        pages.on(.POST, "me", "record", body: .collect(maxSize: "256kb"), use: saveRecord)
        pages.on(.POST, "me", "applications", body: .collect(maxSize: "16kb"), use: startApplication)
        pages.get("cases", ":id", use: casePage)
        pages.on(.POST, "cases", ":id", "act", body: .collect(maxSize: "64kb"), use: act)
        pages.on(.POST, "cases", ":id", "decide", body: .collect(maxSize: "64kb"), use: decide)
        pages.on(.POST, "cases", ":id", "attachments", body: .collect(maxSize: "6mb"), use: upload)
        pages.get("cases", ":id", "attachments", ":attachment", use: download)
        pages.get("work", use: work)
        pages.get("work", "export.xlsx", use: export)
        pages.on(.POST, "work", "bulk", body: .collect(maxSize: "256kb"), use: bulk)
        pages.get("plans", "new", use: planForm)
        pages.on(.POST, "plans", body: .collect(maxSize: "64kb"), use: createPlan)
        routes.get("publicity", use: publicityIndex)
        pages.get("publicity", ":plan", use: publicity)
        pages.on(.POST, "publicity", ":plan", "objections", body: .collect(maxSize: "16kb"), use: object)
        bootSkillPages(pages)
        bootQuestionBankPages(pages)
    }

    // MARK: Rendering

    /// Renders a page with the form token (a new one in a cookie when the browser has none).
    static func render(_ request: Request, _ template: String, status: HTTPResponseStatus = .ok, _ make: (String) async throws -> some Encodable & Sendable) async throws -> Response {
        let token = FormGuard.token(for: request)
        let response = try await request.view.render(template, make(token.value)).encodeResponse(status: status, for: request)
        if token.isNew { FormGuard.setCookie(token.value, on: response, secure: request.isSecure) }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: ["Location": location])
    }

    /// The signed-in principal, or a redirect to the sign-in page that comes back here.
    static func principal(_ request: Request) async throws -> Principal? {
        try await request.signedIn()
    }

    static func signInRedirect(_ request: Request) -> Response {
        let back = request.url.path.hasPrefix("/") && !request.url.path.hasPrefix("//") ? request.url.path : "/me"
        return redirect("/signin?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2Fme"))
    }

    /// The status a failed form is answered with: the problem's own, else 500.
    static func status(of error: any Error) -> HTTPResponseStatus {
        HTTPResponseStatus(statusCode: (error as? Problem)?.status ?? 500)
    }

    /// A page's form: it carries the page's token (FormGuard).
    protocol PostedForm: Content {
        var csrf: String? { get }
    }

    /// A signed-in person's form post, one way for every page: signed out goes to sign-in, the
    /// form's token is checked, and a refusal shows the page again with its reason.
    func signedInPost<Form: PostedForm>(_ request: Request, _ type: Form.Type, _ body: (Principal, Form) async throws -> Response,
                                        refused: (Form, String, HTTPResponseStatus) async throws -> Response) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let form = try request.form(Form.self)
        try FormGuard.checkToken(request, field: form.csrf)
        do {
            return try await body(principal, form)
        } catch {
            return try await refused(form, Self.message(of: error), Self.status(of: error))
        }
    }

    static func message(of error: any Error) -> String {
        guard let problem = error as? Problem else { return "操作未能完成，请稍后再试。" }
        let fields = problem.errors.map(\.message).joined(separator: "；")
        return [problem.title, fields.isEmpty ? problem.detail ?? "" : fields].filter { !$0.isEmpty }.joined(separator: "：")
    }

    // MARK: Sign-in

    struct SignInPage: Encodable, Sendable {
        let title: String
        let csrf: String
        let error: String
        let username: String
        let next: String
        let register: Bool
    }

    struct SignInForm: Content {
        var username: String?
        var password: String?
        var displayName: String?
        var next: String?
        var csrf: String?
    }

    /// Where to go after signing in: only a path on this site. Browsers drop tabs and newlines
    /// from a URL and read a backslash as a slash, so "/\t/host" would be "//host", another
    /// host: such characters are refused outright, and what is kept is re-serialised from its
    /// parsed path and query, percent-encoded.
    static func safeNext(_ text: String?) -> String {
        guard let text, text.count < 200, text.hasPrefix("/"), !text.hasPrefix("//"),
              !text.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control
                  || $0.properties.generalCategory == .format }),
              let parsed = URLComponents(string: text), parsed.scheme == nil, parsed.host == nil,
              parsed.path.hasPrefix("/"), !parsed.path.hasPrefix("//") else { return "/me" }
        var clean = URLComponents()
        clean.percentEncodedPath = parsed.percentEncodedPath
        clean.percentEncodedQuery = parsed.percentEncodedQuery
        guard let serialised = clean.string, serialised.hasPrefix("/"), !serialised.hasPrefix("//") else { return "/me" }
        return serialised
    }

    func signInPage(_ request: Request) async throws -> Response {
        if try await Self.principal(request) != nil { return Self.redirect("/me") }
        let next = Self.safeNext(request.query["next"])
        return try await Self.render(request, "signin") { SignInPage(title: "登录", csrf: $0, error: "", username: "", next: next, register: false) }
    }

    func registerPage(_ request: Request) async throws -> Response {
        try await Self.render(request, "signin") { SignInPage(title: "注册申报人账号", csrf: $0, error: "", username: "", next: "/me/record", register: true) }
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try request.form(SignInForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        let username = form.username?.trimmingWhitespace ?? ""
        do {
            guard let user = try await request.application.signInThrottle.authenticate(request, username: username, password: form.password ?? "") else {
                throw Problem(title: "用户名或密码不正确", status: 401, detail: "请检查后重试。")
            }
            try SignedInSession.begin(request, user: user)
            let principal = try await request.accounts.principal(for: user)
            let next = form.next.flatMap { $0.isEmpty ? nil : Self.safeNext($0) }
            return Self.redirect(next ?? (principal.isOfficer ? "/work" : "/me"))
        } catch {
            let next = Self.safeNext(form.next)
            return try await Self.render(request, "signin", status: Self.status(of: error)) {
                SignInPage(title: "登录", csrf: $0, error: Self.message(of: error), username: username, next: next, register: false)
            }
        }
    }

    func register(_ request: Request) async throws -> Response {
        let form = try request.form(SignInForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        do {
            try request.application.registrationBudget.take(request)
            let user = try await request.accounts.createUser(username: form.username?.trimmingWhitespace ?? "", displayName: form.displayName ?? "",
                                                             password: form.password ?? "")
            try SignedInSession.begin(request, user: user)
            return Self.redirect("/me/record")
        } catch {
            return try await Self.render(request, "signin", status: .unprocessableEntity) {
                SignInPage(title: "注册申报人账号", csrf: $0, error: Self.message(of: error), username: form.username ?? "", next: "/me/record", register: true)
            }
        }
    }

    func signOut(_ request: Request) async throws -> Response {
        let form = try request.form(SignInForm.self)
        try FormGuard.checkToken(request, field: form.csrf)
        if request.cookies[SignedInSession.cookieName] != nil { request.session.destroy() }
        return Self.redirect("/signin")
    }

    // MARK: The applicant

    struct Option: Encodable, Sendable {
        let value: String
        let label: String
    }

    struct MePage: Encodable, Sendable {
        let title: String
        let csrf: String
        let name: String
        let error: String
        let applications: [QueueItem]
        let plans: [PlanView]
        let planOptions: [Option]
        let employers: [Option]
        let levels: [String]
        let routes: [Option]
        let isOfficer: Bool
        let roles: [String]
        let issued: [IssuedTitleView]
        let titleOptions: [OptionLine]
        let messages: [MessageView]
        /// The region whose options are listed: the one asked for, else the person's own.
        let place: String
        let placeName: String
        let ownPlace: String
        let places: [Option]
    }

    struct OptionLine: Encodable, Sendable {
        let label: String
        let status: String
        let statusLabel: String
        let committee: String
        let jurisdiction: String
    }

    func me(_ request: Request) async throws -> Response {
        try await renderMe(request, error: "", status: .ok)
    }

    func renderMe(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let service = request.applications
        let today = request.policy.today()
        let mine = try await service.mine(principal)
        let messages = try await service.messages(principal)
        let plans = try await request.listings.plans(limit: 200).filter { $0.isOpen(on: today) }
        let employers = try await request.listings.organisations(kind: .employer)
        let userID = UUID(uuidString: principal.userID)!
        let issued = try await request.listings.issuedTitles(of: userID).map(IssuedTitleView.init)
        // The options the record gives in the person's own region (another only when asked for),
        // above what they already hold, so the applicant sees what to apply for.
        var lines: [OptionLine] = []
        let person = try await request.db.personRecords.person(of: userID)
        let standing = PersonStanding(person)
        let asked = request.query[String.self, at: "j"].flatMap { request.policy.base.jurisdiction($0) != nil ? $0 : nil }
        let own = try await service.ownJurisdiction(of: userID)
        let place = asked ?? own
        if let place, let result = try? service.evaluate(person, jurisdiction: place, on: today) {
            for option in result.titleOptions where standing.alreadyHeld(series: option.series, level: option.level) == nil {
                lines.append(OptionLine(label: "\(option.series ?? "系列待定") \(option.level.name)（\(option.route.label)）", status: option.status.rawValue,
                                        statusLabel: option.status.label(for: option.route), committee: option.committee?.name ?? "按评审计划",
                                        jurisdiction: result.jurisdiction.name))
            }
        }
        let places = request.policy.base.jurisdictions.map { Option(value: $0.code, label: $0.name) }
        return try await Self.render(request, "me", status: status) { csrf in
            MePage(title: "我的申报", csrf: csrf, name: principal.displayName, error: error, applications: mine, plans: plans.map { $0.view(today: today) },
                   planOptions: plans.map { Option(value: $0.id.uuidString, label: "\($0.title)（\($0.committee)，\($0.levelList.map(\.name).joined(separator: "、"))）") },
                   employers: employers.map { Option(value: $0.ref.id, label: "\($0.ref.name)（\(request.policy.base.jurisdiction($0.ref.jurisdiction)?.name ?? $0.ref.jurisdiction)）") },
                   levels: TitleLevel.allCases.map(\.name),
                   routes: [Contract.Route.regular, .directApply, .directRecognition].map { Option(value: $0.rawValue, label: $0.label) },
                   isOfficer: principal.isOfficer, roles: principal.memberships.map { "\($0.role.label)（\($0.organisation.name)）" }, issued: issued,
                   titleOptions: lines, messages: messages, place: place ?? "", placeName: place.flatMap { request.policy.base.jurisdiction($0)?.name } ?? "",
                   ownPlace: own ?? "", places: places)
        }
    }

    struct StartForm: PostedForm {
        var csrf: String?
        var plan: String?
        var route: String?
        var level: String?
        var series: String?
        var employer: String?
    }

    func startApplication(_ request: Request) async throws -> Response {
        return try await signedInPost(request, StartForm.self) { principal, form in
            let series = form.series?.trimmingWhitespace
            let model = try await request.applications.start(TitleApplicationService.StartInput(
                plan: form.plan ?? "", route: form.route ?? "", level: form.level ?? "", series: series?.isEmpty == false ? series : nil,
                employer: form.employer, submit: true), principal: principal)
            return Self.redirect("/cases/\(model.id.uuidString)")
        } refused: { _, message, status in
            return try await renderMe(request, error: message, status: .unprocessableEntity)
        }
    }

    // MARK: The record

    func recordPage(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        let person = try await request.db.personRecords.person(of: UUID(uuidString: principal.userID)!)
        let form = CheckForm(person: person, jurisdiction: request.query["j"])
        return try await renderRecord(request, form: form, errors: [:], status: .ok)
    }

    func renderRecord(_ request: Request, form: CheckForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let controller = PageController()
        return try await Self.render(request, "checker", status: status) { csrf in
            var page = controller.formPage(request, form: form, errors: errors)
            page = PageController.FormPage(title: "个人档案", fields: page.fields, hasErrors: page.hasErrors, today: page.today, errorList: page.errorList,
                                           errorCount: page.errorCount, jurisdictionName: page.jurisdictionName, ceNotes: page.ceNotes,
                                           formAction: "/me/record", formMethod: "post", csrf: csrf, submitLabel: "保存个人档案",
                                           lead: "证书、职称、荣誉、年度考核和继续教育填写一次，自测和每一次申报都用它。经本系统评审发证的职称由系统记入，不在此填写。")
            return page
        }
    }

    func saveRecord(_ request: Request) async throws -> Response {
        guard let principal = try await Self.principal(request) else { return Self.signInRedirect(request) }
        struct Token: Content { var csrf: String? }
        try FormGuard.checkToken(request, field: try request.form(Token.self).csrf)
        let form = try request.form(CheckForm.self)
        let built = form.request(today: request.policy.today())
        var errors = Dictionary(built.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        if errors.isEmpty, case .object(let root) = built.json, let person = root["person"] {
            do {
                try await RecordStore(db: request.caseDatabase, policy: request.policy).save(person, for: principal, jurisdiction: form.j)
                return Self.redirect("/me")
            } catch let problem as Problem {
                for error in problem.errors { errors[built.fields[error.field] ?? "skill1Occupation"] = error.message }
            }
        }
        return try await renderRecord(request, form: form, errors: errors, status: .unprocessableEntity)
    }
}
