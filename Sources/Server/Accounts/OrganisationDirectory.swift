import Access
import Foundation
import SQLKit
import Store

/// Organisations as the casework reads them, from the store: a submission reads its employer,
/// committee and the offices of its jurisdictions, every view of a case the names of its
/// offices, a skill application its provider with what it covers.
struct OrganisationDirectory: Sendable {
    let store: SQLOrganisationStore

    init(database: any SQLDatabase) {
        store = SQLOrganisationStore(database)
    }

    func find(_ id: UUID) async throws -> OrganisationRef? {
        try await store.organisation(id)?.ref
    }

    func find(_ ids: [UUID]) async throws -> [OrganisationRef] {
        try await store.organisations(ids).map(\.ref)
    }

    func offices(in jurisdictions: [String]) async throws -> [OrganisationRef] {
        try await store.offices(in: jurisdictions).map(\.ref)
    }

    func providers(in jurisdictions: [String]) async throws -> [SkillProvider] {
        try await store.providers(in: jurisdictions).map(SkillProvider.init)
    }

    /// The organisation if it takes skill applications (an evaluation organisation, or a qualified employer).
    func provider(_ id: UUID) async throws -> SkillProvider? {
        try await providerOrganisation(id).map(SkillProvider.init)
    }

    /// The same, as stored: what it covers not yet read (a queue does not need it).
    func providerOrganisation(_ id: UUID) async throws -> Organisation? {
        try await store.organisation(id).flatMap { $0.isProvider ? $0 : nil }
    }
}

extension SkillProvider {
    init(_ organisation: Organisation) {
        self.init(organisation: organisation.ref, coverage: organisation.skillCoverage)
    }
}

extension Organisation {
    /// What it covers, read from the stored list.
    var skillCoverage: [SkillCoverage] { (try? StoredJSON.decode([SkillCoverage].self, coverage)) ?? [] }
}

extension SQLOrganisationStore {
    /// The organisation with this id, or a 404 problem.
    func require(_ id: String) async throws -> Organisation {
        guard let uuid = UUID(uuidString: id), let found = try await organisation(uuid) else {
            throw Problem.notFound("没有编号为「\(id)」的机构。")
        }
        return found
    }
}
