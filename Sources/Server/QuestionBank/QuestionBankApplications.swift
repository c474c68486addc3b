import Access
import Contract
import Domain
import Fluent
import Foundation
import PolicyData
import SQLKit
import Store
import Vapor
import Workflow

/// What an actor asks to do to a question-bank application.
struct QuestionBankActionInput: Content {
    var action: String
    /// The version the actor saw: another action in between makes this one a conflict.
    var version: Int
    var reason: String?
    /// recommend: lead or participant.
    var recommendAs: String?
    /// decide: lead, participant or declined.
    var outcome: String?
    /// save: the form as it now stands.
    var form: QuestionBankForm?
}

/// The casework of a question-bank call: a unit's 申报表 from draft to the provincial
/// centre's decision. Each accepted action is the workflow's transition, stored with its audit
/// record in one transaction, as for the other cases.
struct QuestionBankService: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices
    var database: any Database { db.database }
    var calls: QuestionBankCalls { QuestionBankCalls(base: policy.base, database: database) }
    var directory: OrganisationDirectory { get throws { OrganisationDirectory(database: try database.sql) } }
    static let audit = AuditWriter(caseType: QuestionBankCases.caseType)

    struct StartInput: Content {
        var call: String
        /// The unit applying, where the user acts for more than one.
        var unit: String?
        var form: QuestionBankForm
    }

    /// The labels the form's scans carry (附件2: 法人证书影印件, 专家团队影印件, 另附页).
    static let scanLabels = ["法人证书影印件", "专家团队影印件", "另附页说明"]

    // MARK: Starting and saving

    func start(_ input: StartInput, principal: Principal) async throws -> QuestionBankApplicationRecord {
        let call = try await calls.call(input.call)
        let unit = try unit(input.unit, of: principal)
        guard policy.base.jurisdictionChain(unit.jurisdiction).contains(where: { $0.code == calls.jurisdiction(of: call) }) else {
            throw Problem(title: "不能申报", status: 422, detail: "「\(unit.name)」不在本次征集的范围（\(policy.base.jurisdiction(calls.jurisdiction(of: call))?.name ?? "")）内。")
        }
        let (centre, province) = try await centres(for: unit, call: call)
        let today = policy.today(), now = policy.clock.now()
        let form = try checked(input.form, call: call, submitting: false, today: today)
        // The form and the state are filled below, as every edit fills them.
        var model = QuestionBankApplicationRecord(callID: call.id, unitID: try UUID(uuidString: unit.id).orThrow(), unitName: unit.name,
                                                  centreID: try UUID(uuidString: centre.id).orThrow(),
                                                  provincialCentreID: try UUID(uuidString: province.id).orThrow(), occupation: "", workType: "",
                                                  intent: "", stage: "draft", version: 0, state: "{}", form: "{}", reportID: nil, submittedOn: "",
                                                  updatedOn: today.description)
        Self.fill(&model, form: form)
        let state = QuestionBankProject(unit: unit.id, centre: centre.id, provincialCentre: province.id,
                                        caseTypeVersion: policy.caseTypeVersion(of: QuestionBankProject.self, on: policy.today()))
        Self.project(state, into: &model, today: today)
        let actor = Actor(user: principal.userID, role: .questionBankUnit, organisation: unit.id)
        let draft = model
        let created = try await db.write { database in
            try await database.questionBankCases.add(draft)
            try await Self.audit.write(case: draft.id, version: 0, actor: actor, actorName: principal.displayName, organisationName: unit.name,
                                       event: "create", detail: ["call": call.id, "centre": centre.name], before: "draft", after: "draft",
                                       on: today, now: now, database: database)
            return draft
        }
        return created
    }

    /// The unit the user acts for: the one named, or their only one.
    func unit(_ id: String?, of principal: Principal) throws -> OrganisationRef {
        let units = principal.organisations(holding: .questionBankUnit)
        if let id, !id.isEmpty {
            guard let unit = units.first(where: { $0.id == id.uppercased() }) else {
                throw Problem(title: "无权办理", status: 403, detail: "您不是该单位的题库申报经办人。")
            }
            return unit
        }
        guard let only = units.first else { throw Problem(title: "无权办理", status: 403, detail: "只有单位的题库申报经办人可以申报，请联系单位管理员开通。") }
        guard units.count == 1 else { throw Problem.invalid(field: "unit", "您为多个单位经办，请指明申报单位") }
        return only
    }

    /// 按隶属关系: a provincial unit's centre is the provincial centre; a city's unit goes to the
    /// centre its record names, or its city's only one.
    func centres(for unit: OrganisationRef, call: QuestionBankCall) async throws -> (centre: OrganisationRef, province: OrganisationRef) {
        let province = calls.jurisdiction(of: call)
        let directory = try self.directory
        let offices = try await directory.offices(in: policy.base.jurisdictionChain(unit.jurisdiction).map(\.code))
        let named = unit.handlers[Role.provincialEvaluationCentre.rawValue]?.uppercased()
        let provincial = offices.filter { $0.admits(.provincialEvaluationCentre) && $0.jurisdiction == province && (named == nil || $0.id == named) }
        guard provincial.count == 1, let centre = provincial.first else {
            throw Problem(title: "暂不能申报", status: 422, detail: provincial.isEmpty ? "尚未设立\(call.provincialCentre)的账户，请联系系统管理员。"
                                                                            : "省技能人才评价管理服务中心登记了 \(provincial.count) 个，请联系系统管理员。")
        }
        if unit.jurisdiction == province { return (centre, centre) }
        if let chosen = unit.handlers[Role.cityEvaluationCentre.rawValue], let named = offices.first(where: { $0.id == chosen.uppercased() && $0.admits(.cityEvaluationCentre) }) {
            return (named, centre)
        }
        let city = offices.filter { $0.admits(.cityEvaluationCentre) && $0.jurisdiction == unit.jurisdiction }
        guard city.count == 1, let found = city.first else {
            let name = policy.base.jurisdiction(unit.jurisdiction)?.name ?? unit.jurisdiction
            throw Problem(title: "暂不能申报", status: 422, detail: city.isEmpty ? "\(name)尚未设立市技能评价（鉴定）中心的账户，暂不能申报，请联系市人力社保局。"
                                                                      : "\(name)有 \(city.count) 个市技能评价（鉴定）中心，单位资料须指定其中一个，请联系系统管理员。")
        }
        return (found, centre)
    }

    /// The form trimmed and checked: on a draft only what can never be right, on submission all.
    func checked(_ form: QuestionBankForm, call: QuestionBankCall, submitting: Bool, today: CalendarDate) throws -> QuestionBankForm {
        var form = form
        form.occupation = form.occupation.trimmingWhitespace
        form.workType = form.workType.trimmingWhitespace
        form.occupationCode = form.occupationCode.trimmingWhitespace
        form.levels.sort(by: >)
        let check = calls.check(call, today: today)
        if let listed = check.choice(for: form.occupation), form.occupationCode.isEmpty, let code = listed.code { form.occupationCode = code }
        let problems = check.problems(form, submitting: submitting)
        guard problems.isEmpty else { throw Problem.invalid(problems.map { FieldError(field: $0.field, message: $0.message) }) }
        return form
    }

    static func fill(_ model: inout QuestionBankApplicationRecord, form: QuestionBankForm) {
        model.form = (try? StoredJSON.encode(form)) ?? "{}"
        model.occupation = form.occupation
        model.workType = form.workType
        model.intent = form.intent?.rawValue ?? ""
    }

    static func project(_ state: QuestionBankProject, into model: inout QuestionBankApplicationRecord, today: CalendarDate) {
        model.state = (try? StoredJSON.encode(state)) ?? model.state
        model.stage = state.stage.rawValue
        model.version = state.version
        model.updatedOn = today.description
    }

    // MARK: Access

    /// The unit applies; its centre takes part from submission, the provincial centre once reported.
    static func scope(_ model: QuestionBankApplicationRecord) -> CaseScope {
        let reported = [QuestionBankProject.Stage.reported.rawValue, QuestionBankProject.Stage.decided.rawValue].contains(model.stage)
        let centre = model.centreID.uuidString
        var seats: [Seat] = []
        if !model.submittedOn.isEmpty { seats += [Seat(.cityEvaluationCentre, centre), Seat(.provincialEvaluationCentre, centre)] }
        if reported { seats.append(Seat(.provincialEvaluationCentre, model.provincialCentreID.uuidString)) }
        return CaseScope(applicant: Actor(user: "", role: QuestionBankProject.applicantRole, organisation: model.unitID.uuidString), seats: seats)
    }

    // MARK: Acting

    func act(_ id: String, _ input: QuestionBankActionInput, principal: Principal) async throws -> QuestionBankApplicationRecord {
        let today = policy.today(), now = policy.clock.now()
        let services = self
        return try await db.write { database in
            var model = try await services.load(id, on: database)
            guard CasePolicy.mayView(principal, Self.scope(model)) else { throw Problem.notFound("没有编号为「\(id)」的题库项目申报。") }
            let state = try StoredJSON.decode(QuestionBankProject.self, model.state)
            guard input.version == state.version else {
                throw Problem(refusing: .conflict(current: state.version))
            }
            let calls = QuestionBankCalls(base: services.policy.base, database: database)
            let call = try await calls.call(model.callID)
            let (event, detail) = try Self.event(input)
            let actor = try services.policy.actor(principal, for: event, in: state, scope: Self.scope(model), due: state.due)
            switch event {
            case .edit:
                guard let given = input.form else { throw Problem.invalid(field: "form", "请提交申报表内容") }
                let form = try services.checked(given, call: call, submitting: false, today: today)
                Self.fill(&model, form: form)
            case .submit:
                let form = try StoredJSON.decode(QuestionBankForm.self, model.form)
                let check = calls.check(call, today: today)
                if let bar = check.bar(form) { throw Problem(title: "不能申报", status: 422, detail: bar) }
                _ = try services.checked(form, call: call, submitting: true, today: today)
                let files = try await database.caseTrail.files(of: model.id)
                guard files.contains(where: { $0.label == Self.scanLabels[0] }) else {
                    throw Problem(title: "请先上传法人证书影印件", status: 422, detail: "\(call.forms.application.attachment) 要求“单位法人与法人证书编码（请附影印件）”：请上传「\(Self.scanLabels[0])」后再提交。")
                }
                model.submittedOn = today.description
            case .decide(let outcome, _) where outcome == .lead:
                let lead = QuestionBankLead(callID: model.callID, centreID: model.provincialCentreID, projectKey: model.projectKey, applicationID: model.id)
                do { try await database.questionBankCases.add(lead) } catch where CaseDatabase.isUniqueViolation(error) {
                    throw Problem(title: "已确定牵头单位", status: 409, detail: "「\(model.projectKey)」已确定了牵头单位：同一职业（工种）只确定一家，其余作为参与单位或不予入选。")
                }
            default: break
            }
            let (next, entry) = try policy.transition(state, event, actor: actor, version: input.version, on: today)
            Self.project(next, into: &model, today: today)
            try await database.questionBankCases.update(model)
            let organisation = try await OrganisationDirectory(database: database.sql).find(try UUID(uuidString: actor.organisation).orThrow())
            try await Self.audit.write(case: model.id, version: entry.version, actor: actor, actorName: principal.displayName,
                                       organisationName: organisation?.name ?? "", event: input.action, detail: detail,
                                       before: state.stage.rawValue, after: next.stage.rawValue, on: today, now: now, database: database)
            return model
        }
    }

    /// The event an input asks for, and what the audit keeps of it.
    static func event(_ input: QuestionBankActionInput) throws -> (QuestionBankProject.Event, [String: String]) {
        let reason = input.reason?.trimmingWhitespace ?? ""
        guard reason.count <= 2000 else { throw Problem.invalid(field: "reason", "理由不超过 2000 字") }
        switch input.action {
        case "save": return (.edit, [:])
        case "submit": return (.submit, [:])
        case "withdraw": return (.withdraw, [:])
        case "return": return (.returnForCorrection(reason: reason), ["reason": reason])
        case "recommend":
            guard let intent = input.recommendAs.flatMap(QuestionBankProject.Intent.init(rawValue:)) else {
                throw Problem.invalid(field: "recommendAs", "推荐为 lead（牵头单位）或 participant（参与单位）")
            }
            return (.recommend(as: intent, reason: reason), ["recommendAs": intent.label, "reason": reason])
        case "decide":
            guard let outcome = input.outcome.flatMap(QuestionBankProject.Outcome.init(rawValue:)) else {
                throw Problem.invalid(field: "outcome", "结果为 lead（牵头单位）、participant（参与单位）或 declined（未入选）")
            }
            return (.decide(outcome, reason: reason), ["outcome": outcome.label, "reason": reason])
        default:
            throw Problem.invalid(field: "action", "不支持的操作「\(input.action)」")
        }
    }

    // MARK: Scans

    func attach(_ bytes: [UInt8], label: String, filename: String, to id: String, principal: Principal) async throws -> CaseFile {
        let model = try await visible(id, to: principal)
        let file = try UploadedFile(bytes, label: label, filename: filename)
        guard Self.scanLabels.contains(file.label) else { throw Problem.invalid(field: "label", "材料名称应为：" + Self.scanLabels.joined(separator: "、")) }
        let state = try StoredJSON.decode(QuestionBankProject.self, model.state)
        let actor = try policy.actor(principal, for: .attach(label: file.label), in: state, scope: Self.scope(model), due: state.due)
        return try await CaseFiles<QuestionBankApplicationRecord>(db: db, policy: policy).attach(
            file, to: model.id, actor: actor, actorName: principal.displayName, organisationName: model.unitName,
            uploadedBy: try UUID(uuidString: principal.userID).orThrow())
    }
}
