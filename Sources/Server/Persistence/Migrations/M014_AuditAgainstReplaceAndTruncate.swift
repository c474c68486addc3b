import Fluent
import SQLKit

/// 014: closes what 006's triggers left open. On SQLite, INSERT OR REPLACE deletes the row it
/// collides with without firing a delete trigger: a trigger before every insert refuses a row
/// that would collide with one already there, on any of the table's unique keys. On PostgreSQL,
/// TRUNCATE fires no row trigger: a statement trigger refuses it. Dropping either takes the
/// tables' owner, which the service need not be (`DatabaseRoles`).
struct GuardAuditAgainstReplaceAndTruncate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        for table in AppendOnlyTable.trailsAt014 { try await table.refuseReplaceAndTruncate(on: database) }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for table in AppendOnlyTable.trailsAt014 {
            if sql.dialect.name == "sqlite" {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table.name)_no_replace").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table.name)_no_truncate ON \(unsafeRaw: table.name)").run()
            }
        }
    }
}

extension AppendOnlyTable {
    /// The append-only trails when 014 ran, with the columns of each of their unique keys.
    static let trailsAt014 = [
        AppendOnlyTable(name: "audit_events", uniqueKeys: [["id"]]),
        AppendOnlyTable(name: "skill_audit_events", uniqueKeys: [["id"], ["application_id", "version"]]),
        AppendOnlyTable(name: "organisation_audit_events", uniqueKeys: [["id"]]),
        AppendOnlyTable(name: "qb_audit_events", uniqueKeys: [["id"], ["application_id", "version"]]),
    ]

    /// Every append-only trail now (017 moved the three processes' trails into one).
    static let trails = [MoveToOneCaseTrail.trail, CreateCaseReads.table, AppendOnlyTable(name: "organisation_audit_events", uniqueKeys: [["id"]])]

    func refuseReplaceAndTruncate(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            let collides = uniqueKeys.map { key in
                "EXISTS (SELECT 1 FROM \(name) WHERE " + key.map { "\($0) = NEW.\($0)" }.joined(separator: " AND ") + ")"
            }.joined(separator: " OR ")
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: name)_no_replace BEFORE INSERT ON \(unsafeRaw: name) WHEN \(unsafeRaw: collides)
                BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: name) is append-only'); END
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER \(unsafeRaw: name)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: name)
                FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: name)_append_only()
                """).run()
        }
    }
}
