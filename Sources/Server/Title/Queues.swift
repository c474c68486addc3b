import Access
import Contract
import Domain
import Fluent
import Foundation
import SQLKit
import Store
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

    init(_ row: TitleQueueLine, today: CalendarDate, words: CaseWords) {
        id = row.id
        plan = row.planID
        applicantName = row.applicantName
        employerName = row.employerName
        series = row.series
        level = row.level
        route = row.route
        routeLabel = Contract.Route(rawValue: row.route)?.label ?? row.route
        stage = row.stage
        stageLabel = words.stage(row.stage)
        roleDue = row.roleDue
        submittedOn = row.submittedOn
        dueBy = row.dueBy
        overdue = TitleApplicationService.isOverdue(stage: row.stage, dueBy: row.dueBy, today: today)
        version = row.version
    }

    init(_ model: TitleApplicationRecord, today: CalendarDate, words: CaseWords) {
        self.init(TitleQueueLine(model), today: today, words: words)
    }
}

typealias QueuePage = ListPage<QueueItem>

struct QueueFilter: Content {
    var plan: String?
    var series: String?
    var level: String?
    var stage: String?
    var overdue: Bool?
    /// due (waiting for me, the default) or all (every application my organisations take part in).
    var scope: String?
    var page: Int?
    /// Lines a page, 1…100 (20 unless asked).
    var size: Int?
}

extension TitleApplicationService {
    /// Lines on a page unless the caller asks for `size` (up to `maxPageSize`).
    static let pageSize = 20
    static let maxPageSize = 100

    /// The applications waiting for the principal's organisations (or all they take part in), filtered and paged.
    func queue(_ filter: QueueFilter, principal: Principal) async throws -> QueuePage {
        let today = policy.today()
        let seats = CasePolicy.titleSeats(principal).compactMap { seat in UUID(uuidString: seat.organisation).map { (role: seat.role.rawValue, organisation: $0) } }
        let asked = try PageRequest(page: filter.page, size: filter.size, defaultSize: Self.pageSize, maxSize: Self.maxPageSize, narrowing: "计划、系列、层级或状态")
        guard !seats.isEmpty else { return asked.of([], matching: 0) }
        func given(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        let query = TitleQueueQuery(seats: seats, everyTakingPart: filter.scope == "all", plan: filter.plan.flatMap(UUID.init(uuidString:)),
                                    series: given(filter.series), level: given(filter.level), stage: given(filter.stage),
                                    overdueOn: filter.overdue == true ? today.description : nil, stagesWithDueDates: Self.stagesDueByThePlan,
                                    offset: asked.offset, limit: asked.size, countLimit: asked.countLimit)
        let (lines, counted) = try await database.titleCases.queue(query)
        let words = policy.words(TitleApplication.self)
        return asked.of(lines.map { QueueItem($0, today: today, words: words) }, matching: counted)
    }

    /// The applicant's own applications, newest first.
    func mine(_ principal: Principal) async throws -> [QueueItem] {
        guard let id = UUID(uuidString: principal.userID) else { return [] }
        let today = policy.today()
        let words = policy.words(TitleApplication.self)
        return try await database.titleCases.applications(of: id).map { QueueItem($0, today: today, words: words) }
    }
}

// MARK: Attachments

extension TitleApplicationService {
    /// Whether the principal, as the applicant, may add a material now (the case type says when).
    func mayAttach(_ model: TitleApplicationRecord, _ principal: Principal) throws -> Bool {
        guard model.applicantID.uuidString == principal.userID else { return false }
        let state = try StoredJSON.decode(TitleApplication.self, model.state)
        let applicant = Actor(user: principal.userID, role: .applicant, organisation: "")
        return try policy.kernel(for: state).availableEvents(for: applicant, in: state, on: policy.today()).contains { $0.code == TitleApplication.Event.attach(label: "").code }
    }

    func attach(_ bytes: [UInt8], label: String, filename: String, to id: String, principal: Principal) async throws -> CaseFile {
        let model = try await visible(id, to: principal)
        guard model.applicantID.uuidString == principal.userID else {
            throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以上传材料。")
        }
        let actor = Actor(user: principal.userID, role: .applicant, organisation: "")
        // Before the file is read: whether the case type lets the applicant add one now.
        guard try mayAttach(model, principal) else {
            throw Problem(title: "不能上传", status: 422, detail: "申请已进入「\(policy.words(TitleApplication.self).stage(model.stage))」，不能再上传材料。")
        }
        let file = try UploadedFile(bytes, label: label, filename: filename)
        return try await CaseFiles<TitleApplicationRecord>(db: db, policy: policy).attach(file, to: model.id, actor: actor, actorName: principal.displayName,
                                                                                        organisationName: "", uploadedBy: model.applicantID)
    }
}

/// An uploaded file, checked: PDF, JPEG or PNG by its content (whatever its name says), within
/// the size limit, with a material name; kept with its SHA-256.
struct UploadedFile {
    static let limit = 5 * 1024 * 1024

    let label: String
    let filename: String
    let contentType: String
    let sha256: String
    let bytes: [UInt8]

    init(_ bytes: [UInt8], label: String, filename: String) throws {
        guard !bytes.isEmpty else { throw Problem.invalid(field: "file", "文件是空的（0 字节），请重新选择文件") }
        guard bytes.count <= Self.limit else { throw Problem(title: "文件过大", status: 413, detail: "每个文件不超过 5 MB。") }
        guard let type = Self.sniff(bytes) else {
            throw Problem(title: "文件类型不符", status: 415, detail: "只收 PDF、JPEG 或 PNG 文件（按文件内容判断，不看文件名）。")
        }
        let cleanLabel = label.trimmingWhitespace, cleanName = filename.trimmingWhitespace
        guard !cleanLabel.isEmpty, cleanLabel.count <= 64, cleanName.count <= 128 else {
            throw Problem.invalid(field: "label", "请写明材料名称（不超过 64 字），文件名不超过 128 字")
        }
        self.label = cleanLabel
        self.filename = cleanName.isEmpty ? "附件" : cleanName
        contentType = type
        sha256 = SHA256.hash(data: bytes).hexDigits
        self.bytes = bytes
    }

    /// The type a file's first bytes show: PDF, JPEG or PNG.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// The file as the case keeps it.
    func kept(by user: UUID, in caseType: String, case id: UUID, at now: Date) -> CaseFile {
        CaseFile(caseType: caseType, caseID: id, label: label, filename: filename, contentType: contentType, size: bytes.count, sha256: sha256,
                 data: Data(bytes), uploadedBy: user, createdAt: now)
    }
}

extension CaseFile {
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
