import Foundation
import SQLKit
import Server
import Store
import Testing

/// The sessions' one contract, held in memory and in the database alike.
@Suite(.serialized) struct SignedInSessionsTests {
    @Test func inMemory() async throws {
        let accounts = InMemoryAccountStore()
        try await Self.holdsTheContract(InMemorySignedInSessions(accounts: accounts), accounts: accounts)
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            try await Self.holdsTheContract(SQLSignedInSessions(sql), accounts: SQLAccountStore(sql))
        }
    }

    static func holdsTheContract(_ sessions: any SignedInSessions, accounts: any AccountStore) async throws {
        let now = 1_900_000_000.0
        let key = UUID().uuidString, old = UUID().uuidString
        let holder = Account(username: "session-\(UUID().uuidString.prefix(8).lowercased())", displayName: "周会话", passwordHash: "x", sessionEpoch: 3)
        try await accounts.add(holder, at: Date(timeIntervalSince1970: now))
        try await sessions.create(key: old, data: ["user": "a"], user: holder.id, expiresAt: now - 10, now: now - 100)
        // Ended: not read, and swept when the next session is made.
        #expect(try await sessions.read(key: old, now: now) == nil)
        try await sessions.create(key: key, data: ["user": "b", "epoch": "1"], user: holder.id, expiresAt: now + 100, now: now)
        #expect(try await sessions.read(key: old, now: now - 50) == nil, "the ended session was swept")
        // Read with who holds it, as they are now: name, roles (none yet) and epoch.
        let read = try #require(try await sessions.read(key: key, now: now))
        #expect(read.data == ["user": "b", "epoch": "1"])
        #expect(read.holder == (try await accounts.principal(of: holder.id)))
        #expect(read.holder?.principal.displayName == "周会话")
        #expect(read.holder?.sessionEpoch == 3)
        #expect(read.holder?.principal.memberships.isEmpty == true)
        try await accounts.setPassword(of: holder.id, hash: "y", sessionEpoch: 4)
        #expect(try await sessions.read(key: key, now: now)?.holder?.sessionEpoch == 4, "the holder is read afresh each time")
        // A session whose user is not (or no longer) known has no holder.
        let stray = UUID().uuidString
        try await sessions.create(key: stray, data: ["user": "c"], user: UUID(), expiresAt: now + 100, now: now)
        #expect(try await sessions.read(key: stray, now: now) == StoredSession(data: ["user": "c"], holder: nil))
        #expect(try await sessions.read(key: key, now: now + 100) == nil, "a session ends at its time")
        try await sessions.update(key: key, data: ["user": "b", "epoch": "2"], expiresAt: now + 200)
        #expect(try await sessions.read(key: key, now: now + 150)?.data == ["user": "b", "epoch": "2"])
        try await sessions.delete(key: key)
        #expect(try await sessions.read(key: key, now: now) == nil)
        // Updating or deleting what is not there changes nothing.
        try await sessions.update(key: key, data: ["user": "c"], expiresAt: now + 300)
        #expect(try await sessions.read(key: key, now: now) == nil)
    }
}
