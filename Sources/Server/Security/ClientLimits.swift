import Foundation
import Synchronization
import Vapor

/// A per-client budget for state-changing forms: at most `limit` actions in `window`
/// seconds from one address; beyond it a 429 with Retry-After. Held by the application,
/// bounded in size so that many addresses cannot grow it without end.
final class ClientRateLimiter: Sendable {
    let limit: Int
    let window: Double
    private let capacity = 50_000
    private let hits = Mutex<[String: [Double]]>([:])
    private let now: @Sendable () -> Date

    /// `now`: the services' clock, so a test sets the time and the limit is the production one.
    init(limit: Int, window: Double, now: @escaping @Sendable () -> Date) {
        self.limit = max(1, limit)
        self.window = window
        self.now = now
    }

    /// How many clients the table holds now.
    var clients: Int { hits.withLock { $0.count } }

    /// Records an action by `client`; the seconds to wait when over the budget, else nil.
    func take(_ client: String) -> Int? {
        let now = now().timeIntervalSince1970
        return hits.withLock { hits in
            if hits.count >= capacity, hits[client] == nil {
                hits = hits.filter { ($0.value.last ?? 0) > now - window }
                // Still full of recent clients: the least recent half gives way, so the table never grows past its bound.
                if hits.count >= capacity {
                    let newest = hits.sorted { ($0.value.last ?? 0) > ($1.value.last ?? 0) }.prefix(capacity / 2)
                    hits = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
                }
            }
            var recent = (hits[client] ?? []).filter { $0 > now - window }
            if recent.count >= limit {
                hits[client] = recent
                return max(1, Int((recent[0] + window - now).rounded(.up)))
            }
            recent.append(now)
            hits[client] = recent
            return nil
        }
    }
}

/// Guards a state-changing form: the post must come from this site (Origin, when the browser
/// sends one, names this host), carry the token of the form it was rendered with (double
/// submit: the same random value in a SameSite cookie and a hidden field), and stay within
/// the client's budget.
struct FormGuard: Sendable {
    static let cookieName = "gt_csrf"
    static let fieldName = "csrf"

    let limiter: ClientRateLimiter

    /// The token for a page with a form: the client's cookie, or a new one to set.
    static func token(for request: Request) -> (value: String, isNew: Bool) {
        if let existing = request.cookies[cookieName]?.string, existing.utf8.count == 32,
           existing.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) {
            return (existing, false)
        }
        return (request.policy.tokens.hex(byteCount: 16), true)
    }

    static func setCookie(_ value: String, on response: Response, secure: Bool) {
        response.cookies[cookieName] = HTTPCookies.Value(string: value, maxAge: 86_400, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }

    /// The budget's key: an IPv4 address, or an IPv6 address's /64 (one household or host
    /// holds a whole /64, and could otherwise rotate through it).
    static func clientKey(_ address: String) -> String {
        guard address.contains(":") else { return address }
        let groups = address.split(separator: ":", omittingEmptySubsequences: false)
        if let gap = groups.firstIndex(of: ""), gap < 4 {
            // "2001:db8::1": the groups before the gap, zeros for the rest of the /64.
            let head = groups[..<gap].filter { !$0.isEmpty }
            return (head + Array(repeating: "0", count: max(0, 4 - head.count))).prefix(4).joined(separator: ":") + "::/64"
        }
        return groups.prefix(4).joined(separator: ":") + "::/64"
    }

    /// Throws a problem (403 or 429) unless the post may be acted on.
    func check(_ request: Request, field: String?) throws {
        try Self.checkToken(request, field: field)
        let client = Self.clientKey(request.clientAddress)
        if let wait = limiter.take(client) {
            var problem = Problem(title: "操作过于频繁", status: 429, detail: "请 \(wait) 秒后再试。")
            problem.retryAfter = wait
            throw problem
        }
    }

    /// The same site and the page's token, without the anonymous budget: signed-in officers
    /// act many times a minute, and are known.
    static func checkToken(_ request: Request, field: String?) throws {
        if let origin = request.headers.first(name: .origin) {
            let host = request.headers.first(name: .host) ?? ""
            guard !host.isEmpty, origin == "http://" + host || origin == "https://" + host else {
                throw Problem(title: "来源不符", status: 403, detail: "只受理本站页面提交的表单。")
            }
        }
        guard let cookie = request.cookies[Self.cookieName]?.string, let field, !field.isEmpty, cookie == field else {
            throw Problem(title: "表单已失效", status: 403, detail: "请回到上一页刷新后重新提交（表单校验码不符或已过期）。")
        }
    }
}
