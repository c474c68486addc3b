import Fluent
import Foundation
import SQLKit

/// PostgreSQL run with two roles (README, 数据库角色): the owner creates and migrates the
/// tables; the service's role may read and write them but only read and add to the trails,
/// never TRUNCATE, and, not owning them, cannot drop or disable their triggers.
enum DatabaseRoles {
    static let owner = DatabaseID(string: "owner")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Grants the service's role its rights, after every migration (new tables included).
    static func grant(serviceURL: String, on database: any Database) async throws {
        guard let role = URLComponents(string: serviceURL)?.user, !role.isEmpty else {
            throw Failure(description: "DATABASE_URL 须写明服务所用的角色（postgres://角色:密码@主机/库）")
        }
        guard let sql = database as? any SQLDatabase else { return }
        let trails = AppendOnlyTable.trails.map { SQLIdentifier($0.name) }
        try await sql.raw("GRANT USAGE ON SCHEMA public TO \(ident: role)").run()
        try await sql.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(ident: role)").run()
        try await sql.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO \(ident: role)").run()
        try await sql.raw("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON \(SQLList(trails)) FROM \(ident: role)").run()
        try await sql.raw("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON _fluent_migrations FROM \(ident: role)").run()
    }
}
