import Access
import Foundation
import SQLKit
import Server
import Store
import Testing
import Workflow

/// The accounts' one contract, held in memory and in the database alike.
@Suite(.serialized) struct AccountStoreTests {
    @Test func inMemory() async throws {
        let office = OrganisationRef(id: UUID().uuidString.uppercased(), kind: .committee, name: "衢州市中级评委会", jurisdiction: "quzhou",
                                     committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
        try await Self.holdsTheContract(InMemoryAccountStore(organisations: [office]), office: office)
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { app, sql in
            let admin = Administration(app)
            let id = try await admin.createOrganisation(kind: "committee", name: "账号存储测试评委会\(UUID().uuidString.prefix(6))", jurisdiction: "quzhou",
                                                        committee: "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
            let uuid = try #require(UUID(uuidString: id))
            let office = try #require(try await SQLOrganisationStore(sql).organisation(uuid)?.ref)
            try await Self.holdsTheContract(SQLAccountStore(sql), office: office)
        }
    }

    static func holdsTheContract(_ accounts: any AccountStore, office: OrganisationRef) async throws {
        let now = Date(timeIntervalSince1970: 1_719_700_000)
        let name = "store-\(UUID().uuidString.prefix(8).lowercased())"
        let account = Account(username: name, displayName: "王科长", passwordHash: "sha256+$2b$12$example")
        try await accounts.add(account, at: now)
        #expect(try await accounts.account(named: name) == account)
        #expect(try await accounts.account(account.id) == account)
        #expect(try await accounts.account(named: name + "-nobody") == nil)
        // A taken username is refused.
        await #expect(throws: (any Error).self) { try await accounts.add(Account(username: name, displayName: "另一人", passwordHash: "x"), at: now) }

        try await accounts.setPassword(of: account.id, hash: "sha256+new", sessionEpoch: 1)
        #expect(try await accounts.account(account.id)?.passwordHash == "sha256+new")
        #expect(try await accounts.account(account.id)?.sessionEpoch == 1)

        // Roles: granted once, seen in the principal with their organisation, taken away.
        let organisation = try #require(UUID(uuidString: office.id))
        #expect(try await accounts.principal(of: account.id)?.principal.memberships.isEmpty == true)
        try await accounts.grant(.committeeOffice, to: account.id, in: organisation, at: now)
        await #expect(throws: (any Error).self) { try await accounts.grant(.committeeOffice, to: account.id, in: organisation, at: now) }
        let found = try #require(try await accounts.principal(of: account.id))
        #expect(found.sessionEpoch == 1)
        #expect(found.principal.displayName == "王科长")
        #expect(found.principal.memberships == [Membership(role: .committeeOffice, organisation: office)])
        #expect(try await accounts.revoke(.committeeOffice, from: account.id, in: organisation))
        #expect(try await !accounts.revoke(.committeeOffice, from: account.id, in: organisation))
        #expect(try await accounts.principal(of: account.id)?.principal.memberships.isEmpty == true)
        #expect(try await accounts.principal(of: UUID()) == nil)
    }
}
