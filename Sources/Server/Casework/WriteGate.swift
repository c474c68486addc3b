import Fluent
import Foundation
import SQLKit
import Vapor

/// One writer at a time on SQLite, committing in groups. Its connections (one per event loop)
/// would otherwise meet in a deadlock that SQLite answers with "busy" instead of waiting;
/// PostgreSQL takes row locks and unique indexes itself, so it passes straight through.
///
/// Writes that arrive while one is running wait, then run together in one transaction, each in
/// its own savepoint: each still succeeds or fails alone and sees the ones before it, exactly as
/// one after another, but the group pays for one BEGIN, one COMMIT (one fsync) and one hand-over
/// instead of one each. Nobody is answered before the group's COMMIT.
actor WriteGate {
    typealias Body = @Sendable (any Database) async throws -> any Sendable
    private struct Job {
        let body: Body
        let answer: CheckedContinuation<Result<any Sendable, any Error>, Never>
    }
    private var pending: [Job] = []
    private var running = false
    /// The database registration writes go through: a file's own writer connections, so the
    /// readers' connections are never held for a group; nil where there is only one (in memory).
    nonisolated let writer: DatabaseID?

    init(writer: DatabaseID?) {
        self.writer = writer
    }
    /// Enough to spread BEGIN and COMMIT thin; small enough that one group's latency stays short.
    static let largestGroup = 64

    func run(_ body: @escaping Body, on database: any Database) async -> Result<any Sendable, any Error> {
        await withCheckedContinuation { answer in
            pending.append(Job(body: body, answer: answer))
            guard !running else { return }
            running = true
            // The writer runs at high priority: its steps between statements would otherwise
            // queue behind every waiting request's work, and every write with them.
            Task(priority: .high) { await self.drain(database) }
        }
    }

    private func drain(_ database: any Database) async {
        while !pending.isEmpty {
            let group = Array(pending.prefix(Self.largestGroup))
            pending.removeFirst(group.count)
            let results = await Self.commit(group.map(\.body), on: database)
            for (job, result) in zip(group, results) { job.answer.resume(returning: result) }
        }
        running = false
    }

    /// One transaction for the group; a lone write needs no savepoint.
    private nonisolated static func commit(_ bodies: [Body], on database: any Database) async -> [Result<any Sendable, any Error>] {
        do {
            return try await database.transaction { transaction in
                guard bodies.count > 1 else { return [.success(try await bodies[0](transaction))] }
                let sql = transaction as! any SQLDatabase
                var results: [Result<any Sendable, any Error>] = []
                for body in bodies {
                    try await sql.raw("SAVEPOINT gate_write").run()
                    do {
                        results.append(.success(try await body(transaction)))
                        try await sql.raw("RELEASE gate_write").run()
                    } catch {
                        try await sql.raw("ROLLBACK TO gate_write").run()
                        try await sql.raw("RELEASE gate_write").run()
                        results.append(.failure(error))
                    }
                }
                return results
            }
        } catch {
            // The group did not commit (or a lone write failed): nothing of it was kept.
            return bodies.map { _ in .failure(error) }
        }
    }
}

/// The database the casework writes to, with its gate.
struct CaseDatabase: Sendable {
    let database: any Database
    let gate: WriteGate?
    /// Where writes go: the gate's writer registration, else `database`.
    let writer: any Database

    /// Runs `body` in one transaction: the state change and its audit record commit together
    /// or not at all. A unique index refusing a second action on the same version is a conflict.
    func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                if let gate {
                    return try await gate.run({ try await body($0) }, on: writer).get() as! T
                }
                return try await database.transaction { try await body($0) }
            } catch {
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
    var caseDatabase: CaseDatabase {
        CaseDatabase(database: db, gate: writeGate, writer: writeGate?.writer.map { db($0) } ?? db)
    }
}

extension Request {
    var caseDatabase: CaseDatabase {
        let gate = application.writeGate
        return CaseDatabase(database: db, gate: gate, writer: gate?.writer.map { db($0) } ?? db)
    }
}

extension DatabaseID {
    /// A SQLite file's second registration, for the writer alone.
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}

