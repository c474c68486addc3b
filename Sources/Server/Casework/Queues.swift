import Access
import Contract
import Domain
import Fluent
import Foundation
import Vapor
import Workflow

/// One line of a queue or list.
struct QueueItem: Content {
    let id: String
    let plan: String
    let applicantName: String
    let employerName: String
    let series: String?
    let level: String
    let route: String
    let routeLabel: String
    let stage: String
    let stageLabel: String
    let roleDue: String?
    let submittedOn: String
    let dueBy: String
    let overdue: Bool
    let version: Int

    init(_ model: ApplicationModel, today: CalendarDate) {
        id = model.id?.uuidString ?? ""
        plan = model.planID.uuidString
        applicantName = model.applicantName
        employerName = model.employerName
        series = model.series
        level = model.level
        route = model.route
        routeLabel = Contract.Route(rawValue: model.route)?.label ?? model.route
        stage = model.stage
        stageLabel = TitleApplication.Stage.labels[model.stage] ?? model.stage
        roleDue = model.roleDue
        submittedOn = model.submittedOn
        dueBy = model.dueBy
        overdue = ApplicationService.isOverdue(model, today: today)
        version = model.version
    }
}

struct QueuePage: Content {
    let items: [QueueItem]
    let page: Int
    let pageSize: Int
    let total: Int
}

struct QueueFilter: Content {
    var plan: String?
    var series: String?
    var level: String?
    var stage: String?
    var overdue: Bool?
    /// due (waiting for me, the default) or all (every application my organisations take part in).
    var scope: String?
    var page: Int?
}

extension ApplicationService {
    static let pageSize = 50

    /// The applications waiting for the principal's organisations (or all they take part in), filtered and paged.
    func queue(_ filter: QueueFilter, principal: Principal) async throws -> QueuePage {
        let today = policy.today()
        let organisations = principal.memberships.compactMap { UUID(uuidString: $0.organisation.id) }
        let page = max(1, min(filter.page ?? 1, 100_000))
        guard !organisations.isEmpty else { return QueuePage(items: [], page: page, pageSize: Self.pageSize, total: 0) }
        let query = ApplicationModel.query(on: database)
        if filter.scope == "all" {
            let ids = try await ApplicationHandlerModel.query(on: database).filter(\.$organisationID ~~ organisations).field(\.$applicationID).all().map(\.applicationID)
            query.filter(\.$id ~~ ids)
        } else {
            query.filter(\.$orgDue ~~ organisations)
        }
        if let plan = filter.plan.flatMap(UUID.init(uuidString:)) { query.filter(\.$planID == plan) }
        if let series = filter.series, !series.isEmpty { query.filter(\.$series == series) }
        if let level = filter.level, !level.isEmpty { query.filter(\.$level == level) }
        if let stage = filter.stage, !stage.isEmpty { query.filter(\.$stage == stage) }
        if filter.overdue == true {
            query.filter(\.$dueBy < today.description).filter(\.$dueBy != "").group(.or) { $0.filter(\.$stage == "checking").filter(\.$stage == "awaiting_review") }
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$submittedOn).sort(\.$id).range(((page - 1) * Self.pageSize)..<(page * Self.pageSize))
            .fields(for: QueueColumns.self).all()
        return QueuePage(items: rows.map { QueueItem($0, today: today) }, page: page, pageSize: Self.pageSize, total: total)
    }

    /// The applicant's own applications, newest first.
    func mine(_ principal: Principal) async throws -> [QueueItem] {
        guard let id = UUID(uuidString: principal.userID) else { return [] }
        let today = policy.today()
        return try await ApplicationModel.query(on: database).filter(\.$applicantID == id).sort(\.$updatedOn, .descending).all().map { QueueItem($0, today: today) }
    }
}

/// The columns a queue line needs (the state and evaluations stay in the database).
enum QueueColumns {}
extension QueryBuilder where Model == ApplicationModel {
    @discardableResult
    func fields(for _: QueueColumns.Type) -> Self {
        field(\.$id).field(\.$planID).field(\.$applicantName).field(\.$employerName).field(\.$series).field(\.$level).field(\.$route)
            .field(\.$stage).field(\.$roleDue).field(\.$submittedOn).field(\.$dueBy).field(\.$version)
    }
}

// MARK: Attachments

extension ApplicationService {
    static let attachmentLimit = 5 * 1024 * 1024

    /// The type a file's first bytes show: PDF, JPEG or PNG, whatever its name says.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    func attach(_ bytes: [UInt8], label: String, filename: String, to id: String, principal: Principal) async throws -> AttachmentModel {
        let model = try await visible(id, to: principal)
        guard model.applicantID.uuidString == principal.userID else {
            throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以上传材料。")
        }
        guard ["draft", "returned", "checking"].contains(model.stage) else {
            throw Problem(title: "不能上传", status: 422, detail: "申请已进入「\(TitleApplication.Stage.labels[model.stage] ?? model.stage)」，不能再上传材料。")
        }
        guard !bytes.isEmpty, bytes.count <= Self.attachmentLimit else { throw Problem(title: "文件过大", status: 413, detail: "每个文件不超过 5 MB。") }
        guard let type = Self.sniff(bytes) else {
            throw Problem(title: "文件类型不符", status: 415, detail: "只收 PDF、JPEG 或 PNG 文件（按文件内容判断，不看文件名）。")
        }
        let cleanLabel = label.trimmingWhitespace, cleanName = filename.trimmingWhitespace
        guard !cleanLabel.isEmpty, cleanLabel.count <= 64, cleanName.count <= 128 else {
            throw Problem.invalid(field: "label", "请写明材料名称（不超过 64 字），文件名不超过 128 字")
        }
        let attachment = AttachmentModel()
        attachment.applicationID = try model.requireID()
        attachment.label = cleanLabel
        attachment.filename = cleanName.isEmpty ? "附件" : cleanName
        attachment.contentType = type
        attachment.size = bytes.count
        attachment.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        attachment.data = Data(bytes)
        attachment.uploadedBy = model.applicantID
        try await db.write { database in try await attachment.save(on: database) }
        return attachment
    }

    func attachment(_ attachmentID: String, of id: String, principal: Principal) async throws -> AttachmentModel {
        let model = try await visible(id, to: principal)
        guard CasePolicy.mayReadAttachments(principal, Self.scope(model)), let uuid = UUID(uuidString: attachmentID),
              let attachment = try await AttachmentModel.find(uuid, on: database), attachment.applicationID == model.id else {
            throw Problem.notFound("没有这个附件。")
        }
        return attachment
    }
}

extension AttachmentModel {
    /// The file as a download: its sniffed type, never cached, the name only as an RFC 5987 parameter.
    var download: Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: contentType)
        headers.add(name: .contentDisposition, value: "attachment; filename=\"attachment\"; filename*=UTF-8''" + (filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"))
        headers.add(name: "X-Content-SHA256", value: sha256)
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
