import Access
import Foundation
import SQLKit
import Workflow

/// A person who signs in. The password is kept only as its slow hash.
public struct Account: Sendable, Hashable {
    public var id: UUID
    public var username: String
    public var displayName: String
    public var passwordHash: String
    /// Raised on a password change or reset: sessions started before it end.
    public var sessionEpoch: Int

    public init(id: UUID = UUID(), username: String, displayName: String, passwordHash: String, sessionEpoch: Int = 0) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.sessionEpoch = sessionEpoch
    }
}

/// Accounts and the roles they hold in organisations: one interface, kept in SQL
/// (`SQLAccountStore`) or in memory (`InMemoryAccountStore`).
public protocol AccountStore: Sendable {
    func account(named username: String) async throws -> Account?
    func account(_ id: UUID) async throws -> Account?
    /// A taken username is refused by the store (unique).
    func add(_ account: Account, at now: Date) async throws
    func setPassword(of id: UUID, hash: String, sessionEpoch: Int) async throws
    /// A role held already is refused by the store (unique).
    func grant(_ role: Role, to user: UUID, in organisation: UUID, at now: Date) async throws
    /// True when the role was held.
    func revoke(_ role: Role, from user: UUID, in organisation: UUID) async throws -> Bool
    /// The user's name, roles and the organisations they are held in, with the session epoch.
    func principal(of user: UUID) async throws -> AccountHolder?
}

/// Who holds an account, as a signed-in request needs them: name and roles, and the session
/// epoch a session must carry to be still valid.
public struct AccountHolder: Sendable, Hashable {
    public let principal: Principal
    public let sessionEpoch: Int

    public init(principal: Principal, sessionEpoch: Int) {
        self.principal = principal
        self.sessionEpoch = sessionEpoch
    }
}

extension OrganisationRef {
    /// An organisation as stored: `handlers` is its JSON role → office id map.
    public static func stored(id: String, kind: String, name: String, jurisdiction: String, level: String?, committee: String?, handlers: String) -> OrganisationRef {
        OrganisationRef(id: id, kind: OrganisationKind(rawValue: kind) ?? .employer, name: name, jurisdiction: jurisdiction,
                        level: level.flatMap(AdminLevel.init(rawValue:)), committee: committee,
                        handlers: (try? StoredJSON.decode([String: String].self, handlers)) ?? [:])
    }

    /// The organisation in a row holding its columns (`id` under the name given).
    public static func read(_ row: any SQLRow, id column: String = "id") throws -> OrganisationRef? {
        guard let id = try row.optionalText(column), let kind = try row.optionalText("kind"), let name = try row.optionalText("name"),
              let jurisdiction = try row.optionalText("jurisdiction") else { return nil }
        return .stored(id: id.uppercased(), kind: kind, name: name, jurisdiction: jurisdiction, level: try row.optionalText("level"),
                       committee: try row.optionalText("committee"), handlers: try row.optionalText("handlers") ?? "{}")
    }
}

/// The accounts in the tables `users` and `memberships` (migration 003), through SQLKit.
public struct SQLAccountStore: AccountStore {
    public static let users = "users"
    public static let memberships = "memberships"
    public static let organisations = "organisations"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    private func account(where column: String, _ value: some Encodable & Sendable) async throws -> Account? {
        try await sql.select().columns("id", "username", "display_name", "password_hash", "session_epoch").from(Self.users)
            .where(SQLColumn(column), .equal, SQLBind(value)).first()
            .map { row in
                Account(id: try row.decode(column: "id", as: UUID.self), username: try row.decode(column: "username", as: String.self),
                        displayName: try row.decode(column: "display_name", as: String.self),
                        passwordHash: try row.decode(column: "password_hash", as: String.self),
                        sessionEpoch: try row.decode(column: "session_epoch", as: Int.self))
            }
    }

    public func account(named username: String) async throws -> Account? { try await account(where: "username", username) }

    public func account(_ id: UUID) async throws -> Account? { try await account(where: "id", id) }

    public func add(_ account: Account, at now: Date) async throws {
        try await sql.insert(into: Self.users).columns("id", "username", "display_name", "password_hash", "session_epoch", "created_at")
            .values(SQLBind(account.id), SQLBind(account.username), SQLBind(account.displayName), SQLBind(account.passwordHash),
                    SQLBind(account.sessionEpoch), SQLBind(now))
            .run()
    }

    public func setPassword(of id: UUID, hash: String, sessionEpoch: Int) async throws {
        try await sql.update(Self.users).set("password_hash", to: SQLBind(hash)).set("session_epoch", to: SQLBind(sessionEpoch))
            .where("id", .equal, SQLBind(id)).run()
    }

    public func grant(_ role: Role, to user: UUID, in organisation: UUID, at now: Date) async throws {
        try await sql.insert(into: Self.memberships).columns("id", "user_id", "organisation_id", "role", "created_at")
            .values(SQLBind(UUID()), SQLBind(user), SQLBind(organisation), SQLBind(role.rawValue), SQLBind(now))
            .run()
    }

    public func revoke(_ role: Role, from user: UUID, in organisation: UUID) async throws -> Bool {
        let held = try await sql.select().column("id").from(Self.memberships)
            .where("user_id", .equal, SQLBind(user)).where("organisation_id", .equal, SQLBind(organisation))
            .where("role", .equal, SQLBind(role.rawValue)).all()
        guard !held.isEmpty else { return false }
        try await sql.delete(from: Self.memberships)
            .where("user_id", .equal, SQLBind(user)).where("organisation_id", .equal, SQLBind(organisation))
            .where("role", .equal, SQLBind(role.rawValue)).run()
        return true
    }

    /// One query: it runs wherever a request's session did not bring its holder.
    public func principal(of user: UUID) async throws -> AccountHolder? {
        try Self.holder(user, rows: try await sql.raw("""
            SELECT \(unsafeRaw: Self.holderColumns) FROM \(ident: Self.users) u \(unsafeRaw: Self.holderJoins) WHERE u.id = \(bind: user)
            """).all())
    }

    /// The columns and joins that read a user's name, session epoch and roles (one row a role),
    /// with the user's table as `u`: signed-in sessions read them with the session.
    static let holderColumns = "u.display_name, u.session_epoch, m.role, o.id AS organisation_id, o.kind, o.name, o.jurisdiction, o.level, o.committee, o.handlers"
    static let holderJoins = "LEFT JOIN \(memberships) m ON m.user_id = u.id LEFT JOIN \(organisations) o ON o.id = m.organisation_id"

    /// The holder in rows of `holderColumns`; nil when there is none (no such user).
    static func holder(_ user: UUID, rows: [any SQLRow]) throws -> AccountHolder? {
        guard let first = rows.first, !(try first.decodeNil(column: "session_epoch")) else { return nil }
        let memberships = try rows.compactMap { row -> Membership? in
            guard let role = try row.optionalText("role").flatMap(Role.init(rawValue:)), let organisation = try OrganisationRef.read(row, id: "organisation_id") else { return nil }
            return Membership(role: role, organisation: organisation)
        }
        let principal = Principal(userID: user.uuidString, displayName: try first.optionalText("display_name") ?? "", memberships: memberships)
        return AccountHolder(principal: principal, sessionEpoch: try first.decode(column: "session_epoch", as: Int.self))
    }
}

/// The accounts in memory, over organisations given at the start: the same contract, for tests.
public final class InMemoryAccountStore: AccountStore {
    private struct Contents {
        var accounts: [UUID: Account] = [:]
        var memberships: [(user: UUID, organisation: UUID, role: Role)] = []
    }

    private let kept = Locked(Contents())
    private let organisations: [UUID: OrganisationRef]

    public init(organisations: [OrganisationRef] = []) {
        self.organisations = Dictionary(organisations.compactMap { ref in UUID(uuidString: ref.id).map { ($0, ref) } }, uniquingKeysWith: { first, _ in first })
    }

    public func account(named username: String) async throws -> Account? {
        kept.withLock { $0.accounts.values.first { $0.username == username } }
    }

    public func account(_ id: UUID) async throws -> Account? { kept.withLock { $0.accounts[id] } }

    public func add(_ account: Account, at now: Date) async throws {
        try kept.withLock { contents in
            guard !contents.accounts.values.contains(where: { $0.username == account.username }), contents.accounts[account.id] == nil else {
                throw StoreFailure("用户名「\(account.username)」已有人使用")
            }
            contents.accounts[account.id] = account
        }
    }

    public func setPassword(of id: UUID, hash: String, sessionEpoch: Int) async throws {
        kept.withLock { contents in
            contents.accounts[id]?.passwordHash = hash
            contents.accounts[id]?.sessionEpoch = sessionEpoch
        }
    }

    public func grant(_ role: Role, to user: UUID, in organisation: UUID, at now: Date) async throws {
        try kept.withLock { contents in
            guard !contents.memberships.contains(where: { $0 == (user, organisation, role) }) else { throw StoreFailure("已担任这个角色") }
            contents.memberships.append((user, organisation, role))
        }
    }

    public func revoke(_ role: Role, from user: UUID, in organisation: UUID) async throws -> Bool {
        kept.withLock { contents in
            let before = contents.memberships.count
            contents.memberships.removeAll { $0 == (user, organisation, role) }
            return contents.memberships.count != before
        }
    }

    public func principal(of user: UUID) async throws -> AccountHolder? {
        kept.withLock { contents in
            guard let account = contents.accounts[user] else { return nil }
            let memberships = contents.memberships.filter { $0.user == user }.compactMap { held in
                organisations[held.organisation].map { Membership(role: held.role, organisation: $0) }
            }
            return AccountHolder(principal: Principal(userID: user.uuidString, displayName: account.displayName, memberships: memberships),
                                 sessionEpoch: account.sessionEpoch)
        }
    }
}
