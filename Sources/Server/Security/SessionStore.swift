import Domain
import Foundation
import Store
import Vapor

/// Vapor's sessions kept by the store's `SignedInSessions` (several server processes share
/// them; every signed-in request reads one). Unlike Vapor's database sessions:
/// - a session whose data did not change is not written back (Vapor writes every one, so each
///   page view was a write);
/// - an empty session (a visitor, or a stale cookie) is never stored, so unknown cookies
///   cannot fill the table; a stored session names its user;
/// - reading a session reads who holds it (name, roles, epoch) in the same query;
/// - each session carries when it ends, and sessions that have ended are swept at each sign-in;
/// - the table keeps only a SHA-256 of each session id, so a copy of the database signs no one in;
/// - the writes take the casework's one write path, so on SQLite they never meet a casework
///   transaction half-way ("database is locked").
struct SessionStore: SessionDriver {
    private struct ReadKey: StorageKey { typealias Value = StoredSession }

    /// The session as this request read it, with its holder, while its data is unchanged.
    static func asRead(by request: Request) -> StoredSession? {
        guard let read = request.storage[ReadKey.self], read.data == request.session.data.snapshot else { return nil }
        return read
    }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        guard let user = data.snapshot["uid"].flatMap(UUID.init(uuidString:)) else { return request.eventLoop.makeSucceededFuture(Self.unstoredID()) }
        let id = Self.newID()
        // Wall time, not the policy clock (which tests and simulations move): the sweep is
        // housekeeping shared by every process on the database.
        let now = Date().timeIntervalSince1970
        return gated(request) { sessions in
            try await sessions.create(key: Self.stored(id), data: data.snapshot, user: user, expiresAt: now + SignedInSession.lifetime, now: now)
            return id
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let stored = try await SQLSignedInSessions(request.db.sql)
                .read(key: Self.stored(sessionID), now: Date().timeIntervalSince1970) else { return nil }
            request.storage[ReadKey.self] = stored
            return SessionData(initialData: stored.data)
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[ReadKey.self]?.data == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        return gated(request) { sessions in
            // A change of data is a new sign-in epoch (a password change): its lifetime starts again.
            try await sessions.update(key: Self.stored(sessionID), data: data.snapshot, expiresAt: Date().timeIntervalSince1970 + SignedInSession.lifetime)
            return sessionID
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        gated(request) { sessions in try await sessions.delete(key: Self.stored(sessionID)) }
    }

    /// Through the one write path every write takes (on SQLite, the gate and its busy handling).
    private func gated<T: Sendable>(_ request: Request, _ body: @escaping @Sendable (SQLSignedInSessions) async throws -> T) -> EventLoopFuture<T> {
        let database = request.caseDatabase
        return request.eventLoop.makeFutureWithTask {
            try await database.write { try await body(SQLSignedInSessions($0.sql)) }
        }
    }

    /// What the table keeps of a session id: its SHA-256, in hex.
    static func stored(_ id: SessionID) -> String {
        SHA256.hash(data: Data(id.string.utf8)).hexDigits
    }

    /// 32 random bytes, as Vapor's sessions use.
    private static func newID() -> SessionID {
        var generator = SystemRandomNumberGenerator()
        return SessionID(string: Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64EncodedString())
    }

    /// An id for a session that holds nothing: random, so it names no stored session.
    private static func unstoredID() -> SessionID { newID() }
}
