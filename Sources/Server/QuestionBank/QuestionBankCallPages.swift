import Domain
import Foundation
import PolicyData
import Vapor

/// The public page of each call for question-bank projects (and its JSON): the conditions,
/// the deadline as the document words it and as it is read, the contacts and the whole
/// catalogue; it says when the call is closed.
struct QuestionBankCallPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("question-bank", use: index)
        routes.get("question-bank", ":call", use: page)
        routes.grouped("api", "v1").get("question-bank-calls", use: list)
        routes.grouped("api", "v1").get("question-bank-calls", ":call", use: json)
    }

    /// A call as the public sees it.
    struct CallView: Content {
        struct Entry: Content {
            let row: String
            let occupation: String
            let workTypes: [String]
            let count: Int
            let levels: String
            let standardVersions: [String]
            let remarks: [String]
        }

        let id: String
        let title: String
        let issuer: String
        let issuedOn: String
        let number: String
        let provincialCentre: String
        let projectConditions: [QuestionBankCall.ProjectCondition]
        let unitConditions: [QuestionBankCall.UnitCondition]
        let routing: QuestionBankCall.Cited
        let deadline: QuestionBankCall.Deadline
        let selection: QuestionBankCall.Selection
        let contacts: QuestionBankCall.Contacts
        let closed: Bool
        let status: String
        /// The closing time in force: the end of the last day, or the time the provincial centre set, with its source.
        let closesAt: String
        let closingSource: String
        let catalogue: [Entry]
        let occupationTypes: Int
        /// For a call published in the system: the title of the call whose conditions and forms it keeps.
        let follows: String?

        init(_ call: QuestionBankCall, calls: QuestionBankCalls, closing: QuestionBankCalls.Closing, now: Date) {
            let document = calls.base.document(call.document)
            id = call.id
            title = calls.title(of: call)
            issuer = call.publication?.issuer ?? document?.issuer ?? ""
            issuedOn = call.publication?.issuedOn ?? document?.issuedOn?.description ?? ""
            number = call.publication.map { $0.number.isEmpty ? "（未载文号）" : $0.number } ?? document?.number ?? "（文件未载文号）"
            follows = call.publication.map { follows in calls.base.document(calls.base.parameters.questionBankCalls.first { $0.id == follows.follows }?.document ?? "")?.title ?? follows.follows }
            provincialCentre = call.provincialCentre
            projectConditions = call.projectConditions
            unitConditions = call.unitConditions
            routing = call.routing
            deadline = call.deadline
            selection = call.selection
            contacts = call.contacts
            closed = now >= closing.at
            closesAt = closing.text
            closingSource = closing.source
            status = closed ? "已截止：报送截止时间为 \(closing.text)，现已不再受理" : "受理中：市评价中心报送至 \(closing.text)"
            catalogue = calls.catalogue(call).map {
                Entry(row: $0.source.row, occupation: $0.printedOccupation, workTypes: $0.workTypes, count: $0.count, levels: $0.levels ?? "",
                      standardVersions: $0.standardVersions, remarks: $0.remarks)
            }
            occupationTypes = catalogue.reduce(0) { $0 + $1.count }
        }
    }

    struct IndexPage: Encodable {
        let title: String
        let calls: [CallView]
    }

    struct CallPage: Encodable {
        let title: String
        let call: CallView
    }

    private func views(_ request: Request) async throws -> [CallView] {
        var views: [CallView] = []
        for call in try await QuestionBankCalls(base: request.policy.base, database: request.db).all() { views.append(try await view(call, request)) }
        return views
    }

    private func view(_ call: QuestionBankCall, _ request: Request) async throws -> CallView {
        let calls = QuestionBankCalls(base: request.policy.base, database: request.db)
        return CallView(call, calls: calls, closing: try await calls.closing(call), now: request.policy.clock.now())
    }

    private func find(_ request: Request) async throws -> CallView {
        try await view(QuestionBankCalls(base: request.policy.base, database: request.db).call(request.parameters.get("call") ?? ""), request)
    }

    func index(_ request: Request) async throws -> View {
        try await request.view.render("question-bank-index", IndexPage(title: "省级题库项目征集", calls: try await views(request)))
    }

    func page(_ request: Request) async throws -> View {
        let call = try await find(request)
        return try await request.view.render("question-bank-call", CallPage(title: call.title, call: call))
    }

    func list(_ request: Request) async throws -> Response {
        try Response.json(try await views(request))
    }

    func json(_ request: Request) async throws -> Response {
        try Response.json(try await find(request))
    }
}
