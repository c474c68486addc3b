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
            let etag = "\"" + SHA256.hash(data: body).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
            files[name] = File(body: body, contentType: type, etag: etag)
        }
        self.files = files
    }

    func register(on routes: any RoutesBuilder, except: Set<String>) {
        for (name, file) in files where !except.contains(name) {
            routes.get(PathComponent(stringLiteral: name)) { request -> Response in
                if request.headers.first(name: .ifNoneMatch) == file.etag { return Response(status: .notModified) }
                var headers = HTTPHeaders()
                headers.add(name: .contentType, value: file.contentType)
                headers.add(name: .cacheControl, value: "public, max-age=3600")
                headers.add(name: .eTag, value: file.etag)
                return Response(status: .ok, headers: headers, body: .init(data: file.body))
            }
        }
    }
}
