import Access
import Foundation
import Vapor
import Workflow

/// Skill evaluations over JSON under /api/v1: applications to providers, the providers' steps,
/// batches, results and certificates, and the HR bureau's report list. Every handler asks
/// `CasePolicy` (through the service) before it reads or changes anything.
struct SkillController: RouteCollection {
    let sessions: SessionRoutes

    func boot(routes: any RoutesBuilder) throws {
        let api = sessions.signedIn(routes.grouped("api", "v1"))
        routes.grouped("api", "v1").get("evaluation-organisations", use: providers)
        api.get("skill-applications", use: applications)
        api.on(.POST, "skill-applications", body: .collect(maxSize: "16kb"), use: start)
        CaseRoutes(cases: "skill-applications", service: \.skillApplications).register(on: api)
        api.get("evaluation-organisations", ":org", "applications", use: queue)
        api.get("evaluation-organisations", ":org", "batches", use: batches)
        api.on(.POST, "evaluation-organisations", ":org", "batches", body: .collect(maxSize: "16kb"), use: createBatch)
        api.get("bureaus", ":org", "certificate-reports", use: reports)
        api.on(.POST, "bureaus", ":org", "certificate-reports", body: .collect(maxSize: "64kb"), use: markReported)
    }

    /// The providers set up in a place, with what each covers: public, like the documents' tables.
    func providers(_ request: Request) async throws -> Response {
        let jurisdiction = try request.query.get(String?.self, at: "jurisdiction") ?? ""
        guard request.policy.base.jurisdiction(jurisdiction) != nil else {
            throw Problem.invalid(field: "jurisdiction", "请指明地区：" + request.policy.base.jurisdictions.map(\.code).joined(separator: "、"))
        }
        let chain = request.policy.base.jurisdictionChain(jurisdiction).map(\.code)
        let found = try await request.skillApplications.directory.providers(in: chain)
        return try Response.json(found.map(ProviderView.init))
    }

    func applications(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try Response.privateJSON(try await request.skillApplications.mine(principal).map { SkillQueueItem($0, words: request.policy.words(SkillEvaluation.self)) })
    }

    func start(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(SkillApplicationService.StartInput.self, request)
        let service = request.skillApplications
        let model = try await service.start(input, principal: principal)
        return try await Response.privateJSON(service.view(model, for: principal), status: .created)
    }

    /// The provider's queue as a JSON array, as before it had pages: without `page` and `size`
    /// its first 500 lines. The page's place rides in headers (`X-Total-Count`, with
    /// `X-Total-Is-At-Least` when counting stopped, and `Link` to the pages around it).
    func queue(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let stage = try request.query.get(String?.self, at: "stage")
        let asked = try PageRequest(page: request.query.get(Int?.self, at: "page"), size: request.query.get(Int?.self, at: "size"),
                                    defaultSize: SkillApplicationService.maxPageSize, maxSize: SkillApplicationService.maxPageSize, narrowing: "状态")
        let org = request.parameters.get("org") ?? ""
        let words = request.policy.words(SkillEvaluation.self)
        let page = try await request.skillApplications.queue(provider: org, stage: stage, page: asked, principal: principal)
        let response = try Response.privateJSON(page.items.map { SkillQueueItem($0, words: words) })
        response.headers.replaceOrAdd(name: "X-Total-Count", value: String(page.total))
        if page.totalIsAtLeast { response.headers.replaceOrAdd(name: "X-Total-Is-At-Least", value: "true") }
        func address(_ number: Int) -> String {
            var components = URLComponents()
            components.path = "/api/v1/evaluation-organisations/\(org)/applications"
            components.queryItems = [URLQueryItem(name: "page", value: String(number)), URLQueryItem(name: "size", value: String(page.pageSize))]
                + (stage.map { [URLQueryItem(name: "stage", value: $0)] } ?? [])
            return components.string ?? ""
        }
        let (previous, next) = page.neighbours(address)
        let links = [(previous, "prev"), (next, "next")].filter { !$0.0.isEmpty }.map { "<\($0.0)>; rel=\"\($0.1)\"" }
        if !links.isEmpty { response.headers.replaceOrAdd(name: "Link", value: links.joined(separator: ", ")) }
        return response
    }

    func batches(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        return try Response.privateJSON(try await request.skillApplications.batches(provider: request.parameters.get("org") ?? "", principal: principal).map(BatchView.init))
    }

    func createBatch(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(SkillApplicationService.BatchInput.self, request)
        let batch = try await request.skillApplications.createBatch(input, provider: request.parameters.get("org") ?? "", principal: principal)
        return try Response.privateJSON(BatchView(batch), status: .created)
    }

    /// The bureau's certificates to report, as JSON, or `?format=xlsx|csv` for the download;
    /// `?pending=true` for those not yet reported.
    func reports(_ request: Request) async throws -> Response {
        let principal = try await request.requirePrincipal()
        let pending = try request.query.get(Bool?.self, at: "pending") ?? false
        let lines = try await request.skillApplications.reports(bureau: request.parameters.get("org") ?? "", principal: principal, pending: pending)
            .map(CertificateReportLine.init)
        let rows = [CertificateReportLine.heading] + lines.map(\.cells)
        switch try request.query.get(String?.self, at: "format") ?? "json" {
        case "xlsx": return try TableExport.xlsx(rows, filename: "certificates", chineseName: "证书上报清单", scratchName: request.policy.tokens.hex(byteCount: 8))
        case "csv": return TableExport.csv(rows, filename: "certificates", chineseName: "证书上报清单")
        case "json": return try Response.privateJSON(lines)
        default: throw Problem.invalid(field: "format", "格式应为 json、xlsx 或 csv")
        }
    }

    struct ReportInput: Content {
        var certificates: [String]
    }

    func markReported(_ request: Request) async throws -> Response {
        try APIGuard.check(request)
        let principal = try await request.requirePrincipal()
        let input = try APIGuard.decode(ReportInput.self, request)
        return try Response.privateJSON(try await request.skillApplications.markReported(input.certificates, bureau: request.parameters.get("org") ?? "", principal: principal))
    }
}

/// A provider as the public list shows it: its name, place and what it covers, with sources.
struct ProviderView: Content {
    let id: String
    let name: String
    let kind: String
    let jurisdiction: String
    let coverage: [String]

    init(_ provider: SkillProvider) {
        id = provider.organisation.id
        name = provider.organisation.name
        kind = provider.organisation.kind.rawValue
        jurisdiction = provider.organisation.jurisdiction
        coverage = provider.coverage.map { "\($0.summary)（\($0.source)）" }
    }
}

extension Request {
    var skillApplications: SkillApplicationService { SkillApplicationService(db: caseDatabase, policy: policy) }
}
