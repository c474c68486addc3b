import Foundation
@testable import Server
import Synchronization
import Testing
import Vapor
import VaporTesting

/// What every answer carries, and what the server refuses before any handler runs.
@Suite struct HardeningTests {
    static let form = PageTests.query([("j", "quzhou"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2020-06-01")])

    func expectSecurityHeaders(_ response: TestingHTTPResponse, _ what: String) {
        let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(what): CSP «\(csp)»")
        #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what)")
        #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(what)")
        #expect(response.headers.first(name: "Referrer-Policy") == "same-origin", "\(what)")
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await TestServer.withServer { app in
            let requests: [(HTTPMethod, String)] = [
                (.GET, ""), (.GET, "result?" + Self.form), (.GET, "documents"), (.GET, "style.css"), (.GET, "suggest.js"), (.GET, "openapi.json"),
                (.GET, "healthz"), (.GET, "api/v1/series"), (.GET, "nothing-here"), (.POST, "api/v1/evaluations"), (.DELETE, "api/v1/evaluations"),
            ]
            for (method, path) in requests {
                try await app.testing().test(method, path) { response in expectSecurityHeaders(response, "\(method) /\(path)") }
            }
        }
    }

    /// Once shutdown has begun no request reaches a handler (and so none meets a closed database).
    @Test func aStoppingServerAnswers503WithoutReachingAHandler() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "api/v1/series") { #expect($0.status == .ok) }
            await app.drainRequests(timeout: 1)
            try await app.testing().test(.GET, "api/v1/series") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers.first(name: .retryAfter) == "5")
                #expect(response.body.string.contains("服务正在停止"))
            }
        }
    }

    @Test func pagesAreNotKeptByCachesAndStaticFilesAre() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "result?" + Self.form) { response in
                #expect(response.headers.first(name: .cacheControl) == "no-store")
            }
            try await app.testing().test(.GET, "suggest.js") { response in
                #expect(response.headers.first(name: .cacheControl)?.hasPrefix("public") == true)
            }
        }
    }

    /// The save budget is per IPv4 address or IPv6 /64, and the table of clients stays bounded.
    @Test func theBudgetIsPerClientAndBounded() {
        #expect(FormGuard.clientKey("2001:db8:1:2:aaaa::1") == FormGuard.clientKey("2001:db8:1:2:bbbb::2"))
        #expect(FormGuard.clientKey("2001:db8::1") == "2001:db8:0:0::/64")
        #expect(FormGuard.clientKey("192.0.2.7") == "192.0.2.7")
        let now = Mutex(0.0)
        let limiter = ClientRateLimiter(limit: 2, window: 60, now: { Date(timeIntervalSince1970: now.withLock { $0 }) })
        #expect(limiter.take("a") == nil && limiter.take("a") == nil)
        #expect(limiter.take("a") == 60)
        #expect(limiter.take("b") == nil)
        now.withLock { $0 = 61 }
        #expect(limiter.take("a") == nil)
        for index in 0..<60_000 { _ = limiter.take("client-\(index)") }
        #expect(limiter.clients <= 50_000)
    }

    @Test func staticFilesAreServedOnlyByTheirExactNames() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "style.css") { response in
                #expect(response.status == .ok)
                #expect(response.contentType.hasPrefix("text/css"))
                #expect(response.headers.first(name: .cacheControl)?.contains("max-age") == true)
                let etag = try #require(response.headers.first(name: .eTag))
                try await app.testing().test(.GET, "style.css", headers: ["If-None-Match": etag]) { again in #expect(again.status == .notModified) }
            }
            let refused = ["openapi.json%00.html", "..%2FPackage.swift", "style.css%00", String(repeating: "a", count: 300), "views/base.leaf"]
            for path in refused {
                try await app.testing().test(.GET, path) { response in
                    #expect(response.status == .notFound, "/\(path.prefix(40)) → \(response.status)")
                    #expect(response.contentType.hasPrefix("application/problem+json"))
                }
            }
            try await app.testing().test(.GET, String(repeating: "a/", count: 5000)) { response in
                #expect(response.status == .uriTooLong)
            }
        }
    }

    @Test func badRequestShapesGetProblems() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "api/v1/occupations?q=%FF%FE") { response in #expect(response.status == .badRequest) }
            try await app.testing().test(.GET, "api/v1/providers?jurisdiction=quzhou&occupation=" + String(repeating: "%E8%BD%A6", count: 200)) { response in
                #expect(response.status == .unprocessableEntity)
            }
            try await app.testing().test(.GET, "api/v1/providers?jurisdiction=quzhou&occupation=" + String(repeating: "%E8%BD%A6", count: 70)) { response in
                #expect(response.status == .unprocessableEntity)
                #expect((response.json?["errors"] as? [[String: Any]])?.first?["field"] as? String == "occupation")
            }
            try await app.testing().test(.GET, "api/v1/occupations/" + String(repeating: "%E8%BD%A6", count: 80)) { response in
                #expect(response.status == .notFound)
            }
            let huge = #"{"jurisdiction":"quzhou","person":{"occupationWorkYears":1e400}}"#
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/json"], body: ByteBuffer(text: huge)) { response in
                #expect(response.status == .unprocessableEntity)
            }
        }
    }

    @Test func theSaveFormNeedsItsTokenAndThisSite() async throws {
        try await TestServer.withServer { app in
            try await TestServer.save(app, form: Self.form, headers: ["Origin": "https://elsewhere.example"]) { response in
                #expect(response.status == .forbidden)
            }
            try await TestServer.save(app, form: Self.form, token: "0123456789abcdef0123456789abcdef") { response in
                #expect(response.status == .forbidden)
            }
            try await app.testing().test(.POST, "checks", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(text: "query=j%3Dquzhou")) { response in
                #expect(response.status == .forbidden)
            }
            try await TestServer.save(app, form: Self.form) { response in #expect(response.status == .seeOther) }
        }
    }

    @Test func theSaveFormIsRateLimitedPerClient() async throws {
        try await TestServer.withServer(formActionsPerMinute: 2) { app in
            var statuses: [HTTPStatus] = []
            for _ in 0..<3 {
                try await TestServer.save(app, form: Self.form) { response in
                    statuses.append(response.status)
                    if response.status == .tooManyRequests { #expect(Int(response.headers.first(name: .retryAfter) ?? "") ?? 0 > 0) }
                }
            }
            #expect(statuses == [.seeOther, .seeOther, .tooManyRequests])
        }
    }

    /// A browser gets a Chinese page with a way back; an API client keeps problem+json; an
    /// internal failure's own words are not shown to either.
    @Test func browsersGetPagesAndClientsGetProblems() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "no-such-page", headers: ["Accept": "text/html,application/xhtml+xml"]) { response in
                #expect(response.status == .notFound)
                #expect(response.contentType.hasPrefix("text/html"))
                #expect(response.body.string.contains("没有这个页面") && response.body.string.contains("href=\"/\""))
            }
            try await app.testing().test(.GET, "checks/unknown-token", headers: ["Accept": "text/html"]) { response in
                #expect(response.status == .notFound)
                #expect(response.body.string.contains("没有这条保存的自测记录"))
            }
            try await app.testing().test(.GET, "api/v1/occupations/nothing-like-this", headers: ["Accept": "text/html"]) { response in
                #expect(response.status == .notFound)
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
            try await app.testing().test(.GET, "no-such-page") { response in
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
        }
    }

    /// Static files are compressed for a client that accepts it; pages are not.
    @Test func staticFilesAreCompressedAndPagesAreNot() async throws {
        try await TestServer.withServer { app in
            try await app.testing(method: .running(port: 0)).test(.GET, "style.css", headers: ["Accept-Encoding": "gzip"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentEncoding) == "gzip")
            }
            try await app.testing(method: .running(port: 0)).test(.GET, "", headers: ["Accept-Encoding": "gzip"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentEncoding) == nil)
            }
        }
    }
}
