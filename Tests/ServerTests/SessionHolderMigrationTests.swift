import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Store
import Testing
import Vapor
@testable import Server

/// Migration 022 names each stored session's user in a column: sessions stored before it keep
/// working, read with their holder, and a session whose data names no user gets none.
@Suite struct SessionHolderMigrationTests {
    @Test func sessionsStoredBeforeKeepTheirUser() async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.sqlite(.memory), as: .sqlite)
            let holder = Migrations.all.firstIndex { $0 is AddSessionHolder }!
            app.migrations.add(Array(Migrations.all.prefix(holder)), to: .sqlite)
            try await app.autoMigrate()
            let sql = try #require(app.db as? any SQLDatabase)
            let now = Date()
            let account = Account(username: "before-022", displayName: "郑迁移", passwordHash: "x", sessionEpoch: 2)
            try await SQLAccountStore(sql).add(account, at: now)
            let ends = now.timeIntervalSince1970 + 3600
            for (key, data) in [("signed-in", ["uid": account.id.uuidString, "epoch": "2"]), ("nameless", ["note": "x"])] {
                try await sql.insert(into: SQLSignedInSessions.table).columns("id", "key", "data", "expires_at")
                    .values(SQLBind(UUID()), SQLBind(key), SQLBind(data), SQLBind(ends)).run()
            }
            app.migrations.add(Array(Migrations.all.dropFirst(holder)), to: .sqlite)
            try await app.autoMigrate()
            let sessions = SQLSignedInSessions(sql)
            let read = try #require(try await sessions.read(key: "signed-in", now: now.timeIntervalSince1970))
            #expect(read.data == ["uid": account.id.uuidString, "epoch": "2"])
            #expect(read.holder?.principal.userID == account.id.uuidString)
            #expect(read.holder?.sessionEpoch == 2)
            #expect(try await sessions.read(key: "nameless", now: now.timeIntervalSince1970) == StoredSession(data: ["note": "x"], holder: nil))
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
