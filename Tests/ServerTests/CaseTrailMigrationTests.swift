import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Testing
import Vapor
@testable import Server

struct CopyFailure: Error, CustomStringConvertible {
    let table: String
    let detail: String
    var description: String { "copying \(table): \(detail)" }
}

/// Migration 017 moves three processes' trails, attachments and revisions into one table of
/// each. The database of the demo as 016 left it (Tests/Fixtures/demo-016.sqlite: every stage
/// of the three case types, uploads and resubmissions included) is migrated, on SQLite as it
/// is and on PostgreSQL after its rows are copied into a database at 016: nothing is lost,
/// changed or reordered.
@Suite struct CaseTrailMigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/demo-016.sqlite")
    static let postgres = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? ""
    /// The migrations up to 016, and 017 on.
    static let at016 = 16

    /// A case type's rows, each as text, in the order of its cases and versions.
    struct Snapshot: Equatable {
        var events: [String: [[String]]] = [:]
        var attachments: [String: [[String]]] = [:]
        var revisions: [String: [[String]]] = [:]
        /// Each case's stage and version.
        var cases: [String: [[String]]] = [:]
    }

    static let caseTables = ["title-application": "applications", "skill-evaluation": "skill_applications", "question-bank-project": "qb_applications"]

    static func read(_ sql: any SQLDatabase, _ query: SQLQueryString, _ columns: [(String, Any.Type)]) async throws -> [[String]] {
        try await sql.raw(query).all().map { row in
            try columns.map { name, type in
                switch type {
                case is UUID.Type: return try row.decode(column: name, as: UUID?.self)?.uuidString ?? "-"
                case is Int.Type: return String(try row.decode(column: name, as: Int.self))
                case is Date.Type: return String(try row.decode(column: name, as: Date?.self)?.timeIntervalSince1970 ?? -1)
                case is Data.Type: return SHA256.hash(data: try row.decode(column: name, as: Data.self)).map { String(format: "%02x", $0) }.joined()
                default: return try row.decode(column: name, as: String.self)
                }
            }
        }
    }

    static let eventColumns: [(String, Any.Type)] = [("id", UUID.self), ("case", UUID.self), ("version", Int.self), ("actor_user_id", UUID.self),
        ("actor_name", String.self), ("role", String.self), ("organisation_id", UUID.self), ("organisation_name", String.self), ("at", Date.self),
        ("on_date", String.self), ("event", String.self), ("detail", String.self), ("stage_before", String.self), ("stage_after", String.self)]
    static let attachmentColumns: [(String, Any.Type)] = [("id", UUID.self), ("case", UUID.self), ("label", String.self), ("filename", String.self),
        ("content_type", String.self), ("size", Int.self), ("sha256", String.self), ("data", Data.self), ("uploaded_by", UUID.self)]
    static let revisionColumns: [(String, Any.Type)] = [("id", UUID.self), ("case", UUID.self), ("number", Int.self), ("person", String.self),
        ("frozen_evaluation", String.self)]
    static let caseColumns: [(String, Any.Type)] = [("id", UUID.self), ("stage", String.self), ("version", Int.self)]

    static func before(_ sql: any SQLDatabase) async throws -> Snapshot {
        var snapshot = Snapshot()
        for source in MoveToOneCaseTrail.sources {
            snapshot.events[source.caseType] = try await read(sql, "SELECT *, application_id AS \"case\" FROM \(ident: source.trail) ORDER BY application_id, version", eventColumns)
            snapshot.attachments[source.caseType] = try await read(sql, "SELECT *, application_id AS \"case\" FROM \(ident: source.attachments) ORDER BY id", attachmentColumns)
            if let revisions = source.revisions {
                snapshot.revisions[source.caseType] = try await read(sql, "SELECT *, application_id AS \"case\" FROM \(ident: revisions) ORDER BY id", revisionColumns)
            } else {
                snapshot.revisions[source.caseType] = []
            }
            snapshot.cases[source.caseType] = try await read(sql, "SELECT id, stage, version FROM \(ident: caseTables[source.caseType]!) ORDER BY id", caseColumns)
        }
        return snapshot
    }

    static func after(_ sql: any SQLDatabase) async throws -> Snapshot {
        var snapshot = Snapshot()
        for source in MoveToOneCaseTrail.sources {
            let type = source.caseType
            snapshot.events[type] = try await read(sql, "SELECT *, case_id AS \"case\" FROM case_events WHERE case_type = \(bind: type) ORDER BY case_id, version", eventColumns)
            snapshot.attachments[type] = try await read(sql, "SELECT *, case_id AS \"case\" FROM case_attachments WHERE case_type = \(bind: type) ORDER BY id", attachmentColumns)
            snapshot.revisions[type] = try await read(sql, "SELECT *, case_id AS \"case\" FROM case_revisions WHERE case_type = \(bind: type) ORDER BY id", revisionColumns)
            snapshot.cases[type] = try await read(sql, "SELECT id, stage, version FROM \(ident: caseTables[type]!) ORDER BY id", caseColumns)
        }
        return snapshot
    }

    /// What the fixture must hold for the move to prove anything, and that it all arrived.
    static func check(before: Snapshot, after: Snapshot, on sql: any SQLDatabase) async throws {
        for type in caseTables.keys {
            let events = before.events[type] ?? [], attachments = before.attachments[type] ?? [], cases = before.cases[type] ?? []
            #expect(!events.isEmpty, "\(type) has events")
            #expect(!attachments.isEmpty, "\(type) has attachments")
            #expect(!cases.isEmpty, "\(type) has cases")
        }
        let titleRevisions = before.revisions["title-application"] ?? [], skillRevisions = before.revisions["skill-evaluation"] ?? []
        #expect(!titleRevisions.isEmpty)
        #expect(!skillRevisions.isEmpty)
        #expect(after == before)
        // Every attachment's bytes still match the SHA-256 recorded at upload.
        for rows in after.attachments.values { for row in rows { #expect(row[6] == row[7], "attachment \(row[0])") } }
        // Every case shows the same history, one row a version, ending at its stage.
        for (type, cases) in after.cases {
            let history = Dictionary(grouping: after.events[type] ?? [], by: { $0[1] })
            for row in cases {
                let events = history[row[0]] ?? []
                let versions: [String] = events.map { $0[2] }
                let expected: [String] = (0...(Int(row[2]) ?? 0)).map { String($0) }
                #expect(versions == expected, "\(type) \(row[0])")
                #expect(events.last?[13] == row[1], "\(type) \(row[0]) ends at \(row[1])")
            }
        }
        let counts = try await sql.raw("SELECT (SELECT count(*) FROM case_events) AS e, (SELECT count(*) FROM case_attachments) AS a, (SELECT count(*) FROM case_revisions) AS r").first()
        let events: Int = before.events.values.map(\.count).reduce(0, +)
        let attachments: Int = before.attachments.values.map(\.count).reduce(0, +)
        let revisions: Int = before.revisions.values.map(\.count).reduce(0, +)
        #expect(try counts?.decode(column: "e", as: Int.self) == events)
        #expect(try counts?.decode(column: "a", as: Int.self) == attachments)
        #expect(try counts?.decode(column: "r", as: Int.self) == revisions)
        // The one trail is append-only as the three were.
        await #expect(throws: (any Error).self) { try await sql.raw("UPDATE case_events SET event = 'issue'").run() }
        await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM case_events").run() }
        for old in ["audit_events", "skill_audit_events", "qb_audit_events", "attachments", "skill_attachments", "qb_attachments"] {
            await #expect(throws: (any Error).self, "\(old) is gone") { try await sql.raw("SELECT count(*) FROM \(ident: old)").run() }
        }
    }

    static func withFixtureCopy(_ body: (String) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-017-\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await body(path)
    }

    @Test func theDemoAt016MovesIntoOneTrailOnSQLite() async throws {
        try await Self.withFixtureCopy { path in
            let app = try await Application.make(.testing)
            do {
                app.databases.use(.sqlite(.file(path)), as: .sqlite)
                let sql = try #require(app.db(.sqlite) as? any SQLDatabase)
                let before = try await Self.before(sql)
                app.migrations.add(Migrations.all, to: .sqlite)
                try await app.autoMigrate()
                try await Self.check(before: before, after: try await Self.after(sql), on: sql)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }

    @Test(.enabled(if: !postgres.isEmpty, "needs TEST_DATABASE_URL"))
    func theDemoAt016MovesIntoOneTrailOnPostgreSQL() async throws {
        let name = "guantong_017_\(UInt32.random(in: 0...UInt32.max))"
        let fresh = Self.postgres.replacingOccurrences(of: "/guantong_test", with: "/\(name)")
        try #require(fresh != Self.postgres)
        try await MigrationLockTests.create(name)
        defer { Task { try? await MigrationLockTests.drop(name) } }
        try await Self.withFixtureCopy { path in
            let app = try await Application.make(.testing)
            do {
                app.databases.use(.sqlite(.file(path)), as: .sqlite)
                app.databases.use(try .postgres(url: fresh), as: .psql)
                let source = try #require(app.db(.sqlite) as? any SQLDatabase)
                let target = try #require(app.db(.psql) as? any SQLDatabase)
                app.migrations.add(Array(Migrations.all.prefix(Self.at016)), to: .psql)
                try await app.autoMigrate()
                try await Self.copy(from: source, to: target)
                let before = try await Self.before(target)
                #expect(before == (try await Self.before(source)))
                app.migrations.add(Array(Migrations.all.dropFirst(Self.at016)), to: .psql)
                try await app.autoMigrate()
                try await Self.check(before: before, after: try await Self.after(target), on: target)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
        try await MigrationLockTests.drop(name)
    }

    /// Every row of the SQLite database into the PostgreSQL one at the same schema, each value
    /// as the PostgreSQL column's type; referenced tables first (the demo's
    /// sign-in sessions aside).
    static func copy(from source: any SQLDatabase, to target: any SQLDatabase) async throws {
        let tables = try await source.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_fluent_migrations', '_fluent_sessions')").all()
            .map { try $0.decode(column: "name", as: String.self) }
        let first = ["users", "organisations", "review_plans", "applications", "assessment_batches", "skill_applications", "qb_reports", "qb_applications"]
        let ordered = first.filter(tables.contains) + tables.filter { !first.contains($0) }.sorted()
        for table in ordered {
            let types = try await target.raw("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = \(bind: table)").all()
                .reduce(into: [String: String]()) { $0[try $1.decode(column: "column_name", as: String.self)] = try $1.decode(column: "data_type", as: String.self) }
            for row in try await source.raw("SELECT * FROM \(ident: table)").all() {
                let columns = row.allColumns.filter { types[$0] != nil }
                var insert = target.insert(into: table).columns(columns)
                let values: [any Encodable & Sendable] = try columns.map { column -> any Encodable & Sendable in
                    switch types[column] ?? "" {
                    case "uuid": return try row.decode(column: column, as: UUID?.self)
                    case "bigint", "integer", "smallint": return try row.decode(column: column, as: Int?.self)
                    case "boolean": return try row.decode(column: column, as: Bool?.self)
                    case "double precision", "real", "numeric": return try row.decode(column: column, as: Double?.self)
                    case "timestamp with time zone", "timestamp without time zone": return try row.decode(column: column, as: Date?.self)
                    case "bytea": return try row.decode(column: column, as: Data?.self)
                    default: return try row.decode(column: column, as: String?.self)
                    }
                }
                insert = insert.values(values.map { SQLBind($0) })
                do { try await insert.run() } catch { throw CopyFailure(table: table, detail: String(reflecting: error)) }
            }
        }
    }
}
