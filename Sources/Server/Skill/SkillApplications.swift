import Access
import Contract
import Domain
import Fluent
import Foundation
import SQLKit
import Store
import Vapor
import Workflow

/// What an actor asks to do to a skill application.
struct SkillActionInput: Content {
    struct Result: Content {
        var component: String
        var score: String
        var passed: Bool
    }

    var action: String
    /// The version the actor saw: another action in between makes this one a conflict.
    var version: Int
    var reason: String?
    var item: Int?
    var met: Bool?
    var note: String?
    var batch: String?
    var results: [Result]?
    var number: String?
}

/// A skill evaluation's casework: the application to a provider, the providers' acceptance,
/// the batch, the results and the certificate. Each accepted action is the workflow's
/// transition, stored with its audit record in one transaction, as for title applications.
struct SkillApplicationService: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices
    var database: any Database { db.database }
    var titles: TitleApplicationService { TitleApplicationService(db: db, policy: policy) }
    var directory: OrganisationDirectory { get throws { OrganisationDirectory(database: try database.sql) } }
    static let audit = AuditWriter(caseType: SkillCases.caseType)

    struct StartInput: Content {
        var provider: String
        var route: String
        var occupation: String
        var workType: String?
        var level: String
        var employer: String?
        /// 免于理论知识考试 claimed: the option must carry it, and a diploma be attached before submission.
        var theoryExempt: Bool?
        var submit: Bool?
    }

    /// The label a diploma attachment must carry for the theory exemption.
    static let diplomaLabel = "毕业证书"

    // MARK: Starting and submitting

    func start(_ input: StartInput, principal: Principal) async throws -> SkillApplicationRecord {
        guard let userID = UUID(uuidString: principal.userID) else { throw Problem(title: "未登录", status: 401, detail: "请先登录。") }
        guard let route = Contract.Route(rawValue: input.route), route == .titleCrossover || route == .promotion else {
            throw Problem.invalid(field: "route", "申报方式应为 title_crossover（职称人员参加技能评价）或 promotion（晋级）")
        }
        guard let level = SkillLevel(name: input.level) else { throw Problem.invalid(field: "level", "等级应为 " + SkillLevel.acceptedNames.joined(separator: "、")) }
        guard let occupation = policy.base.resolveOccupation(input.occupation)?.occupation.name else {
            throw Problem.invalid(field: "occupation", "没有职业（工种）「\(input.occupation)」")
        }
        guard let providerID = UUID(uuidString: input.provider), let provider = try await directory.provider(providerID) else {
            throw Problem.notFound("没有编号为「\(input.provider)」的评价机构。")
        }
        var employer: OrganisationRef?
        if let employerID = input.employer, !employerID.isEmpty {
            guard let uuid = UUID(uuidString: employerID), let found = try await directory.find(uuid), found.kind == .employer else {
                throw Problem.invalid(field: "employer", "请选择用人单位")
            }
            employer = found
        }
        let workType = input.workType?.trimmingWhitespace.isEmpty == false ? input.workType?.trimmingWhitespace : nil
        if let workType {
            // A 工种 is one the provider lists for the occupation, never free text.
            let listed = Set(provider.coverage.filter { $0.occupation == occupation }.compactMap(\.workType))
            guard listed.contains(workType) else {
                throw Problem.invalid(field: "workType", listed.isEmpty ? "该机构所列「\(occupation)」不分工种，请不要填写工种"
                                                                    : "工种应为该机构所列之一：" + listed.sorted().joined(separator: "、"))
            }
        }
        let today = policy.today()
        // Filled from the evaluation below (the route, the state, the frozen option).
        var model = SkillApplicationRecord(applicantID: userID, applicantName: principal.displayName, providerID: providerID,
                                           providerName: provider.organisation.name, jurisdiction: provider.organisation.jurisdiction,
                                           occupation: occupation, workType: workType, level: level.name, route: route.rawValue, procedure: "",
                                           stage: "draft", orgDue: nil, version: 0, state: "{}", organisations: "[]", batchID: nil,
                                           frozenEvaluation: "{}", person: "{}", dataVersion: policy.dataVersion, submittedOn: "",
                                           updatedOn: today.description)
        let prepared = try await prepare(model, employer: employer, theoryExempt: input.theoryExempt == true, today: today)
        try fill(&model, with: prepared, today: today)
        let applicant = Actor(user: principal.userID, role: .applicant, organisation: "")
        let now = policy.clock.now()
        var events: [(String, SkillEvaluation.AuditEntry)] = []
        var state = prepared.state
        if input.submit == true {
            guard !state.theoryExempt else {
                throw Problem(title: "请先上传毕业证书", status: 422, detail: "免于理论知识考试须附相关专业毕业证书：请保存草稿，上传「\(Self.diplomaLabel)」后再提交。")
            }
            let (next, entry) = try policy.transition(state, .submit(status: prepared.status), actor: applicant, version: 0, on: today)
            state = next
            events.append(("submit", entry))
            model.submittedOn = today.description
        }
        Self.project(state, into: &model, today: today)
        let created = model, submitted = events
        return try await db.write { database in
            try await database.skillCases.add(created)
            let id = created.id
            let creation = Self.audit.entry(case: id, version: 0, actor: applicant, actorName: principal.displayName, organisationName: "",
                                            event: "create", detail: ["provider": provider.organisation.name, "procedure": created.procedure],
                                            before: "draft", after: "draft", on: today, now: now)
            try await database.caseTrail.append([creation] + submitted.map { event, entry in
                Self.audit.entry(case: id, version: entry.version, actor: applicant, actorName: principal.displayName, organisationName: "",
                                 event: event, detail: [:], before: entry.before.code, after: entry.after.code, on: today, now: now)
            })
            return created
        }
    }

    struct Prepared: Sendable {
        let state: SkillEvaluation
        let route: SkillRoute
        let person: String
        let frozen: String
        let status: String
    }

    /// Evaluates again and builds what the application stores: the route and its steps, the
    /// confirmation items, the frozen option. Refuses an option that is not open.
    func prepare(_ model: SkillApplicationRecord, employer: OrganisationRef?, theoryExempt: Bool, today: CalendarDate) async throws -> Prepared {
        let person = try await database.personRecords.person(of: model.applicantID)
        let result = try titles.evaluate(person, jurisdiction: model.jurisdiction, on: today)
        guard let level = SkillLevel(name: model.level), let route = Contract.Route(rawValue: model.route),
              let option = result.skillOptions.first(where: { $0.route == route && $0.level == level && $0.occupation == model.occupation }) else {
            throw Problem(title: "没有可申报的选项", status: 422,
                          detail: "按您的个人档案，\(policy.base.jurisdiction(model.jurisdiction)?.name ?? model.jurisdiction)没有「\(model.occupation) \(model.level)」（\(Contract.Route(rawValue: model.route)?.label ?? model.route)）的选项。请先做一次自测。")
        }
        let frozen = FrozenOption(option, jurisdiction: model.jurisdiction, asOf: today, dataVersion: policy.dataVersion)
        guard option.status == .eligible || option.status == .undetermined else {
            let blocking = frozen.blocking.map { "\($0.text)（\(policy.base.document($0.policy)?.number ?? $0.policy) \($0.clause)）" }
            let opens = option.earliestDate.map { "，最早 \($0) 可以申报" } ?? ""
            throw Problem(title: "不能提交", status: 422, detail: "「\(option.status.label)」\(opens)。未满足：" + blocking.joined(separator: "；"))
        }
        if theoryExempt, !option.exemptions.contains("theory_exam") {
            throw Problem.invalid(field: "theoryExempt", "按个人档案，没有所申报职业（专业）或相关专业的毕业证书，不能免于理论知识考试；请先在个人档案中填写学历及专业是否相关")
        }
        let directory = try self.directory
        guard let provider = try await directory.provider(model.providerID) else { throw Problem.notFound("评价机构已不存在。") }
        let others = try await directory.providers(in: policy.base.jurisdictionChain(model.jurisdiction).map(\.code))
        let routed: SkillRoute
        do throws(SkillRouting.Failure) {
            routed = try SkillRouting(base: policy.base).route(option, occupation: model.occupation, workType: model.workType, jurisdiction: model.jurisdiction,
                                                               to: provider, employer: employer, others: others)
        } catch {
            throw Problem(title: "不能向这一机构申请", status: 422, detail: error.description)
        }
        let unknowns = option.conditions.filter { $0.status == .unknown }.map { condition in
            ConfirmationAssigner.Unknown(id: condition.id, text: condition.text,
                                         source: (policy.base.document(condition.citation.policy)?.number ?? condition.citation.policy) + " " + condition.citation.clause,
                                         settledBy: condition.settledBy)
        }
        let assessor = routed.steps[routed.steps.count - 1].role
        let confirmations = ConfirmationAssigner(confirmers: policy.base.parameters.confirmers).assign(unknowns, stepRoles: [assessor], fallback: assessor)
        let state = SkillEvaluation(applicant: model.applicantID.uuidString, steps: routed.steps, theoryExempt: theoryExempt, confirmations: confirmations,
                                    caseTypeVersion: policy.caseTypeVersion(of: SkillEvaluation.self, on: policy.today()))
        return Prepared(state: state, route: routed, person: try StoredJSON.encode(person), frozen: try StoredJSON.encode(frozen), status: option.status.rawValue)
    }

    func fill(_ model: inout SkillApplicationRecord, with prepared: Prepared, today: CalendarDate) throws {
        model.procedure = prepared.route.citation
        model.organisations = try StoredJSON.encode(prepared.route.organisations.map(\.id))
        model.person = prepared.person
        model.frozenEvaluation = prepared.frozen
        model.dataVersion = policy.dataVersion
    }

    static func project(_ state: SkillEvaluation, into model: inout SkillApplicationRecord, today: CalendarDate) {
        model.state = (try? StoredJSON.encode(state)) ?? model.state
        model.stage = state.stage.code
        model.version = state.version
        model.orgDue = state.due.flatMap { $0.role == .applicant ? nil : UUID(uuidString: $0.organisation) }
        model.updatedOn = today.description
    }

    // MARK: Access

    /// A draft is the applicant's alone: the providers take part from its submission.
    /// A provider's officers take its steps (a qualified employer's, its HR: 自主评价企业).
    static func scope(_ model: SkillApplicationRecord) -> CaseScope {
        let providers = model.stage == "draft" ? [] : (try? StoredJSON.decode([String].self, model.organisations)) ?? []
        return CaseScope(person: model.applicantID.uuidString, seats: providers.flatMap { [Seat(.evaluationOrganisation, $0), Seat(.employer, $0)] })
    }

    // MARK: Acting

    func act(_ id: String, _ input: SkillActionInput, principal: Principal) async throws -> SkillApplicationRecord {
        let today = policy.today(), now = policy.clock.now()
        var prepared: Prepared?
        if input.action == "submit" || input.action == "resubmit" {
            let model = try await visible(id, to: principal)
            // Before the evaluation: its refusals would tell others about the applicant's record.
            guard model.applicantID.uuidString == principal.userID else {
                throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以提交。")
            }
            let state = try StoredJSON.decode(SkillEvaluation.self, model.state)
            var employer: OrganisationRef?
            if let step = state.steps.first, step.role == .employer, let uuid = UUID(uuidString: step.organisation) { employer = try await directory.find(uuid) }
            prepared = try await prepare(model, employer: employer, theoryExempt: state.theoryExempt, today: today)
        }
        let fresh = prepared
        let services = self
        return try await db.write { database in
            var model = try await services.load(id, on: database)
            let scope = Self.scope(model)
            guard CasePolicy.mayView(principal, scope) else { throw Problem.notFound("没有编号为「\(id)」的技能评价申请。") }
            var state = try StoredJSON.decode(SkillEvaluation.self, model.state)
            guard input.version == state.version else { throw Problem(refusing: .conflict(current: state.version)) }
            var (event, detail) = try Self.event(input)
            if let fresh {
                if input.action == "submit" {
                    if state.theoryExempt {
                        let files = try await database.caseTrail.files(of: model.id)
                        guard files.contains(where: { $0.label == Self.diplomaLabel }) else {
                            throw Problem(title: "请先上传毕业证书", status: 422, detail: "免于理论知识考试须附相关专业毕业证书：请上传「\(Self.diplomaLabel)」后再提交。")
                        }
                    }
                    // The steps and items of the evaluation made now, on the stored draft's count.
                    do throws(CaseRefusal) { state = try fresh.state.continuing(state) } catch { throw Problem(refusing: error) }
                    event = .submit(status: fresh.status)
                    try services.fill(&model, with: fresh, today: today)
                } else {
                    // A resubmission keeps its steps and the organisations taking them; only the
                    // record and the evaluation it is made with are new, and the earlier ones are kept.
                    _ = try await database.caseTrail.addRevision(of: model.id, caseType: SkillCases.caseType, person: model.person,
                                                                 frozenEvaluation: model.frozenEvaluation, at: now)
                    model.person = fresh.person
                    model.frozenEvaluation = fresh.frozen
                    model.dataVersion = services.policy.dataVersion
                }
            }
            let actor = try services.policy.actor(principal, for: event, in: state, scope: scope, due: state.due)
            let before = state.stage
            try await services.refuseBeforeAssessment(event, model: model, today: today, database: database)
            if case .assign(let batchID, _) = event {
                // The seat is taken in this transaction: a refused transition gives it back.
                event = .assign(batch: batchID, components: try await services.takeSeat(in: batchID, for: model, state: state, database: database))
                model.batchID = UUID(uuidString: batchID)
            }
            let (next, entry) = try policy.transition(state, event, actor: actor, version: input.version, on: today)
            if case .unassign = event, let batch = model.batchID {
                detail["batch"] = batch.uuidString
                try await database.skillCases.releaseSeat(in: batch)
                model.batchID = nil
            }
            if input.action == "submit" { model.submittedOn = today.description }
            Self.project(next, into: &model, today: today)
            try await database.skillCases.update(model)
            var organisationName = ""
            if let organisation = UUID(uuidString: actor.organisation) {
                organisationName = try await OrganisationDirectory(database: database.sql).find(organisation)?.name ?? ""
            }
            if case .certified(let number) = next.stage, !before.isCertified {
                try await services.issue(number, for: model, by: actor, issuer: organisationName, on: today, database: database)
            }
            try await Self.audit.write(case: model.id, version: entry.version, actor: actor, actorName: principal.displayName,
                                       organisationName: organisationName, event: input.action, detail: detail,
                                       before: before.code, after: next.stage.code, on: today, now: now, database: database)
            return model
        }
    }

    /// Nothing is recorded before it happened: results and a certificate wait for the batch's day.
    func refuseBeforeAssessment(_ event: SkillEvaluation.Event, model: SkillApplicationRecord, today: CalendarDate, database: any Database) async throws {
        switch event {
        case .recordResults, .issueCertificate: break
        default: return
        }
        guard let batchID = model.batchID, let batch = try await database.skillCases.batch(batchID),
              let held = CalendarDate(iso: batch.heldOn), today < held else { return }
        throw Problem(title: "考核尚未举行", status: 422, detail: "这一批次的考核定于 \(batch.heldOn)，成绩和证书须在考核之后登记。")
    }

    /// The event an input asks for, and what the audit keeps of it.
    static func event(_ input: SkillActionInput) throws -> (SkillEvaluation.Event, [String: String]) {
        let reason = input.reason?.trimmingWhitespace ?? ""
        guard reason.count <= 2000, (input.note ?? "").count <= 2000, (input.number ?? "").count <= 64 else {
            throw Problem.invalid(field: "reason", "理由不超过 2000 字，证书编号不超过 64 字")
        }
        switch input.action {
        case "submit": return (.submit(status: ""), [:])
        case "resubmit": return (.resubmit, [:])
        case "withdraw": return (.withdraw, [:])
        case "approve": return (.approve, [:])
        case "return": return (.returnForRevision(reason: reason), ["reason": reason])
        case "reject": return (.reject(reason: reason), ["reason": reason])
        case "confirm":
            guard let item = input.item, let met = input.met else { throw Problem.invalid(field: "item", "请指明确认的事项和结果") }
            return (.confirm(item: item, met: met, note: input.note ?? ""), ["item": "\(item)", "met": met ? "符合" : "不符合", "note": input.note ?? ""])
        case "assign":
            guard let batch = input.batch, UUID(uuidString: batch) != nil else { throw Problem.invalid(field: "batch", "请选择考核批次") }
            return (.assign(batch: batch, components: []), ["batch": batch])
        case "unassign": return (.unassign, [:])
        case "results":
            let results = input.results ?? []
            guard !results.isEmpty, results.count <= 20, results.allSatisfy({ $0.component.count <= 64 && $0.score.count <= 32 }) else {
                throw Problem.invalid(field: "results", "请逐项填写考核成绩（项目名不超过 64 字，成绩不超过 32 字）")
            }
            let words = results.map { "\($0.component) \($0.score)（\($0.passed ? "合格" : "不合格")）" }.joined(separator: "；")
            return (.recordResults(results.map { .init(component: $0.component.trimmingWhitespace, score: $0.score.trimmingWhitespace, passed: $0.passed) }),
                    ["results": words])
        case "certify":
            let number = input.number?.trimmingWhitespace ?? ""
            guard !number.isEmpty else { throw Problem.invalid(field: "number", "请填写证书编号") }
            return (.issueCertificate(number: number), ["number": number])
        default:
            throw Problem.invalid(field: "action", "不支持的操作「\(input.action)」")
        }
    }

}

extension SkillEvaluation.Stage {
    var isCertified: Bool { if case .certified = self { true } else { false } }
}
