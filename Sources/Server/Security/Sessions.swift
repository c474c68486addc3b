import Access
import Fluent
import Foundation
import SQLKit
import Store
import Vapor

/// Signed-in sessions: Vapor's sessions kept in the database (several server processes share
/// them), the cookie HttpOnly and SameSite=Lax, Secure over HTTPS, ended after `lifetime`
/// or when the password changes.
enum SignedInSession {
    static let cookieName = "gt_session"
    static let lifetime: TimeInterval = 8 * 3600

    static func configure(_ app: Application) {
        app.sessions.use { _ in SessionStore() }
        app.sessions.configuration = SessionsConfiguration(cookieName: cookieName) { id in
            HTTPCookies.Value(string: id.string, maxAge: Int(lifetime), path: "/", isSecure: false, isHTTPOnly: true, sameSite: .lax)
        }
    }

    static func begin(_ request: Request, user: Account) throws {
        request.session.data["uid"] = user.id.uuidString
        request.session.data["epoch"] = String(user.sessionEpoch)
        request.session.data["issued"] = String(Int(request.policy.clock.now().timeIntervalSince1970))
    }
}

/// Marks the session cookie Secure when the page was served over HTTPS (the cookie factory
/// cannot see the request).
struct SecureSessionCookieMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.isSecure, var cookie = response.cookies[SignedInSession.cookieName] {
            cookie.isSecure = true
            response.cookies[SignedInSession.cookieName] = cookie
        }
        return response
    }
}

/// The routes that read the signed-in session, and the sign-in routes, which always start a
/// new one: sessions are read only where they are used.
struct SessionRoutes: Sendable {
    let sessions: SessionsMiddleware

    init(_ app: Application) { sessions = app.sessions.middleware }

    func signedIn(_ routes: any RoutesBuilder) -> any RoutesBuilder {
        routes.grouped(SecureSessionCookieMiddleware(), sessions)
    }

    /// The old session is dropped before the sessions middleware reads it (no fixation).
    func signingIn(_ routes: any RoutesBuilder) -> any RoutesBuilder {
        routes.grouped(SecureSessionCookieMiddleware(), FreshSessionMiddleware(), sessions)
    }
}

/// On sign-in, the session a browser brings is dropped and deleted, so that signing in
/// always starts a new session id (no fixation).
struct FreshSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let old = request.cookies[SignedInSession.cookieName]?.string {
            try await SessionStore().deleteSession(SessionID(string: old), for: request).get()
            var cookies = request.cookies
            cookies[SignedInSession.cookieName] = nil
            request.cookies = cookies
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct PrincipalKey: StorageKey { typealias Value = Principal }

    /// The signed-in user's principal, or nil; an expired session or one from before a
    /// password change is ended here.
    func signedIn() async throws -> Principal? {
        if let principal = storage[PrincipalKey.self] { return principal }
        guard cookies[SignedInSession.cookieName] != nil else { return nil }
        guard let uid = session.data["uid"], let uuid = UUID(uuidString: uid) else { return nil }
        let issued = Double(session.data["issued"] ?? "") ?? 0
        // Its holder came with the session where it was read here; else (a session begun or
        // changed in this request) it is looked up.
        let holder = if let read = SessionStore.asRead(by: self) { read.holder } else { try await db.accounts.principal(of: uuid) }
        guard let found = holder, found.principal.userID == uuid.uuidString, String(found.sessionEpoch) == session.data["epoch"],
              policy.clock.now().timeIntervalSince1970 - issued < SignedInSession.lifetime else {
            session.destroy()
            return nil
        }
        storage[PrincipalKey.self] = found.principal
        return found.principal
    }

    /// The signed-in user's account (for the few routes that need more than the principal).
    func signedInUser() async throws -> Account? {
        guard let principal = try await signedIn(), let id = UUID(uuidString: principal.userID) else { return nil }
        return try await accounts.store.account(id)
    }

    /// The principal, or 401 asking to sign in.
    func requirePrincipal() async throws -> Principal {
        guard let principal = try await signedIn() else {
            throw Problem(title: "请先登录", status: 401, detail: "这项操作需要登录。")
        }
        return principal
    }
}
