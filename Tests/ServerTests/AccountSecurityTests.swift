import Clients
import Domain
import Foundation
@testable import Server
import SQLKit
import Store
import Synchronization
import Testing
import Vapor
import VaporTesting

/// Accounts as an attacker tries them: guessing slows only the guesser, whole passwords count,
/// registration names no account, sign-in never sends a browser to another host, and only
/// a configured proxy is believed about the client.
@Suite(.serialized) struct AccountSecurityTests {
    /// A client seen through a trusted proxy on loopback: X-Forwarded-For says who it is.
    static func signIn(_ app: Application, _ username: String, _ password: String, from address: String) async throws -> TestingHTTPResponse {
        var answer: TestingHTTPResponse?
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        try await app.testing(method: .running(port: 0)).test(.POST, "api/v1/session", headers: [
            "Content-Type": "application/json", "X-Forwarded-For": address,
        ], body: ByteBuffer(data: body)) { answer = $0 }
        return try #require(answer)
    }

    static var behindLoopbackProxy: SecuritySettings {
        var settings = TestServer.security
        settings.trustedProxies = ["127.0.0.1", "::1"]
        return settings
    }

    /// Five wrong passwords from one address slow that address's tries at that account; the
    /// owner, from elsewhere, signs in at once (no lock of the account).
    @Test func guessingSlowsTheGuesserNotTheOwner() async throws {
        try await TestServer.withServer(security: Self.behindLoopbackProxy) { app in
            let world = CaseworkWorld(app)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("锁定测试公司"), jurisdiction: "quzhou")
            let officer = try await world.officer("lock-hr", role: "employer", in: employer)
            for _ in 0..<5 {
                #expect(try await Self.signIn(app, officer, "wrong-password-x", from: "203.0.113.5").status == .unauthorized)
            }
            let slowed = try await Self.signIn(app, officer, "wrong-password-x", from: "203.0.113.5")
            #expect(slowed.status == .tooManyRequests, "\(slowed.body.string)")
            #expect(Int(slowed.headers.first(name: .retryAfter) ?? "") == 2)
            #expect(slowed.body.string.contains("秒后再试"))
            // Even the right password waits there: the guesser learns nothing from it.
            #expect(try await Self.signIn(app, officer, CaseworkWorld.password, from: "203.0.113.5").status == .tooManyRequests)
            // The owner from another address is let in, and so is anyone from a third.
            #expect(try await Self.signIn(app, officer, CaseworkWorld.password, from: "198.51.100.7").status == .ok)
            #expect(try await Self.signIn(app, officer, CaseworkWorld.password, from: "2001:db8:9::1").status == .ok)
        }
    }

    /// Guesses sent all at once meet the same allowance: each is counted before the slow check.
    @Test func parallelGuessesMeetTheAllowance() async throws {
        try await TestServer.withServer { app in
            let body = try JSONSerialization.data(withJSONObject: ["username": "someone", "password": "wrong-password-x"])
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        var status = HTTPStatus.ok
                        try await app.testing().test(.POST, "api/v1/session", headers: ["Content-Type": "application/json"], body: ByteBuffer(data: body)) {
                            status = $0.status
                        }
                        return status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7, "\(statuses)")
        }
    }

    /// One address spraying many accounts is slowed after its allowance across accounts.
    @Test func sprayingFromOneAddressIsSlowed() async throws {
        try await TestServer.withServer(security: Self.behindLoopbackProxy) { app in
            var statuses: [HTTPStatus] = []
            for index in 0..<20 {
                statuses.append(try await Self.signIn(app, "nobody-\(index)", "wrong-password-x", from: "203.0.113.9").status)
            }
            #expect(statuses == Array(repeating: .unauthorized, count: 20))
            let slowed = try await Self.signIn(app, "nobody-20", "wrong-password-x", from: "203.0.113.9")
            #expect(slowed.status == .tooManyRequests)
            let elsewhere = try await Self.signIn(app, "nobody-20", "wrong-password-x", from: "203.0.113.10")
            #expect(elsewhere.status == .unauthorized)
        }
    }

    /// Each failure past the allowance doubles the wait, up to the bound; a success clears it.
    @Test func waitsGrowAndAreBounded() {
        let time = Mutex(1_000.0)
        var settings = SecuritySettings.production
        settings.freeFailuresPerAccountAndAddress = 2
        let throttle = SignInThrottle(settings: settings, now: { Date(timeIntervalSince1970: time.withLock { $0 }) })
        var waits: [Int] = []
        for _ in 0..<12 {
            if let wait = throttle.wait(account: "Officer", address: "a") {
                waits.append(wait)
                time.withLock { $0 += Double(wait) }
            }
            throttle.failed(account: "officer", address: "a")
        }
        #expect(Array(waits.prefix(5)) == [2, 4, 8, 16, 32])
        #expect(waits.max() == 900)
        #expect(throttle.wait(account: "officer", address: "b") == nil)
        time.withLock { $0 += 900 }
        throttle.succeeded(account: "officer", address: "a")
        #expect(throttle.wait(account: "officer", address: "a") == nil)
    }

    /// bcrypt reads 72 bytes; the service hashes the whole password first.
    @Test func everyCharacterOfAPasswordCounts() async throws {
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let long = String(repeating: "a", count: 80)
            let client = CaseClient(app)
            let registered = try await client.call(.POST, "api/v1/accounts", ["username": world.name("long"), "displayName": "长密码", "password": long + "X"])
            #expect(registered.status == 201, "\(registered.body)")
            let other = CaseClient(app)
            #expect(try await other.call(.POST, "api/v1/session", ["username": world.name("long"), "password": long + "Y"]).status == 401)
            #expect(try await other.call(.POST, "api/v1/session", ["username": world.name("long"), "password": long + "X"]).status == 200)
        }
    }

    /// A hash stored before passwords were pre-hashed still lets its owner in.
    @Test func hashesMadeBeforeStillVerify() async throws {
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let legacy = Account(username: world.name("legacy"), displayName: "旧账号", passwordHash: try await app.password.async.hash("legacy-password-1"))
            try await SQLAccountStore(try #require(app.db as? any SQLDatabase)).add(legacy, at: Date())
            let client = CaseClient(app)
            #expect(try await client.call(.POST, "api/v1/session", ["username": world.name("legacy"), "password": "legacy-password-1"]).status == 200)
            #expect(try await client.call(.POST, "api/v1/session", ["username": world.name("legacy"), "password": "legacy-password-2"]).status == 401)
        }
    }

    /// A taken name is refused as any unusable name is, and registrations from one address
    /// are limited at production's budget.
    @Test func registrationNamesNoAccountAndIsLimited() async throws {
        try await TestServer.withServer(security: .production) { app in
            let world = CaseworkWorld(app)
            let first = CaseClient(app)
            #expect(try await first.call(.POST, "api/v1/accounts", ["username": world.name("taken"), "displayName": "甲", "password": CaseworkWorld.password]).status == 201)
            let again = try await CaseClient(app).call(.POST, "api/v1/accounts", ["username": world.name("taken"), "displayName": "乙", "password": CaseworkWorld.password])
            let badName = try await CaseClient(app).call(.POST, "api/v1/accounts", ["username": "空 格", "displayName": "丙", "password": CaseworkWorld.password])
            #expect(again.status == 422 && badName.status == 422, "\(again.body)")
            #expect(!again.body.contains("已被使用") && !again.body.contains("已存在"))
            var statuses: [Int] = []
            for index in 0..<10 {
                statuses.append(try await CaseClient(app).call(.POST, "api/v1/accounts", ["username": world.name("r\(index)"), "displayName": "丁", "password": CaseworkWorld.password]).status)
            }
            #expect(statuses.filter { $0 == 201 }.count == 7)
            #expect(statuses.suffix(1) == [429])
        }
    }

    /// Only one leading slash, no control characters or backslashes: "/\t/host" is another host.
    @Test func signInGoesOnlyToAPathOnThisSite() async throws {
        for hostile in ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/\u{00A0}/evil.example",
                        "/%09/x\u{7F}", "", "javascript:alert(1)"] {
            #expect(CaseworkPages.safeNext(hostile) == "/me", "\(hostile.debugDescription)")
        }
        #expect(CaseworkPages.safeNext("/cases/ABC?tab=1") == "/cases/ABC?tab=1")
        #expect(CaseworkPages.safeNext("/work?plan=%E8%AE%A1") == "/work?plan=%E8%AE%A1")
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("跳转测试公司"), jurisdiction: "quzhou")
            let officer = try await world.officer("next-hr", role: "employer", in: employer)
            var cookie = "", token = ""
            try await app.testing().test(.GET, "signin?next=%2F%09%2Fevil.example") { response in
                cookie = (response.headers.first(name: .setCookie) ?? "").split(separator: ";").first.map(String.init) ?? ""
                let page = response.body.string
                #expect(!page.contains("evil.example"))
                if let range = page.range(of: #"name="csrf" value=""#) { token = String(page[range.upperBound...].prefix { $0 != "\"" }) }
            }
            let form = "username=\(officer)&password=\(CaseworkWorld.password)&csrf=\(token)&next=%2F%09%2Fevil.example"
            try await app.testing().test(.POST, "signin", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie],
                                         body: ByteBuffer(text: form)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/me")
            }
        }
    }

    /// X-Forwarded-Proto makes cookies Secure only when a configured proxy sends it.
    @Test func forwardedHeadersAreBelievedOnlyFromTrustedProxies() async throws {
        try await TestServer.withServer { app in
            try await app.testing(method: .running(port: 0)).test(.GET, "signin", headers: ["X-Forwarded-Proto": "https"]) { response in
                #expect(!(response.headers.first(name: .setCookie) ?? "").contains("Secure"))
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil)
            }
        }
        try await TestServer.withServer(security: Self.behindLoopbackProxy) { app in
            try await app.testing(method: .running(port: 0)).test(.GET, "signin", headers: ["X-Forwarded-Proto": "https"]) { response in
                #expect((response.headers.first(name: .setCookie) ?? "").contains("Secure"))
                #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
            }
        }
        #expect(throws: (any Error).self) { try SecuritySettings.parseProxies("10.0.0.1, proxy.example") }
        #expect(try SecuritySettings.parseProxies(" 10.0.0.1,::1 ") == ["10.0.0.1", "::1"])
    }
}
