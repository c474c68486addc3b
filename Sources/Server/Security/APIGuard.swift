import Foundation
import Vapor

/// State-changing API calls authenticated by the session cookie: the body must be declared
/// JSON (a cross-site form cannot send that without the browser asking first) and, when the
/// browser names an Origin, it must be this site.
enum APIGuard {
    static func checkOrigin(_ request: Request) throws {
        if let origin = request.headers.first(name: .origin) {
            let host = request.headers.first(name: .host) ?? ""
            guard !host.isEmpty, origin == "http://" + host || origin == "https://" + host else {
                throw Problem(title: "来源不符", status: 403, detail: "只受理本站发起的请求。")
            }
        }
    }

    static func check(_ request: Request) throws {
        try checkOrigin(request)
        guard request.method == .DELETE || request.headers.contentType.map({ $0.type == "application" && $0.subType == "json" }) == true else {
            throw Problem(title: "不支持的请求体类型", status: 415, detail: "请求体应为 JSON，并声明 Content-Type: application/json。")
        }
    }

    /// The body as `T`, or a 422 naming what is missing or mistyped.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        guard let body = request.body.data else { throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "缺少请求体。") }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: body))
        } catch let DecodingError.keyNotFound(key, context) {
            throw Problem.invalid(field: (context.codingPath + [key]).map(\.stringValue).joined(separator: "."), "缺少此项")
        } catch let DecodingError.typeMismatch(_, context) {
            throw Problem.invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), "类型不符")
        } catch let DecodingError.valueNotFound(_, context) {
            throw Problem.invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), "不能为空")
        } catch {
            throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为 JSON 对象。")
        }
    }
}

/// A budget of attempts per client address and per account name (sign-in, registration,
/// objections), so that passwords cannot be guessed at speed.
struct AttemptGuard: Sendable {
    let perClient: ClientRateLimiter
    let perAccount: ClientRateLimiter

    init(perMinute: Int) {
        perClient = ClientRateLimiter(limit: perMinute, window: 60)
        perAccount = ClientRateLimiter(limit: max(1, perMinute / 2), window: 300)
    }

    /// `username`: the account tried (sign-in), or nil where there is none (registration, objections).
    func take(_ request: Request, username: String?) throws {
        let client = FormGuard.clientKey(request.remoteAddress?.ipAddress ?? "unknown")
        if let wait = perClient.take(client) ?? username.flatMap({ perAccount.take($0.lowercased()) }) {
            var problem = Problem(title: "尝试过于频繁", status: 429, detail: "请 \(wait) 秒后再试。")
            problem.retryAfter = wait
            throw problem
        }
    }
}

extension Application {
    private struct SignInGuardKey: StorageKey { typealias Value = AttemptGuard }
    private struct ObjectionGuardKey: StorageKey { typealias Value = AttemptGuard }

    var signInGuard: AttemptGuard {
        get { storage[SignInGuardKey.self] ?? AttemptGuard(perMinute: 10) }
        set { storage[SignInGuardKey.self] = newValue }
    }

    var objectionGuard: AttemptGuard {
        get { storage[ObjectionGuardKey.self] ?? AttemptGuard(perMinute: 10) }
        set { storage[ObjectionGuardKey.self] = newValue }
    }
}
