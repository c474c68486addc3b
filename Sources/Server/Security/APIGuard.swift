import Foundation
import Store
import Synchronization
import Vapor

/// State-changing API calls authenticated by the session cookie: the body must be declared
/// JSON (a cross-site form cannot send that without the browser asking first) and, when the
/// browser names an Origin, it must be this site.
enum APIGuard {
    static func checkOrigin(_ request: Request) throws {
        if let origin = request.headers.first(name: .origin) {
            let host = request.headers.first(name: .host) ?? ""
            guard !host.isEmpty, origin == "http://" + host || origin == "https://" + host else {
                throw Problem(title: "来源不符", status: 403, detail: "只受理本站发起的请求。")
            }
        }
    }

    static func check(_ request: Request) throws {
        try checkOrigin(request)
        guard request.method == .DELETE || request.headers.contentType.map({ $0.type == "application" && $0.subType == "json" }) == true else {
            throw Problem(title: "不支持的请求体类型", status: 415, detail: "请求体应为 JSON，并声明 Content-Type: application/json。")
        }
    }

    /// The body as `T`, or a 422 naming what is missing or mistyped.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) throws -> T {
        guard let body = request.body.data else { throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "缺少请求体。") }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer: body))
        } catch {
            throw Problem.decoding(error, unreadable: Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为 JSON 对象。"))
        }
    }
}

extension Problem {
    /// What a body that would not decode is answered with: a field missing or mistyped is a
    /// 422 naming it; anything else (not parseable at all) is `unreadable`.
    static func decoding(_ error: any Error, unreadable: Problem) -> Problem {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return invalid(field: (context.codingPath + [key]).map(\.stringValue).joined(separator: "."), "缺少此项")
        case DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty:
            return invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), "类型不符")
        case DecodingError.valueNotFound(_, let context):
            return invalid(field: context.codingPath.map(\.stringValue).joined(separator: "."), "不能为空")
        default:
            return unreadable
        }
    }
}

extension Request {
    /// A posted page form (URL-encoded or multipart). A body that does not parse, an empty
    /// one or a file name that is not UTF-8 is the client's error: a 400 in Chinese, before
    /// any check of the form's token, never a 500 or the framework's English.
    func form<T: Decodable>(_ type: T.Type) throws -> T {
        let unreadable = Problem(title: "表单无法读取", status: 400, detail: "提交的内容不完整或格式有误（如上传中断），请回到上一页重新选择后提交。")
        // A multipart body ends with its close delimiter (RFC 2046 5.1.1); without it the upload
        // was cut off, whatever the parts before it seem to say.
        if let media = headers.contentType, media.type == "multipart", media.subType == "form-data" {
            guard let boundary = media.parameters["boundary"], !boundary.isEmpty, let body = body.data,
                  Self.endsWithCloseDelimiter(body, boundary: boundary) else { throw unreadable }
        }
        do {
            return try content.decode(type)
        } catch {
            // A page's form is the browser's: whatever failed, the person can only send it again.
            let field = (Problem.decoding(error, unreadable: Problem(title: "", status: 400)).errors.first?.field).map { "（「\($0)」一项无法读取，如文件名不是 UTF-8）" } ?? ""
            throw Problem(title: "表单无法读取", status: 400, detail: "提交的内容不完整或格式有误\(field)，请回到上一页重新选择后提交。")
        }
    }

    static func endsWithCloseDelimiter(_ body: ByteBuffer, boundary: String) -> Bool {
        var bytes = body.readableBytesView[...]
        while let last = bytes.last, last == 0x0D || last == 0x0A || last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return !bytes.isEmpty && bytes.reversed().starts(with: Array("--\(boundary)--".utf8).reversed())
    }
}

/// Failed sign-ins are slowed, never turned into a lock of the account (OWASP's
/// Authentication Cheat Sheet): failures are counted per (account, address) and per address,
/// and past each allowance every further try waits twice as long as the one before, up to a
/// bound. Nobody elsewhere can keep the owner out: from another address the owner's tally is
/// their own, and a success clears it. Bounded in size; read from the services' clock.
final class SignInThrottle: Sendable {
    private struct Tally {
        var failures: Int
        var last: Double
    }

    private let settings: SecuritySettings
    private let now: @Sendable () -> Date
    private let tallies = Mutex<[String: Tally]>([:])
    private let capacity = 100_000

    init(settings: SecuritySettings, now: @escaping @Sendable () -> Date) {
        self.settings = settings
        self.now = now
    }

    private static func pairKey(_ account: String, _ address: String) -> String { "a\u{1F}" + account.lowercased() + "\u{1F}" + address }
    private static func addressKey(_ address: String) -> String { "c\u{1F}" + address }

    /// Seconds the client must still wait before trying `account`, or nil.
    func wait(account: String, address: String) -> Int? {
        let time = now().timeIntervalSince1970
        return tallies.withLock { waiting(account: account, address: address, at: time, in: $0) }
    }

    /// An attempt, checked and counted at once: the seconds to wait, or nil and the attempt is
    /// counted as a failure until `succeeded` takes it back (so guesses sent in parallel, each
    /// past the check before any is answered, still meet the allowance).
    func admit(account: String, address: String) -> Int? {
        let time = now().timeIntervalSince1970
        return tallies.withLock { tallies in
            if let wait = waiting(account: account, address: address, at: time, in: tallies) { return wait }
            count(account: account, address: address, at: time, in: &tallies)
            return nil
        }
    }

    private func waiting(account: String, address: String, at time: Double, in tallies: [String: Tally]) -> Int? {
        let waits = [(Self.pairKey(account, address), settings.freeFailuresPerAccountAndAddress),
                     (Self.addressKey(address), settings.freeFailuresPerAddress)].compactMap { key, free -> Double? in
            guard let tally = tallies[key], time - tally.last < settings.forgetAfter, tally.failures >= free else { return nil }
            let remaining = tally.last + delay(after: tally.failures - free) - time
            return remaining > 0 ? remaining : nil
        }
        return waits.max().map { max(1, Int($0.rounded(.up))) }
    }

    /// The wait after the `excess`-th failure past an allowance: the first wait, doubled each time.
    private func delay(after excess: Int) -> Double {
        min(settings.longestWait, settings.firstWait * pow(2, Double(min(excess, 30))))
    }

    func failed(account: String, address: String) {
        let time = now().timeIntervalSince1970
        tallies.withLock { count(account: account, address: address, at: time, in: &$0) }
    }

    private func count(account: String, address: String, at time: Double, in tallies: inout [String: Tally]) {
        if tallies.count >= capacity {
            tallies = tallies.filter { time - $0.value.last < settings.forgetAfter }
            if tallies.count >= capacity {
                let newest = tallies.sorted { $0.value.last > $1.value.last }.prefix(capacity / 2)
                tallies = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
            }
        }
        for key in [Self.pairKey(account, address), Self.addressKey(address)] {
            var tally = tallies[key].flatMap { time - $0.last < settings.forgetAfter ? $0 : nil } ?? Tally(failures: 0, last: time)
            tally.failures += 1
            tally.last = time
            tallies[key] = tally
        }
    }

    /// The right password from this address: its tally for the account starts again, and the
    /// attempt counted in advance is taken back from the address's.
    func succeeded(account: String, address: String) {
        tallies.withLock { tallies in
            tallies.removeValue(forKey: Self.pairKey(account, address))
            if var tally = tallies[Self.addressKey(address)] {
                tally.failures = max(0, tally.failures - 1)
                tallies[Self.addressKey(address)] = tally
            }
        }
    }

    static func tooSoon(_ wait: Int) -> Problem {
        var problem = Problem(title: "尝试过于频繁", status: 429, detail: "多次输错密码后须稍候：请 \(wait) 秒后再试。")
        problem.retryAfter = wait
        return problem
    }

    /// The user whose password matches, through the throttle: a 429 while this client must
    /// wait, the failure counted when the password is wrong (401), the tally cleared when right.
    func authenticate(_ request: Request, username: String, password: String) async throws -> Account? {
        let address = FormGuard.clientKey(request.clientAddress)
        if let wait = admit(account: username, address: address) { throw Self.tooSoon(wait) }
        guard let user = try await request.accounts.authenticate(username: username, password: password) else { return nil }
        succeeded(account: username, address: address)
        return user
    }
}

/// A plain budget per client address (registrations, objections): at most so many a minute.
struct AddressBudget: Sendable {
    let limiter: ClientRateLimiter

    func take(_ request: Request) throws {
        if let wait = limiter.take(FormGuard.clientKey(request.clientAddress)) {
            var problem = Problem(title: "操作过于频繁", status: 429, detail: "请 \(wait) 秒后再试。")
            problem.retryAfter = wait
            throw problem
        }
    }
}

extension Application {
    private struct SignInThrottleKey: StorageKey { typealias Value = SignInThrottle }
    private struct RegistrationBudgetKey: StorageKey { typealias Value = AddressBudget }
    private struct ObjectionBudgetKey: StorageKey { typealias Value = AddressBudget }

    /// Set by `configure`, from the security settings and the services' clock.
    var signInThrottle: SignInThrottle {
        get { storage[SignInThrottleKey.self]! }
        set { storage[SignInThrottleKey.self] = newValue }
    }

    var registrationBudget: AddressBudget {
        get { storage[RegistrationBudgetKey.self]! }
        set { storage[RegistrationBudgetKey.self] = newValue }
    }

    var objectionBudget: AddressBudget {
        get { storage[ObjectionBudgetKey.self]! }
        set { storage[ObjectionBudgetKey.self] = newValue }
    }
}
