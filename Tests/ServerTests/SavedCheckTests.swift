import Foundation
import Server
import Testing
import Vapor
import VaporTesting

@Suite(.serialized) struct SavedCheckTests {
    /// Saves a check while the waiting time still runs, then opens it after the anniversary.
    @Test(arguments: TestServer.databases.map(\.description))
    func aSavedCheckHasAStableLinkAndShowsWhatChanged(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2023-05-20")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let form = PageTests.query([("j", "quzhou"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2020-06-01")])
            var location = ""
            try await TestServer.save(app, form: form) { response in
                #expect(response.status == .seeOther)
                location = response.headers.first(name: .location) ?? ""
            }
            #expect(location.hasPrefix("/checks/"))
            try await app.testing().test(.GET, location) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("没有变化"))
                #expect(response.body.string.contains("尚需等待"))
            }
            calendar.set("2023-07-01")
            try await app.testing().test(.GET, location) { response in
                let page = response.body.string
                #expect(page.contains("职称 机电制造工程 中级（常规申报）：由“尚需等待”变为“有待确认”"))
                #expect(page.contains("评估日期 2023-07-01"))
            }
            try await app.testing().test(.GET, location + "/print") { response in
                #expect(response.status == .ok)
            }
            try await app.testing().test(.GET, "checks/unknown-token") { response in
                #expect(response.status == .notFound)
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
        }
    }
}
