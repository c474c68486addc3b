import Domain
import Foundation
import SQLKit
import Workflow

/// The case trail in the database, through SQLKit on SQLite or PostgreSQL alike. Bound to one
/// database or transaction: the caller's transaction makes a state change and its trail entry
/// commit together.
public struct SQLCaseTrail: CaseTrail {
    /// The tables (migrations 017 and 018), shared by every case type and keyed by `case_type`
    /// and `case_id`.
    public static let events = "case_events"
    public static let reads = "case_reads"
    public static let files = "case_attachments"
    public static let revisions = "case_revisions"

    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func append(_ entries: [TrailEntry]) async throws {
        guard !entries.isEmpty else { return }
        // One statement for all of them: a case created and submitted at once writes two.
        var insert = sql.insert(into: Self.events)
            .columns("id", "case_type", "case_id", "version", "actor_user_id", "actor_name", "role", "organisation_id", "organisation_name",
                     "at", "on_date", "event", "detail", "stage_before", "stage_after")
        for entry in entries {
            insert = insert.values(SQLBind(UUID()), SQLBind(entry.caseType), SQLBind(entry.caseID), SQLBind(entry.version),
                                   SQLBind(entry.actor.flatMap { UUID(uuidString: $0.user) }), SQLBind(entry.actorName), SQLBind(entry.role),
                                   SQLBind(entry.actor.flatMap { UUID(uuidString: $0.organisation) }), SQLBind(entry.organisationName),
                                   SQLBind(entry.at), SQLBind(entry.onDate.description), SQLBind(entry.event),
                                   SQLBind(try StoredJSON.encode(entry.detail)), SQLBind(entry.stageBefore), SQLBind(entry.stageAfter))
        }
        try await insert.run()
    }

    static let entryColumns = ["case_type", "case_id", "version", "actor_user_id", "actor_name", "role", "organisation_id", "organisation_name",
                               "at", "on_date", "event", "detail", "stage_before", "stage_after"]

    public func entries(of caseID: UUID) async throws -> [TrailEntry] {
        try await sql.select().columns(Self.entryColumns.map { SQLColumn($0) })
            .from(Self.events).where("case_id", .equal, SQLBind(caseID)).orderBy("version").all()
            .map(Self.entry)
    }

    public func latest(of caseIDs: [UUID], notBy user: UUID, limit: Int) async throws -> [TrailEntry] {
        guard !caseIDs.isEmpty else { return [] }
        return try await sql.select().columns(Self.entryColumns.map { SQLColumn($0) })
            .from(Self.events).where("case_id", .in, SQLBind.group(caseIDs))
            .where { $0.where("actor_user_id", .is, SQLLiteral.null).orWhere("actor_user_id", .notEqual, SQLBind(user)) }
            .orderBy("at", .descending).orderBy("version", .descending).limit(limit).all()
            .map(Self.entry)
    }

    private static func entry(_ row: any SQLRow) throws -> TrailEntry {
        let role = try row.decode(column: "role", as: String.self)
        let user = try row.decode(column: "actor_user_id", as: UUID?.self)
        let organisation = try row.decode(column: "organisation_id", as: UUID?.self)
        return TrailEntry(
            caseType: try row.decode(column: "case_type", as: String.self), caseID: try row.decode(column: "case_id", as: UUID.self),
            version: try row.decode(column: "version", as: Int.self),
            actor: Role(rawValue: role).map { Actor(user: user?.uuidString ?? "", role: $0, organisation: organisation?.uuidString ?? "") },
            actorName: try row.decode(column: "actor_name", as: String.self),
            organisationName: try row.decode(column: "organisation_name", as: String.self), at: try row.decode(column: "at", as: Date.self),
            onDate: try row.day("on_date"), event: try row.decode(column: "event", as: String.self),
            detail: try StoredJSON.decode([String: String].self, row.decode(column: "detail", as: String.self)),
            stageBefore: try row.decode(column: "stage_before", as: String.self), stageAfter: try row.decode(column: "stage_after", as: String.self))
    }

    public func record(_ read: CaseRead) async throws {
        try await sql.insert(into: Self.reads)
            .columns("id", "case_type", "case_id", "reader_user_id", "reader_name", "role", "organisation_id", "organisation_name", "what",
                     "detail", "at", "on_date")
            .values(SQLBind(UUID()), SQLBind(read.caseType), SQLBind(read.caseID), SQLBind(try StoredValue.uuid(read.reader.user)),
                    SQLBind(read.readerName), SQLBind(read.reader.role.rawValue), SQLBind(UUID(uuidString: read.reader.organisation)),
                    SQLBind(read.organisationName), SQLBind(read.what.rawValue), SQLBind(read.detail), SQLBind(read.at),
                    SQLBind(read.onDate.description))
            .run()
    }

    public func reads(of caseID: UUID, limit: Int) async throws -> [CaseRead] {
        try await sql.select().columns("case_type", "case_id", "reader_user_id", "reader_name", "role", "organisation_id", "organisation_name",
                                       "what", "detail", "at", "on_date")
            .from(Self.reads).where("case_id", .equal, SQLBind(caseID)).orderBy("at", .descending).limit(limit).all()
            .map { row in
                let role = try row.decode(column: "role", as: String.self)
                guard let parsed = Role(rawValue: role), let what = CaseRead.What(rawValue: try row.decode(column: "what", as: String.self)) else {
                    throw StoreFailure("查阅记录中有无法识别的角色或内容：\(role)")
                }
                return CaseRead(
                    caseType: try row.decode(column: "case_type", as: String.self), caseID: try row.decode(column: "case_id", as: UUID.self),
                    reader: Actor(user: try row.decode(column: "reader_user_id", as: UUID.self).uuidString, role: parsed,
                                  organisation: try row.decode(column: "organisation_id", as: UUID?.self)?.uuidString ?? ""),
                    readerName: try row.decode(column: "reader_name", as: String.self),
                    organisationName: try row.decode(column: "organisation_name", as: String.self), what: what,
                    detail: try row.decode(column: "detail", as: String.self), at: try row.decode(column: "at", as: Date.self),
                    onDate: try row.day("on_date"))
            }
    }

    public func add(_ file: CaseFile) async throws {
        try await sql.insert(into: Self.files)
            .columns("id", "case_type", "case_id", "label", "filename", "content_type", "size", "sha256", "data", "uploaded_by", "created_at")
            .values(SQLBind(file.id), SQLBind(file.caseType), SQLBind(file.caseID), SQLBind(file.label), SQLBind(file.filename),
                    SQLBind(file.contentType), SQLBind(file.size), SQLBind(file.sha256), SQLBind(file.data), SQLBind(file.uploadedBy),
                    SQLBind(file.createdAt))
            .run()
    }

    static let fileColumns = ["id", "case_type", "case_id", "label", "filename", "content_type", "size", "sha256", "uploaded_by", "created_at"]

    public func files(of caseID: UUID) async throws -> [CaseFile] {
        try await sql.select().columns(Self.fileColumns.map { SQLColumn($0) })
            .from(Self.files).where("case_id", .equal, SQLBind(caseID)).orderBy("created_at").orderBy("id").all()
            .map { try Self.file($0, data: Data()) }
    }

    public func file(_ id: UUID, of caseID: UUID) async throws -> CaseFile? {
        try await sql.select().columns((Self.fileColumns + ["data"]).map { SQLColumn($0) })
            .from(Self.files).where("id", .equal, SQLBind(id)).where("case_id", .equal, SQLBind(caseID)).first()
            .map { try Self.file($0, data: $0.decode(column: "data", as: Data.self)) }
    }

    public func addRevision(of caseID: UUID, caseType: String, person: String, frozenEvaluation: String, at now: Date) async throws -> Int {
        let number = try await revisionCount(of: caseID) + 1
        try await sql.insert(into: Self.revisions)
            .columns("id", "case_type", "case_id", "number", "person", "frozen_evaluation", "created_at")
            .values(SQLBind(UUID()), SQLBind(caseType), SQLBind(caseID), SQLBind(number), SQLBind(person), SQLBind(frozenEvaluation), SQLBind(now))
            .run()
        return number
    }

    public func revisionCount(of caseID: UUID) async throws -> Int {
        let row = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Self.revisions).where("case_id", .equal, SQLBind(caseID)).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    private static func file(_ row: any SQLRow, data: Data) throws -> CaseFile {
        CaseFile(id: try row.decode(column: "id", as: UUID.self), caseType: try row.decode(column: "case_type", as: String.self),
                 caseID: try row.decode(column: "case_id", as: UUID.self), label: try row.decode(column: "label", as: String.self),
                 filename: try row.decode(column: "filename", as: String.self), contentType: try row.decode(column: "content_type", as: String.self),
                 size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self), data: data,
                 uploadedBy: try row.decode(column: "uploaded_by", as: UUID.self),
                 createdAt: try row.decode(column: "created_at", as: Date?.self) ?? Date(timeIntervalSince1970: 0))
    }
}
