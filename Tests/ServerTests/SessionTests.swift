import Foundation
import SQLKit
import Server
import Testing
import Vapor
import VaporTesting

/// Signed-in sessions as stored: one row a sign-in, none for a visitor, gone on sign-out, and
/// swept once ended.
@Suite(.serialized) struct SessionTests {
    /// The table keeps a session id's SHA-256, never the id.
    static func stored(_ cookie: String) -> String {
        let id = cookie.split(separator: "=", maxSplits: 1).last.map { String($0).removingPercentEncoding ?? String($0) } ?? ""
        return SHA256.hash(data: Data(id.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func rows(_ sql: any SQLDatabase, where condition: SQLQueryString = "1 = 1") async throws -> Int {
        try await sql.raw("SELECT count(*) AS n FROM _fluent_sessions WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func storedEndedAndSwept(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let world = CaseworkWorld(app)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("会话测试公司"), jurisdiction: "quzhou")
            let first = try await world.client(app, world.officer("s-hr1", role: "employer", in: employer))
            let key = Self.stored(first.cookie)
            #expect(try await Self.rows(sql, where: "key = \(bind: key)") == 1)
            // The id itself is nowhere in the table.
            let raw = first.cookie.split(separator: "=", maxSplits: 1).last.map { String($0).removingPercentEncoding ?? String($0) } ?? ""
            #expect(try await Self.rows(sql, where: "key = \(bind: raw)") == 0)
            // It ends eight hours on, as the cookie says.
            let ends = try #require(try await sql.raw("SELECT expires_at FROM _fluent_sessions WHERE key = \(bind: key)").first()?.decode(column: "expires_at", as: Double.self))
            #expect(abs(ends - Date().timeIntervalSince1970 - 8 * 3600) < 120)
            #expect(try await first.call(.GET, "api/v1/me").status == 200)

            // A visitor with a cookie no one issued is not signed in and stores nothing.
            let stranger = CaseClient(app)
            stranger.cookie = "gt_session=bm90LWEtcmVhbC1zZXNzaW9u"
            #expect(try await stranger.call(.GET, "api/v1/me").status == 401)
            #expect(try await stranger.call(.GET, "api/v1/applications").status == 401)
            #expect(try await Self.rows(sql, where: "key = \(bind: Self.stored(stranger.cookie)) OR key = \(bind: Self.stored("gt_session=bm90LWEtcmVhbC1zZXNzaW9u"))") == 0)

            // A session past its end is swept at the next sign-in, anyone's.
            try await sql.raw("UPDATE _fluent_sessions SET expires_at = \(bind: Date().timeIntervalSince1970 - 60) WHERE key = \(bind: key)").run()
            let second = try await world.client(app, world.officer("s-hr2", role: "employer", in: employer))
            #expect(try await Self.rows(sql, where: "key = \(bind: key)") == 0)
            #expect(try await first.call(.GET, "api/v1/me").status == 401)

            // Signing out deletes the row at once.
            let secondKey = Self.stored(second.cookie)
            #expect(try await Self.rows(sql, where: "key = \(bind: secondKey)") == 1)
            #expect(try await second.call(.DELETE, "api/v1/session").status == 204)
            #expect(try await Self.rows(sql, where: "key = \(bind: secondKey)") == 0)
        }
    }
}
