import Fluent
import Foundation
import SQLKit
import Store

/// 022: each signed-in session names its user in a column, so that reading a session also
/// reads who holds it (name, roles, session epoch) in the same query. Sessions already stored
/// are given the user their data names.
struct AddSessionHolder: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.schema(SQLSignedInSessions.table).field("user_id", .uuid).update()
        for row in try await sql.select().columns("key", "data").from(SQLSignedInSessions.table).all() {
            let data = try row.decode(column: "data", as: [String: String].self)
            guard let user = data["uid"].flatMap(UUID.init(uuidString:)) else { continue }
            try await sql.update(SQLSignedInSessions.table).set("user_id", to: SQLBind(user))
                .where("key", .equal, SQLBind(try row.decode(column: "key", as: String.self))).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SQLSignedInSessions.table).deleteField("user_id").update()
    }
}
