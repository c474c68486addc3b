import Fluent
import Foundation
import SQLKit
import Vapor

/// One write transaction at a time on SQLite. Its connections (one per event loop) would
/// otherwise meet in a deadlock that SQLite answers with "busy" instead of waiting;
/// PostgreSQL takes row locks and unique indexes itself, so it passes straight through.
actor WriteGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

/// The database the casework writes to, with its gate.
struct CaseDatabase: Sendable {
    let database: any Database
    let gate: WriteGate?

    /// Runs `body` in one transaction: the state change and its audit record commit together
    /// or not at all. A unique index refusing a second action on the same version is a conflict.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            if let gate { await gate.enter() }
            do {
                // The holder of the gate runs at high priority: its steps between statements would
                // otherwise queue behind every waiting request's work, and the gate with them.
                let database = self.database
                let value = try await Task(priority: .high) { try await database.transaction { try await body($0) } }.value
                if let gate { await gate.leave() }
                return value
            } catch {
                if let gate { await gate.leave() }
                if Self.isUniqueViolation(error) {
                    throw Problem(title: "操作冲突", status: 409, detail: "这份申请刚被他人处理过，请刷新后再操作。")
                }
                // SQLite busy (another process, or a reader's snapshot): the transaction did
                // nothing, so it is tried again; still busy, the client is asked to retry.
                guard Self.isBusy(error) else { throw error }
                attempt += 1
                guard attempt < Self.busyAttempts else {
                    var problem = Problem(title: "系统繁忙", status: 503, detail: "数据库正忙，请稍后重试。")
                    problem.retryAfter = 1
                    throw problem
                }
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
    }

    static let busyAttempts = 5

    static func isBusy(_ error: any Error) -> Bool {
        let text = String(describing: error)
        return text.contains("database is locked") || text.contains("database table is locked") || text.contains("SQLITE_BUSY")
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let sql = error as? any DatabaseError, sql.isConstraintFailure { return true }
        let text = String(describing: error)
        return text.contains("UNIQUE constraint") || text.contains("duplicate key") || text.contains("23505")
    }
}

extension Application {
    private struct WriteGateKey: StorageKey { typealias Value = WriteGate }

    /// Set by `configure` when the database is SQLite.
    var writeGate: WriteGate? {
        get { storage[WriteGateKey.self] }
        set { storage[WriteGateKey.self] = newValue }
    }

    /// The application's database with its gate: the one way anything is written.
    var caseDatabase: CaseDatabase { CaseDatabase(database: db, gate: writeGate) }
}

extension Request {
    var caseDatabase: CaseDatabase { CaseDatabase(database: db, gate: application.writeGate) }
}

