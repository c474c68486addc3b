import Fluent
import Store

/// 016: the place a person's record was saved for (the region chosen on the record's form),
/// so their page offers that place's options and others only on request.
struct AddRecordJurisdiction: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SQLPersonRecords.records).field("jurisdiction", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SQLPersonRecords.records).deleteField("jurisdiction").update()
    }
}
