import FluentPostgresDriver
import Foundation
import Vapor

/// Brings a shared PostgreSQL schema up to date one process at a time: servers (and test
/// processes) starting together would otherwise each try to create the same tables.
enum MigrationLock {
    /// Any fixed number names the lock; every Guantong process uses this one.
    private static let key: Int64 = 0x6775_616E_746F_6E67  // "guantong"

    /// Runs `body` while holding a session-level advisory lock on a connection of its own,
    /// outside the pool the migrations use (a pooled one could starve them).
    static func withPostgresLock(url: String, app: Application, _ body: () async throws -> Void) async throws {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(
            on: app.eventLoopGroup.any(), configuration: configuration, id: 0, logger: app.logger)
        do {
            _ = try await connection.query("SELECT pg_advisory_lock(\(key))", logger: app.logger)
            try await body()
        } catch {
            try? await connection.close()
            throw error
        }
        // Closing the connection releases the lock, also when the process dies mid-way.
        try await connection.close()
    }
}
