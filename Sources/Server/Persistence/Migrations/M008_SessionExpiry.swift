import Fluent
import Foundation
import SQLKit

/// 008: when each signed-in session ends, so that ended sessions can be swept from the table.
/// Sessions already stored are given a full lifetime from now.
struct AddSessionExpiry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE _fluent_sessions ADD COLUMN expires_at DOUBLE PRECISION").run()
        try await sql.raw("UPDATE _fluent_sessions SET expires_at = \(bind: Date().timeIntervalSince1970 + SignedInSession.lifetime)").run()
        try await sql.raw("CREATE INDEX fluent_sessions_expiry ON _fluent_sessions (expires_at)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS fluent_sessions_expiry").run()
        try await sql.raw("ALTER TABLE _fluent_sessions DROP COLUMN expires_at").run()
    }
}
