import Access
import Domain
import Foundation
import SQLKit
import Store
import Workflow

extension OrganisationRef {
    /// An organisation as stored: `handlers` is its JSON role → office id map.
    static func stored(id: String, kind: String, name: String, jurisdiction: String, level: String?, committee: String?, handlers: String) -> OrganisationRef {
        OrganisationRef(id: id, kind: OrganisationKind(rawValue: kind) ?? .employer, name: name, jurisdiction: jurisdiction,
                        level: level.flatMap(AdminLevel.init(rawValue:)), committee: committee,
                        handlers: (try? StoredJSON.decode([String: String].self, handlers)) ?? [:])
    }
}

/// A user's principal (name, roles and the organisations they are held in) in one SQL query.
/// It runs on every signed-in request, so it reads plain rows instead of building Fluent models.
struct PrincipalLookup: Sendable {
    let database: any SQLDatabase

    struct Found: Sendable {
        let principal: Principal
        /// Raised on a password change: a session from an earlier epoch is over.
        let sessionEpoch: Int
    }

    func find(_ userID: UUID) async throws -> Found? {
        let rows = try await database.raw("""
            SELECT u.display_name, u.session_epoch, m.role, o.id AS organisation_id, o.kind, o.name, o.jurisdiction, o.level, o.committee, o.handlers
            FROM \(ident: UserModel.schema) u
            LEFT JOIN \(ident: MembershipModel.schema) m ON m.user_id = u.id
            LEFT JOIN \(ident: OrganisationModel.schema) o ON o.id = m.organisation_id
            WHERE u.id = \(bind: userID)
            """).all()
        guard let first = rows.first else { return nil }
        func text(_ row: any SQLRow, _ column: String) throws -> String? {
            try row.decodeNil(column: column) ? nil : row.decode(column: column, as: String.self)
        }
        let memberships = try rows.compactMap { row -> Membership? in
            guard let role = try text(row, "role").flatMap(Role.init(rawValue:)), let organisation = try OrganisationRef.read(row, id: "organisation_id") else { return nil }
            return Membership(role: role, organisation: organisation)
        }
        let principal = Principal(userID: userID.uuidString, displayName: try text(first, "display_name") ?? "", memberships: memberships)
        return Found(principal: principal, sessionEpoch: try first.decode(column: "session_epoch", as: Int.self))
    }
}
