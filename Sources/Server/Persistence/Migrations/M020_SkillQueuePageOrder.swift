import Fluent
import SQLKit

/// 020: the skill queue in pages. Many applications share a day in `updated_on`, so a page
/// needs the id to break ties; 019's indexes are replaced by ones in that order that also hold
/// the stage the queue filters on, so a page's order and its count are read from the indexes
/// alone, never from the applications' wide rows.
struct AddSkillQueuePageOrder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_provider").run()
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_turn").run()
        try await sql.raw("CREATE INDEX skill_applications_by_provider_page ON skill_applications (provider_id, updated_on, id, stage)").run()
        try await sql.raw("CREATE INDEX skill_applications_by_turn_page ON skill_applications (org_due, updated_on, id, stage)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_turn_page").run()
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_provider_page").run()
        try await AddSkillQueueIndexes().prepare(on: database)
    }
}
