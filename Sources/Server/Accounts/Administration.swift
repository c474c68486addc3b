import Access
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// What an administrator does, for the `guantong admin` commands, the demo and the tests:
/// organisations, officers and their roles, password resets. Never reachable over HTTP.
public struct Administration: Sendable {
    let accounts: AccountService

    public init(_ app: Application) {
        accounts = AccountService(db: app.caseDatabase, hasher: app.passwordHasher, base: app.policy)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as Problem {
            let fields = problem.errors.map { "\($0.field)：\($0.message)" }.joined(separator: "；")
            throw Failure(description: [problem.title, fields.isEmpty ? problem.detail ?? "" : fields].filter { !$0.isEmpty }.joined(separator: "："))
        }
    }

    /// The new organisation's id. `handlers`: role → organisation id of the office handling that step for an employer's staff.
    @discardableResult
    public func createOrganisation(kind: String, name: String, jurisdiction: String, level: String? = nil, committee: String? = nil,
                                   handlers: [String: String] = [:], provides: String? = nil) async throws -> String {
        try await run {
            guard let parsed = OrganisationKind(rawValue: kind) else {
                throw Problem.invalid(field: "kind", "机构类别应为 " + OrganisationKind.allCases.map(\.rawValue).joined(separator: "、"))
            }
            var adminLevel: AdminLevel?
            if let level {
                guard let value = AdminLevel(rawValue: level) else { throw Problem.invalid(field: "level", "层级应为 county、city 或 province") }
                adminLevel = value
            }
            let model = try await accounts.createOrganisation(kind: parsed, name: name, jurisdiction: jurisdiction, level: adminLevel, committee: committee,
                                                              handlers: handlers, provides: provides)
            return model.ref.id
        }
    }

    /// The new user's id.
    @discardableResult
    public func createUser(username: String, displayName: String, password: String) async throws -> String {
        try await run { try await accounts.createUser(username: username, displayName: displayName, password: password).id.uuidString }
    }

    public func grant(role: String, to username: String, in organisation: String) async throws {
        try await run {
            guard let parsed = Role(rawValue: role) else { throw Problem.invalid(field: "role", "没有角色「\(role)」") }
            try await accounts.grant(parsed, to: accounts.user(named: username), in: accounts.organisation(organisation))
        }
    }

    /// True when the role was held.
    @discardableResult
    public func revoke(role: String, from username: String, in organisation: String) async throws -> Bool {
        try await run {
            guard let parsed = Role(rawValue: role) else { throw Problem.invalid(field: "role", "没有角色「\(role)」") }
            return try await accounts.revoke(parsed, from: accounts.user(named: username), in: accounts.organisation(organisation))
        }
    }

    /// Sets a new password and ends the user's sessions.
    public func resetPassword(_ username: String, to password: String) async throws {
        _ = try await run { try await accounts.setPassword(accounts.user(named: username), to: password) }
    }

    public struct OrganisationLine: Sendable {
        public let id: String
        public let kind: String
        public let name: String
        public let jurisdiction: String
        public let level: String?
        public let committee: String?
        /// What an evaluation organisation covers or an employer is qualified for, each with its source.
        public let coverage: [String]
    }

    public func organisations() async throws -> [OrganisationLine] {
        try await accounts.database.organisations.all().map {
            OrganisationLine(id: $0.ref.id, kind: $0.ref.kind.rawValue, name: $0.ref.name, jurisdiction: $0.ref.jurisdiction, level: $0.ref.level?.rawValue,
                             committee: $0.ref.committee, coverage: $0.skillCoverage.map { "\($0.summary)（\($0.source)）" })
        }
    }

    /// Marks an employer as a 自主评价 enterprise for an occupation and levels; returns what it now covers.
    public func qualify(organisation: String, occupation: String, levels: [String], source: String) async throws -> [String] {
        try await run {
            let model = try await accounts.organisation(organisation)
            return try await accounts.qualify(model, occupation: occupation, levels: levels, source: source).map { "\($0.summary)（\($0.source)）" }
        }
    }
}

/// Opens the database for the administrator's commands: the same schema and password hash as the server, no routes.
public func configureForAdministration(_ app: Application, services: PolicyServices, database: DatabaseChoice) async throws {
    app.policy = services
    try await useDatabase(app, database)
    await PasswordHashing.use(app, cost: 12)
}
