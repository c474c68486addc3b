import Foundation
import SQLKit

/// The title casework's own tables — review plans and sessions, applications with the offices
/// taking part, objections — behind one interface, kept in SQL (`SQLTitleCaseStore`) or in
/// memory (`InMemoryTitleCaseStore`). The trail, files and revisions are the `CaseTrail`'s.
public protocol TitleCaseStore: Sendable {
    func plan(_ id: UUID) async throws -> ReviewPlan?
    /// The latest opening first.
    func plans(limit: Int) async throws -> [ReviewPlan]
    func add(_ plan: ReviewPlan) async throws

    func session(_ id: UUID) async throws -> ReviewSession?
    func add(_ session: ReviewSession) async throws
    func update(_ session: ReviewSession) async throws

    func application(_ id: UUID) async throws -> TitleApplicationRecord?
    func add(_ application: TitleApplicationRecord) async throws
    func update(_ application: TitleApplicationRecord) async throws
    /// The offices taking part (role → organisation), fixed at submission: one row each.
    func addHandlers(_ handlers: [(role: String, organisation: UUID)], of application: UUID) async throws
    /// The person's application to this plan at this level that is not withdrawn, if any.
    func openApplication(of applicant: UUID, plan: UUID, level: String) async throws -> TitleApplicationRecord?
    /// The person's applications, the latest updated first.
    func applications(of applicant: UUID) async throws -> [TitleApplicationRecord]
    /// The employer named on the person's latest updated application that names one.
    func latestEmployer(of applicant: UUID) async throws -> UUID?
    /// The plan's applications in these stages, by employer name, at most `limit`.
    func applications(in plan: UUID, stages: [String], limit: Int) async throws -> [TitleQueueLine]
    /// A queue's page, by submission date, with the number matching (counted no further than
    /// `countLimit` + 1).
    func queue(_ query: TitleQueueQuery) async throws -> (lines: [TitleQueueLine], matching: Int)

    /// An application's objections; only those not yet resolved where `pendingOnly`.
    func objections(of application: UUID, pendingOnly: Bool) async throws -> [Objection]
    /// How many objections each of these applications received.
    func objectionCounts(of applications: [UUID]) async throws -> [UUID: Int]
    func add(_ objection: Objection) async throws
    func update(_ objection: Objection) async throws
}

/// The title casework's tables (migrations 004, 007, 015), through SQLKit: whole records by
/// their `Codable` columns, the busiest read (the queue) in plain SQL on its index.
public struct SQLTitleCaseStore: TitleCaseStore {
    public static let plans = "review_plans"
    public static let sessions = "review_sessions"
    public static let applications = "applications"
    public static let handlers = "application_handlers"
    public static let objections = "objections"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func plan(_ id: UUID) async throws -> ReviewPlan? { try await sql.record(ReviewPlan.self, in: Self.plans, id: id) }

    public func plans(limit: Int) async throws -> [ReviewPlan] {
        try await sql.records(ReviewPlan.self, from: Self.plans) { $0.orderBy("opens_on", .descending).limit(limit) }
    }

    public func add(_ plan: ReviewPlan) async throws { try await sql.insert(plan, into: Self.plans) }

    public func session(_ id: UUID) async throws -> ReviewSession? { try await sql.record(ReviewSession.self, in: Self.sessions, id: id) }
    public func add(_ session: ReviewSession) async throws { try await sql.insert(session, into: Self.sessions) }
    public func update(_ session: ReviewSession) async throws { try await sql.replace(session, id: session.id, in: Self.sessions) }

    public func application(_ id: UUID) async throws -> TitleApplicationRecord? {
        try await sql.record(TitleApplicationRecord.self, in: Self.applications, id: id)
    }

    public func add(_ application: TitleApplicationRecord) async throws { try await sql.insert(application, into: Self.applications) }

    public func update(_ application: TitleApplicationRecord) async throws { try await sql.replace(application, id: application.id, in: Self.applications) }

    public func addHandlers(_ handlers: [(role: String, organisation: UUID)], of application: UUID) async throws {
        guard !handlers.isEmpty else { return }
        var insert = sql.insert(into: Self.handlers).columns("id", "application_id", "organisation_id", "role")
        for handler in handlers.sorted(by: { $0.role < $1.role }) {
            insert = insert.values(SQLBind(UUID()), SQLBind(application), SQLBind(handler.organisation), SQLBind(handler.role))
        }
        try await insert.run()
    }

    public func openApplication(of applicant: UUID, plan: UUID, level: String) async throws -> TitleApplicationRecord? {
        try await sql.records(TitleApplicationRecord.self, from: Self.applications) {
            $0.where("applicant_id", .equal, SQLBind(applicant)).where("plan_id", .equal, SQLBind(plan)).where("level", .equal, SQLBind(level))
                .where("stage", .notEqual, SQLBind("withdrawn")).limit(1)
        }.first
    }

    public func applications(of applicant: UUID) async throws -> [TitleApplicationRecord] {
        try await sql.records(TitleApplicationRecord.self, from: Self.applications) {
            $0.where("applicant_id", .equal, SQLBind(applicant)).orderBy("updated_on", .descending)
        }
    }

    public func latestEmployer(of applicant: UUID) async throws -> UUID? {
        try await sql.select().column("employer_id").from(Self.applications).where("applicant_id", .equal, SQLBind(applicant))
            .where("employer_id", .isNot, SQLLiteral.null).orderBy("updated_on", .descending).limit(1).first()?
            .decode(column: "employer_id", as: UUID.self)
    }

    public func applications(in plan: UUID, stages: [String], limit: Int) async throws -> [TitleQueueLine] {
        guard !stages.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT \(unsafeRaw: Self.lineColumns) FROM \(ident: Self.applications)
            WHERE plan_id = \(bind: plan) AND stage IN \(SQLBind.group(stages)) ORDER BY employer_name LIMIT \(literal: limit)
            """).all().map(Self.line)
    }

    static let lineColumns = "id, plan_id, applicant_name, employer_name, series, level, route, stage, role_due, submitted_on, due_by, version"

    /// Read column by column: the queue is the busiest read.
    static func line(_ row: any SQLRow) throws -> TitleQueueLine {
        TitleQueueLine(id: try row.text("id").uppercased(), planID: try row.text("plan_id").uppercased(), applicantName: try row.text("applicant_name"),
                       employerName: try row.text("employer_name"), series: try row.optionalText("series"), level: try row.text("level"),
                       route: try row.text("route"), stage: try row.text("stage"), roleDue: try row.optionalText("role_due"),
                       submittedOn: try row.text("submitted_on"), dueBy: try row.text("due_by"), version: try row.decode(column: "version", as: Int.self))
    }

    public func queue(_ query: TitleQueueQuery) async throws -> (lines: [TitleQueueLine], matching: Int) {
        guard !query.seats.isEmpty else { return ([], 0) }
        let matching = Self.condition(query)
        // The index `applications_queue_order` serves both the page and its count.
        let count: SQLQueryString = "SELECT count(*) FROM (SELECT 1 FROM \(ident: Self.applications) WHERE \(matching) LIMIT \(literal: query.countLimit + 1)) AS matching"
        let (found, counted) = try await sql.page({ countColumn in """
            SELECT \(unsafeRaw: Self.lineColumns), \(countColumn) FROM \(ident: Self.applications)
            WHERE \(matching) ORDER BY submitted_on, id LIMIT \(literal: query.limit) OFFSET \(literal: query.offset)
            """ }, count: count, offset: query.offset)
        return (try found.map(Self.line), counted)
    }

    /// The WHERE clause of a queue: every value bound, never spliced. An application matches a
    /// seat only where the role and the organisation are the same pair as its handler's (or its turn's).
    private static func condition(_ query: TitleQueueQuery) -> SQLQueryString {
        func pairs(_ organisationColumn: String, _ roleColumn: String) -> SQLQueryString {
            "(" + query.seats.map { seat -> SQLQueryString in
                "(\(ident: organisationColumn) = \(bind: seat.organisation) AND \(ident: roleColumn) = \(bind: seat.role))"
            }.joined(separator: " OR ") + ")"
        }
        var clauses: [SQLQueryString] = [query.everyTakingPart
            ? "id IN (SELECT application_id FROM \(ident: Self.handlers) WHERE \(pairs("organisation_id", "role")))"
            : pairs("org_due", "role_due")]
        if let plan = query.plan { clauses.append("plan_id = \(bind: plan)") }
        if let series = query.series { clauses.append("series = \(bind: series)") }
        if let level = query.level { clauses.append("level = \(bind: level)") }
        if let stage = query.stage { clauses.append("stage = \(bind: stage)") }
        if let day = query.overdueOn {
            clauses.append("due_by < \(bind: day) AND due_by <> '' AND stage IN \(SQLBind.group(query.stagesWithDueDates))")
        }
        return clauses.joined(separator: " AND ")
    }

    public func objections(of application: UUID, pendingOnly: Bool) async throws -> [Objection] {
        try await sql.records(Objection.self, from: Self.objections) { select in
            let select = select.where("application_id", .equal, SQLBind(application))
            return (pendingOnly ? select.where("upheld", .is, SQLLiteral.null) : select).orderBy("lodged_on")
        }
    }

    public func objectionCounts(of applications: [UUID]) async throws -> [UUID: Int] {
        guard !applications.isEmpty else { return [:] }
        let rows = try await sql.select().column("application_id").column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(Self.objections)
            .where("application_id", .in, SQLBind.group(applications)).groupBy("application_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows { counts[try row.decode(column: "application_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }

    public func add(_ objection: Objection) async throws { try await sql.insert(objection, into: Self.objections) }
    public func update(_ objection: Objection) async throws { try await sql.replace(objection, id: objection.id, in: Self.objections) }
}
