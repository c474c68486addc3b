import Fluent
import SQLKit

/// 015: one title application per person, plan and level, withdrawn ones aside, held by the
/// database too: two submissions at once on PostgreSQL cannot both pass the service's check.
struct AddOneApplicationPerPlanAndLevel: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE UNIQUE INDEX applications_one_per_plan_level ON applications (applicant_id, plan_id, level) WHERE stage <> 'withdrawn'
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS applications_one_per_plan_level").run()
    }
}
