import Fluent
import SQLKit

/// 006: the audit trail is append-only in the database itself: UPDATE and DELETE on it fail,
/// whatever code issues them.
struct MakeAuditAppendOnly: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await AppendOnlyTable(name: "audit_events").protect(on: database)
    }

    func revert(on database: any Database) async throws {
        try await AppendOnlyTable(name: "audit_events").release(on: database)
    }
}

/// A table whose rows the database refuses to change or delete (triggers on SQLite and PostgreSQL).
struct AppendOnlyTable {
    let name: String
    /// Its unique keys (014 refuses an insert that would collide on any).
    var uniqueKeys: [[String]] = [["id"]]

    func protect(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for action in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER \(unsafeRaw: name)_no_\(unsafeRaw: action.lowercased()) BEFORE \(unsafeRaw: action) ON \(unsafeRaw: name)
                    BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: name) is append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE FUNCTION \(unsafeRaw: name)_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION '\(unsafeRaw: name) is append-only'; END $$
                """).run()
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: name)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: name)
                FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: name)_append_only()
                """).run()
        }
    }

    func release(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)_no_update").run()
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: name)_append_only ON \(unsafeRaw: name)").run()
            try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: name)_append_only()").run()
        }
    }
}
