import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// The casework over JSON under /api/v1: accounts and sessions, the person's record, review
/// plans, applications and their steps, publicity and objections, review sessions. Every
/// handler asks `CasePolicy` (through the services) before it reads or changes anything.
struct TitleApplicationController: RouteCollection {
    let sessions: SessionRoutes

    func boot(routes: any RoutesBuilder) throws {
        let api = sessions.signedIn(routes.grouped("api", "v1"))
        let signingIn = sessions.signingIn(routes.grouped("api", "v1"))
        signingIn.on(.POST, "accounts", body: .collect(maxSize: "16kb"), use: register)
        signingIn.on(.POST, "session", body: .collect(maxSize: "16kb"), use: signIn)
        api.delete("session", use: signOut)
        api.get("me", use: me)
        api.on(.POST, "me", "password", body: .collect(maxSize: "16kb"), use: changePassword)
        api.get("me", "record", use: record)
        api.on(.PUT, "me", "record", body: .collect(maxSize: "256kb"), use: saveRecord)
        api.get("me", "evaluation", use: evaluateRecord)
        api.get("me", "messages", use: messages)
        api.get("organisations", use: organisations)
        api.get("plans", use: plans)
        api.on(.POST, "plans", body: .collect(maxSize: "64kb"), use: createPlan)
        api.get("plans", ":plan", use: plan)
        api.on(.POST, "plans", ":plan", "sessions", body: .collect(maxSize: "64kb"), use: createSession)
        api.on(.POST, "review-sessions", ":session", "decisions", body: .collect(maxSize: "16kb"), use: decide)
        api.get("queue", use: queue)
        api.get("applications", use: applications)
        api.on(.POST, "applications", body: .collect(maxSize: "16kb"), use: start)
        CaseRoutes(cases: "applications", service: \.applications).register(on: api)
        api.get("publicity", ":plan", use: publicity)
        api.on(.POST, "publicity", ":plan", "objections", body: .collect(maxSize: "16kb"), use: object)
    }

    // MARK: Accounts

    struct RegisterInput: Content {
        var username: String
        var displayName: String
        var password: String
    }

    struct SignInInput: Content {
        var username: String
        var password: String
    }

    struct MeView: Content {
        struct Held: Content {
            let role: String
            let roleLabel: String
            let organisation: String
            let organisationName: String
            let kind: String
            let jurisdiction: String
        }
        let id: String
        let username: String
        let displayName: String
        let memberships: [Held]
    }

    func register(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let input = try APIGuard.decode(RegisterInput.self, request)
        try request.application.registrationBudget.take(request)
        let user = try await request.accounts.createUser(username: input.username, displayName: input.displayName, password: input.password)
        try SignedInSession.begin(request, user: user)
        return try await Response.privateJSON(meView(request, user: user), status: .created)
    }

    func signIn(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let input = try APIGuard.decode(SignInInput.self, request)
        guard let user = try await request.application.signInThrottle.authenticate(request, username: input.username, password: input.password) else {
            throw Problem(title: "用户名或密码不正确", status: 401, detail: "请检查后重试；多次失败后须稍候再试。")
        }
        try SignedInSession.begin(request, user: user)
        return try await Response.privateJSON(meView(request, user: user))
    }

    func signOut(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        if request.cookies[SignedInSession.cookieName] != nil { request.session.destroy() }
        return Response(status: .noContent)
    }

    func meView(_ request: Request, user: Account) async throws -> MeView {
        let principal = try await request.accounts.principal(for: user)
        return MeView(id: principal.userID, username: user.username, displayName: user.displayName, memberships: principal.memberships.map {
            MeView.Held(role: $0.role.rawValue, roleLabel: $0.role.label, organisation: $0.organisation.id, organisationName: $0.organisation.name,
                        kind: $0.organisation.kind.rawValue, jurisdiction: $0.organisation.jurisdiction)
        })
    }

    func me(_ request: Request) async throws -> Response {
        guard let user = try await request.signedInUser() else { throw Problem(title: "请先登录", status: 401, detail: "这项操作需要登录。") }
        return try await Response.privateJSON(meView(request, user: user))
    }

    struct PasswordInput: Content {
        var current: String
        var new: String
    }

    func changePassword(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        guard let user = try await request.signedInUser() else { throw Problem(title: "请先登录", status: 401, detail: "这项操作需要登录。") }
        let input = try APIGuard.decode(PasswordInput.self, request)
        guard try await request.application.signInThrottle.authenticate(request, username: user.username, password: input.current) != nil else {
            throw Problem.invalid(field: "current", "当前密码不正确")
        }
        let changed = try await request.accounts.setPassword(user, to: input.new)
        // This session goes on with the new epoch; every other one ends.
        try SignedInSession.begin(request, user: changed)
        return Response(status: .noContent)
    }

    // MARK: The person's record

    func record(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let person = try await request.db.personRecords.person(of: UUID(uuidString: principal.userID)!)
        let issued = try await request.listings.issuedTitles(of: UUID(uuidString: principal.userID)!)
        return try Response.privateJSON(RecordView(person: person, issuedTitles: issued.map(IssuedTitleView.init)))
    }

    func saveRecord(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        guard let body = request.body.data, let json = JSONValue.parse(Array(buffer: body)) else {
            throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为评估契约中的 person 对象。")
        }
        try await RecordStore(db: request.caseDatabase, policy: request.policy).save(json, for: principal)
        return try await record(request)
    }

    func messages(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try await Response.privateJSON(request.applications.messages(principal))
    }

    func evaluateRecord(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let jurisdiction = try request.query.get(String?.self, at: "jurisdiction") ?? request.policy.defaultJurisdiction
        guard let code = RequestDecoder.jurisdictionCode(jurisdiction, in: request.policy.base.jurisdictions) else {
            throw Problem.invalid(field: "jurisdiction", "没有地区「\(jurisdiction)」")
        }
        let service = request.applications
        let person = try await request.db.personRecords.person(of: UUID(uuidString: principal.userID)!)
        let result = try service.evaluate(person, jurisdiction: code, on: request.policy.today())
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: result.json())))
    }

    // MARK: Organisations and plans

    struct OrganisationView: Content {
        let id: String
        let kind: String
        let name: String
        let jurisdiction: String
        let level: String?
        let committee: String?
    }

    /// Employers (to name one's own) and committees are public; offices too, by name only.
    func organisations(_ request: Request) async throws -> Response {
        let kind = try request.query.get(String?.self, at: "kind")
        let jurisdiction = try request.query.get(String?.self, at: "jurisdiction")
        var chosen: OrganisationKind?
        if let kind {
            guard let known = OrganisationKind(rawValue: kind) else { throw Problem.invalid(field: "kind", "机构类别应为 employer、competent_department、hr_bureau、title_reform_office 或 committee") }
            chosen = known
        }
        let rows = try await request.listings.organisations(kind: chosen, in: jurisdiction.flatMap { $0.isEmpty ? nil : [$0] })
        return try Response.privateJSON(rows.map { OrganisationView(id: $0.ref.id, kind: $0.ref.kind.rawValue, name: $0.ref.name, jurisdiction: $0.ref.jurisdiction,
                                                                    level: $0.ref.level?.rawValue, committee: $0.ref.committee) })
    }

    func plans(_ request: Request) async throws -> Response {
        let today = request.policy.today()
        let rows = try await request.listings.plans(limit: 500)
        return try Response.privateJSON(rows.map { $0.view(today: today) })
    }

    func plan(_ request: Request) async throws -> Response {
        let plan = try await PlanService(db: request.caseDatabase, policy: request.policy).find(request.parameters.get("plan") ?? "")
        return try Response.privateJSON(plan.view(today: request.policy.today()))
    }

    struct PlanCreation: Content {
        var committee: String
        var plan: PlanInput
    }

    func createPlan(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(PlanCreation.self, request)
        let committee = try await request.listings.organisation(input.committee)
        guard committee.ref.kind == .committee, CasePolicy.mayManage(committee: input.committee, principal) else {
            throw Problem(title: "无权办理", status: 403, detail: "只有该评审委员会的办公室可以发布评审计划。")
        }
        let plan = try await PlanService(db: request.caseDatabase, policy: request.policy).create(input.plan, committee: committee)
        return try Response.privateJSON(plan.view(today: request.policy.today()), status: .created)
    }

    func createSession(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let plan = try await PlanService(db: request.caseDatabase, policy: request.policy).find(request.parameters.get("plan") ?? "")
        guard CasePolicy.mayManage(committee: plan.committeeOrgID.uuidString, principal) else {
            throw Problem(title: "无权办理", status: 403, detail: "只有本评审委员会办公室可以组织评审会议。")
        }
        let input = try APIGuard.decode(TitleApplicationService.SessionInput.self, request)
        let session = try await request.applications.createSession(input, plan: plan)
        return try Response.privateJSON(SessionView(id: session.id.uuidString, plan: plan.id.uuidString, group: session.group, heldOn: session.heldOn,
                                             members: session.members, present: input.present, votingRule: plan.rule.text), status: .created)
    }

    struct SessionView: Content {
        let id: String
        let plan: String
        let group: String
        let heldOn: String
        let members: Int
        let present: [String]
        let votingRule: String
    }

    struct DecisionView: Content {
        let application: TitleApplicationView
        let outcome: VotingRule.Outcome
    }

    func decide(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(TitleApplicationService.DecisionInput.self, request)
        let service = request.applications
        let (model, outcome) = try await service.decide(input, session: request.parameters.get("session") ?? "", principal: principal)
        return try await Response.privateJSON(DecisionView(application: service.view(model, for: principal), outcome: outcome))
    }

    // MARK: Applications

    func queue(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let filter = try request.query.decode(QueueFilter.self)
        return try await Response.privateJSON(request.applications.queue(filter, principal: principal))
    }

    func applications(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try await Response.privateJSON(request.applications.mine(principal))
    }

    func start(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(TitleApplicationService.StartInput.self, request)
        let service = request.applications
        let started = try await service.begin(input, principal: principal)
        return try await Response.privateJSON(service.view(started.model, for: principal, loaded: started.loaded), status: .created)
    }

    // MARK: Publicity (public)

    func publicity(_ request: Request) async throws -> Response {
        let plan = try await PlanService(db: request.caseDatabase, policy: request.policy).find(request.parameters.get("plan") ?? "")
        return try await Response.privateJSON(request.listings.publicity(plan, today: request.policy.today()))
    }

    func object(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        try request.application.objectionBudget.take(request)
        let input = try APIGuard.decode(TitleApplicationService.ObjectionInput.self, request)
        let receipt = try await request.applications.lodgeObjection(input, planID: request.parameters.get("plan") ?? "",
                                                                    cap: request.application.security.objectionsPerApplication)
        let message = receipt == .merged ? "已有相同内容的异议在核实中，您的异议已并入，不另行登记。" : "异议已收到，将由公示单位核实处理。"
        return try Response.privateJSON(["status": receipt == .merged ? "merged" : "received", "message": message], status: .accepted)
    }
}

struct RecordView: Content {
    let person: JSONValue
    let issuedTitles: [IssuedTitleView]
}

extension JSONValue: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }
}

struct IssuedTitleView: Content {
    let series: String?
    let level: String
    let issuedOn: String
    let decision: String
    let committee: String
    let source: String

    init(_ title: IssuedTitle) {
        series = title.series
        level = title.level
        issuedOn = title.issuedOn.description
        decision = title.decision
        committee = title.committee
        source = "经本系统评审发证：\(title.committee)，\(title.decision)"
    }
}

extension Request {
    var accounts: AccountService { AccountService(db: caseDatabase, hasher: passwordHasher, base: policy) }
    var applications: TitleApplicationService { TitleApplicationService(db: caseDatabase, policy: policy) }
}

/// An attachment posted to the API: the file as the body, its material name and file name in the query.
struct APIUpload {
    let label: String
    let filename: String
    let bytes: [UInt8]

    init(_ request: Request) throws {
        label = try request.query.get(String?.self, at: "label") ?? ""
        filename = try request.query.get(String?.self, at: "filename") ?? ""
        bytes = request.body.data.map { Array(buffer: $0) } ?? []
    }
}

extension Response {
    /// JSON with personal data: never stored by a cache.
    static func privateJSON(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = try json(value, status: status)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
