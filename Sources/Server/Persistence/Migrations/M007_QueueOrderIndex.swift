import Fluent
import SQLKit

/// 007: an index that holds an office's queue filtered by plan and stage in the order it is
/// shown, so a page reads its fifty lines and the count never touches the wide rows.
struct AddQueueOrderIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX applications_queue_order ON applications (org_due, plan_id, stage, submitted_on, id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS applications_queue_order").run()
    }
}
