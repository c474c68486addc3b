import Foundation

/// The title casework's tables in memory: the same contract, for tests.
public final class InMemoryTitleCaseStore: TitleCaseStore {
    private struct Kept {
        var plans: [UUID: ReviewPlan] = [:]
        var sessions: [UUID: ReviewSession] = [:]
        var applications: [UUID: TitleApplicationRecord] = [:]
        var handlers: [UUID: [(role: String, organisation: UUID)]] = [:]
        var objections: [Objection] = []
    }

    private let kept = Locked(Kept())

    public init() {}

    public func plan(_ id: UUID) async throws -> ReviewPlan? { kept.withLock { $0.plans[id] } }

    public func plans(limit: Int) async throws -> [ReviewPlan] {
        kept.withLock { Array($0.plans.values.sorted { $0.opensOn > $1.opensOn }.prefix(limit)) }
    }

    public func add(_ plan: ReviewPlan) async throws {
        try kept.withLock { kept in
            guard kept.plans[plan.id] == nil else { throw StoreFailure("评审计划已存在") }
            kept.plans[plan.id] = plan
        }
    }

    public func session(_ id: UUID) async throws -> ReviewSession? { kept.withLock { $0.sessions[id] } }

    public func add(_ session: ReviewSession) async throws {
        try kept.withLock { kept in
            guard kept.plans[session.planID] != nil else { throw StoreFailure("没有这个评审计划") }
            kept.sessions[session.id] = session
        }
    }

    public func update(_ session: ReviewSession) async throws { kept.withLock { $0.sessions[session.id] = session } }

    public func application(_ id: UUID) async throws -> TitleApplicationRecord? { kept.withLock { $0.applications[id] } }

    public func add(_ application: TitleApplicationRecord) async throws {
        try kept.withLock { kept in
            guard kept.plans[application.planID] != nil else { throw StoreFailure("没有这个评审计划") }
            guard kept.applications[application.id] == nil else { throw StoreFailure("申请已存在") }
            kept.applications[application.id] = application
        }
    }

    public func update(_ application: TitleApplicationRecord) async throws { kept.withLock { $0.applications[application.id] = application } }

    public func addHandlers(_ handlers: [(role: String, organisation: UUID)], of application: UUID) async throws {
        try kept.withLock { kept in
            let roles = (kept.handlers[application] ?? []).map(\.role) + handlers.map(\.role)
            guard Set(roles).count == roles.count else { throw StoreFailure("同一角色只能由一个机构办理") }
            kept.handlers[application, default: []] += handlers
        }
    }

    public func openApplication(of applicant: UUID, plan: UUID, level: String) async throws -> TitleApplicationRecord? {
        kept.withLock { kept in
            kept.applications.values.first { $0.applicantID == applicant && $0.planID == plan && $0.level == level && $0.stage != "withdrawn" }
        }
    }

    public func applications(of applicant: UUID) async throws -> [TitleApplicationRecord] {
        kept.withLock { kept in kept.applications.values.filter { $0.applicantID == applicant }.sorted { $0.updatedOn > $1.updatedOn } }
    }

    public func latestEmployer(of applicant: UUID) async throws -> UUID? {
        try await applications(of: applicant).first { $0.employerID != nil }?.employerID
    }

    public func applications(in plan: UUID, stages: [String], limit: Int) async throws -> [TitleQueueLine] {
        kept.withLock { kept in
            Array(kept.applications.values.filter { $0.planID == plan && stages.contains($0.stage) }
                .sorted { $0.employerName < $1.employerName }.prefix(limit).map(TitleQueueLine.init))
        }
    }

    public func queue(_ query: TitleQueueQuery) async throws -> (lines: [TitleQueueLine], matching: Int) {
        kept.withLock { kept in
            let matching = kept.applications.values.filter { application in
                let seated = query.seats.contains { seat in
                    query.everyTakingPart
                        ? (kept.handlers[application.id] ?? []).contains { $0.role == seat.role && $0.organisation == seat.organisation }
                        : application.roleDue == seat.role && application.orgDue == seat.organisation
                }
                guard seated else { return false }
                if let plan = query.plan, application.planID != plan { return false }
                if let series = query.series, application.series != series { return false }
                if let level = query.level, application.level != level { return false }
                if let stage = query.stage, application.stage != stage { return false }
                if let day = query.overdueOn {
                    guard !application.dueBy.isEmpty, application.dueBy < day, query.stagesWithDueDates.contains(application.stage) else { return false }
                }
                return true
            }.sorted { ($0.submittedOn, $0.id.uuidString) < ($1.submittedOn, $1.id.uuidString) }
            let page = matching.dropFirst(query.offset).prefix(query.limit).map(TitleQueueLine.init)
            return (Array(page), min(matching.count, query.countLimit + 1))
        }
    }

    public func objections(of application: UUID, pendingOnly: Bool) async throws -> [Objection] {
        kept.withLock { kept in
            kept.objections.filter { $0.applicationID == application && (!pendingOnly || $0.upheld == nil) }.sorted { $0.lodgedOn < $1.lodgedOn }
        }
    }

    public func objectionCounts(of applications: [UUID]) async throws -> [UUID: Int] {
        kept.withLock { kept in
            Dictionary(grouping: kept.objections.filter { applications.contains($0.applicationID) }, by: \.applicationID).mapValues(\.count)
        }
    }

    public func add(_ objection: Objection) async throws {
        try kept.withLock { kept in
            guard kept.applications[objection.applicationID] != nil else { throw StoreFailure("没有这份申请") }
            kept.objections.append(objection)
        }
    }

    public func update(_ objection: Objection) async throws {
        kept.withLock { kept in
            if let index = kept.objections.firstIndex(where: { $0.id == objection.id }) { kept.objections[index] = objection }
        }
    }
}
