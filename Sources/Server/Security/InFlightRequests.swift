import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The requests being answered. On shutdown a handler already running goes on in its task, and
/// Vapor stops taking connections only inside `asyncShutdown`, together with closing the
/// databases; so once closing has begun new requests are answered 503 without reaching a
/// handler, and the databases close only when the requests already admitted are done.
public final class InFlightRequests: Sendable {
    private struct Counter { var current = 0; var closing = false }
    private let state = NIOLockedValueBox(Counter())

    var current: Int { state.withLockedValue { $0.current } }

    /// False once closing has begun: the request must not reach a handler.
    func enter() -> Bool {
        state.withLockedValue { counter in
            guard !counter.closing else { return false }
            counter.current += 1
            return true
        }
    }

    func leave() { state.withLockedValue { $0.current -= 1 } }

    /// Stops admitting requests, then waits until none is in flight or `timeout` seconds have
    /// passed; true when none is left.
    func drain(timeout: Double) async -> Bool {
        state.withLockedValue { $0.closing = true }
        let deadline = Date().addingTimeInterval(timeout)
        while current > 0, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return current == 0
    }
}

struct InFlightMiddleware: AsyncMiddleware {
    let requests: InFlightRequests

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard requests.enter() else {
            let response = Response(status: .serviceUnavailable, body: .init(string: "服务正在停止，请稍后重试。"))
            response.headers.contentType = .plainText
            response.headers.replaceOrAdd(name: .retryAfter, value: "5")
            response.headers.replaceOrAdd(name: .connection, value: "close")
            return response
        }
        defer { requests.leave() }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }

    /// Set by `configure`.
    public var inFlightRequests: InFlightRequests? {
        get { storage[InFlightKey.self] }
        set { storage[InFlightKey.self] = newValue }
    }

    /// Stops admitting requests and lets those still being answered finish (up to `timeout`
    /// seconds) before `asyncShutdown` closes the databases.
    public func drainRequests(timeout: Double = 10) async {
        guard let inFlightRequests, !(await inFlightRequests.drain(timeout: timeout)) else { return }
        logger.warning("shutting down with \(inFlightRequests.current) requests still being answered")
    }
}
