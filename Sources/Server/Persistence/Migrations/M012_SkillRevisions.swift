import Fluent
import Store

/// 012: a skill application's earlier answers, kept when it is resubmitted (as title applications' are).
struct CreateSkillRevisions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("skill_application_revisions")
            .id()
            .field("application_id", .uuid, .required, .references(SQLSkillCaseStore.applications, "id"))
            .field("number", .int, .required)
            .field("person", .string, .required)
            .field("frozen_evaluation", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "application_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("skill_application_revisions").delete()
    }
}
