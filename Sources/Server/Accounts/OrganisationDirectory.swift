import Access
import Foundation
import SQLKit
import Store

/// Organisations read as plain rows: a submission reads its employer, committee and the
/// offices of its jurisdictions, and every view of an application the names of its offices.
struct OrganisationDirectory: Sendable {
    let database: any SQLDatabase

    static let columns = "id, kind, name, jurisdiction, level, committee, handlers"

    func find(_ id: UUID) async throws -> OrganisationRef? {
        try await database.raw("SELECT \(unsafeRaw: Self.columns) FROM \(ident: OrganisationModel.schema) WHERE id = \(bind: id)")
            .first().flatMap { try OrganisationRef.read($0) }
    }

    func find(_ ids: [UUID]) async throws -> [OrganisationRef] {
        guard !ids.isEmpty else { return [] }
        return try await database.raw("SELECT \(unsafeRaw: Self.columns) FROM \(ident: OrganisationModel.schema) WHERE id IN (\(binds: ids))")
            .all().compactMap { try OrganisationRef.read($0) }
    }

    /// Every organisation but employers in these jurisdictions: the offices that may handle a step.
    func offices(in jurisdictions: [String]) async throws -> [OrganisationRef] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await database.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM \(ident: OrganisationModel.schema)
            WHERE jurisdiction IN (\(binds: jurisdictions)) AND kind <> \(bind: OrganisationKind.employer.rawValue)
            """).all().compactMap { try OrganisationRef.read($0) }
    }

    /// The organisations of these jurisdictions that take skill applications: evaluation
    /// organisations, and employers qualified to evaluate their own staff.
    func providers(in jurisdictions: [String]) async throws -> [SkillProvider] {
        guard !jurisdictions.isEmpty else { return [] }
        return try await database.raw("""
            SELECT \(unsafeRaw: Self.columns), coverage FROM \(ident: OrganisationModel.schema)
            WHERE jurisdiction IN (\(binds: jurisdictions)) AND (kind = \(bind: OrganisationKind.evaluationOrganisation.rawValue) OR coverage <> '[]')
            ORDER BY name
            """).all().compactMap(Self.provider)
    }

    /// The organisation if it takes skill applications (an evaluation organisation, or a qualified employer).
    func provider(_ id: UUID) async throws -> SkillProvider? {
        try await database.raw("""
            SELECT \(unsafeRaw: Self.columns), coverage FROM \(ident: OrganisationModel.schema)
            WHERE id = \(bind: id) AND (kind = \(bind: OrganisationKind.evaluationOrganisation.rawValue) OR coverage <> '[]')
            """).first().flatMap(Self.provider)
    }

    private static func provider(_ row: any SQLRow) throws -> SkillProvider? {
        guard let organisation = try OrganisationRef.read(row) else { return nil }
        let coverage = (try? StoredJSON.decode([SkillCoverage].self, row.decode(column: "coverage", as: String.self))) ?? []
        return SkillProvider(organisation: organisation, coverage: coverage)
    }
}
