import Access
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// What the services of every case type share, written once: finding a case the principal may
/// see (a 404 that says nothing of it otherwise), an officer's read recorded, the trail, who has
/// read it, and an attachment.
protocol CaseService: Sendable {
    associatedtype Case: StoredCase
    /// The case as the API answers it, with the actions the principal may take now.
    associatedtype View: Content
    /// What an action on the case carries (its action, the version seen, its fields).
    associatedtype ActionInput: Content
    var db: CaseDatabase { get }
    var policy: PolicyServices { get }

    func view(_ model: Case, for principal: Principal) async throws -> View
    /// The case after the principal's action, or the refusal.
    func act(_ id: String, _ input: ActionInput, principal: Principal) async throws -> Case
    /// A material the applicant adds.
    func attach(_ bytes: [UInt8], label: String, filename: String, to id: String, principal: Principal) async throws -> CaseFile
}

extension CaseService {
    var readLog: ReadLog { ReadLog(db: db, policy: policy) }

    func load(_ id: String, on database: any Database) async throws -> Case {
        guard let uuid = UUID(uuidString: id), let model = try await Case.load(uuid, on: database) else {
            throw Problem.notFound("没有编号为「\(id)」的\(Case.noun)。")
        }
        return model
    }

    /// The case if the principal may see it.
    func visible(_ id: String, to principal: Principal) async throws -> Case {
        let model = try await load(id, on: db.database)
        guard CasePolicy.mayView(principal, model.scope) else { throw Problem.notFound("没有编号为「\(id)」的\(Case.noun)。") }
        return model
    }

    /// The case for a page or the API to show, an officer's read recorded.
    func read(_ id: String, by principal: Principal) async throws -> Case {
        let model = try await visible(id, to: principal)
        try await readLog.record(Case.Kind.caseType, case: model.caseID, by: principal, seat: CasePolicy.readerSeat(principal, model.scope),
                                 what: .wholeCase)
        return model
    }

    /// Who among the offices has read the case and its attachments, newest first.
    func reads(of model: Case) async throws -> [ReadView] {
        try await readLog.reads(of: model.caseID)
    }

    /// The case's trail, oldest first.
    func trail(_ model: Case) async throws -> [AuditView] {
        try await db.database.caseTrail.entries(of: model.caseID).map { AuditView($0, words: policy.words(Case.Process.self)) }
    }

    /// The case's files without their bytes, oldest first.
    func files(of model: Case) async throws -> [CaseFile] {
        try await db.database.caseTrail.files(of: model.caseID)
    }

    /// How many times the case was resubmitted (its earlier answers kept).
    func revisionCount(of model: Case) async throws -> Int {
        try await db.database.caseTrail.revisionCount(of: model.caseID)
    }

    /// One of the case's attachments; an officer's download is recorded.
    func attachment(_ attachmentID: String, of id: String, principal: Principal) async throws -> CaseFile {
        let model = try await visible(id, to: principal)
        return try await CaseFiles<Case>(db: db, policy: policy).attachment(attachmentID, of: model.caseID, principal: principal,
                                                                           seat: CasePolicy.readerSeat(principal, model.scope))
    }
}

/// The API's routes every case type has, one implementation: the case, an action on it, an
/// upload, its trail, who has read it, and an attachment's download.
struct CaseRoutes<Service: CaseService>: Sendable {
    /// `cases`: the collection's path under /api/v1 (applications, skill-applications, …).
    let cases: PathComponent
    let service: @Sendable (Request) -> Service

    func register(on api: any RoutesBuilder) {
        api.get(cases, ":id", use: show)
        api.on(.POST, cases, ":id", "actions", body: .collect(maxSize: "64kb"), use: act)
        api.on(.POST, cases, ":id", "attachments", body: .collect(maxSize: "6mb"), use: attach)
        api.get(cases, ":id", "audit", use: audit)
        api.get(cases, ":id", "reads", use: reads)
        api.get(cases, ":id", "attachments", ":attachment", use: download)
    }

    /// The case, an officer's read recorded.
    func show(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let service = service(request)
        return try await Response.privateJSON(service.view(service.read(request.parameters.get("id") ?? "", by: principal), for: principal))
    }

    func act(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(Service.ActionInput.self, request)
        let service = service(request)
        return try await Response.privateJSON(service.view(service.act(request.parameters.get("id") ?? "", input, principal: principal), for: principal))
    }

    func attach(_ request: Request) async throws -> Response {
        try APIGuard.checkOrigin(request)
        let principal = try await request.requirePrincipal()
        let upload = try APIUpload(request)
        let attachment = try await service(request).attach(upload.bytes, label: upload.label, filename: upload.filename,
                                                           to: request.parameters.get("id") ?? "", principal: principal)
        return try Response.privateJSON(TitleApplicationView.AttachmentView(attachment), status: .created)
    }

    func audit(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let service = service(request)
        return try await Response.privateJSON(service.trail(service.visible(request.parameters.get("id") ?? "", to: principal)))
    }

    func reads(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let service = service(request)
        return try await Response.privateJSON(service.reads(of: service.visible(request.parameters.get("id") ?? "", to: principal)))
    }

    func download(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try await service(request).attachment(request.parameters.get("attachment") ?? "", of: request.parameters.get("id") ?? "", principal: principal).download
    }
}
