import Batch
import Domain
import Engine
import Foundation
import Spreadsheet
import Synchronization
import Vapor

/// The employer's bulk check on the web: upload a workbook or CSV, download the report.
/// The upload is read from a temporary file that is deleted before the answer is sent:
/// nothing of it is kept.
struct BulkController: RouteCollection {
    /// What an upload may weigh, and how many people it may list: 50,000 rows of a typical
    /// sheet are a few MB and about ten seconds of work.
    static let maximumUpload = 20 << 20
    static let maximumUploadText = "20 MB"
    static let maximumRows = 50_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get("bulk", use: page)
        routes.get("bulk", "template.xlsx", use: templateWorkbook)
        routes.get("bulk", "template.csv", use: templateCSV)
        // Streamed: a forged or over-budget post is refused before its body is read.
        routes.on(.POST, "bulk", body: .stream, use: upload)
    }

    struct Page: Encodable {
        let title: String
        let jurisdictions: [PageController.Choice]
        let today: String
        let limit: String
        let headers: [HeaderRow]
        let csrf: String
        let error: String
        let asOf: String
        let maximumRows: String
    }

    struct HeaderRow: Encodable {
        let chinese: String
        let contract: String
    }

    func page(_ request: Request) async throws -> Response {
        try await render(request, error: "", status: .ok)
    }

    /// The page, keeping the region and date a failed upload was sent with.
    private func render(_ request: Request, error: String, status: HTTPResponseStatus, jurisdiction: String? = nil, asOf: String = "") async throws -> Response {
        let services = request.policy
        let csrf = FormGuard.token(for: request)
        let chosen = jurisdiction ?? services.defaultJurisdiction
        let headers = BulkReport.chineseHeaders.map { HeaderRow(chinese: $0.names.joined(separator: " / "), contract: $0.column.name) }
        let page = Page(
            title: "单位批量自测", jurisdictions: services.base.jurisdictions.map { PageController.Choice(value: $0.code, label: $0.name, selected: $0.code == chosen) },
            today: services.today().description, limit: Self.maximumUploadText, headers: headers, csrf: csrf.value, error: error, asOf: asOf,
            maximumRows: "5 万")
        let response = try await request.view.render("bulk", page).encodeResponse(status: status, for: request)
        if csrf.isNew { FormGuard.setCookie(csrf.value, on: response, secure: request.isSecure) }
        return response
    }

    func templateWorkbook(_ request: Request) async throws -> Response {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-template-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        for row in BulkReport.templateRows { try writer.append(row: row) }
        try writer.finish()
        return Self.download(try Data(contentsOf: url), name: "批量自测模板.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    }

    func templateCSV(_ request: Request) async throws -> Response {
        Self.download(Data(BulkReport.csv(BulkReport.templateRows)), name: "批量自测模板.csv", type: "text/csv; charset=utf-8")
    }

    struct Upload: Content {
        let file: File?
        let j: String?
        let asOf: String?
        let csrf: String?
    }

    func upload(_ request: Request) async throws -> Response {
        // The form's token is in its address: checked, with the client's budget, before a
        // byte of the upload is read.
        try request.application.formGuard.check(request, field: request.query["csrf"])
        guard let permit = request.application.bulkJobs.start() else {
            let response = try await render(request, error: "正在处理另一份名单，请约半分钟后再试。", status: .serviceUnavailable)
            response.headers.replaceOrAdd(name: .retryAfter, value: "30")
            return response
        }
        defer { permit.finish() }
        guard let boundary = request.headers.contentType?.parameters["boundary"] else {
            return try await render(request, error: "请通过本页的表单上传文件（.xlsx 或 .csv）。", status: .unprocessableEntity)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(max: Self.maximumUpload + (64 << 10)).get() ?? ByteBuffer()
        } catch {
            return try await render(request, error: "文件超过 \(Self.maximumUploadText)，请分成几个文件上传。", status: .payloadTooLarge)
        }
        // Parsing and the work itself run on the thread pool, off the threads that answer everyone else.
        let pool = request.application.threadPool
        guard let form = try? await pool.runIfActive({ try FormDataDecoder().decode(Upload.self, from: body, boundary: boundary) }) else {
            return try await render(request, error: "请选择要上传的文件（.xlsx 或 .csv，不超过 \(Self.maximumUploadText)）。", status: .unprocessableEntity)
        }
        let services = request.policy
        let chosenDate = form.asOf?.trimmingWhitespace ?? ""
        guard let code = form.j.flatMap({ services.base.jurisdiction($0)?.code }) else {
            return try await render(request, error: "请选择所在地区。", status: .unprocessableEntity, asOf: chosenDate)
        }
        var date = services.today()
        if !chosenDate.isEmpty {
            do { date = try CalendarDate.input(chosenDate) } catch {
                return try await render(request, error: "评估日期：\(error.message(chosenDate))", status: .unprocessableEntity, jurisdiction: code, asOf: chosenDate)
            }
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await render(request, error: "请选择要上传的文件（.xlsx 或 .csv）。", status: .unprocessableEntity, jurisdiction: code, asOf: chosenDate)
        }
        let engine = services.engine
        let bytes = Data(buffer: file.data)
        let asOf = date
        let outcome: Result<Data, BulkReport.Failure> = try await pool.runIfActive {
            // One private folder per job (owner only), removed before answering; a crash leaves
            // it for the start-up sweep (`BulkController.sweep`).
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-bulk-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("input")
            guard FileManager.default.createFile(atPath: input.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
                return .failure(.unreadable("无法暂存上传的文件"))
            }
            let source: BatchRunner.Input
            do { source = try BatchRunner.open(path: input.path) } catch { return .failure(.unreadable("\(error)")) }
            let output = folder.appendingPathComponent("report.xlsx")
            let writer = try XLSXWriter(url: output, scratch: folder)
            do {
                _ = try BulkReport(engine: engine, jurisdiction: code, asOf: asOf).run(input: source, write: writer.append(row:), maximumRows: Self.maximumRows)
            } catch let failure as BulkReport.Failure {
                return .failure(failure)
            } catch is XLSXError {
                return .failure(.unreadable("不是有效的 .xlsx 工作簿；请在 Excel 中另存为 .xlsx，或另存为“CSV UTF-8”"))
            }
            try writer.finish()
            return .success(try Data(contentsOf: output))
        }
        switch outcome {
        case .success(let workbook):
            return Self.download(workbook, name: "批量自测结果-\(date).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case .failure(let failure):
            return try await render(request, error: failure.description, status: .unprocessableEntity, jurisdiction: code, asOf: chosenDate)
        }
    }

    /// Removes job folders and spooled sheets an earlier process left behind (a crash), once
    /// they are an hour old: another process sharing the folder may be working on younger ones.
    static func sweep(olderThan age: TimeInterval = 3600) {
        let folder = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix("guantong-bulk-") || name.hasPrefix("guantong-sheet-") {
            let url = folder.appendingPathComponent(name)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? Date()
            if Date().timeIntervalSince(modified) > age { try? FileManager.default.removeItem(at: url) }
        }
    }

    static func download(_ data: Data, name: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        headers.add(name: .contentDisposition, value: "attachment; filename=\"download.\((name as NSString).pathExtension)\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}

/// At most one bulk job at a time: each takes a thread-pool thread for seconds, and the
/// self-check shares that pool.
final class BulkJobs: Sendable {
    private let running = Mutex(0)
    let limit: Int

    init(limit: Int = 1) {
        self.limit = limit
    }

    final class Permit: Sendable {
        private let jobs: BulkJobs
        init(_ jobs: BulkJobs) { self.jobs = jobs }
        func finish() { jobs.running.withLock { $0 -= 1 } }
    }

    func start() -> Permit? {
        running.withLock { count in
            guard count < limit else { return nil }
            count += 1
            return Permit(self)
        }
    }
}

extension Application {
    private struct BulkJobsKey: StorageKey { typealias Value = BulkJobs }

    var bulkJobs: BulkJobs {
        get { storage[BulkJobsKey.self] ?? BulkJobs() }
        set { storage[BulkJobsKey.self] = newValue }
    }
}
