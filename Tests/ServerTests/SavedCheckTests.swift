import Clients
import Foundation
import Server
import Store
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

    /// The stores behave alike: what the database keeps, memory keeps, and a token is used once.
    @Test(arguments: TestServer.databases.map(\.description) + ["memory"])
    func everyStoreKeepsAndFindsByToken(_ name: String) async throws {
        let stores: Stores = name == "memory" ? .memory() : .database
        let database = TestServer.databases.first { $0.description == name } ?? .sqliteMemory
        try await TestServer.withServer(database: database, stores: stores) { app in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let store = app.stores.savedChecks(request)
            let record = SavedCheckRecord(token: "t\(UUID().uuidString.prefix(8))", query: "j=quzhou", statuses: "{}", savedOn: "2024-06-30", evaluatedAsOf: "2024-06-30")
            try await store.add(record)
            #expect(try await store.find(token: record.token) == record)
            #expect(try await store.find(token: "missing") == nil)
            await #expect(throws: (any Error).self) { try await store.add(record) }
            // An edit keeps the link; a deleted check is gone, and neither finds a missing one.
            let edited = SavedCheckRecord(token: record.token, query: "j=shaoxing", statuses: #"{"a":"eligible"}"#, savedOn: "2024-07-01",
                                          evaluatedAsOf: "2024-07-01", ownerKeyHash: "ab12")
            #expect(try await store.replace(edited))
            #expect(try await store.find(token: record.token) == edited)
            #expect(try await !store.replace(SavedCheckRecord(token: "missing", query: "", statuses: "{}", savedOn: "", evaluatedAsOf: "")))
            #expect(try await store.delete(token: record.token))
            #expect(try await !store.delete(token: record.token))
            #expect(try await store.find(token: record.token) == nil)
        }
    }

    /// With a seeded token generator the form's token and the saved link are known before
    /// the form is sent: they are the generator's first and second draws.
    @Test func theSavedLinkComesFromTheTokenClient() async throws {
        let draws = TokenGenerator.seeded(7)
        let formToken = draws.hex(byteCount: 16)
        let link = "/checks/" + draws.link(length: 16)
        try await TestServer.withServer(stores: .memory(), tokens: .seeded(7)) { app in
            let form = PageTests.query([("j", "quzhou"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2020-06-01")])
            try await TestServer.save(app, form: form) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == link)
            }
            try await app.testing().test(.GET, link) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(formToken.count == 32)
    }

    /// A saved check can be edited (same link) and deleted by the browser that saved it only,
    /// keeps its year-bound answers to their years, and is gone once deleted.
    @Test func aSavedCheckCanBeEditedKeptToItsYearsAndDeleted() async throws {
        let calendar = TestCalendar("2024-03-01")
        try await TestServer.withServer(stores: .memory(), calendar: calendar) { app in
            let form = PageTests.query([("j", "quzhou"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2019-06-01"), ("assessments", "yes")])
            var location = "", owner = ""
            try await TestServer.save(app, form: form) { response in
                location = response.headers.first(name: .location) ?? ""
                owner = response.headers[.setCookie].first { $0.hasPrefix("gt_own_") }.flatMap { $0.split(separator: ";").first.map(String.init) } ?? ""
                #expect(response.headers[.setCookie].contains { $0.hasPrefix("gt_own_") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
            }
            let token = String(location.dropFirst("/checks/".count))
            #expect(owner.hasPrefix("gt_own_\(token)="))
            var editLink = ""
            try await app.testing().test(.GET, location, headers: ["Cookie": owner]) { response in
                let page = response.body.string
                #expect(page.contains("http://") && page.contains(location))
                #expect(page.contains("action=\"/checks/\(token)/delete\""))
                #expect(page.contains("记录一直保存，直至您在记录页面删除"))
                if let range = page.range(of: #"href="/check\?[^"]*replace=[^"]*""#, options: .regularExpression) {
                    editLink = String(page[range].dropFirst(6).dropLast()).replacingOccurrences(of: "&amp;", with: "&")
                }
                // 2021–2023 were answered as passed.
                #expect(!page.contains("2021、2022、2023年度未填"))
            }
            // Someone else with the link sees it, without the means to change it.
            try await app.testing().test(.GET, location) { response in
                #expect(response.status == .ok)
                #expect(!response.body.string.contains("/delete") && response.body.string.contains("只有保存这条记录的浏览器可以修改或删除它"))
            }
            #expect(editLink.contains("replace=\(token)") && !editLink.contains("answeredOn"))
            try await app.testing().test(.GET, String(editLink.dropFirst())) { response in
                #expect(response.body.string.contains("name=\"replace\" value=\"\(token)\""))
                #expect(response.body.string.contains("value=\"车工\""))
            }
            // A year on, 2024 was never answered: it is asked for, not assumed.
            calendar.set("2025-03-01")
            try await app.testing().test(.GET, location) { response in
                #expect(response.body.string.contains("2024年度未填"))
            }
            // The edit is saved under the same link, by the owner only.
            let edited = PageTests.query([("j", "quzhou"), ("skill1Occupation", "铣工"), ("skill1Level", "技师"), ("skill1Date", "2019-06-01"), ("replace", token)])
            try await TestServer.save(app, form: edited) { response in
                #expect(response.status == .forbidden)
            }
            try await TestServer.save(app, form: edited, cookies: [owner]) { response in
                #expect(response.headers.first(name: .location) == location)
            }
            try await app.testing().test(.GET, location) { response in
                #expect(response.body.string.contains("铣工"))
            }
            // Deleting needs the page's token and the owner's key, then the link is gone.
            try await app.testing().test(.POST, location + "/delete") { response in
                #expect(response.status == .forbidden)
            }
            let (cookie, csrf) = try await TestServer.formToken(app, form: form)
            try await app.testing().test(.POST, location + "/delete", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie],
                                         body: ByteBuffer(text: "csrf=" + csrf)) { response in
                #expect(response.status == .forbidden)
            }
            try await app.testing().test(.POST, location + "/delete", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie + "; " + owner],
                                         body: ByteBuffer(text: "csrf=" + csrf)) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("已删除"))
            }
            try await app.testing().test(.GET, location) { response in
                #expect(response.status == .notFound)
            }
        }
    }

}
