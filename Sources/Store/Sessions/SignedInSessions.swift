import Foundation
import SQLKit

/// Signed-in sessions, shared by every server process on the database. Keyed by what the
/// caller stores of a session id (its SHA-256): the store never sees the id itself. Times are
/// seconds since 1970 of wall time.
public protocol SignedInSessions: Sendable {
    /// Stores a new session of `user`, first sweeping those that ended before `now`.
    func create(key: String, data: [String: String], user: UUID, expiresAt: Double, now: Double) async throws
    /// The session's data while it has not ended, with its user as they are now (nil if gone):
    /// every signed-in request reads both, so they come in one query.
    func read(key: String, now: Double) async throws -> StoredSession?
    /// New data, and a new end (a change of data is a new sign-in epoch).
    func update(key: String, data: [String: String], expiresAt: Double) async throws
    func delete(key: String) async throws
}

/// A session as read: its data, and who holds it now (nil when the user is not known).
public struct StoredSession: Sendable, Hashable {
    public let data: [String: String]
    public let holder: AccountHolder?

    public init(data: [String: String], holder: AccountHolder?) {
        self.data = data
        self.holder = holder
    }
}

/// The sessions in the table `_fluent_sessions`, through SQLKit.
public struct SQLSignedInSessions: SignedInSessions {
    public static let table = "_fluent_sessions"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func create(key: String, data: [String: String], user: UUID, expiresAt: Double, now: Double) async throws {
        try await sql.delete(from: Self.table).where("expires_at", .lessThan, SQLBind(now)).run()
        try await sql.insert(into: Self.table).columns("id", "key", "data", "user_id", "expires_at")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(data), SQLBind(user), SQLBind(expiresAt)).run()
    }

    public func read(key: String, now: Double) async throws -> StoredSession? {
        let rows = try await sql.raw("""
            SELECT s.data, s.user_id, \(unsafeRaw: SQLAccountStore.holderColumns) FROM \(ident: Self.table) s
            LEFT JOIN \(ident: SQLAccountStore.users) u ON u.id = s.user_id \(unsafeRaw: SQLAccountStore.holderJoins)
            WHERE s.key = \(bind: key) AND s.expires_at > \(bind: now)
            """).all()
        guard let first = rows.first else { return nil }
        let holder = try first.decodeNil(column: "user_id") ? nil : try SQLAccountStore.holder(try first.uuid("user_id"), rows: rows)
        return StoredSession(data: try first.decode(column: "data", as: [String: String].self), holder: holder)
    }

    public func update(key: String, data: [String: String], expiresAt: Double) async throws {
        try await sql.update(Self.table).set("data", to: SQLBind(data)).set("expires_at", to: SQLBind(expiresAt))
            .where("key", .equal, SQLBind(key)).run()
    }

    public func delete(key: String) async throws {
        try await sql.delete(from: Self.table).where("key", .equal, SQLBind(key)).run()
    }
}

/// The sessions in memory, over the accounts given: the same contract, for tests.
public final class InMemorySignedInSessions: SignedInSessions {
    private let kept = Locked<[String: (data: [String: String], user: UUID, expiresAt: Double)]>([:])
    private let accounts: any AccountStore

    public init(accounts: any AccountStore) {
        self.accounts = accounts
    }

    public func create(key: String, data: [String: String], user: UUID, expiresAt: Double, now: Double) async throws {
        kept.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt >= now }
            sessions[key] = (data, user, expiresAt)
        }
    }

    public func read(key: String, now: Double) async throws -> StoredSession? {
        guard let session = kept.withLock({ sessions in sessions[key].flatMap { $0.expiresAt > now ? $0 : nil } }) else { return nil }
        return StoredSession(data: session.data, holder: try await accounts.principal(of: session.user))
    }

    public func update(key: String, data: [String: String], expiresAt: Double) async throws {
        kept.withLock { sessions in
            if let user = sessions[key]?.user { sessions[key] = (data, user, expiresAt) }
        }
    }

    public func delete(key: String) async throws {
        kept.withLock { sessions in sessions[key] = nil }
    }
}
