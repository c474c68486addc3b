import Fluent
import Foundation
import Vapor

/// Vapor's database sessions, with three changes for a busy service:
/// - a session whose data did not change is not written back (Vapor writes every one, so each
///   page view was a write);
/// - an empty session (a visitor, or a stale cookie) is never stored, so unknown cookies
///   cannot fill the table;
/// - on SQLite the writes pass the casework's write gate, so they never meet a casework
///   transaction half-way ("database is locked").
struct SessionStore: SessionDriver {
    let inner: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = [String: String] }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        guard !data.snapshot.isEmpty else { return request.eventLoop.makeSucceededFuture(Self.unstoredID()) }
        return gated(request) { try await inner.createSession(data, for: request).get() }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        inner.readSession(sessionID, for: request).map { data in
            if let data { request.storage[ReadKey.self] = data.snapshot }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[ReadKey.self] == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        return gated(request) { try await inner.updateSession(sessionID, to: data, for: request).get() }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        gated(request) { try await inner.deleteSession(sessionID, for: request).get() }
    }

    private func gated<T: Sendable>(_ request: Request, _ body: @escaping @Sendable () async throws -> T) -> EventLoopFuture<T> {
        let gate = request.application.writeGate
        return request.eventLoop.makeFutureWithTask {
            if let gate { await gate.enter() }
            do {
                let value = try await body()
                if let gate { await gate.leave() }
                return value
            } catch {
                if let gate { await gate.leave() }
                throw error
            }
        }
    }

    /// An id for a session that holds nothing: random, so it names no stored session.
    private static func unstoredID() -> SessionID {
        SessionID(string: Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString())
    }
}
