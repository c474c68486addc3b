import Fluent
import Store

/// 003: organisations, users, the roles they hold, the person's record and titles issued.
struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("jurisdiction", .string, .required)
            .field("level", .string)
            .field("committee", .string)
            .field("handlers", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "kind", "name")
            .create()
        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("session_epoch", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema("memberships")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("role", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "organisation_id", "role")
            .create()
        try await database.schema(SQLPersonRecords.records)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("person", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "user_id")
            .create()
        try await database.schema(SQLPersonRecords.titles)
            .id()
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("application_id", .uuid, .required)
            .field("series", .string)
            .field("specialty", .string)
            .field("level", .string, .required)
            .field("issued_on", .string, .required)
            .field("decision", .string, .required)
            .field("committee", .string, .required)
            .unique(on: "application_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [SQLPersonRecords.titles, SQLPersonRecords.records, "memberships", "users", "organisations"] {
            try await database.schema(schema).delete()
        }
    }
}
