import Batch
import Domain
import Engine
import Foundation
import Spreadsheet
import Vapor

/// The employer's bulk check on the web: upload a workbook or CSV, download the report.
/// The upload is read from a temporary file that is deleted before the answer is sent:
/// nothing of it is kept.
struct BulkController: RouteCollection {
    /// What an upload may weigh: 50,000 rows of a typical sheet are a few MB.
    static let maximumUpload = 20 << 20
    static let maximumUploadText = "20 MB"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("bulk", use: page)
        routes.get("bulk", "template.xlsx", use: templateWorkbook)
        routes.get("bulk", "template.csv", use: templateCSV)
        routes.on(.POST, "bulk", body: .collect(maxSize: ByteCount(value: Self.maximumUpload + (64 << 10))), use: upload)
    }

    struct Page: Encodable {
        let title: String
        let jurisdictions: [PageController.Choice]
        let today: String
        let limit: String
        let headers: [HeaderRow]
        let csrf: String
        let error: String
    }

    struct HeaderRow: Encodable {
        let chinese: String
        let contract: String
    }

    func page(_ request: Request) async throws -> Response {
        try await render(request, error: "", status: .ok)
    }

    private func render(_ request: Request, error: String, status: HTTPResponseStatus) async throws -> Response {
        let services = request.policy
        let csrf = FormGuard.token(for: request)
        let headers = BulkReport.chineseHeaders.map { HeaderRow(chinese: $0.names.joined(separator: " / "), contract: $0.column.name) }
        let page = Page(
            title: "单位批量自测", jurisdictions: services.base.jurisdictions.map { PageController.Choice(value: $0.code, label: $0.name, selected: $0.code == services.defaultJurisdiction) },
            today: services.today().description, limit: Self.maximumUploadText, headers: headers, csrf: csrf.value, error: error)
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
        guard let form = try? request.content.decode(Upload.self) else {
            return try await render(request, error: "请选择要上传的文件（.xlsx 或 .csv，不超过 \(Self.maximumUploadText)）。", status: .unprocessableEntity)
        }
        try request.application.formGuard.check(request, field: form.csrf)
        let services = request.policy
        guard let code = form.j.flatMap({ services.base.jurisdiction($0)?.code }) else {
            return try await render(request, error: "请选择所在地区。", status: .unprocessableEntity)
        }
        var date = services.today()
        if let text = form.asOf?.trimmingWhitespace, !text.isEmpty {
            do { date = try CalendarDate.input(text) } catch {
                return try await render(request, error: "评估日期：\(error.message(text))", status: .unprocessableEntity)
            }
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await render(request, error: "请选择要上传的文件（.xlsx 或 .csv）。", status: .unprocessableEntity)
        }
        guard file.data.readableBytes <= Self.maximumUpload else {
            return try await render(request, error: "文件超过 \(Self.maximumUploadText)，请分成几个文件上传。", status: .payloadTooLarge)
        }
        let engine = services.engine
        let bytes = Data(buffer: file.data)
        let asOf = date
        // The upload lives only in temporary files removed before answering.
        let outcome: Result<Data, BulkReport.Failure> = try await request.application.threadPool.runIfActive {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-bulk-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("input")
            try bytes.write(to: input)
            let source: BatchRunner.Input
            do { source = try BatchRunner.open(path: input.path) } catch { return .failure(.unreadable("\(error)")) }
            let output = folder.appendingPathComponent("report.xlsx")
            let writer = try XLSXWriter(url: output)
            do {
                _ = try BulkReport(engine: engine, jurisdiction: code, asOf: asOf).run(input: source, write: writer.append(row:))
            } catch let failure as BulkReport.Failure {
                return .failure(failure)
            } catch let failure as XLSXError {
                return .failure(.unreadable(failure.description))
            }
            try writer.finish()
            return .success(try Data(contentsOf: output))
        }
        switch outcome {
        case .success(let workbook):
            return Self.download(workbook, name: "批量自测结果-\(date).xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case .failure(let failure):
            return try await render(request, error: failure.description, status: .unprocessableEntity)
        }
    }

    static func download(_ data: Data, name: String, type: String) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "download"
        headers.add(name: .contentDisposition, value: "attachment; filename=\"download\"; filename*=UTF-8''\(encoded)")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
