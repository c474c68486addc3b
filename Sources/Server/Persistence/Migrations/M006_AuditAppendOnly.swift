import Fluent
import SQLKit

/// 006: the audit trail is append-only in the database itself: UPDATE and DELETE on it fail,
/// whatever code issues them.
struct MakeAuditAppendOnly: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for action in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: action.lowercased()) BEFORE \(unsafeRaw: action) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
