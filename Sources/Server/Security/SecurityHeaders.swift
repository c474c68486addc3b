import Domain
import Vapor

/// The headers every answer carries (pages, API, static files and errors alike): no inline
/// script or style, no framing, no sniffing, no referrer sent to other sites.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "object-src 'none'",
        "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        Self.apply(response)
        // Pages carry a person's answers and the form's token: never kept by a shared cache
        // (static files say otherwise themselves).
        if !response.headers.contains(name: .cacheControl) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        if request.isSecure { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000") }
        return response
    }

    static func apply(_ response: Response) {
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: contentSecurityPolicy)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        // Not no-referrer: under it a browser posts forms with `Origin: null`, which the
        // same-site check must refuse. same-origin still tells other sites nothing.
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
    }
}

/// Refuses, before any routing, what no route can answer well: an over-long address (414)
/// and query values that do not decode to UTF-8 text (400).
struct RequestShapeMiddleware: AsyncMiddleware {
    /// The longest address answered; the longest real one (a result link) is under 2 KB.
    static let maximumURIBytes = 8_192
    /// The longest query value: every field of the pages and the API is far shorter.
    static let maximumQueryValue = 256

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let uri = request.url.string
        if uri.utf8.count > Self.maximumURIBytes {
            throw Problem(title: "请求地址过长", status: 414, detail: "请求地址不能超过 \(Self.maximumURIBytes) 字节。")
        }
        if let query = request.url.query {
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let text = pair.replacingOccurrences(of: "+", with: " ")
                if text.contains("%"), text.removingPercentEncoding == nil {
                    throw Problem(title: "查询参数无法解码", status: 400, detail: "查询参数须为 UTF-8 文本的百分号编码。")
                }
                let parts = text.split(separator: "=", maxSplits: 1)
                if parts.count == 2, !InputLimits.isWithin(parts[1].removingPercentEncoding ?? "", characters: Self.maximumQueryValue) {
                    let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                    throw Problem.invalid(field: String(name.prefix(64)), "过长：查询参数的值不超过 \(Self.maximumQueryValue) 个字")
                }
            }
        }
        return try await next.respond(to: request)
    }
}
