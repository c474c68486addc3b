import Fluent
import SQLKit

/// The tables every case type shares, keyed by `case_type` and `case_id`, as 017 made them.
enum CaseTrailTables {
    static let events = "case_events"
    static let attachments = "case_attachments"
    static let revisions = "case_revisions"
}

/// 017: one trail, one attachments table and one revisions table for every case type, in
/// place of one of each per process. Every row moves as it is (ids, times, order), in one
/// transaction; the old tables and their guards go. The new trail is append-only as the old
/// ones were. One way: the rows of three processes cannot be told apart by table again.
struct MoveToOneCaseTrail: AsyncMigration {
    /// Where each case type's rows were until 016.
    static let sources: [(caseType: String, trail: String, attachments: String, revisions: String?)] = [
        ("title-application", "audit_events", "attachments", "application_revisions"),
        ("skill-evaluation", "skill_audit_events", "skill_attachments", "skill_application_revisions"),
        ("question-bank-project", "qb_audit_events", "qb_attachments", nil),
    ]

    static let trail = AppendOnlyTable(name: CaseTrailTables.events, uniqueKeys: [["id"], ["case_id", "version"]])

    func prepare(on database: any Database) async throws {
        try await database.transaction { database in
            try await database.schema(CaseTrailTables.events)
                .id()
                .field("case_type", .string, .required)
                .field("case_id", .uuid, .required)
                .field("version", .int, .required)
                .field("actor_user_id", .uuid)
                .field("actor_name", .string, .required)
                .field("role", .string, .required)
                .field("organisation_id", .uuid)
                .field("organisation_name", .string, .required)
                .field("at", .datetime, .required)
                .field("on_date", .string, .required)
                .field("event", .string, .required)
                .field("detail", .string, .required)
                .field("stage_before", .string, .required)
                .field("stage_after", .string, .required)
                .unique(on: "case_id", "version")
                .create()
            try await database.schema(CaseTrailTables.attachments)
                .id()
                .field("case_type", .string, .required)
                .field("case_id", .uuid, .required)
                .field("label", .string, .required)
                .field("filename", .string, .required)
                .field("content_type", .string, .required)
                .field("size", .int, .required)
                .field("sha256", .string, .required)
                .field("data", .data, .required)
                .field("uploaded_by", .uuid, .required)
                .field("created_at", .datetime)
                .create()
            try await database.schema(CaseTrailTables.revisions)
                .id()
                .field("case_type", .string, .required)
                .field("case_id", .uuid, .required)
                .field("number", .int, .required)
                .field("person", .string, .required)
                .field("frozen_evaluation", .string, .required)
                .field("created_at", .datetime)
                .unique(on: "case_id", "number")
                .create()
            guard let sql = database as? any SQLDatabase else { return }
            try await sql.raw("CREATE INDEX case_attachments_case ON case_attachments (case_id)").run()
            for source in Self.sources {
                try await sql.raw("""
                    INSERT INTO case_events (id, case_type, case_id, version, actor_user_id, actor_name, role, organisation_id, organisation_name,
                        at, on_date, event, detail, stage_before, stage_after)
                    SELECT id, \(bind: source.caseType), application_id, version, actor_user_id, actor_name, role, organisation_id, organisation_name,
                        at, on_date, event, detail, stage_before, stage_after FROM \(ident: source.trail) ORDER BY application_id, version
                    """).run()
                try await sql.raw("""
                    INSERT INTO case_attachments (id, case_type, case_id, label, filename, content_type, size, sha256, data, uploaded_by, created_at)
                    SELECT id, \(bind: source.caseType), application_id, label, filename, content_type, size, sha256, data, uploaded_by, created_at
                    FROM \(ident: source.attachments)
                    """).run()
                if let revisions = source.revisions {
                    try await sql.raw("""
                        INSERT INTO case_revisions (id, case_type, case_id, number, person, frozen_evaluation, created_at)
                        SELECT id, \(bind: source.caseType), application_id, number, person, frozen_evaluation, created_at FROM \(ident: revisions)
                        """).run()
                }
            }
            for source in Self.sources {
                for table in [source.trail, source.attachments] + (source.revisions.map { [$0] } ?? []) {
                    try await sql.raw("DROP TABLE \(ident: table)").run()
                }
                // PostgreSQL keeps a trigger's function when its table goes.
                if sql.dialect.name != "sqlite" { try await sql.raw("DROP FUNCTION IF EXISTS \(ident: source.trail + "_append_only")()").run() }
            }
            try await Self.trail.protect(on: database)
            try await Self.trail.refuseReplaceAndTruncate(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        throw MigrationError.oneWay("017 moved three processes' rows into one trail; it is not undone")
    }
}

enum MigrationError: Error, CustomStringConvertible {
    case oneWay(String)

    var description: String {
        switch self {
        case .oneWay(let why): why
        }
    }
}
