import Fluent
import Store

/// 011: what an organisation does that belongs to no single case (an assessment batch set up),
/// append-only like the cases' trails.
struct CreateOrganisationAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SQLOrganisationStore.trail)
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("actor_user_id", .uuid, .required)
            .field("actor_name", .string, .required)
            .field("role", .string, .required)
            .field("at", .datetime, .required)
            .field("on_date", .string, .required)
            .field("event", .string, .required)
            .field("detail", .string, .required)
            .create()
        try await AppendOnlyTable(name: SQLOrganisationStore.trail).protect(on: database)
    }

    func revert(on database: any Database) async throws {
        try await AppendOnlyTable(name: SQLOrganisationStore.trail).release(on: database)
        try await database.schema(SQLOrganisationStore.trail).delete()
    }
}
