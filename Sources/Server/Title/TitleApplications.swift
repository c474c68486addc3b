import Access
import Contract
import Domain
import Engine
import Fluent
import Foundation
import PolicyData
import SQLKit
import Store
import Vapor
import Workflow

/// What an actor asks to do to an application.
struct ActionInput: Content {
    var action: String
    /// The version the actor saw: another action in between makes this one a conflict.
    var version: Int
    var reason: String?
    var item: Int?
    var met: Bool?
    var note: String?
    var objection: String?
    var upheld: Bool?
    var decision: String?
    /// For `issue` where the committee's vote only recommended: whether the higher body passed it.
    var adopted: Bool?
}

/// A title application's casework: start, submit, each step, objections, the decision and
/// the title's issue. Each accepted action is the workflow's transition, stored with its
/// audit record in one transaction.
struct TitleApplicationService: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices
    var database: any Database { db.database }
    var directory: OrganisationDirectory { get throws { OrganisationDirectory(database: try database.sql) } }

    // MARK: The person

    func evaluate(_ person: JSONValue, jurisdiction: String, on day: CalendarDate) throws -> EvaluationResult {
        let json: JSONValue = .object(["jurisdiction": .string(jurisdiction), "asOf": .string(day.description), "person": person])
        do throws(RequestErrors) {
            return policy.engine.evaluate(try policy.decoder.decode(json, today: day))
        } catch {
            throw Problem(title: "个人档案有误", status: 422, detail: "请先修改个人档案：" + error.errors.map { "\($0.field)：\($0.message)" }.joined(separator: "；"),
                          errors: error.errors)
        }
    }

    /// The plan's option for this route and level in the result: the series must be one the plan reviews.
    static func option(in result: EvaluationResult, route: Contract.Route, level: TitleLevel, series: String?, plan: ReviewPlan) -> TitleOption? {
        let planSeries = Set(plan.seriesList)
        return result.titleOptions.first { option in
            guard option.route == route, option.level == level else { return false }
            // An option the engine ties to no series (河北's 绿色通道 by honour) goes under the series the applicant names.
            guard let optionSeries = option.series else { return series.map { planSeries.contains($0) } ?? false }
            return (series == nil || optionSeries == series) && planSeries.contains(optionSeries)
        }
    }

    /// Whether the engine's routing sends this option to the plan's committee. Where the data
    /// names a committee it must be the plan's; where the documents name none, the plan's
    /// committee must be of the option's jurisdiction.
    static func routesTo(_ option: TitleOption, plan: ReviewPlan, chain: [String]) -> Bool {
        if let committee = option.committee?.name { return committee == plan.committee }
        return chain.contains(plan.jurisdiction)
    }

    // MARK: Starting

    struct StartInput: Content {
        var plan: String
        var route: String
        var level: String
        var series: String?
        var employer: String?
        /// Submit at once (the page's one-step form); otherwise a draft.
        var submit: Bool?
    }

    /// What starting an application read: its answer is built from the same, not read again.
    struct Loaded: Sendable {
        let plan: ReviewPlan
        let person: JSONValue
        let employer: OrganisationRef?
    }

    struct Started: Sendable {
        let model: TitleApplicationRecord
        let loaded: Loaded
    }

    func start(_ input: StartInput, principal: Principal) async throws -> TitleApplicationRecord {
        try await begin(input, principal: principal).model
    }

    func begin(_ input: StartInput, principal: Principal) async throws -> Started {
        let today = policy.today()
        guard let route = Contract.Route(rawValue: input.route) else { throw Problem.invalid(field: "route", "申报方式应为 regular、direct_apply 或 direct_recognition") }
        guard let level = TitleLevel(name: input.level) else { throw Problem.invalid(field: "level", "层级应为 助理级、中级、副高级 或 正高级") }
        let plan = try await PlanService(db: db, policy: policy).find(input.plan)
        guard plan.isOpen(on: today) else {
            throw Problem(title: "评审计划不在受理期", status: 422, detail: "「\(plan.title)」受理期为 \(plan.opensOn) 至 \(plan.closesOn)。")
        }
        guard let userID = UUID(uuidString: principal.userID) else { throw Problem(title: "未登录", status: 401, detail: "请先登录。") }
        var employer: OrganisationRef?
        if let employerID = input.employer, !employerID.isEmpty {
            guard let uuid = UUID(uuidString: employerID), let found = try await directory.find(uuid) else {
                throw Problem.notFound("没有编号为「\(employerID)」的机构。")
            }
            guard found.kind == .employer else { throw Problem.invalid(field: "employer", "请选择用人单位") }
            employer = found
        }
        let person = try await database.personRecords.person(of: userID)
        let result = try evaluate(person, jurisdiction: plan.jurisdiction, on: today)
        guard let option = Self.option(in: result, route: route, level: level, series: input.series, plan: plan) else {
            throw Problem(title: "没有可申报的选项", status: 422,
                          detail: "按您的个人档案，\(policy.base.jurisdiction(plan.jurisdiction)?.name ?? plan.jurisdiction)没有「\(route.label) \(level.name)」且属于本计划系列（\(plan.seriesList.joined(separator: "、"))）的选项。请先做一次自测。")
        }
        if let held = PersonStanding(person).alreadyHeld(series: option.series ?? input.series, level: level) {
            throw Problem(title: "已取得该系列职称", status: 422,
                          detail: "您已取得「\(option.series ?? input.series ?? "")」\(held.name)职称，不再申报同一系列\(level.name)及以下的职称。")
        }
        guard Self.routesTo(option, plan: plan, chain: policy.base.jurisdictionChain(plan.jurisdiction).map(\.code)) else {
            throw Problem(title: "评审委员会不符", status: 422, detail: "这一选项应由「\(option.committee?.name ?? "")」评审，不属于本计划的评审委员会「\(plan.committee)」。")
        }
        let draft = TitleApplication(applicant: principal.userID, steps: [], publicityDays: plan.publicityDays,
                                     caseTypeVersion: policy.caseTypeVersion(of: TitleApplication.self, on: today))
        let frozen = FrozenOption(option, jurisdiction: plan.jurisdiction, asOf: today, dataVersion: policy.dataVersion)
        var model = TitleApplicationRecord(
            planID: plan.id, applicantID: userID, applicantName: principal.displayName, employerID: employer.flatMap { UUID(uuidString: $0.id) },
            employerName: employer?.name ?? "", jurisdiction: plan.jurisdiction, series: option.series ?? input.series, specialty: option.specialty,
            level: option.level.name, route: option.route.rawValue, separateGroup: plan.separateGroup, stage: draft.stage.code,
            roleDue: Role.applicant.rawValue, orgDue: nil, version: 0, state: try StoredJSON.encode(draft), handlers: "{}",
            frozenEvaluation: try StoredJSON.encode(frozen), person: try StoredJSON.encode(person), dataVersion: policy.dataVersion,
            submittedOn: "", updatedOn: today.description, dueBy: "")
        let applicant = Actor(user: principal.userID, role: .applicant, organisation: "")
        let now = policy.clock.now()
        let loaded = Loaded(plan: plan, person: person, employer: employer)
        try await refuseSecond(model, on: database)
        guard input.submit == true else {
            let draftModel = model
            let created = try await db.write { database in
                try await database.titleCases.add(draftModel)
                try await Self.audit(draftModel, version: 0, actor: applicant, actorName: principal.displayName, organisationName: "", event: "create",
                                     detail: [:], before: draft.stage, after: draft.stage, on: today, now: now, database: database)
                return draftModel
            }
            return Started(model: created, loaded: loaded)
        }
        // Created and submitted at once: the evaluation above is the submission's, then the
        // application, its offices and both audit rows are written in one transaction.
        let submission = try await prepare(model, principal: principal, today: today, resubmission: false, loaded: (loaded, result))
        try fill(&model, with: submission, first: true, today: today)
        let (next, entry) = try policy.transition(submission.state, .submit(status: submission.status), actor: applicant, version: 0, on: today)
        Self.project(next, into: &model, handlers: submission.handlers, plan: plan, today: today)
        let submitted = model
        return try await db.write { database in
            try await database.titleCases.add(submitted)
            try await Self.saveHandlers(submission.handlers, of: submitted.id, on: database)
            let trail = AuditWriter(caseType: TitleCases.caseType)
            try await database.caseTrail.append([
                trail.entry(case: submitted.id, version: 0, actor: applicant, actorName: principal.displayName, organisationName: "", event: "create",
                            detail: [:], before: draft.stage.code, after: draft.stage.code, on: today, now: now),
                trail.entry(case: submitted.id, version: entry.version, actor: applicant, actorName: principal.displayName, organisationName: "",
                            event: "submit", detail: [:], before: submission.state.stage.code, after: next.stage.code, on: today, now: now),
            ])
            return Started(model: submitted, loaded: loaded)
        }
    }

    /// The person's own region: their latest employer's, else the one their record was saved for.
    func ownJurisdiction(of userID: UUID) async throws -> String? {
        if let employer = try await database.titleCases.latestEmployer(of: userID), let found = try await directory.find(employer) {
            return found.jurisdiction
        }
        return try await database.personRecords.record(of: userID)?.jurisdiction
    }

    /// One application per person, plan and level (a withdrawn one aside): a second is refused
    /// with the way to the first. Checked before the write, outside the writer's turn; two at
    /// once are held apart by the index of migration 015 (the later one is a conflict).
    func refuseSecond(_ model: TitleApplicationRecord, on database: any Database) async throws {
        guard let first = try await database.titleCases.openApplication(of: model.applicantID, plan: model.planID, level: model.level) else { return }
        let id = first.id
        var problem = Problem(title: "已有同一计划、同一层级的申请", status: 409,
                              detail: "您已就本计划申报过「\(model.level)」（\(policy.words(TitleApplication.self).stage(first.stage))），请在原申请中继续办理：/cases/\(id.uuidString)")
        problem.instance = "/cases/\(id.uuidString)"
        throw problem
    }

    /// What a submission stores on the application: the answers and evaluation it was made
    /// with, and on the first submission its date and the offices handling each role.
    func fill(_ model: inout TitleApplicationRecord, with submission: Submission, first: Bool, today: CalendarDate) throws {
        model.person = submission.person
        model.frozenEvaluation = submission.frozen
        model.dataVersion = policy.dataVersion
        if first {
            model.submittedOn = today.description
            model.handlers = try StoredJSON.encode(Dictionary(uniqueKeysWithValues: submission.handlers.map { ($0.key.rawValue, $0.value) }))
        }
    }

    /// One row per office taking part, for "my cases" lists.
    static func saveHandlers(_ handlers: [Role: String], of application: UUID, on database: any Database) async throws {
        try await database.titleCases.addHandlers(handlers.compactMap { role, organisation in
            UUID(uuidString: organisation).map { (role: role.rawValue, organisation: $0) }
        }, of: application)
    }

    // MARK: Acting

    /// The applicant and the offices fixed at submission (a draft has none).
    static func scope(_ model: TitleApplicationRecord) -> CaseScope {
        scope(applicant: model.applicantID.uuidString, handlers: handlers(model))
    }

    /// Role → the organisation taking its part, fixed at submission.
    static func handlers(_ model: TitleApplicationRecord) -> [Role: String] {
        let stored = (try? StoredJSON.decode([String: String].self, model.handlers)) ?? [:]
        return Dictionary(uniqueKeysWithValues: stored.compactMap { key, value in Role(rawValue: key).map { ($0, value) } })
    }

    static func scope(applicant: String, handlers: [Role: String]) -> CaseScope {
        CaseScope(person: applicant, seats: handlers.sorted { $0.key.rawValue < $1.key.rawValue }.map { Seat($0.key, $0.value) })
    }

    func act(_ id: UUID, _ input: ActionInput, principal: Principal) async throws -> TitleApplicationRecord {
        try await act(id.uuidString, input, principal: principal)
    }

    /// Any action but an objection from the public and a committee's decision.
    func act(_ id: String, _ input: ActionInput, principal: Principal) async throws -> TitleApplicationRecord {
        let today = policy.today()
        let now = policy.clock.now()
        let services = self
        // The evaluation is CPU work done outside the write lock; the state it was made for is checked inside.
        var prepared: Submission?
        if input.action == "submit" || input.action == "resubmit" {
            let model = try await visible(id, to: principal)
            prepared = try await prepare(model, principal: principal, today: today, resubmission: input.action == "resubmit")
        }
        let submission = prepared
        return try await db.write { database in
            guard let uuid = UUID(uuidString: id), var model = try await database.titleCases.application(uuid) else {
                throw Problem.notFound("没有编号为「\(id)」的申请。")
            }
            let scope = Self.scope(model)
            guard CasePolicy.mayView(principal, scope) else {
                throw Problem.notFound("没有编号为「\(id)」的申请。")
            }
            var state = try StoredJSON.decode(TitleApplication.self, model.state)
            guard input.version == state.version else { throw Problem(refusing: .conflict(current: state.version)) }
            var (event, role, detail) = try Self.event(input, state: state)
            var handlers = Self.handlers(model)
            if let submission, input.action == "submit" {
                do throws(CaseRefusal) { state = try submission.state.continuing(state) } catch { throw Problem(refusing: error) }
                handlers = submission.handlers
                event = .submit(status: submission.status)
            }
            let actingScope = Self.scope(applicant: scope.applicant.user, handlers: handlers)
            if state.recommendation != nil, input.action == "issue", CasePolicy.actor(principal, as: role, in: actingScope) == nil {
                role = .cityHRBureau
            }
            guard let actor = CasePolicy.actor(principal, as: role, in: actingScope) else {
                throw Problem(title: "无权办理", status: 403, detail: "这一步应由「\(role.label)」办理，您在这份申请中没有这个角色。")
            }
            let before = state.stage
            let (next, entry) = try policy.transition(state, event, actor: actor, version: input.version, on: today)
            if let submission {
                if input.action == "resubmit" {
                    _ = try await database.caseTrail.addRevision(of: uuid, caseType: TitleCases.caseType, person: model.person,
                                                                 frozenEvaluation: model.frozenEvaluation, at: now)
                }
                try services.fill(&model, with: submission, first: input.action == "submit", today: today)
                if input.action == "submit" { try await Self.saveHandlers(handlers, of: uuid, on: database) }
            }
            try await services.sideEffects(of: input, model: model, next: next, database: database, today: today)
            let plan = try await database.titleCases.plan(model.planID)
            Self.project(next, into: &model, handlers: handlers, plan: plan, today: today)
            try await database.titleCases.update(model)
            var organisationName = ""
            if let organisation = UUID(uuidString: actor.organisation) {
                organisationName = try await OrganisationDirectory(database: database.sql).find(organisation)?.name ?? ""
            }
            try await Self.audit(model, version: entry.version, actor: actor, actorName: principal.displayName, organisationName: organisationName,
                                 event: input.action, detail: detail, before: before, after: next.stage, on: today, now: now, database: database)
            return model
        }
    }

    /// The event an input asks for, the role that must take it, and what the audit keeps of it.
    static func event(_ input: ActionInput, state: TitleApplication) throws -> (TitleApplication.Event, Role, [String: String]) {
        let reason = input.reason?.trimmingWhitespace ?? ""
        guard reason.count <= 2000, (input.note ?? "").count <= 2000, (input.decision ?? "").count <= 100 else {
            throw Problem.invalid(field: "reason", "理由不超过 2000 字，文号不超过 100 字")
        }
        let due = state.roleDue ?? .committeeOffice
        switch input.action {
        case "submit": return (.submit(status: ""), .applicant, [:])
        case "resubmit": return (.resubmit, .applicant, [:])
        case "withdraw": return (.withdraw, .applicant, [:])
        case "approve": return (.approve, due, [:])
        case "return": return (.returnForRevision(reason: reason), due, ["reason": reason])
        case "reject": return (.reject(reason: reason), due, ["reason": reason])
        case "close_publicity": return (.closePublicity, due, [:])
        case "resolve_objection":
            guard let upheld = input.upheld else { throw Problem.invalid(field: "upheld", "请选择异议是否成立") }
            return (.resolveObjection(upheld: upheld, reason: reason), due, ["upheld": upheld ? "成立" : "不成立", "reason": reason])
        case "confirm":
            guard let item = input.item, let met = input.met else { throw Problem.invalid(field: "item", "请指明确认的事项和结果") }
            guard let entry = state.confirmations.first(where: { $0.id == item }) else { throw Problem(refusing: .unknownItem) }
            return (.confirm(item: item, met: met, note: input.note ?? ""), entry.role,
                    ["item": "\(item)", "condition": entry.text, "met": met ? "符合" : "不符合", "note": input.note ?? ""])
        case "issue":
            let decision = input.decision?.trimmingWhitespace ?? ""
            // Where the vote only recommended, the higher body's outcome is entered: adopted or not.
            if state.recommendation != nil, input.adopted == nil {
                throw Problem.invalid(field: "adopted", "本委员会的评审为推荐：请录入上级评审委员会的结果（adopted：通过或未通过）及其决定文号")
            }
            if state.recommendation != nil, input.adopted == false {
                return (.notAdopted(decision: decision), .committeeOffice, ["decision": decision, "adopted": "未通过"])
            }
            return (.issue(decision: decision), .committeeOffice, ["decision": decision])
        default:
            throw Problem.invalid(field: "action", "不支持的操作「\(input.action)」")
        }
    }

    /// Stores the queue columns the state implies: the stage, who is due, by when.
    static func project(_ state: TitleApplication, into model: inout TitleApplicationRecord, handlers: [Role: String], plan: ReviewPlan?, today: CalendarDate) {
        model.state = (try? StoredJSON.encode(state)) ?? model.state
        model.stage = state.stage.code
        model.version = state.version
        model.roleDue = state.roleDue?.rawValue
        model.orgDue = state.roleDue.flatMap { $0 == .applicant ? nil : handlers[$0] }.flatMap(UUID.init(uuidString:))
        model.updatedOn = today.description
        switch state.stage {
        case .checking: model.dueBy = plan?.checksDueOn ?? ""
        case .awaitingReview: model.dueBy = plan?.reviewOn ?? ""
        case .publicity(let until), .objected(let until), .resultPublicity(let until): model.dueBy = until.adding(days: 1).description
        default: model.dueBy = ""
        }
    }

    /// The audit row of an action, written in the action's transaction.
    static func audit(_ model: TitleApplicationRecord, version: Int, actor: Actor?, actorName: String, organisationName: String, event: String,
                      detail: [String: String], before: TitleApplication.Stage, after: TitleApplication.Stage, on day: CalendarDate, now: Date,
                      database: any Database) async throws {
        try await AuditWriter(caseType: TitleCases.caseType).write(case: model.id, version: version, actor: actor, actorName: actorName,
                                                                  organisationName: organisationName, event: event, detail: detail,
                                                                  before: before.code, after: after.code, on: day, now: now, database: database)
    }

    // MARK: Submission

    struct Submission: Sendable {
        let state: TitleApplication
        let handlers: [Role: String]
        let person: String
        let frozen: String
        /// The option's status now (eligible or undetermined).
        let status: String
    }

    /// Evaluates again and builds what the submission stores: the steps, the confirmations,
    /// the offices handling each role, the frozen option. Refuses an option that is not open.
    /// `loaded`: what the caller read and evaluated in this request for this model, if anything.
    func prepare(_ model: TitleApplicationRecord, principal: Principal, today: CalendarDate, resubmission: Bool,
                 loaded: (Loaded, EvaluationResult)? = nil) async throws -> Submission {
        guard model.applicantID.uuidString == principal.userID else {
            throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以提交。")
        }
        let found = if let loaded { loaded.0.plan } else { try await database.titleCases.plan(model.planID) }
        guard let plan = found else { throw Problem.notFound("评审计划已不存在。") }
        if !resubmission, !plan.isOpen(on: today) {
            throw Problem(title: "评审计划不在受理期", status: 422, detail: "「\(plan.title)」受理期为 \(plan.opensOn) 至 \(plan.closesOn)。")
        }
        let person = if let loaded { loaded.0.person } else { try await database.personRecords.person(of: model.applicantID) }
        let result = try loaded?.1 ?? evaluate(person, jurisdiction: model.jurisdiction, on: today)
        guard let route = Contract.Route(rawValue: model.route), let level = TitleLevel(name: model.level),
              let option = Self.option(in: result, route: route, level: level, series: model.series, plan: plan) else {
            throw Problem(title: "不能提交", status: 422, detail: "按现在的个人档案，已没有这一选项（\(model.series ?? "") \(model.level)）。")
        }
        let frozen = FrozenOption(option, jurisdiction: model.jurisdiction, asOf: today, dataVersion: policy.dataVersion)
        guard option.status == OptionStatus.eligible || option.status == OptionStatus.undetermined else {
            let blocking = frozen.blocking.map { "\($0.text)（\(policy.base.document($0.policy)?.number ?? $0.policy) \($0.clause)）" }
            let opens = option.earliestDate.map { "，最早 \($0) 可以申报" } ?? ""
            throw Problem(title: "不能提交", status: 422, detail: "「\(option.status.label)」\(opens)。未满足：" + blocking.joined(separator: "；"))
        }
        let existing = try StoredJSON.decode(TitleApplication.self, model.state)
        if resubmission {
            return Submission(state: existing, handlers: Self.handlers(model), person: try StoredJSON.encode(person), frozen: try StoredJSON.encode(frozen),
                              status: option.status.rawValue)
        }
        var roles: [String: String] = [:]
        for entry in policy.base.parameters.actorRoles where roles[entry.actor] == nil { roles[entry.actor] = entry.role }
        var procedure: Procedure?
        for ref in option.procedures where procedure == nil {
            procedure = policy.base.parameters.procedures.first { candidate in
                candidate.document == ref.policy && candidate.clause == ref.clause && candidate.definedBy == Procedure.DefinedBy.document
            }
        }
        var steps: [TitleApplication.Step]
        var publicityRole = Role.committeeOffice
        if let procedure {
            do throws(ApplicationSteps.Failure) {
                steps = try ApplicationSteps.steps(of: procedure, roles: roles)
            } catch {
                throw Problem(title: "流程数据有误", status: 500, detail: "申报流程中有未对应角色的办理者。")
            }
            publicityRole = ApplicationSteps.publicityRole(of: procedure, roles: roles) ?? .committeeOffice
        } else {
            steps = plan.planSteps.compactMap { step in Role(rawValue: step.role).map { TitleApplication.Step(role: $0, act: step.act, source: "评审计划：\(plan.notice)") } }
        }
        var unknowns: [ConfirmationAssigner.Unknown] = []
        for condition in option.conditions where condition.status == ConditionStatus.unknown {
            let number = policy.base.document(condition.citation.policy)?.number ?? condition.citation.policy
            unknowns.append(ConfirmationAssigner.Unknown(id: condition.id, text: condition.text, source: number + " " + condition.citation.clause,
                                                         settledBy: condition.settledBy))
        }
        let stepRoles = Set(steps.map(\.role))
        let confirmations = ConfirmationAssigner(confirmers: policy.base.parameters.confirmers).assign(unknowns, stepRoles: stepRoles)
        var involved = stepRoles.union([publicityRole, .committeeOffice]).union(confirmations.map(\.role))
        // The employer named sees its staff's applications even where it takes no step.
        if model.employerID != nil { involved.insert(.employer) }
        guard let committee = try await directory.find(plan.committeeOrgID) else { throw Problem.notFound("评审委员会已不存在。") }
        var employer = loaded?.0.employer
        if employer == nil, let employerID = model.employerID { employer = try await directory.find(employerID) }
        if stepRoles.union(confirmations.map(\.role)).contains(.employer), employer == nil {
            throw Problem.invalid(field: "employer", "这一流程须由所在单位推荐或确认：请选择所在单位")
        }
        let chain = policy.base.jurisdictionChain(plan.jurisdiction).map(\.code)
        let offices = try await directory.offices(in: chain)
        let handlers: [Role: String]
        do throws(HandlerResolver.Failure) {
            handlers = try HandlerResolver.resolve(roles: involved, employer: employer, committee: committee, offices: offices)
        } catch {
            throw Problem(title: "不能提交", status: 422, detail: error.description)
        }
        // The draft with its steps and items: `act` applies the submission to it under the lock.
        let recommendation = procedure?.recommendsTo.map { to in
            TitleApplication.Recommendation(decidedBy: to.decidedBy, source: (policy.base.document(procedure?.document ?? "")?.displayName ?? "") + " " + to.clause,
                                            quote: to.quote)
        }
        let draft = TitleApplication(applicant: principal.userID, steps: steps, publicityDays: plan.publicityDays, publicityRole: publicityRole,
                                     resultPublicityDays: plan.resultPublicityDays, confirmations: confirmations, recommendation: recommendation,
                                     caseTypeVersion: policy.caseTypeVersion(of: TitleApplication.self, on: policy.today()))
        return Submission(state: draft, handlers: handlers, person: try StoredJSON.encode(person), frozen: try StoredJSON.encode(frozen),
                          status: option.status.rawValue)
    }
}

