import Fluent
import Store

/// 001: saved checks, looked up by their random token.
struct CreateSavedCheck: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SQLSavedChecks.table)
            .id()
            .field("token", .string, .required)
            .field("query", .string, .required)
            .field("statuses", .string, .required)
            .field("saved_on", .string, .required)
            .field("evaluated_as_of", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SQLSavedChecks.table).delete()
    }
}
