import Foundation
import SQLKit

/// Signed-in sessions, shared by every server process on the database. Keyed by what the
/// caller stores of a session id (its SHA-256): the store never sees the id itself. Times are
/// seconds since 1970 of wall time.
public protocol SignedInSessions: Sendable {
    /// Stores a new session, first sweeping those that ended before `now`.
    func create(key: String, data: [String: String], expiresAt: Double, now: Double) async throws
    /// The session's data while it has not ended.
    func read(key: String, now: Double) async throws -> [String: String]?
    /// New data, and a new end (a change of data is a new sign-in epoch).
    func update(key: String, data: [String: String], expiresAt: Double) async throws
    func delete(key: String) async throws
}

/// The sessions in the table `_fluent_sessions`, through SQLKit.
public struct SQLSignedInSessions: SignedInSessions {
    public static let table = "_fluent_sessions"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func create(key: String, data: [String: String], expiresAt: Double, now: Double) async throws {
        try await sql.delete(from: Self.table).where("expires_at", .lessThan, SQLBind(now)).run()
        try await sql.insert(into: Self.table).columns("id", "key", "data", "expires_at")
            .values(SQLBind(UUID()), SQLBind(key), SQLBind(data), SQLBind(expiresAt)).run()
    }

    public func read(key: String, now: Double) async throws -> [String: String]? {
        try await sql.select().column("data").from(Self.table)
            .where("key", .equal, SQLBind(key)).where("expires_at", .greaterThan, SQLBind(now)).first()
            .map { try $0.decode(column: "data", as: [String: String].self) }
    }

    public func update(key: String, data: [String: String], expiresAt: Double) async throws {
        try await sql.update(Self.table).set("data", to: SQLBind(data)).set("expires_at", to: SQLBind(expiresAt))
            .where("key", .equal, SQLBind(key)).run()
    }

    public func delete(key: String) async throws {
        try await sql.delete(from: Self.table).where("key", .equal, SQLBind(key)).run()
    }
}

/// The sessions in memory: the same contract, for tests.
public final class InMemorySignedInSessions: SignedInSessions {
    private let kept = Locked<[String: (data: [String: String], expiresAt: Double)]>([:])

    public init() {}

    public func create(key: String, data: [String: String], expiresAt: Double, now: Double) async throws {
        kept.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt >= now }
            sessions[key] = (data, expiresAt)
        }
    }

    public func read(key: String, now: Double) async throws -> [String: String]? {
        kept.withLock { sessions in sessions[key].flatMap { $0.expiresAt > now ? $0.data : nil } }
    }

    public func update(key: String, data: [String: String], expiresAt: Double) async throws {
        kept.withLock { sessions in
            if sessions[key] != nil { sessions[key] = (data, expiresAt) }
        }
    }

    public func delete(key: String) async throws {
        kept.withLock { sessions in sessions[key] = nil }
    }
}
