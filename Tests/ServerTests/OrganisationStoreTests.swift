import Access
import Foundation
import SQLKit
import Server
import Store
import Testing

/// The organisations' one contract, held in memory and in the database alike.
@Suite(.serialized) struct OrganisationStoreTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemoryOrganisationStore())
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            try await Self.holdsTheContract(SQLOrganisationStore(sql))
        }
    }

    static func holdsTheContract(_ store: any OrganisationStore) async throws {
        let now = Date(timeIntervalSince1970: 1_719_700_000)
        let tag = UUID().uuidString.prefix(6)
        // A jurisdiction of this test's own, so the database's other rows stay out of the lists.
        let place = "test-\(tag)"
        func organisation(_ kind: OrganisationKind, _ name: String, level: AdminLevel? = nil, handlers: [String: String] = [:], coverage: String = "[]") -> Organisation {
            Organisation(ref: OrganisationRef(id: UUID().uuidString, kind: kind, name: "\(name)\(tag)", jurisdiction: place, level: level,
                                              committee: kind == .committee ? "某评委会" : nil, handlers: handlers), coverage: coverage)
        }
        let bureau = organisation(.hrBureau, "某市人力社保局", level: .city)
        let employer = organisation(.employer, "A甲机械厂", handlers: ["city_hr_bureau": bureau.ref.id])
        let qualified = organisation(.employer, "B乙机械厂")
        let provider = organisation(.evaluationOrganisation, "某评价机构", coverage: #"[{"levels":["技师"],"occupation":"车工","source":"附件4"}]"#)
        for item in [provider, employer, bureau, qualified] { try await store.add(item, at: now) }
        // The same kind and name twice is refused.
        await #expect(throws: (any Error).self) { try await store.add(organisation(.employer, "A甲机械厂"), at: now) }

        #expect(try await store.organisation(try #require(employer.id)) == employer)
        #expect(try await store.organisation(UUID()) == nil)
        #expect(Set(try await store.organisations([try #require(bureau.id), try #require(provider.id), UUID()])) == [bureau, provider])
        #expect(try await store.organisations(kind: .employer, in: [place], limit: 10) == [employer, qualified])
        #expect(try await store.organisations(kind: .employer, in: [place], limit: 1) == [employer])
        #expect(try await store.organisations(kind: nil, in: [], limit: 10).isEmpty)
        #expect(Set(try await store.offices(in: [place])) == [bureau, provider])
        #expect(try await store.providers(in: [place]) == [provider])

        // Qualifying an employer makes it a provider.
        let coverage = #"[{"basis":"qualified","levels":["高级工"],"occupation":"焊工","source":"备案"}]"#
        try await store.setCoverage(of: try #require(qualified.id), to: coverage)
        var nowQualified = qualified
        nowQualified.coverage = coverage
        #expect(try await store.providers(in: [place]) == [nowQualified, provider])
        #expect(try await store.all().filter { $0.ref.jurisdiction == place }.map(\.ref.kind) == [.employer, .employer, .evaluationOrganisation, .hrBureau])

        // An organisation's own trail, oldest first, and only its own.
        let providerID = try #require(provider.id)
        let second = OrganisationEvent(organisationID: providerID, actorUserID: UUID(), actorName: "王科长", role: "evaluation_organisation",
                                       at: now.addingTimeInterval(60), onDate: "2024-06-30", event: "create_batch", detail: #"{"place":"二号考场"}"#)
        let first = OrganisationEvent(organisationID: providerID, actorUserID: UUID(), actorName: "王科长", role: "evaluation_organisation",
                                      at: now, onDate: "2024-06-30", event: "create_batch", detail: #"{"place":"一号考场"}"#)
        try await store.record(second)
        try await store.record(first)
        #expect(try await store.events(of: providerID) == [first, second])
        #expect(try await store.events(of: try #require(bureau.id)).isEmpty)
    }
}
