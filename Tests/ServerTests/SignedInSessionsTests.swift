import Foundation
import SQLKit
import Server
import Store
import Testing

/// The sessions' one contract, held in memory and in the database alike.
@Suite(.serialized) struct SignedInSessionsTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemorySignedInSessions())
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            try await Self.holdsTheContract(SQLSignedInSessions(sql))
        }
    }

    static func holdsTheContract(_ sessions: any SignedInSessions) async throws {
        let now = 1_900_000_000.0
        let key = UUID().uuidString, old = UUID().uuidString
        try await sessions.create(key: old, data: ["user": "a"], expiresAt: now - 10, now: now - 100)
        // Ended: not read, and swept when the next session is made.
        #expect(try await sessions.read(key: old, now: now) == nil)
        try await sessions.create(key: key, data: ["user": "b", "epoch": "1"], expiresAt: now + 100, now: now)
        #expect(try await sessions.read(key: old, now: now - 50) == nil, "the ended session was swept")
        #expect(try await sessions.read(key: key, now: now) == ["user": "b", "epoch": "1"])
        #expect(try await sessions.read(key: key, now: now + 100) == nil, "a session ends at its time")
        try await sessions.update(key: key, data: ["user": "b", "epoch": "2"], expiresAt: now + 200)
        #expect(try await sessions.read(key: key, now: now + 150) == ["user": "b", "epoch": "2"])
        try await sessions.delete(key: key)
        #expect(try await sessions.read(key: key, now: now) == nil)
        // Updating or deleting what is not there changes nothing.
        try await sessions.update(key: key, data: ["user": "c"], expiresAt: now + 300)
        #expect(try await sessions.read(key: key, now: now) == nil)
    }
}
