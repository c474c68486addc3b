import Foundation
import SQLKit

/// The skill evaluations' own tables — applications, assessment batches and certificates —
/// behind one interface, kept in SQL (`SQLSkillCaseStore`) or in memory
/// (`InMemorySkillCaseStore`). The trail, files and revisions are the `CaseTrail`'s.
public protocol SkillCaseStore: Sendable {
    func application(_ id: UUID) async throws -> SkillApplicationRecord?
    func add(_ application: SkillApplicationRecord) async throws
    func update(_ application: SkillApplicationRecord) async throws
    /// The person's applications, the latest updated first.
    func applications(of applicant: UUID) async throws -> [SkillApplicationRecord]
    /// A provider's submitted applications, as list lines: those it was chosen for and those
    /// whose turn is its own; in one stage where given; the latest updated first (ties by id,
    /// so pages never overlap), `limit` from `offset`; with how many match, counted no
    /// further than `countLimit + 1`.
    func queue(_ query: SkillQueueQuery) async throws -> (lines: [SkillQueueLine], matching: Int)

    func batch(_ id: UUID) async throws -> AssessmentBatch?
    func add(_ batch: AssessmentBatch) async throws
    /// A provider's batches by date.
    func batches(of provider: UUID) async throws -> [AssessmentBatch]
    /// Takes one seat if one is free, in one conditional update (two at once can never
    /// overfill the batch): false when it is full.
    func takeSeat(in batch: UUID) async throws -> Bool
    /// Gives a seat back (never below none).
    func releaseSeat(in batch: UUID) async throws

    func certificate(_ id: UUID) async throws -> SkillCertificate?
    func certificate(of application: UUID) async throws -> SkillCertificate?
    /// A number the issuer used already is refused by the store (unique).
    func add(_ certificate: SkillCertificate) async throws
    func update(_ certificate: SkillCertificate) async throws
    /// The certificates listed to a bureau (`nil`: to none yet, at most `limit`), by date and
    /// number; only those not yet reported where `pendingOnly`.
    func certificates(reportedTo bureau: UUID?, pendingOnly: Bool, limit: Int) async throws -> [SkillCertificate]
}

/// The skill evaluations' tables (migrations 010, 012), through SQLKit.
public struct SQLSkillCaseStore: SkillCaseStore {
    public static let applications = "skill_applications"
    public static let batches = "assessment_batches"
    public static let certificates = "skill_certificates"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func application(_ id: UUID) async throws -> SkillApplicationRecord? { try await sql.record(SkillApplicationRecord.self, in: Self.applications, id: id) }
    public func add(_ application: SkillApplicationRecord) async throws { try await sql.insert(application, into: Self.applications) }
    public func update(_ application: SkillApplicationRecord) async throws { try await sql.replace(application, id: application.id, in: Self.applications) }

    public func applications(of applicant: UUID) async throws -> [SkillApplicationRecord] {
        try await sql.records(SkillApplicationRecord.self, from: Self.applications) {
            $0.where("applicant_id", .equal, SQLBind(applicant)).orderBy("updated_on", .descending)
        }
    }

    public func queue(_ query: SkillQueueQuery) async throws -> (lines: [SkillQueueLine], matching: Int) {
        // Three parts, each walking an index of migrations 020 and 021 in order and stopping
        // where the page ends: those the provider was chosen for, and those whose turn it holds
        // though another provider was chosen (that provider's id below or above its own). The
        // parts never share a line, so no sort is needed to drop one; an OR of the conditions
        // would read and sort every application of the provider.
        enum Part: CaseIterable { case chosen, turnBelow, turnAbove }
        func part(_ part: Part, _ selected: String, order: Bool, limit: Int) -> SQLQueryString {
            let which: SQLQueryString = switch part {
            case .chosen: "provider_id = \(bind: query.provider)"
            case .turnBelow: "org_due = \(bind: query.provider) AND provider_id < \(bind: query.provider)"
            case .turnAbove: "org_due = \(bind: query.provider) AND provider_id > \(bind: query.provider)"
            }
            let stageClause: SQLQueryString = query.stage.map { " AND stage = \(bind: $0)" } ?? ""
            let orderClause: SQLQueryString = order ? " ORDER BY updated_on DESC, id DESC" : ""
            return "SELECT \(unsafeRaw: selected) FROM \(ident: Self.applications) WHERE " + which + " AND stage <> 'draft'"
                + stageClause + orderClause + " LIMIT \(literal: limit)"
        }
        let columns = SkillQueueLine.CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")
        let reach = query.offset + query.limit
        let parts = Part.allCases.map { "SELECT * FROM (" + part($0, columns, order: true, limit: reach) + ") AS \(ident: "part_\($0)")" as SQLQueryString }
        let counted = query.countLimit + 1
        let counts = Part.allCases.map { "(SELECT count(*) FROM (" + part($0, "id", order: false, limit: counted) + ") AS \(ident: "count_\($0)"))" as SQLQueryString }
        let (rows, matching) = try await sql.page({ countColumn in
            "SELECT \(unsafeRaw: columns), " + countColumn + " FROM (" + parts.joined(separator: " UNION ALL ")
                + ") AS lines ORDER BY updated_on DESC, id DESC LIMIT \(literal: query.limit) OFFSET \(literal: query.offset)"
        }, count: "SELECT " + counts.joined(separator: " + "), offset: query.offset)
        return (try rows.map(SkillQueueLine.init(row:)), min(matching, counted))
    }

    public func batch(_ id: UUID) async throws -> AssessmentBatch? { try await sql.record(AssessmentBatch.self, in: Self.batches, id: id) }
    public func add(_ batch: AssessmentBatch) async throws { try await sql.insert(batch, into: Self.batches) }

    public func batches(of provider: UUID) async throws -> [AssessmentBatch] {
        try await sql.records(AssessmentBatch.self, from: Self.batches) { $0.where("provider_id", .equal, SQLBind(provider)).orderBy("held_on") }
    }

    public func takeSeat(in batch: UUID) async throws -> Bool {
        try await !sql.raw("""
            UPDATE \(ident: Self.batches) SET seats_taken = seats_taken + 1 WHERE id = \(bind: batch) AND seats_taken < capacity RETURNING seats_taken
            """).all().isEmpty
    }

    public func releaseSeat(in batch: UUID) async throws {
        try await sql.raw("UPDATE \(ident: Self.batches) SET seats_taken = seats_taken - 1 WHERE id = \(bind: batch) AND seats_taken > 0").run()
    }

    public func certificate(_ id: UUID) async throws -> SkillCertificate? { try await sql.record(SkillCertificate.self, in: Self.certificates, id: id) }

    public func certificate(of application: UUID) async throws -> SkillCertificate? {
        try await sql.records(SkillCertificate.self, from: Self.certificates) { $0.where("application_id", .equal, SQLBind(application)).limit(1) }.first
    }

    public func add(_ certificate: SkillCertificate) async throws { try await sql.insert(certificate, into: Self.certificates) }
    public func update(_ certificate: SkillCertificate) async throws { try await sql.replace(certificate, id: certificate.id, in: Self.certificates) }

    public func certificates(reportedTo bureau: UUID?, pendingOnly: Bool, limit: Int) async throws -> [SkillCertificate] {
        try await sql.records(SkillCertificate.self, from: Self.certificates) { select in
            var select = if let bureau { select.where("bureau_id", .equal, SQLBind(bureau)) } else { select.where("bureau_id", .is, SQLLiteral.null) }
            if pendingOnly { select = select.where("reported_on", .is, SQLLiteral.null) }
            return select.orderBy("issued_on").orderBy("number").limit(limit)
        }
    }
}

/// The skill evaluations' tables in memory: the same contract, for tests.
public final class InMemorySkillCaseStore: SkillCaseStore {
    private struct Kept {
        var applications: [UUID: SkillApplicationRecord] = [:]
        var batches: [UUID: AssessmentBatch] = [:]
        var certificates: [UUID: SkillCertificate] = [:]
    }

    private let kept = Locked(Kept())

    public init() {}

    public func application(_ id: UUID) async throws -> SkillApplicationRecord? { kept.withLock { $0.applications[id] } }

    public func add(_ application: SkillApplicationRecord) async throws {
        try kept.withLock { kept in
            guard kept.applications[application.id] == nil else { throw StoreFailure("申请已存在") }
            kept.applications[application.id] = application
        }
    }

    public func update(_ application: SkillApplicationRecord) async throws { kept.withLock { $0.applications[application.id] = application } }

    public func applications(of applicant: UUID) async throws -> [SkillApplicationRecord] {
        kept.withLock { kept in kept.applications.values.filter { $0.applicantID == applicant }.sorted { $0.updatedOn > $1.updatedOn } }
    }

    public func queue(_ query: SkillQueueQuery) async throws -> (lines: [SkillQueueLine], matching: Int) {
        kept.withLock { kept in
            let matching = kept.applications.values
                .filter { ($0.providerID == query.provider || $0.orgDue == query.provider) && $0.stage != "draft" && (query.stage == nil || $0.stage == query.stage) }
                .sorted { ($0.updatedOn, $0.id.uuidString) > ($1.updatedOn, $1.id.uuidString) }
            return (matching.dropFirst(query.offset).prefix(query.limit).map(SkillQueueLine.init), min(matching.count, query.countLimit + 1))
        }
    }

    public func batch(_ id: UUID) async throws -> AssessmentBatch? { kept.withLock { $0.batches[id] } }
    public func add(_ batch: AssessmentBatch) async throws { kept.withLock { $0.batches[batch.id] = batch } }

    public func batches(of provider: UUID) async throws -> [AssessmentBatch] {
        kept.withLock { kept in kept.batches.values.filter { $0.providerID == provider }.sorted { $0.heldOn < $1.heldOn } }
    }

    public func takeSeat(in batch: UUID) async throws -> Bool {
        kept.withLock { kept in
            guard let found = kept.batches[batch], found.seatsTaken < found.capacity else { return false }
            kept.batches[batch]?.seatsTaken += 1
            return true
        }
    }

    public func releaseSeat(in batch: UUID) async throws {
        kept.withLock { kept in
            if let found = kept.batches[batch], found.seatsTaken > 0 { kept.batches[batch]?.seatsTaken -= 1 }
        }
    }

    public func certificate(_ id: UUID) async throws -> SkillCertificate? { kept.withLock { $0.certificates[id] } }

    public func certificate(of application: UUID) async throws -> SkillCertificate? {
        kept.withLock { kept in kept.certificates.values.first { $0.applicationID == application } }
    }

    public func add(_ certificate: SkillCertificate) async throws {
        try kept.withLock { kept in
            guard !kept.certificates.values.contains(where: { ($0.issuerID, $0.number) == (certificate.issuerID, certificate.number) || $0.applicationID == certificate.applicationID })
            else { throw StoreFailure("证书编号重复") }
            kept.certificates[certificate.id] = certificate
        }
    }

    public func update(_ certificate: SkillCertificate) async throws { kept.withLock { $0.certificates[certificate.id] = certificate } }

    public func certificates(reportedTo bureau: UUID?, pendingOnly: Bool, limit: Int) async throws -> [SkillCertificate] {
        kept.withLock { kept in
            Array(kept.certificates.values.filter { $0.bureauID == bureau && (!pendingOnly || $0.reportedOn == nil) }
                .sorted { ($0.issuedOn, $0.number) < ($1.issuedOn, $1.number) }.prefix(limit))
        }
    }
}

extension SkillQueueLine {
    /// Read column by column: the queue is a busy read.
    init(row: any SQLRow) throws {
        id = try row.uuid("id")
        applicantName = try row.text("applicant_name")
        providerName = try row.text("provider_name")
        occupation = try row.text("occupation")
        workType = try row.optionalText("work_type")
        level = try row.text("level")
        route = try row.text("route")
        stage = try row.text("stage")
        version = try row.decode(column: "version", as: Int.self)
        submittedOn = try row.text("submitted_on")
        updatedOn = try row.text("updated_on")
    }
}
