import Fluent
import Foundation
import Store
import Vapor

/// The stores a request reaches, chosen once at start-up.
public struct Stores: Sendable {
    public var savedChecks: @Sendable (Request) -> any SavedCheckStore

    public init(savedChecks: @escaping @Sendable (Request) -> any SavedCheckStore) {
        self.savedChecks = savedChecks
    }

    /// The configured database (SQLite or PostgreSQL).
    public static let database = Stores(savedChecks: { request in DatabaseSavedCheckStore(db: request.caseDatabase, now: request.policy.clock.now) })

    /// Memory only, shared by every request of one application (tests).
    public static func memory() -> Stores {
        let savedChecks = InMemorySavedCheckStore()
        return Stores(savedChecks: { _ in savedChecks })
    }
}

/// The saved checks in the configured database, each write through the casework's one write path.
struct DatabaseSavedCheckStore: SavedCheckStore {
    let db: CaseDatabase
    let now: @Sendable () -> Date

    private func kept(_ database: any Database) throws -> SQLSavedChecks { SQLSavedChecks(try database.sql, now: now) }

    func add(_ record: SavedCheckRecord) async throws { try await db.write { try await kept($0).add(record) } }
    func find(token: String) async throws -> SavedCheckRecord? { try await kept(db.database).find(token: token) }
    func replace(_ record: SavedCheckRecord) async throws -> Bool { try await db.write { try await kept($0).replace(record) } }
    func delete(token: String) async throws -> Bool { try await db.write { try await kept($0).delete(token: token) } }
}
