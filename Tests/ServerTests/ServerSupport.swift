import Domain
import Foundation
import PolicyData
import Server
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

    static func withServer(database: DatabaseChoice = .sqliteMemory, calendar: TestCalendar = TestCalendar("2024-06-30"),
                           _ test: (Application) async throws -> Void) async throws {
        try await withApp(configure: { app in
            try await configure(app, services: PolicyServices(base: base, today: { calendar.today() }), database: database)
        }, test)
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
