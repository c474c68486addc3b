import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// An application as its viewer may see it: the applicant and the handling offices alike,
/// with the objectors' contacts for the office that resolves them only.
struct TitleApplicationView: Content {
    struct StepView: Content {
        let role: String
        let roleLabel: String
        let act: String
        let source: String
        /// done, current or waiting.
        let state: String
        let organisation: String
    }

    struct ConfirmationView: Content {
        let id: Int
        let text: String
        let source: String
        let role: String
        let roleLabel: String
        let why: String
        let status: String
        let note: String
    }

    struct ObjectionView: Content {
        let id: String
        let contact: String
        let reason: String
        let lodgedOn: String
        let upheld: Bool?
        let resolution: String?
    }

    struct AttachmentView: Content {
        let id: String
        let label: String
        let filename: String
        let contentType: String
        let size: Int
        let sha256: String

        init(_ attachment: CaseFile) {
            id = attachment.id.uuidString
            label = attachment.label
            filename = attachment.filename
            contentType = attachment.contentType
            size = attachment.size
            sha256 = attachment.sha256
        }
    }

    struct Recheck: Content {
        let status: String
        let statusLabel: String
        let changed: Bool
        let conditions: [FrozenOption.FrozenCondition]
    }

    let id: String
    let plan: String
    let planTitle: String
    let committee: String
    let applicantName: String
    let employerName: String
    let jurisdiction: String
    let series: String?
    let specialty: String?
    let level: String
    let route: String
    let routeLabel: String
    let separateGroup: Bool
    let stage: String
    let stageLabel: String
    let version: Int
    let roleDue: String?
    let roleDueLabel: String?
    let submittedOn: String
    let dueBy: String
    let overdue: Bool
    let myRoles: [String]
    /// What the viewer may do now (action codes).
    let actions: [String]
    let steps: [StepView]
    let confirmations: [ConfirmationView]
    let frozen: FrozenOption
    let frozenStatusLabel: String
    let recheck: Recheck?
    let attachments: [AttachmentView]
    let objections: [ObjectionView]
    let revisions: Int
    /// Where the committee's vote only recommends: who decides the title, and the words.
    let recommendation: TitleApplication.Recommendation?
    /// The stage in words, saying so where a passing vote is a recommendation awaiting the decision.
    let outcomeNote: String
}

extension TitleApplicationService {
    func view(_ model: TitleApplicationRecord, for principal: Principal) async throws -> TitleApplicationView {
        try await view(model, for: principal, loaded: nil)
    }

    /// `loaded`: what this request already read for the model (as it was just started).
    func view(_ model: TitleApplicationRecord, for principal: Principal, loaded: Loaded?) async throws -> TitleApplicationView {
        let today = policy.today()
        let state = try StoredJSON.decode(TitleApplication.self, model.state)
        let scope = Self.scope(model)
        let roles = CasePolicy.roles(of: principal, in: scope)
        let plan = if let loaded { loaded.plan } else { try await database.titleCases.plan(model.planID) }
        let frozen = try StoredJSON.decode(FrozenOption.self, model.frozenEvaluation)
        let organisations = try await directory.find(Array(Set(scope.seats.compactMap { UUID(uuidString: $0.organisation) })))
        let names = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let current: Int? = switch state.stage {
        case .checking(let step), .returned(let step), .rejected(let step): step
        default: nil
        }
        let past = state.stage != .draft && current == nil
        let steps = state.steps.enumerated().map { index, step in
            TitleApplicationView.StepView(role: step.role.rawValue, roleLabel: step.role.label, act: step.act, source: step.source,
                                     state: current.map { index < $0 ? "done" : index == $0 ? "current" : "waiting" } ?? (past ? "done" : "waiting"),
                                     organisation: scope.seat(for: step.role).flatMap { names[$0.organisation] } ?? "")
        }
        var recheck: TitleApplicationView.Recheck?
        if state.isOpen, let route = Contract.Route(rawValue: model.route), let level = TitleLevel(name: model.level), let plan {
            let person = if let loaded { loaded.person } else { try await database.personRecords.person(of: model.applicantID) }
            if let result = try? evaluate(person, jurisdiction: model.jurisdiction, on: today),
               let option = Self.option(in: result, route: route, level: level, series: model.series, plan: plan) {
                let live = FrozenOption(option, jurisdiction: model.jurisdiction, asOf: today, dataVersion: policy.dataVersion)
                recheck = TitleApplicationView.Recheck(status: live.status, statusLabel: live.statusLabel, changed: live.conditions != frozen.conditions || live.status != frozen.status,
                                                  conditions: live.conditions)
            }
        }
        let attachments = try await files(of: model)
        let resolvesObjections = roles.contains(state.publicityRole)
        let objections = resolvesObjections ? try await database.titleCases.objections(of: model.id, pendingOnly: false) : []
        let actions = CasePolicy.actors(principal, in: scope).flatMap { policy.actions(state, for: $0) }
        return TitleApplicationView(
            id: model.id.uuidString, plan: model.planID.uuidString, planTitle: plan?.title ?? "", committee: plan?.committee ?? "",
            applicantName: model.applicantName, employerName: model.employerName, jurisdiction: model.jurisdiction, series: model.series,
            specialty: model.specialty, level: model.level, route: model.route, routeLabel: frozen.routeLabel, separateGroup: model.separateGroup,
            stage: model.stage, stageLabel: state.recommendation != nil && state.stage == .decided(passed: true) ? "已评审推荐，待上级评审决定" : policy.words(TitleApplication.self).stage(state.stage.code),
            version: state.version, roleDue: state.roleDue?.rawValue, roleDueLabel: state.roleDue?.label,
            submittedOn: model.submittedOn, dueBy: model.dueBy, overdue: Self.isOverdue(model, today: today), myRoles: roles.map(\.rawValue), actions: actions,
            steps: steps,
            confirmations: state.confirmations.map {
                TitleApplicationView.ConfirmationView(id: $0.id, text: $0.text, source: $0.source, role: $0.role.rawValue, roleLabel: $0.role.label, why: $0.why,
                                                 status: $0.status.rawValue, note: $0.note)
            },
            frozen: frozen, frozenStatusLabel: frozen.statusLabel, recheck: recheck,
            attachments: attachments.map(TitleApplicationView.AttachmentView.init),
            objections: objections.map {
                TitleApplicationView.ObjectionView(id: $0.id.uuidString, contact: $0.contact, reason: $0.reason, lodgedOn: $0.lodgedOn, upheld: $0.upheld, resolution: $0.resolution)
            },
            revisions: try await revisionCount(of: model),
            recommendation: state.recommendation, outcomeNote: Self.outcomeNote(state))
    }

    static func isOverdue(_ model: TitleApplicationRecord, today: CalendarDate) -> Bool {
        isOverdue(stage: model.stage, dueBy: model.dueBy, today: today)
    }

    static func isOverdue(stage: String, dueBy: String, today: CalendarDate) -> Bool {
        guard let due = CalendarDate(iso: dueBy) else { return false }
        return due < today && stagesDueByThePlan.contains(stage)
    }

    /// The stages whose due date is the plan's (the checks, the review): the others' dates are
    /// publicity periods, which close rather than fall overdue.
    static let stagesDueByThePlan = ["checking", "awaiting_review"]

    /// Where the vote only recommended, what its outcome means and who decides now.
    static func outcomeNote(_ state: TitleApplication) -> String {
        guard let recommendation = state.recommendation else { return "" }
        switch state.stage {
        case .awaitingReview: return "本委员会的评审为推荐（\(recommendation.source)「\(recommendation.quote)」）：职称由\(recommendation.decidedBy)评审决定。"
        case .decided(passed: true):
            return "已评审推荐，待\(recommendation.decidedBy)决定；收到其决定后，由本评审委员会办公室或市人力社保部门录入决定文号（通过的即记入个人档案）。"
        default: return ""
        }
    }

}

/// One line of an audit trail, as the applicant and the offices read it.
struct AuditView: Content {
    let version: Int
    let at: Date
    let onDate: String
    let actorName: String
    let role: String
    let roleLabel: String
    let organisation: String
    let event: String
    let eventLabel: String
    let detail: [String: String]
    /// The detail in words, for pages.
    let lines: [String]
    let stageBefore: String
    let stageAfter: String

    init(_ row: TrailEntry, words: CaseWords) {
        version = row.version
        at = row.at
        onDate = row.onDate.description
        actorName = row.actorName
        role = row.role
        roleLabel = row.actor?.role.label ?? "公众"
        organisation = row.organisationName
        event = row.event
        eventLabel = words.event(row.event)
        let detail = row.detail
        self.detail = detail
        let fields = [("condition", "事项"), ("met", "结果"), ("note", "说明"), ("reason", "理由"), ("upheld", "异议"), ("votes", "表决"),
                     ("evidence", "依据"), ("outcome", "结论"), ("decision", "文号"),
                     ("label", "材料"), ("sha256", "SHA-256"), ("batch", "批次"), ("results", "成绩"), ("number", "证书编号"),
                     ("recommendAs", "推荐为"), ("centre", "评价中心")]
        lines = fields.compactMap { key, label in detail[key].flatMap { $0.isEmpty ? nil : "\(label)：\($0)" } }
        stageBefore = words.stage(row.stageBefore)
        stageAfter = words.stage(row.stageAfter)
    }
}
