import Fluent
import SQLKit

/// 018: officers' reads of a case and its attachments, kept like the trail (append-only): who,
/// in which role and organisation, when, what. The applicant sees them on the case.
struct CreateCaseReads: AsyncMigration {
    static let table = AppendOnlyTable(name: "case_reads", uniqueKeys: [["id"]])

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.table.name)
            .id()
            .field("case_type", .string, .required)
            .field("case_id", .uuid, .required)
            .field("reader_user_id", .uuid, .required)
            .field("reader_name", .string, .required)
            .field("role", .string, .required)
            .field("organisation_id", .uuid)
            .field("organisation_name", .string, .required)
            .field("what", .string, .required)
            .field("detail", .string, .required)
            .field("at", .datetime, .required)
            .field("on_date", .string, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("CREATE INDEX case_reads_case ON case_reads (case_id, at)").run()
        }
        try await Self.table.protect(on: database)
        try await Self.table.refuseReplaceAndTruncate(on: database)
    }

    func revert(on database: any Database) async throws {
        try await Self.table.release(on: database)
        try await database.schema(Self.table.name).delete()
    }
}
