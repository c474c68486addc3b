import CSVCodec
import Foundation
import Spreadsheet
import Vapor

/// A list downloaded as an .xlsx workbook or a CSV file (UTF-8 with a BOM, for Excel), never cached.
enum TableExport {
    static func xlsx(_ rows: [[String]], filename: String, chineseName: String, scratchName: String,
                     layout: XLSXWriter.Layout = XLSXWriter.Layout()) throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-export-" + scratchName)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(filename + ".xlsx")
        let writer = try XLSXWriter(url: url, scratch: folder, layout: layout)
        for row in rows { try writer.append(row: row) }
        try writer.finish()
        return download(try Data(contentsOf: url), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        filename: filename + ".xlsx", chineseName: chineseName + ".xlsx")
    }

    static func csv(_ rows: [[String]], filename: String, chineseName: String) -> Response {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        // A cell that begins like a formula is read as text by spreadsheet programs (CSV injection).
        for row in rows { CSVWriter.append(record: row.map(Self.inert), to: &bytes) }
        return download(Data(bytes), type: "text/csv; charset=utf-8", filename: filename + ".csv", chineseName: chineseName + ".csv")
    }

    static func inert(_ cell: String) -> String {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return cell }
        return "'" + cell
    }

    private static func download(_ data: Data, type: String, filename: String, chineseName: String) -> Response {
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: type)
        headers.add(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"; filename*=UTF-8''"
                    + (chineseName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? filename))
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
