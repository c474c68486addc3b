import Access
import Foundation
import SQLKit

/// An organisation as kept: who it is, and (for an evaluation organisation or a qualified
/// employer) what it covers, as the JSON list the server reads as its skill coverage.
public struct Organisation: Sendable, Hashable {
    public var ref: OrganisationRef
    public var coverage: String

    public init(ref: OrganisationRef, coverage: String = "[]") {
        self.ref = ref
        self.coverage = coverage
    }

    public var id: UUID? { UUID(uuidString: ref.id) }
}

/// Organisations: one interface, kept in SQL (`SQLOrganisationStore`) or in memory.
public protocol OrganisationStore: Sendable {
    func organisation(_ id: UUID) async throws -> Organisation?
    func organisations(_ ids: [UUID]) async throws -> [Organisation]
    /// By name; of a kind and in jurisdictions where given.
    func organisations(kind: OrganisationKind?, in jurisdictions: [String]?, limit: Int) async throws -> [Organisation]
    /// Every organisation, by jurisdiction, kind and name (the administrator's list).
    func all() async throws -> [Organisation]
    /// Every organisation but employers in these jurisdictions: the offices that may handle a step.
    func offices(in jurisdictions: [String]) async throws -> [Organisation]
    /// Those of these jurisdictions that take skill applications: evaluation organisations, and
    /// employers qualified to evaluate their own staff; by name.
    func providers(in jurisdictions: [String]) async throws -> [Organisation]
    /// A (kind, name) taken is refused by the store (unique).
    func add(_ organisation: Organisation, at now: Date) async throws
    func setCoverage(of id: UUID, to coverage: String) async throws
    /// Adds to the organisation's own trail (never changed or deleted).
    func record(_ event: OrganisationEvent) async throws
    /// The organisation's trail, oldest first.
    func events(of organisation: UUID) async throws -> [OrganisationEvent]
}

extension Organisation {
    /// Whether it takes skill applications.
    public var isProvider: Bool { ref.kind == .evaluationOrganisation || coverage != "[]" }
}

/// The organisations in the table `organisations` (migrations 003, 009), through SQLKit.
public struct SQLOrganisationStore: OrganisationStore {
    public static let table = "organisations"
    static let columns = ["id", "kind", "name", "jurisdiction", "level", "committee", "handlers", "coverage"]
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns(Self.columns.map { SQLColumn($0) }).from(Self.table)
    }

    private static func organisation(_ row: any SQLRow) throws -> Organisation? {
        try OrganisationRef.read(row).map { Organisation(ref: $0, coverage: try row.decode(column: "coverage", as: String.self)) }
    }

    public func organisation(_ id: UUID) async throws -> Organisation? {
        try await select().where("id", .equal, SQLBind(id)).first().flatMap(Self.organisation)
    }

    public func organisations(_ ids: [UUID]) async throws -> [Organisation] {
        guard !ids.isEmpty else { return [] }
        return try await select().where("id", .in, SQLBind.group(ids)).all().compactMap(Self.organisation)
    }

    public func organisations(kind: OrganisationKind?, in jurisdictions: [String]?, limit: Int) async throws -> [Organisation] {
        var query = select()
        if let kind { query = query.where("kind", .equal, SQLBind(kind.rawValue)) }
        if let jurisdictions {
            guard !jurisdictions.isEmpty else { return [] }
            query = query.where("jurisdiction", .in, SQLBind.group(jurisdictions))
        }
        return try await query.orderBy("name").limit(limit).all().compactMap(Self.organisation)
    }

    public func all() async throws -> [Organisation] {
        try await select().orderBy("jurisdiction").orderBy("kind").orderBy("name").all().compactMap(Self.organisation)
    }

    public func offices(in jurisdictions: [String]) async throws -> [Organisation] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await select().where("jurisdiction", .in, SQLBind.group(jurisdictions))
            .where("kind", .notEqual, SQLBind(OrganisationKind.employer.rawValue)).all().compactMap(Self.organisation)
    }

    public func providers(in jurisdictions: [String]) async throws -> [Organisation] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await select().where("jurisdiction", .in, SQLBind.group(jurisdictions))
            .where { $0.where("kind", .equal, SQLBind(OrganisationKind.evaluationOrganisation.rawValue)).orWhere("coverage", .notEqual, SQLBind("[]")) }
            .orderBy("name").all().compactMap(Self.organisation)
    }

    public func add(_ organisation: Organisation, at now: Date) async throws {
        let ref = organisation.ref
        try await sql.insert(into: Self.table).columns(Self.columns + ["created_at"])
            .values(SQLBind(organisation.id ?? UUID()), SQLBind(ref.kind.rawValue), SQLBind(ref.name), SQLBind(ref.jurisdiction), SQLBind(ref.level?.rawValue),
                    SQLBind(ref.committee), SQLBind(try StoredJSON.encode(ref.handlers)), SQLBind(organisation.coverage), SQLBind(now))
            .run()
    }

    public func setCoverage(of id: UUID, to coverage: String) async throws {
        try await sql.update(Self.table).set("coverage", to: SQLBind(coverage)).where("id", .equal, SQLBind(id)).run()
    }

    public static let trail = "organisation_audit_events"

    public func record(_ event: OrganisationEvent) async throws {
        try await sql.insert(into: Self.trail).model(event).run()
    }

    public func events(of organisation: UUID) async throws -> [OrganisationEvent] {
        try await sql.select().column("*").from(Self.trail).where("organisation_id", .equal, SQLBind(organisation)).orderBy("at").all(decoding: OrganisationEvent.self)
    }
}

/// The organisations in memory: the same contract, for tests.
public final class InMemoryOrganisationStore: OrganisationStore {
    private let kept = Locked<[Organisation]>([])
    private let trail = Locked<[OrganisationEvent]>([])

    public init() {}

    private func matching(_ include: (Organisation) -> Bool) -> [Organisation] {
        kept.withLock { $0.filter(include).sorted { $0.ref.name < $1.ref.name } }
    }

    public func organisation(_ id: UUID) async throws -> Organisation? { matching { $0.id == id }.first }

    public func organisations(_ ids: [UUID]) async throws -> [Organisation] { matching { $0.id.map(ids.contains) ?? false } }

    public func organisations(kind: OrganisationKind?, in jurisdictions: [String]?, limit: Int) async throws -> [Organisation] {
        Array(matching { (kind == nil || $0.ref.kind == kind) && (jurisdictions?.contains($0.ref.jurisdiction) ?? true) }.prefix(limit))
    }

    public func all() async throws -> [Organisation] {
        kept.withLock { $0.sorted { ($0.ref.jurisdiction, $0.ref.kind.rawValue, $0.ref.name) < ($1.ref.jurisdiction, $1.ref.kind.rawValue, $1.ref.name) } }
    }

    public func offices(in jurisdictions: [String]) async throws -> [Organisation] {
        matching { jurisdictions.contains($0.ref.jurisdiction) && $0.ref.kind != .employer }
    }

    public func providers(in jurisdictions: [String]) async throws -> [Organisation] {
        matching { jurisdictions.contains($0.ref.jurisdiction) && $0.isProvider }
    }

    public func add(_ organisation: Organisation, at now: Date) async throws {
        try kept.withLock { kept in
            guard !kept.contains(where: { ($0.ref.kind, $0.ref.name) == (organisation.ref.kind, organisation.ref.name) || $0.id == organisation.id }) else {
                throw StoreFailure("已有同名的机构「\(organisation.ref.name)」")
            }
            kept.append(organisation)
        }
    }

    public func setCoverage(of id: UUID, to coverage: String) async throws {
        kept.withLock { kept in
            for index in kept.indices where kept[index].id == id { kept[index].coverage = coverage }
        }
    }

    public func record(_ event: OrganisationEvent) async throws { trail.withLock { $0.append(event) } }

    public func events(of organisation: UUID) async throws -> [OrganisationEvent] {
        trail.withLock { $0.filter { $0.organisationID == organisation }.sorted { $0.at < $1.at } }
    }
}
