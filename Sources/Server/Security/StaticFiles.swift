import Domain
import Foundation
import Vapor

/// The public files, read once at start and served only by their exact names: no path is
/// ever looked up on disk from a request.
struct StaticFiles: Sendable {
    struct File: Sendable {
        let body: Data
        let contentType: String
        let etag: String
    }

    let files: [String: File]

    static let contentTypes = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "json": "application/json; charset=utf-8"]

    /// Every file of the folder whose kind is known.
    init(folder: String) throws {
        var files: [String: File] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            guard let type = Self.contentTypes[(name as NSString).pathExtension] else { continue }
            let body = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
            let etag = "\"" + SHA256.hash(data: body).prefix(12).hexDigits + "\""
            files[name] = File(body: body, contentType: type, etag: etag)
        }
        self.files = files
    }

    func register(on routes: any RoutesBuilder, except: Set<String>) {
        for (name, file) in files where !except.contains(name) {
            routes.get(PathComponent(stringLiteral: name)) { request -> Response in
                var headers = HTTPHeaders()
                headers.add(name: .cacheControl, value: "public, max-age=3600")
                headers.add(name: .eTag, value: file.etag)
                let known = request.headers[.ifNoneMatch].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
                if known.contains(file.etag) || known.contains("W/" + file.etag) || known.contains("*") {
                    return Response(status: .notModified, headers: headers)
                }
                headers.add(name: .contentType, value: file.contentType)
                return Response(status: .ok, headers: headers, body: .init(data: file.body))
            }
        }
    }
}
