import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

extension TitleApplicationService {
    /// What an accepted action changes besides the application, in the same transaction.
    func sideEffects(of input: ActionInput, model: TitleApplicationRecord, next: TitleApplication, database: any Database, today: CalendarDate) async throws {
        switch input.action {
        case "resolve_objection":
            // Every pending objection is answered by the resolution.
            for var objection in try await database.titleCases.objections(of: model.id, pendingOnly: true) {
                objection.upheld = input.upheld
                objection.resolution = input.reason ?? ""
                try await database.titleCases.update(objection)
            }
        case "issue":
            let plan = try await database.titleCases.plan(model.planID)
            // Where the plan's committee only recommended, the title is the higher body's.
            let committee = next.recommendation.map { "\($0.decidedBy)（\(plan?.committee ?? "")推荐）" } ?? plan?.committee ?? ""
            try await database.personRecords.add(IssuedTitle(holder: model.applicantID, application: model.id, series: model.series,
                                                             specialty: model.specialty, level: model.level, issuedOn: today,
                                                             decision: input.decision?.trimmingWhitespace ?? "", committee: committee))
        default:
            break
        }
    }

    // MARK: Publicity and objections

    struct ObjectionInput: Content {
        var application: String
        var contact: String
        var reason: String
    }

    /// What became of an objection: kept as a new record, or merged into an identical one.
    enum ObjectionReceipt: Sendable {
        case recorded
        case merged
    }

    /// Anyone may object to an application in publicity; the contact is kept for the office only.
    /// An objection is a record of its own: only the first one pending moves the application
    /// (publicity → objected, which the office must resolve before publicity can close); the
    /// rest change neither its version nor its trail, so a flood cannot make the office's
    /// resolution conflict or bury the applicant's messages. One identical to a pending one
    /// (the same reason) is merged into it, and each application holds at most
    /// `SecuritySettings.objectionsPerApplication` pending.
    func lodgeObjection(_ input: ObjectionInput, planID: String, cap: Int) async throws -> ObjectionReceipt {
        let today = policy.today()
        let contact = input.contact.trimmingWhitespace, reason = input.reason.trimmingWhitespace
        var errors: [FieldError] = []
        if contact.isEmpty || contact.count > 100 { errors.append(FieldError(field: "contact", message: "请留下联系方式（不超过 100 字），以便核实")) }
        if reason.isEmpty || reason.count > 2000 { errors.append(FieldError(field: "reason", message: "请写明异议的事实和理由（不超过 2000 字）")) }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        let now = policy.clock.now()
        return try await db.write { database in
            guard let uuid = UUID(uuidString: input.application), var model = try await database.titleCases.application(uuid),
                  model.planID.uuidString == planID, model.stage == "publicity" || model.stage == "objected" else {
                throw Problem.notFound("公示名单中没有这份申请。")
            }
            let pending = try await database.titleCases.objections(of: uuid, pendingOnly: true)
            let key = Self.objectionKey(reason)
            if pending.contains(where: { Self.objectionKey($0.reason) == key }) { return .merged }
            guard pending.count < cap else {
                throw Problem(title: "异议已达上限", status: 422,
                              detail: "这份申请待核实的异议已有 \(cap) 条，公示单位将逐条核实；如有新的事实，请直接向公示单位书面反映。")
            }
            try await database.titleCases.add(Objection(applicationID: uuid, contact: contact, reason: reason, lodgedOn: today.description))
            guard model.stage == "publicity" else { return .recorded }
            let state = try StoredJSON.decode(TitleApplication.self, model.state)
            let (next, entry) = try policy.transition(state, .lodgeObjection(contact: contact, reason: reason), actor: nil, version: state.version, on: today)
            let plan = try await database.titleCases.plan(model.planID)
            Self.project(next, into: &model, handlers: Self.handlers(model), plan: plan, today: today)
            try await database.titleCases.update(model)
            // The audit says an objection came, not who sent it or what it says (the applicant reads the trail).
            try await Self.audit(model, version: entry.version, actor: nil, actorName: "公众", organisationName: "", event: "object", detail: [:],
                                 before: state.stage, after: next.stage, on: today, now: now, database: database)
            return .recorded
        }
    }

    /// Objections compared as their words, whatever the spacing.
    static func objectionKey(_ reason: String) -> String {
        String(reason.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    // MARK: The committee's review

    struct SessionInput: Content {
        /// separate (高技能人才单独分组) or general.
        var group: String
        var heldOn: String
        /// The members present, by name.
        var present: [String]
    }

    struct DecisionInput: Content {
        var application: String
        var version: Int
        var inFavour: Int?
        var against: Int?
        var abstain: Int?
        /// For 认定: whether it is recognised, and the certificate or document it rests on.
        var recognised: Bool?
        var evidence: String?
    }

    func createSession(_ input: SessionInput, plan: ReviewPlan) async throws -> ReviewSession {
        guard input.group == "separate" || input.group == "general" else { throw Problem.invalid(field: "group", "分组应为 separate（高技能人才单独分组）或 general") }
        if input.group == "separate", !plan.separateGroup { throw Problem.invalid(field: "group", "本计划未设高技能人才单独分组") }
        guard let held = CalendarDate(iso: input.heldOn), CalendarDate.inputRange.contains(held) else { throw Problem.invalid(field: "heldOn", "应为日期，如 2024-06-30") }
        let present = input.present.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        guard !present.isEmpty, present.count <= plan.members, Set(present).count == present.count, present.allSatisfy({ $0.count <= 64 }) else {
            throw Problem.invalid(field: "present", "到会评委 1–\(plan.members) 人，姓名不重复")
        }
        let session = ReviewSession(planID: plan.id, group: input.group, heldOn: held.description, members: plan.members,
                                    present: try StoredJSON.encode(present), applications: "[]", createdAt: policy.clock.now())
        try await db.write { try await $0.titleCases.add(session) }
        return session
    }

    /// Records a session's votes (or a recognition) on one application and decides it by the plan's rule.
    func decide(_ input: DecisionInput, session sessionID: String, principal: Principal) async throws -> (TitleApplicationRecord, VotingRule.Outcome) {
        let today = policy.today(), now = policy.clock.now()
        return try await db.write { database in
            guard let sessionUUID = UUID(uuidString: sessionID), var session = try await database.titleCases.session(sessionUUID),
                  let plan = try await database.titleCases.plan(session.planID) else {
                throw Problem.notFound("没有这次评审会议。")
            }
            guard CasePolicy.mayManage(committee: plan.committeeOrgID.uuidString, principal) else {
                throw Problem(title: "无权办理", status: 403, detail: "只有本评审委员会办公室可以记录表决。")
            }
            // Nothing is recorded before it happened: the vote is the session's.
            if let held = CalendarDate(iso: session.heldOn), today < held {
                throw Problem(title: "评审会议尚未举行", status: 422, detail: "这次评审会议定于 \(session.heldOn)，表决结果须在会议举行后记录。")
            }
            guard let uuid = UUID(uuidString: input.application), var model = try await database.titleCases.application(uuid), model.planID == plan.id else {
                throw Problem.notFound("本计划中没有这份申请。")
            }
            if plan.separateGroup, model.separateGroup != (session.group == "separate") {
                throw Problem(title: "分组不符", status: 422, detail: "本计划对高技能人才单独分组、单独评审：这份申请应在单独分组的会议中表决。")
            }
            let present = try StoredJSON.decode([String].self, session.present)
            let rule = plan.rule
            let outcome: VotingRule.Outcome
            var detail: [String: String] = ["session": sessionID, "group": session.group]
            if model.route == "direct_recognition" {
                let evidence = input.evidence?.trimmingWhitespace ?? ""
                guard let recognised = input.recognised, !evidence.isEmpty, evidence.count <= 500 else {
                    throw Problem.invalid(field: "evidence", "认定须写明所依据的证书或文件（不超过 500 字）")
                }
                outcome = VotingRule.Outcome(quorate: true, passed: recognised, explanation: "认定\(recognised ? "通过" : "不予认定")：以证书或文件为准——\(evidence)")
                detail["evidence"] = evidence
            } else {
                let inFavour = input.inFavour ?? -1, against = input.against ?? 0, abstain = input.abstain ?? 0
                guard inFavour >= 0, against >= 0, abstain >= 0, inFavour + against + abstain == present.count else {
                    throw Problem.invalid(field: "inFavour", "赞成、反对、弃权票之和应等于到会评委人数 \(present.count)")
                }
                outcome = rule.outcome(members: session.members, present: present.count, inFavour: inFavour)
                guard outcome.quorate else { throw Problem(title: "未达到法定人数", status: 422, detail: outcome.explanation) }
                detail["votes"] = "赞成 \(inFavour)，反对 \(against)，弃权 \(abstain)"
            }
            detail["outcome"] = outcome.explanation
            let state = try StoredJSON.decode(TitleApplication.self, model.state)
            guard let actor = CasePolicy.actor(principal, as: .committeeOffice, in: Self.scope(model)) else {
                throw Problem(title: "无权办理", status: 403, detail: "只有本评审委员会办公室可以记录表决。")
            }
            let (next, entry) = try policy.transition(state, .recordDecision(passed: outcome.passed), actor: actor, version: input.version, on: today)
            var listed = try StoredJSON.decode([String].self, session.applications)
            listed.append(input.application)
            session.applications = try StoredJSON.encode(listed)
            try await database.titleCases.update(session)
            Self.project(next, into: &model, handlers: Self.handlers(model), plan: plan, today: today)
            try await database.titleCases.update(model)
            let organisation = try await database.organisations.organisation(plan.committeeOrgID)?.ref.name ?? ""
            try await Self.audit(model, version: entry.version, actor: actor, actorName: principal.displayName, organisationName: organisation,
                                 event: "decide", detail: detail, before: state.stage, after: next.stage, on: today, now: now, database: database)
            return (model, outcome)
        }
    }
}
