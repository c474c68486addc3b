import Fluent
import Foundation
import Vapor

/// A saved check as the pages keep it, apart from how it is stored.
public struct SavedCheckRecord: Sendable, Equatable {
    public let token: String
    /// The checker form's query string.
    public let query: String
    /// JSON: option key → status, as evaluated when saved.
    public let statuses: String
    public let savedOn: String
    public let evaluatedAsOf: String
    /// SHA-256 (hex) of the owner's key; nil for a record saved before owners were kept.
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

/// Where saved checks are kept: the database live, memory in tests.
public protocol SavedCheckStore: Sendable {
    func add(_ record: SavedCheckRecord) async throws
    func find(token: String) async throws -> SavedCheckRecord?
    /// Replaces the record with this token (an edit keeps its link); false when there is none.
    func replace(_ record: SavedCheckRecord) async throws -> Bool
    /// Deletes the record; false when there was none.
    func delete(token: String) async throws -> Bool
}

/// The stores a request reaches, chosen once at start-up.
public struct Stores: Sendable {
    public var savedChecks: @Sendable (Request) -> any SavedCheckStore

    public init(savedChecks: @escaping @Sendable (Request) -> any SavedCheckStore) {
        self.savedChecks = savedChecks
    }

    /// The configured database (SQLite or PostgreSQL) through Fluent.
    public static let database = Stores(savedChecks: { FluentSavedCheckStore(db: $0.caseDatabase) })

    /// Memory only, shared by every request of one application (tests).
    public static func memory() -> Stores {
        let savedChecks = InMemorySavedCheckStore()
        return Stores(savedChecks: { _ in savedChecks })
    }
}

struct FluentSavedCheckStore: SavedCheckStore {
    /// Writes take the casework's one write path, like every other write.
    let db: CaseDatabase

    func add(_ record: SavedCheckRecord) async throws {
        let model = SavedCheck(record)
        try await db.write { try await model.save(on: $0) }
    }

    func find(token: String) async throws -> SavedCheckRecord? {
        try await SavedCheck.query(on: db.database).filter(\.$token == token).first()?.record
    }

    func replace(_ record: SavedCheckRecord) async throws -> Bool {
        try await db.write { database in
            guard let model = try await SavedCheck.query(on: database).filter(\.$token == record.token).first() else { return false }
            model.update(from: record)
            try await model.save(on: database)
            return true
        }
    }

    func delete(token: String) async throws -> Bool {
        try await db.write { database in
            guard let model = try await SavedCheck.query(on: database).filter(\.$token == token).first() else { return false }
            try await model.delete(on: database)
            return true
        }
    }
}

public actor InMemorySavedCheckStore: SavedCheckStore {
    private var records: [String: SavedCheckRecord] = [:]

    public init() {}

    /// A token already used is refused, as the database's unique index refuses it.
    public func add(_ record: SavedCheckRecord) async throws {
        guard records[record.token] == nil else { throw Abort(.conflict, reason: "token already used") }
        records[record.token] = record
    }

    public func find(token: String) async throws -> SavedCheckRecord? { records[token] }

    public func replace(_ record: SavedCheckRecord) async throws -> Bool {
        guard records[record.token] != nil else { return false }
        records[record.token] = record
        return true
    }

    public func delete(token: String) async throws -> Bool {
        records.removeValue(forKey: token) != nil
    }
}
