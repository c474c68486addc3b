import Foundation
import SQLKit

/// A check a person saved: the form as filled in (re-evaluated each time it is opened) and
/// what each option's status was on the day it was saved, to show what changed.
public struct SavedCheckRecord: Sendable, Equatable {
    /// The link's key: random, so saved checks cannot be enumerated.
    public let token: String
    /// The checker form's query string.
    public let query: String
    /// JSON: option key → status, as evaluated when saved.
    public let statuses: String
    public let savedOn: String
    public let evaluatedAsOf: String
    /// SHA-256 (hex) of the owner's key, kept in the saving browser's cookie: only the owner
    /// may change or delete the record; nil for a record saved before owners were kept.
    public let ownerKeyHash: String?

    public init(token: String, query: String, statuses: String, savedOn: String, evaluatedAsOf: String, ownerKeyHash: String? = nil) {
        self.token = token
        self.query = query
        self.statuses = statuses
        self.savedOn = savedOn
        self.evaluatedAsOf = evaluatedAsOf
        self.ownerKeyHash = ownerKeyHash
    }
}

/// Where saved checks are kept: in SQL (`SQLSavedChecks`) or in memory (`InMemorySavedCheckStore`).
public protocol SavedCheckStore: Sendable {
    /// A token already used is refused by the store (unique).
    func add(_ record: SavedCheckRecord) async throws
    func find(token: String) async throws -> SavedCheckRecord?
    /// Replaces the record with this token (an edit keeps its link); false when there is none.
    func replace(_ record: SavedCheckRecord) async throws -> Bool
    /// Deletes the record; false when there was none.
    func delete(token: String) async throws -> Bool
}

/// The saved checks in `saved_checks` (migrations 001, 002), through SQLKit.
public struct SQLSavedChecks: SavedCheckStore {
    public static let table = "saved_checks"
    let sql: any SQLDatabase
    let now: @Sendable () -> Date

    public init(_ sql: any SQLDatabase, now: @escaping @Sendable () -> Date) {
        self.sql = sql
        self.now = now
    }

    public func add(_ record: SavedCheckRecord) async throws {
        try await sql.insert(into: Self.table).columns("id", "token", "query", "statuses", "saved_on", "evaluated_as_of", "owner_key_hash", "created_at")
            .values(SQLBind(UUID()), SQLBind(record.token), SQLBind(record.query), SQLBind(record.statuses), SQLBind(record.savedOn),
                    SQLBind(record.evaluatedAsOf), SQLBind(record.ownerKeyHash), SQLBind(now()))
            .run()
    }

    public func find(token: String) async throws -> SavedCheckRecord? {
        guard let row = try await sql.select().columns("token", "query", "statuses", "saved_on", "evaluated_as_of", "owner_key_hash").from(Self.table)
            .where("token", .equal, SQLBind(token)).first() else { return nil }
        return SavedCheckRecord(token: try row.decode(column: "token", as: String.self), query: try row.decode(column: "query", as: String.self),
                                statuses: try row.decode(column: "statuses", as: String.self), savedOn: try row.decode(column: "saved_on", as: String.self),
                                evaluatedAsOf: try row.decode(column: "evaluated_as_of", as: String.self),
                                ownerKeyHash: try row.decode(column: "owner_key_hash", as: String?.self))
    }

    public func replace(_ record: SavedCheckRecord) async throws -> Bool {
        guard try await find(token: record.token) != nil else { return false }
        try await sql.update(Self.table).set("query", to: SQLBind(record.query)).set("statuses", to: SQLBind(record.statuses))
            .set("saved_on", to: SQLBind(record.savedOn)).set("evaluated_as_of", to: SQLBind(record.evaluatedAsOf))
            .set("owner_key_hash", to: SQLBind(record.ownerKeyHash)).where("token", .equal, SQLBind(record.token)).run()
        return true
    }

    public func delete(token: String) async throws -> Bool {
        guard try await find(token: token) != nil else { return false }
        try await sql.delete(from: Self.table).where("token", .equal, SQLBind(token)).run()
        return true
    }
}

/// The saved checks in memory: the same contract, for tests.
public final class InMemorySavedCheckStore: SavedCheckStore {
    private let records = Locked<[String: SavedCheckRecord]>([:])

    public init() {}

    public func add(_ record: SavedCheckRecord) async throws {
        try records.withLock { records in
            guard records[record.token] == nil else { throw StoreFailure("链接已被使用") }
            records[record.token] = record
        }
    }

    public func find(token: String) async throws -> SavedCheckRecord? { records.withLock { $0[token] } }

    public func replace(_ record: SavedCheckRecord) async throws -> Bool {
        records.withLock { records in
            guard records[record.token] != nil else { return false }
            records[record.token] = record
            return true
        }
    }

    public func delete(token: String) async throws -> Bool {
        records.withLock { $0.removeValue(forKey: token) != nil }
    }
}
