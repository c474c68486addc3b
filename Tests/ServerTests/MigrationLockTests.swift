import Foundation
import SQLKit
import Server
import Testing
import Vapor

/// Servers that start together against one new PostgreSQL database all come up with one
/// schema: each waits for the one migrating instead of creating the same tables again.
@Suite struct MigrationLockTests {
    static let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? ""

    @Test(.enabled(if: !url.isEmpty, "needs TEST_DATABASE_URL"))
    func serversStartingTogetherMigrateOnce() async throws {
        let name = "guantong_migrate_\(UInt32.random(in: 0...UInt32.max))"
        let fresh = try #require(Self.url.replacingOccurrences(of: "/guantong_test", with: "/\(name)").nilIfSame(Self.url))
        try await Self.create(name)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let app = try await Application.make(.testing)
                        do {
                            try await configureForAdministration(app, services: PolicyServices(base: TestServer.base), database: .postgres(fresh))
                        } catch {
                            try await app.asyncShutdown()
                            throw error
                        }
                        try await app.asyncShutdown()
                    }
                }
                try await group.waitForAll()
            }
            let app = try await Application.make(.testing)
            try await configureForAdministration(app, services: PolicyServices(base: TestServer.base), database: .postgres(fresh))
            let sql = try #require(app.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT name FROM _fluent_migrations").all()
            let names = try rows.map { try $0.decode(column: "name", as: String.self) }
            #expect(!names.isEmpty)
            #expect(Set(names).count == names.count, "each migration recorded once: \(names)")
            try await app.asyncShutdown()
        } catch {
            try await Self.drop(name)
            throw error
        }
        try await Self.drop(name)
    }

    /// A new database; PostgreSQL refuses two CREATE DATABASE at once (both copy template1),
    /// so a test running beside another retries.
    static func create(_ name: String) async throws {
        for attempt in 1...10 {
            do {
                try await onTestDatabase { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
                return
            } catch where attempt < 10 {
                try await Task.sleep(for: .milliseconds(300))
            }
        }
    }

    static func drop(_ name: String) async throws {
        try await onTestDatabase { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
    }

    static func onTestDatabase(_ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try await configureForAdministration(app, services: PolicyServices(base: TestServer.base), database: .postgres(url))
            try await body(try #require(app.db as? any SQLDatabase))
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

private extension String {
    func nilIfSame(_ other: String) -> String? { self == other ? nil : self }
}
