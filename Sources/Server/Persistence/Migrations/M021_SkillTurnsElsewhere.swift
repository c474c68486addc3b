import Fluent
import SQLKit

/// 021: the skill queue's second half is the applications whose turn the organisation holds
/// though another provider was chosen. With the provider in the turn index after `org_due`,
/// those are two ranges of it (provider below and above its own id) read from the index alone:
/// no sort to drop the lines both halves hold, and a count that never reads a wide row.
struct AddSkillTurnsElsewhere: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_by_turn_page").run()
        try await sql.raw("CREATE INDEX skill_applications_turns_elsewhere ON skill_applications (org_due, provider_id, updated_on, id, stage)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS skill_applications_turns_elsewhere").run()
        try await sql.raw("CREATE INDEX skill_applications_by_turn_page ON skill_applications (org_due, updated_on, id, stage)").run()
    }
}
