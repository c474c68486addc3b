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

/// What the centres see and do across applications: a centre's desk and its report to the
/// province (二（二）), the provincial centre's view by occupation (工种) and its selection of
/// lead units (三（二）), and the call's closing time.
extension QuestionBankService {
    /// The stages of an application the provincial centre has received.
    static let reportedStages = [QuestionBankProject.Stage.reported.rawValue, QuestionBankProject.Stage.decided.rawValue]

    struct ReportInput: Content {
        var call: String
        var contact: String
        var phone: String
    }

    struct ClosingInput: Content {
        /// "2023-06-23 17:00", China time.
        var closesAt: String
        var source: String
    }

    /// The applications of the units the user acts for.
    func mine(_ principal: Principal) async throws -> [QuestionBankApplicationRecord] {
        let units = principal.organisations(holding: .questionBankUnit).compactMap { UUID(uuidString: $0.id) }
        guard !units.isEmpty else { return [] }
        return try await database.questionBankCases.applications(ofUnits: units)
    }

    /// A centre the principal works for, in either centre role.
    func centre(_ id: String, principal: Principal) async throws -> OrganisationRef {
        guard principal.holds(.cityEvaluationCentre, in: id.uppercased()) || principal.holds(.provincialEvaluationCentre, in: id.uppercased()),
              let uuid = UUID(uuidString: id), let found = try await directory.find(uuid) else {
            throw Problem.notFound("没有这个评价中心，或您不是该中心的经办人员。")
        }
        return found
    }

    /// A centre's desk: what was submitted to it (never drafts) and, for the provincial centre,
    /// every application reported to it.
    func desk(_ centreID: String, principal: Principal) async throws -> [QuestionBankApplicationRecord] {
        let centre = try await centre(centreID, principal: principal)
        let id = try UUID(uuidString: centre.id).orThrow()
        var found = try await database.questionBankCases.applications(submittedTo: id)
        if principal.holds(.provincialEvaluationCentre, in: centre.id) {
            let reported = try await database.questionBankCases.applications(of: id, asProvincialCentre: true, call: nil, stages: Self.reportedStages)
            found += reported.filter { model in !found.contains { $0.id == model.id } }
        }
        return found.filter { CasePolicy.mayView(principal, Self.scope($0)) }.sorted { ($0.projectKey, $0.unitName) < ($1.projectKey, $1.unitName) }
    }

    // MARK: Reporting

    /// Reports every application the centre has recommended for the call: one report, each
    /// application's step and audit record in one transaction. Refused after the closing time.
    func report(_ input: ReportInput, centre centreID: String, principal: Principal) async throws -> QuestionBankReport {
        let centre = try await centre(centreID, principal: principal)
        guard principal.holds(.cityEvaluationCentre, in: centre.id) else {
            throw Problem(title: "无权办理", status: 403, detail: "报送汇总表是市技能评价（鉴定）中心的一步。")
        }
        let call = try await calls.call(input.call)
        let closing = try await calls.closing(call)
        let now = policy.clock.now(), today = policy.today()
        guard now < closing.at else {
            throw Problem(title: "报送已截止", status: 422, detail: "本次征集的报送截止时间为 \(closing.text)（\(closing.source)），现已截止，不能再报送。")
        }
        let contact = input.contact.trimmingWhitespace, phone = input.phone.trimmingWhitespace
        guard !contact.isEmpty, contact.count <= 64, !phone.isEmpty, phone.count <= 32 else {
            throw Problem.invalid([FieldError(field: "contact", message: "请填写汇总表的联系人（不超过 64 字）"),
                                   FieldError(field: "phone", message: "请填写联系电话（不超过 32 字）")])
        }
        let centreUUID = try UUID(uuidString: centre.id).orThrow()
        let actor = Actor(user: principal.userID, role: .cityEvaluationCentre, organisation: centre.id)
        return try await db.write { database in
            let pending = try await database.questionBankCases.applications(of: centreUUID, asProvincialCentre: false, call: call.id,
                                                                            stages: [QuestionBankProject.Stage.recommended.rawValue])
            guard !pending.isEmpty else {
                throw Problem(title: "没有待报送的申报", status: 422, detail: "请先对申报单位的材料签署推荐意见，再报送汇总表。")
            }
            let report = QuestionBankReport(callID: call.id, centreID: centreUUID, centreName: centre.name, contact: contact, phone: phone,
                                            filledOn: today.description, reportedAt: now, reportedBy: principal.displayName)
            try await database.questionBankCases.add(report)
            let reportID = report.id
            for var model in pending {
                let state = try StoredJSON.decode(QuestionBankProject.self, model.state)
                let (next, entry) = try policy.transition(state, .report(id: reportID.uuidString), actor: actor, version: state.version, on: today)
                Self.project(next, into: &model, today: today)
                model.reportID = reportID
                try await database.questionBankCases.update(model)
                try await Self.audit.write(case: model.id, version: entry.version, actor: actor, actorName: principal.displayName,
                                           organisationName: centre.name, event: "report", detail: ["report": reportID.uuidString],
                                           before: state.stage.rawValue, after: next.stage.rawValue, on: today, now: now, database: database)
            }
            return report
        }
    }

    func reports(_ centreID: String, principal: Principal) async throws -> [QuestionBankReport] {
        let centre = try await centre(centreID, principal: principal)
        return try await database.questionBankCases.reports(of: UUID(uuidString: centre.id).orThrow())
    }

    /// The applications of a report, or (no report) those the centre has recommended and not yet reported.
    func summary(centre centreID: String, call: String, report: String?, principal: Principal)
        async throws -> (centre: OrganisationRef, report: QuestionBankReport?, applications: [QuestionBankApplicationRecord]) {
        let centre = try await centre(centreID, principal: principal)
        let centreUUID = try UUID(uuidString: centre.id).orThrow()
        _ = try await calls.call(call)
        if let report, !report.isEmpty {
            guard let uuid = UUID(uuidString: report), let found = try await database.questionBankCases.report(uuid), found.centreID == centreUUID else {
                throw Problem.notFound("没有这份汇总表。")
            }
            let rows = try await database.questionBankCases.applications(inReport: uuid)
            return (centre, found, rows.sorted { $0.projectKey < $1.projectKey })
        }
        let rows = try await database.questionBankCases.applications(of: centreUUID, asProvincialCentre: false, call: call,
                                                                     stages: [QuestionBankProject.Stage.recommended.rawValue])
        return (centre, nil, rows.sorted { $0.projectKey < $1.projectKey })
    }

    // MARK: The provincial centre

    /// The provincial centre of a call, if the principal works there.
    func provincialCentre(of call: QuestionBankCall, principal: Principal) async throws -> OrganisationRef {
        let province = calls.jurisdiction(of: call)
        let mine = principal.organisations(holding: .provincialEvaluationCentre).filter { $0.jurisdiction == province }
        guard let centre = mine.first else {
            throw Problem(title: "无权查看", status: 403, detail: "遴选是\(call.provincialCentre)的一步。")
        }
        return centre
    }

    struct Selection: Sendable {
        struct Project: Sendable {
            let key: String
            let occupation: String
            let workType: String
            let applications: [QuestionBankApplicationRecord]
            var wouldBeLeads: [QuestionBankApplicationRecord] { applications.filter { $0.intent == QuestionBankProject.Intent.lead.rawValue } }
            var contested: Bool { wouldBeLeads.count > 1 }
        }

        let call: QuestionBankCall
        let projects: [Project]
        /// Catalogue rows nobody applied for (by occupation).
        let unclaimed: [QuestionBankProjectChoice]
    }

    /// Every reported application by occupation (工种), the rows nobody applied for, and which
    /// projects have more than one would-be lead.
    func selection(_ callID: String, principal: Principal) async throws -> Selection {
        let call = try await calls.call(callID)
        let centre = try await provincialCentre(of: call, principal: principal)
        let rows = try await database.questionBankCases.applications(of: UUID(uuidString: centre.id).orThrow(), asProvincialCentre: true, call: call.id,
                                                                     stages: Self.reportedStages)
        let grouped = Dictionary(grouping: rows, by: \.projectKey)
        let projects = grouped.keys.sorted().map { key in
            let members = grouped[key] ?? []
            return Selection.Project(key: key, occupation: members.first?.occupation ?? "", workType: members.first?.workType ?? "",
                                     applications: members.sorted { ($0.intent, $0.unitName) < ($1.intent, $1.unitName) })
        }
        let applied = Set(rows.map(\.occupation))
        return Selection(call: call, projects: projects, unclaimed: calls.choices(call).filter { !applied.contains($0.occupation) })
    }

    /// The provincial centre sets the exact closing time, with its source; its own trail keeps each setting.
    func setClosing(_ callID: String, _ input: ClosingInput, principal: Principal) async throws -> QuestionBankCalls.Closing {
        let call = try await calls.call(callID)
        let centre = try await provincialCentre(of: call, principal: principal)
        guard let at = QuestionBankCalls.parseChinaTime(input.closesAt) else {
            throw Problem.invalid(field: "closesAt", "截止时间应写作 2023-06-23 17:00（北京时间）")
        }
        let source = input.source.trimmingWhitespace
        guard !source.isEmpty, source.count <= 500 else { throw Problem.invalid(field: "source", "请写明设定截止时间的依据（不超过 500 字）") }
        let now = policy.clock.now(), today = policy.today()
        let event = OrganisationEvent(organisationID: try UUID(uuidString: centre.id).orThrow(), actorUserID: try UUID(uuidString: principal.userID).orThrow(),
                                      actorName: principal.displayName, role: Role.provincialEvaluationCentre.rawValue, at: now, onDate: today.description,
                                      event: "set_closing",
                                      detail: try StoredJSON.encode(["call": call.id, "closesAt": QuestionBankCalls.chinaTime(at), "source": source]))
        try await db.write { database in
            try await database.questionBankCases.save(QuestionBankCallSetting(callID: call.id, closesAt: at, source: source, setBy: centre.name, setAt: now))
            try await database.organisations.record(event)
        }
        return try await calls.closing(call)
    }
}
