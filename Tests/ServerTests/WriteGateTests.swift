import Domain
import Foundation
import SQLKit
@testable import Server
import Store
import Testing
import Vapor
import Workflow

/// Writes that meet at the gate commit together (SQLite) or each alone (PostgreSQL), and either
/// way each is kept or refused on its own: a failing write leaves nothing, and takes no other
/// write down with it.
@Suite(.serialized) struct WriteGateTests {
    @Test(arguments: TestServer.databases.map(\.description))
    func concurrentWritesSucceedOrFailAlone(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { app, _ in
            let writer = app.caseDatabase
            let day = try #require(CalendarDate(iso: "2024-06-30"))
            let cases = (0..<40).map { _ in UUID() }
            let contested = UUID()
            @Sendable func entry(_ id: UUID, version: Int = 1) -> TrailEntry {
                TrailEntry(caseType: "title-application", caseID: id, version: version, actor: nil, actorName: "", organisationName: "",
                           at: Date(timeIntervalSince1970: 1_719_700_000), onDate: day, event: "object", detail: [:],
                           stageBefore: "publicity", stageAfter: "publicity")
            }
            struct Refused: Error {}
            // Every fifth write appends, then fails: its row must not survive. Two writes
            // contend for the same version of one case: one is kept, the other is a conflict.
            let outcomes = await withTaskGroup(of: (Int, Result<Int, any Error>).self) { group in
                for (index, id) in cases.enumerated() {
                    group.addTask {
                        do {
                            return (index, .success(try await writer.write { database in
                                try await database.caseTrail.append(entry(id))
                                if index % 5 == 4 { throw Refused() }
                                return index
                            }))
                        } catch { return (index, .failure(error)) }
                    }
                }
                for index in 40..<42 {
                    group.addTask {
                        do {
                            return (index, .success(try await writer.write { database in
                                try await database.caseTrail.append(entry(contested))
                                return index
                            }))
                        } catch { return (index, .failure(error)) }
                    }
                }
                var all: [Int: Result<Int, any Error>] = [:]
                for await (index, outcome) in group { all[index] = outcome }
                return all
            }
            for (index, id) in cases.enumerated() {
                let kept = try await app.db.caseTrail.entries(of: id)
                if index % 5 == 4 {
                    #expect(kept.isEmpty, "write \(index) failed, yet its row was kept")
                    guard case .failure(let error) = outcomes[index] else { Issue.record("write \(index) should have failed"); continue }
                    #expect(error is Refused)
                } else {
                    #expect(kept == [entry(id)])
                    guard case .success(let value) = outcomes[index] else { Issue.record("write \(index) should have succeeded"); continue }
                    #expect(value == index)
                }
            }
            #expect(try await app.db.caseTrail.entries(of: contested) == [entry(contested)])
            let contestedOutcomes = [outcomes[40], outcomes[41]].compactMap { $0 }
            #expect(contestedOutcomes.filter { if case .success = $0 { true } else { false } }.count == 1)
            let conflicts = contestedOutcomes.compactMap { outcome -> Problem? in
                if case .failure(let error) = outcome { error as? Problem } else { nil }
            }
            #expect(conflicts.map(\.status) == [409])
        }
    }

    /// On a SQLite file the writer has connections of its own: while a write holds one, a reader
    /// on every event loop still reads (the last committed state). Were they shared, the reader on
    /// the writer's loop would wait for the pool until it gave up, and the test would fail.
    @Test(.timeLimit(.minutes(1))) func readersAreNotHeldByTheWriter() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await TestServer.withServer(database: .sqliteFile(path)) { app in
            let day = try #require(CalendarDate(iso: "2024-06-30"))
            let caseID = UUID()
            let entry = TrailEntry(caseType: "title-application", caseID: caseID, version: 1, actor: nil, actorName: "", organisationName: "",
                                   at: Date(timeIntervalSince1970: 1_719_700_000), onDate: day, event: "object", detail: [:],
                                   stageBefore: "publicity", stageAfter: "publicity")
            let (readsDone, signal) = AsyncStream<Void>.makeStream()
            let (writing, started) = AsyncStream<Void>.makeStream()
            let writer = app.caseDatabase
            async let written: Void = writer.write { database in
                try await database.caseTrail.append(entry)
                started.finish()
                for await _ in readsDone {}
            }
            for await _ in writing {}
            var failure: (any Error)?
            do {
                for loop in app.eventLoopGroup.makeIterator() {
                    let reader = try #require(app.databases.database(.sqlite, logger: app.logger, on: loop))
                    #expect(try await reader.caseTrail.entries(of: caseID).isEmpty, "the write has not committed yet")
                }
            } catch { failure = error }
            signal.finish()
            try await written
            if let failure { throw failure }
            #expect(try await app.db.caseTrail.entries(of: caseID) == [entry])
        }
    }
}
