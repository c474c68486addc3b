import Foundation
@testable import Server
import Spreadsheet
import Testing
import Vapor
import VaporTesting

/// The employer's bulk check on the web: the page, the template, an upload and its report.
@Suite struct BulkPageTests {
    static func multipart(_ parts: [(name: String, filename: String?, body: String)], boundary: String) -> ByteBuffer {
        var text = ""
        for part in parts {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"" + (part.filename.map { "; filename=\"\($0)\"" } ?? "") + "\r\n"
            if part.filename != nil { text += "Content-Type: text/csv\r\n" }
            text += "\r\n\(part.body)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return ByteBuffer(string: text)
    }

    @Test func anUploadWithChineseHeadersComesBackAsAChineseWorkbook() async throws {
        try await TestServer.withServer { app in
            var cookie = "", csrf = ""
            try await app.testing().test(.GET, "bulk") { response in
                #expect(response.status == .ok)
                let page = response.body.string
                #expect(page.contains("/bulk/template.xlsx") && page.contains("处理完即删除") && page.contains("20 MB"))
                cookie = (response.headers.first(name: .setCookie) ?? "").split(separator: ";").first.map(String.init) ?? ""
                if let range = page.range(of: #"name="csrf" value=""#) { csrf = String(page[range.upperBound...].prefix { $0 != "\"" }) }
            }
            try await app.testing().test(.GET, "bulk/template.xlsx") { response in
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentDisposition)?.contains("filename*=UTF-8''") == true)
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: response.body).write(to: url)
                var rows: [[String]] = []
                try XLSXReader(url: url).forEachRow { _, cells in rows.append(cells) }
                #expect(rows.first?.first == "工号" && rows.count == 2)
            }
            let boundary = "guantong-test-boundary"
            let csv = "工号,姓名,职业（工种）,技能等级,取得日期\n0001,张三,车工,技师（二级）,2020/5/1\n"
            let body = Self.multipart([("csrf", nil, csrf), ("j", nil, "quzhou"), ("asOf", nil, "2024-06-30"), ("file", "名单.csv", csv)], boundary: boundary)
            try await app.testing().test(.POST, "bulk?csrf=\(csrf)", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": cookie], body: body) { response in
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentType)?.contains("spreadsheetml") == true)
                let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
                defer { try? FileManager.default.removeItem(at: url) }
                try Data(buffer: response.body).write(to: url)
                var rows: [[String]] = []
                try XLSXReader(url: url).forEachRow { _, cells in rows.append(cells) }
                #expect(rows.first?.prefix(3) == ["工号", "姓名", "方向"])
                #expect(rows.contains { $0.count > 5 && $0[1] == "张三" && $0[3] == "机电制造工程 · 中级" && $0[5] == "有待确认" })
            }
            // Without the page's token the upload is refused.
            try await app.testing().test(.POST, "bulk", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                         body: Self.multipart([("j", nil, "quzhou"), ("file", "名单.csv", csv)], boundary: boundary)) { response in
                #expect(response.status == .forbidden)
            }
            // A sheet without 工号 is answered with the reason, on the page.
            let bad = Self.multipart([("csrf", nil, csrf), ("j", nil, "quzhou"), ("file", "名单.csv", "姓名\n张三\n")], boundary: boundary)
            try await app.testing().test(.POST, "bulk?csrf=\(csrf)", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": cookie], body: bad) { response in
                #expect(response.status == .unprocessableEntity)
                #expect(response.body.string.contains("表头缺少“工号”"))
            }
        }
    }

    /// One bulk job at a time: a second is told to come back, before its body is read.
    @Test func aSecondJobWaitsItsTurn() async throws {
        try await TestServer.withServer { app in
            var cookie = "", csrf = ""
            try await app.testing().test(.GET, "bulk") { response in
                cookie = (response.headers.first(name: .setCookie) ?? "").split(separator: ";").first.map(String.init) ?? ""
                if let range = response.body.string.range(of: #"name="csrf" value=""#) { csrf = String(response.body.string[range.upperBound...].prefix { $0 != "\"" }) }
            }
            let permit = try #require(app.bulkJobs.start())
            let boundary = "b"
            try await app.testing().test(.POST, "bulk?csrf=\(csrf)", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": cookie],
                                         body: Self.multipart([("j", nil, "quzhou"), ("file", "x.csv", "工号\n1\n")], boundary: boundary)) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers.first(name: .retryAfter) == "30")
            }
            permit.finish()
            #expect(app.bulkJobs.start() != nil)
        }
    }
}
