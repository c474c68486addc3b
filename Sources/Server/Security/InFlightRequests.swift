import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The requests being answered. On shutdown the server stops taking connections first, but a
/// handler already running goes on in its task; the databases may only close once none is
/// left, or that handler would meet a closed database.
public final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    func enter() { count.withLockedValue { $0 += 1 } }
    func leave() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is in flight, or `timeout` seconds have passed; true when none is left.
    func drain(timeout: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while current > 0, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return current == 0
    }
}

struct InFlightMiddleware: AsyncMiddleware {
    let requests: InFlightRequests

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        requests.enter()
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

    /// Lets the requests still being answered finish (up to `timeout` seconds) before
    /// `asyncShutdown` closes the databases. It narrows, but does not close, the window in which
    /// a request arrives after the count reached zero (the server itself stops inside
    /// `asyncShutdown`).
    public func drainRequests(timeout: Double = 10) async {
        guard let inFlightRequests, !(await inFlightRequests.drain(timeout: timeout)) else { return }
        logger.warning("shutting down with \(inFlightRequests.current) requests still being answered")
    }
}
