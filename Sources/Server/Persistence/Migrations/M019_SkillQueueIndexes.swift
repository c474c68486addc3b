import Fluent
import SQLKit

/// 019: a provider's skill queue read in order from an index, not by scanning and sorting every
/// application: one index for the applications it was chosen for, one for those whose turn it is.
struct AddSkillQueueIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX skill_applications_by_provider ON skill_applications (provider_id, updated_on)").run()
        try await sql.raw("CREATE INDEX skill_applications_by_turn ON skill_applications (org_due, updated_on)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_turn").run()
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_provider").run()
    }
}
