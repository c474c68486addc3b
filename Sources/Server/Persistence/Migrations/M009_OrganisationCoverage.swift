import Fluent
import SQLKit

/// 009: what an evaluation organisation covers, or an employer is qualified to evaluate
/// itself (JSON list of SkillCoverage; empty for every other organisation).
struct AddOrganisationCoverage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organisations ADD COLUMN coverage TEXT NOT NULL DEFAULT '[]'").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organisations DROP COLUMN coverage").run()
    }
}
