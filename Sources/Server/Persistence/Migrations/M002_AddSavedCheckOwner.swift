import Fluent
import Store

/// 002: a saved check's owner key (hashed), so that only the saving browser may change or
/// delete it. Records saved before it have none and can no longer be changed, only opened.
struct AddSavedCheckOwner: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SQLSavedChecks.table).field("owner_key_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SQLSavedChecks.table).deleteField("owner_key_hash").update()
    }
}
