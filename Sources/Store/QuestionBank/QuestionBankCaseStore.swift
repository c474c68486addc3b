import Foundation
import SQLKit

/// The question-bank call's own tables — applications, city reports, leads chosen, closing
/// settings and later calls published — behind one interface, kept in SQL
/// (`SQLQuestionBankCaseStore`) or in memory (`InMemoryQuestionBankCaseStore`).
public protocol QuestionBankCaseStore: Sendable {
    func application(_ id: UUID) async throws -> QuestionBankApplicationRecord?
    func add(_ application: QuestionBankApplicationRecord) async throws
    func update(_ application: QuestionBankApplicationRecord) async throws
    /// The units' applications, the latest updated first.
    func applications(ofUnits units: [UUID]) async throws -> [QuestionBankApplicationRecord]
    /// Those submitted to the centre (never drafts).
    func applications(submittedTo centre: UUID) async throws -> [QuestionBankApplicationRecord]
    /// Those of a centre (as the centre they belong to, or as the provincial centre) in these
    /// stages, of one call where given.
    func applications(of centre: UUID, asProvincialCentre: Bool, call: String?, stages: [String]) async throws -> [QuestionBankApplicationRecord]
    func applications(inReport report: UUID) async throws -> [QuestionBankApplicationRecord]

    func report(_ id: UUID) async throws -> QuestionBankReport?
    func add(_ report: QuestionBankReport) async throws
    /// A centre's reports, the latest first.
    func reports(of centre: UUID) async throws -> [QuestionBankReport]

    /// A second lead for the same call, centre and occupation is refused by the store (unique).
    func add(_ lead: QuestionBankLead) async throws

    func setting(of call: String) async throws -> QuestionBankCallSetting?
    /// Sets the call's closing, replacing an earlier setting.
    func save(_ setting: QuestionBankCallSetting) async throws

    func publishedCall(_ code: String) async throws -> QuestionBankPublishedCall?
    /// In the order they were published.
    func publishedCalls() async throws -> [QuestionBankPublishedCall]
    func add(_ call: QuestionBankPublishedCall) async throws
}

/// The question-bank call's tables (migration 013), through SQLKit.
public struct SQLQuestionBankCaseStore: QuestionBankCaseStore {
    public static let applications = "qb_applications"
    public static let reports = "qb_reports"
    public static let leads = "qb_leads"
    public static let settings = "qb_call_settings"
    public static let publishedCalls = "qb_published_calls"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func application(_ id: UUID) async throws -> QuestionBankApplicationRecord? {
        try await sql.records(QuestionBankApplicationRecord.self, from: Self.applications) { $0.where("id", .equal, SQLBind(id)) }.first
    }

    public func add(_ application: QuestionBankApplicationRecord) async throws { try await sql.insert(application, into: Self.applications) }

    public func update(_ application: QuestionBankApplicationRecord) async throws {
        try await sql.replace(application, id: application.id, in: Self.applications)
    }

    public func applications(ofUnits units: [UUID]) async throws -> [QuestionBankApplicationRecord] {
        guard !units.isEmpty else { return [] }
        return try await sql.records(QuestionBankApplicationRecord.self, from: Self.applications) {
            $0.where("unit_id", .in, SQLBind.group(units)).orderBy("updated_on", .descending)
        }
    }

    public func applications(submittedTo centre: UUID) async throws -> [QuestionBankApplicationRecord] {
        try await sql.records(QuestionBankApplicationRecord.self, from: Self.applications) {
            $0.where("centre_id", .equal, SQLBind(centre)).where("submitted_on", .notEqual, SQLBind(""))
        }
    }

    public func applications(of centre: UUID, asProvincialCentre: Bool, call: String?, stages: [String]) async throws -> [QuestionBankApplicationRecord] {
        guard !stages.isEmpty else { return [] }
        return try await sql.records(QuestionBankApplicationRecord.self, from: Self.applications) { select in
            var select = select.where(asProvincialCentre ? "provincial_centre_id" : "centre_id", .equal, SQLBind(centre))
                .where("stage", .in, SQLBind.group(stages))
            if let call { select = select.where("call_id", .equal, SQLBind(call)) }
            return select
        }
    }

    public func applications(inReport report: UUID) async throws -> [QuestionBankApplicationRecord] {
        try await sql.records(QuestionBankApplicationRecord.self, from: Self.applications) { $0.where("report_id", .equal, SQLBind(report)) }
    }

    public func report(_ id: UUID) async throws -> QuestionBankReport? {
        try await sql.records(QuestionBankReport.self, from: Self.reports) { $0.where("id", .equal, SQLBind(id)) }.first
    }

    public func add(_ report: QuestionBankReport) async throws { try await sql.insert(report, into: Self.reports) }

    public func reports(of centre: UUID) async throws -> [QuestionBankReport] {
        try await sql.records(QuestionBankReport.self, from: Self.reports) { $0.where("centre_id", .equal, SQLBind(centre)).orderBy("reported_at", .descending) }
    }

    public func add(_ lead: QuestionBankLead) async throws { try await sql.insert(lead, into: Self.leads) }

    public func setting(of call: String) async throws -> QuestionBankCallSetting? {
        try await sql.records(QuestionBankCallSetting.self, from: Self.settings) { $0.where("call_id", .equal, SQLBind(call)).limit(1) }.first
    }

    public func save(_ setting: QuestionBankCallSetting) async throws {
        if var kept = try await self.setting(of: setting.callID) {
            kept.closesAt = setting.closesAt
            kept.source = setting.source
            kept.setBy = setting.setBy
            kept.setAt = setting.setAt
            try await sql.replace(kept, id: kept.id, in: Self.settings)
        } else {
            try await sql.insert(setting, into: Self.settings)
        }
    }

    public func publishedCall(_ code: String) async throws -> QuestionBankPublishedCall? {
        try await sql.records(QuestionBankPublishedCall.self, from: Self.publishedCalls) { $0.where("code", .equal, SQLBind(code)).limit(1) }.first
    }

    public func publishedCalls() async throws -> [QuestionBankPublishedCall] {
        try await sql.records(QuestionBankPublishedCall.self, from: Self.publishedCalls) { $0.orderBy("published_at") }
    }

    public func add(_ call: QuestionBankPublishedCall) async throws { try await sql.insert(call, into: Self.publishedCalls) }
}

/// The question-bank call's tables in memory: the same contract, for tests.
public final class InMemoryQuestionBankCaseStore: QuestionBankCaseStore {
    private struct Kept {
        var applications: [UUID: QuestionBankApplicationRecord] = [:]
        var reports: [QuestionBankReport] = []
        var leads: [QuestionBankLead] = []
        var settings: [String: QuestionBankCallSetting] = [:]
        var calls: [QuestionBankPublishedCall] = []
    }

    private let kept = Locked(Kept())

    public init() {}

    private func applications(where include: (QuestionBankApplicationRecord) -> Bool) -> [QuestionBankApplicationRecord] {
        kept.withLock { $0.applications.values.filter(include).sorted { $0.updatedOn > $1.updatedOn } }
    }

    public func application(_ id: UUID) async throws -> QuestionBankApplicationRecord? { kept.withLock { $0.applications[id] } }

    public func add(_ application: QuestionBankApplicationRecord) async throws {
        try kept.withLock { kept in
            guard kept.applications[application.id] == nil else { throw StoreFailure("申报已存在") }
            kept.applications[application.id] = application
        }
    }

    public func update(_ application: QuestionBankApplicationRecord) async throws { kept.withLock { $0.applications[application.id] = application } }

    public func applications(ofUnits units: [UUID]) async throws -> [QuestionBankApplicationRecord] { applications { units.contains($0.unitID) } }

    public func applications(submittedTo centre: UUID) async throws -> [QuestionBankApplicationRecord] {
        applications { $0.centreID == centre && !$0.submittedOn.isEmpty }
    }

    public func applications(of centre: UUID, asProvincialCentre: Bool, call: String?, stages: [String]) async throws -> [QuestionBankApplicationRecord] {
        applications { ($0.provincialCentreID == centre && asProvincialCentre || $0.centreID == centre && !asProvincialCentre)
            && stages.contains($0.stage) && (call == nil || $0.callID == call) }
    }

    public func applications(inReport report: UUID) async throws -> [QuestionBankApplicationRecord] { applications { $0.reportID == report } }

    public func report(_ id: UUID) async throws -> QuestionBankReport? { kept.withLock { $0.reports.first { $0.id == id } } }
    public func add(_ report: QuestionBankReport) async throws { kept.withLock { $0.reports.append(report) } }

    public func reports(of centre: UUID) async throws -> [QuestionBankReport] {
        kept.withLock { $0.reports.filter { $0.centreID == centre }.sorted { $0.reportedAt > $1.reportedAt } }
    }

    public func add(_ lead: QuestionBankLead) async throws {
        try kept.withLock { kept in
            guard !kept.leads.contains(where: { ($0.callID, $0.centreID, $0.projectKey) == (lead.callID, lead.centreID, lead.projectKey) }) else {
                throw StoreFailure("已确定牵头单位")
            }
            kept.leads.append(lead)
        }
    }

    public func setting(of call: String) async throws -> QuestionBankCallSetting? { kept.withLock { $0.settings[call] } }

    public func save(_ setting: QuestionBankCallSetting) async throws {
        kept.withLock { kept in
            var saved = setting
            if let earlier = kept.settings[setting.callID] { saved.id = earlier.id }
            kept.settings[setting.callID] = saved
        }
    }

    public func publishedCall(_ code: String) async throws -> QuestionBankPublishedCall? { kept.withLock { $0.calls.first { $0.code == code } } }

    public func publishedCalls() async throws -> [QuestionBankPublishedCall] { kept.withLock { $0.calls.sorted { $0.publishedAt < $1.publishedAt } } }

    public func add(_ call: QuestionBankPublishedCall) async throws {
        try kept.withLock { kept in
            guard !kept.calls.contains(where: { $0.code == call.code }) else { throw StoreFailure("征集编号已使用") }
            kept.calls.append(call)
        }
    }
}
