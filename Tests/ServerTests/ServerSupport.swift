import Clients
import Domain
import Foundation
import PolicyData
import Server
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

/// A date the test can move, read by the server as "today".
final class TestCalendar: Sendable {
    private let date: Mutex<CalendarDate>

    init(_ date: String) {
        self.date = Mutex(CalendarDate(iso: date)!)
    }

    func set(_ text: String) { date.withLock { $0 = CalendarDate(iso: text)! } }
    func today() -> CalendarDate { date.withLock { $0 } }
}

enum TestServer {
    static let base = try! PolicyBase.bundled()

    /// The databases the persistence tests run against: SQLite always, PostgreSQL when
    /// TEST_DATABASE_URL names one (CI starts a real server and sets it).
    static var databases: [DatabaseChoice] {
        var choices: [DatabaseChoice] = [.sqliteMemory]
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty { choices.append(.postgres(url)) }
        return choices
    }

    /// Production's limits, but for registrations: a test's clock stands still, so its world
    /// of many applicants, registered from one address, would never see a minute pass.
    /// `AccountSecurityTests` checks registrations at production's budget.
    static var security: SecuritySettings {
        var settings = SecuritySettings.production
        settings.registrationsPerMinute = 10_000
        return settings
    }

    static func withServer(base: PolicyBase = TestServer.base, database: DatabaseChoice = .sqliteMemory, stores: Stores = .database,
                           calendar: TestCalendar = TestCalendar("2024-06-30"), tokens: TokenGenerator = .live,
                           formActionsPerMinute: Int = 20, security: SecuritySettings = TestServer.security, _ test: (Application) async throws -> Void) async throws {
        try await withApp(configure: { app in
            // bcrypt's lowest cost: the tests sign in hundreds of times.
            try await configure(app, services: PolicyServices(base: base, today: { calendar.today() }, tokens: tokens), database: database,
                                stores: stores, formActionsPerMinute: formActionsPerMinute, security: security, passwordCost: 4)
        }, test)
    }

    /// Opens the result page of `form` as a browser would, and returns the cookie and the
    /// save form's token it was given.
    static func formToken(_ app: Application, form: String) async throws -> (cookie: String, token: String) {
        var cookie = "", token = ""
        try await app.testing().test(.GET, "result?" + form) { response in
            #expect(response.status == .ok)
            cookie = (response.headers.first(name: .setCookie) ?? "").split(separator: ";").first.map(String.init) ?? ""
            let page = response.body.string
            if let range = page.range(of: #"name="csrf" value=""#) {
                token = String(page[range.upperBound...].prefix { $0 != "\"" })
            }
        }
        #expect(cookie.hasPrefix("gt_csrf="))
        #expect(token.count == 32)
        return (cookie, token)
    }

    /// Posts the save form with the page's cookie and token; the response is handed to `check`.
    static func save(_ app: Application, form: String, headers extra: HTTPHeaders = [:], token override: String? = nil, cookies: [String] = [],
                     _ check: (TestingHTTPResponse) throws -> Void) async throws {
        let (cookie, token) = try await formToken(app, form: form)
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": ([cookie] + cookies).joined(separator: "; ")]
        headers.add(contentsOf: extra)
        let body = "query=" + form.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! + "&csrf=" + (override ?? token)
        try await app.testing().test(.POST, "checks", headers: headers, body: ByteBuffer(text: body)) { response in try check(response) }
    }
}

extension TestingHTTPResponse {
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any] }
    var contentType: String { headers.first(name: .contentType) ?? "" }
}

extension ByteBuffer {
    init(text: String) {
        self = ByteBufferAllocator().buffer(string: text)
    }
}

/// Where the store contracts run their SQL implementations: each test database, migrated as
/// the service migrates it.
enum StoreContract {
    static func onDatabase(_ database: String, _ body: (Application, any SQLDatabase) async throws -> Void) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice, calendar: TestCalendar("2024-06-30")) { app in
            try await body(app, try #require(app.db as? any SQLDatabase))
        }
    }
}
