import Domain
import Foundation
import Workflow

/// What every case keeps beside its state, whatever its type: the append-only trail of accepted
/// actions, officers' reads of it, its files and the earlier versions of its answers. One
/// interface; `SQLCaseTrail` keeps it in the database (SQLite or PostgreSQL), `InMemoryCaseTrail`
/// in memory for tests of the kernel and of this contract.
public protocol CaseTrail: Sendable {
    /// Accepted actions, in the transaction of the state change they record: all or none.
    func append(_ entries: [TrailEntry]) async throws
    /// The case's actions, oldest first.
    func entries(of caseID: UUID) async throws -> [TrailEntry]
    /// The newest actions on these cases taken by anyone but `user` (the public's included),
    /// newest first: what the applicant is told.
    func latest(of caseIDs: [UUID], notBy user: UUID, limit: Int) async throws -> [TrailEntry]
    func record(_ read: CaseRead) async throws
    /// Who has read the case, newest first, at most `limit`.
    func reads(of caseID: UUID, limit: Int) async throws -> [CaseRead]
    func add(_ file: CaseFile) async throws
    /// The case's files without their bytes, oldest first.
    func files(of caseID: UUID) async throws -> [CaseFile]
    /// One file of the case with its bytes (nil when it is not this case's).
    func file(_ id: UUID, of caseID: UUID) async throws -> CaseFile?
    /// Keeps the answers a resubmission replaces; returns the revision's number (1, 2, …).
    func addRevision(of caseID: UUID, caseType: String, person: String, frozenEvaluation: String, at now: Date) async throws -> Int
    func revisionCount(of caseID: UUID) async throws -> Int
}

extension CaseTrail {
    /// One accepted action, in the transaction of the state change it records.
    public func append(_ entry: TrailEntry) async throws { try await append([entry]) }
}

/// One accepted action of a case.
public struct TrailEntry: Sendable, Hashable {
    public var caseType: String
    public var caseID: UUID
    public var version: Int
    /// Nil for the public (an objection during 公示).
    public var actor: Actor?
    public var actorName: String
    public var organisationName: String
    public var at: Date
    public var onDate: CalendarDate
    public var event: String
    public var detail: [String: String]
    public var stageBefore: String
    public var stageAfter: String

    public init(caseType: String, caseID: UUID, version: Int, actor: Actor?, actorName: String, organisationName: String, at: Date,
                onDate: CalendarDate, event: String, detail: [String: String], stageBefore: String, stageAfter: String) {
        self.caseType = caseType
        self.caseID = caseID
        self.version = version
        self.actor = actor
        self.actorName = actorName
        self.organisationName = organisationName
        self.at = at
        self.onDate = onDate
        self.event = event
        self.detail = detail
        self.stageBefore = stageBefore
        self.stageAfter = stageAfter
    }

    /// The role column: the actor's, or "public".
    public var role: String { actor?.role.rawValue ?? "public" }
}

/// An officer's read of a case or one of its files.
public struct CaseRead: Sendable, Hashable {
    public enum What: String, Sendable {
        /// The case with the applicant's record.
        case wholeCase = "case"
        case attachment
    }

    public var caseType: String
    public var caseID: UUID
    public var reader: Actor
    public var readerName: String
    public var organisationName: String
    public var what: What
    /// For a file: its label and name.
    public var detail: String
    public var at: Date
    public var onDate: CalendarDate

    public init(caseType: String, caseID: UUID, reader: Actor, readerName: String, organisationName: String, what: What, detail: String,
                at: Date, onDate: CalendarDate) {
        self.caseType = caseType
        self.caseID = caseID
        self.reader = reader
        self.readerName = readerName
        self.organisationName = organisationName
        self.what = what
        self.detail = detail
        self.at = at
        self.onDate = onDate
    }
}

/// A file of a case: a scan (PDF, JPEG or PNG by its content) with its checksum.
public struct CaseFile: Sendable, Hashable {
    public var id: UUID
    public var caseType: String
    public var caseID: UUID
    public var label: String
    public var filename: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    /// Empty in listings.
    public var data: Data
    public var uploadedBy: UUID
    public var createdAt: Date

    public init(id: UUID = UUID(), caseType: String, caseID: UUID, label: String, filename: String, contentType: String, size: Int,
                sha256: String, data: Data, uploadedBy: UUID, createdAt: Date) {
        self.id = id
        self.caseType = caseType
        self.caseID = caseID
        self.label = label
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
        self.data = data
        self.uploadedBy = uploadedBy
        self.createdAt = createdAt
    }
}

/// Why the store could not read a row it wrote.
public struct StoreFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
