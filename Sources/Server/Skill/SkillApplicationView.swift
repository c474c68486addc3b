import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// A skill application as the applicant and its providers see it.
struct SkillApplicationView: Content {
    struct ResultView: Content {
        let component: String
        let score: String
        let passed: Bool
    }

    let id: String
    let applicantName: String
    let provider: String
    let providerName: String
    let jurisdiction: String
    let occupation: String
    let workType: String?
    let level: String
    let route: String
    let routeLabel: String
    /// The procedure followed, with its clause.
    let procedure: String
    let stage: String
    let stageLabel: String
    let version: Int
    let submittedOn: String
    /// 免于理论知识考试, on a related diploma: the provider sees it, and the results skip the exam.
    let theoryExempt: Bool
    let steps: [TitleApplicationView.StepView]
    let confirmations: [TitleApplicationView.ConfirmationView]
    let components: [String]
    let results: [ResultView]
    let batch: BatchView?
    let certificate: CertificateReportLine?
    let attachments: [TitleApplicationView.AttachmentView]
    let frozen: FrozenOption
    /// What the viewer may do now (action codes).
    let actions: [String]
    /// Earlier versions kept on resubmission.
    let revisions: Int
}

extension SkillApplicationService {
    func view(_ model: SkillApplicationRecord, for principal: Principal) async throws -> SkillApplicationView {
        let state = try StoredJSON.decode(SkillEvaluation.self, model.state)
        let id = model.id
        let organisations = try await directory.find(state.steps.compactMap { UUID(uuidString: $0.organisation) })
        let names = Dictionary(organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let current: Int? = switch state.stage {
        case .checking(let step), .returned(let step), .rejected(let step): step
        default: nil
        }
        let past = state.stage != .draft && current == nil
        let steps = state.steps.enumerated().map { index, step in
            TitleApplicationView.StepView(role: step.role.rawValue, roleLabel: step.role.label, act: step.act, source: step.source,
                                     state: current.map { index < $0 ? "done" : index == $0 ? "current" : "waiting" } ?? (past ? "done" : "waiting"),
                                     organisation: names[step.organisation.uppercased()] ?? names[step.organisation] ?? "")
        }
        let batch = if let batchID = model.batchID { try await database.skillCases.batch(batchID).map(BatchView.init) } else { BatchView?.none }
        let certificate = try await database.skillCases.certificate(of: id).map(CertificateReportLine.init)
        let attachments = try await files(of: model)
        return SkillApplicationView(
            id: id.uuidString, applicantName: model.applicantName, provider: model.providerID.uuidString, providerName: model.providerName,
            jurisdiction: model.jurisdiction, occupation: model.occupation, workType: model.workType, level: model.level, route: model.route,
            routeLabel: Contract.Route(rawValue: model.route)?.label ?? model.route, procedure: model.procedure, stage: model.stage,
            stageLabel: policy.words(SkillEvaluation.self).stage(state.stage.code), version: state.version, submittedOn: model.submittedOn, theoryExempt: state.theoryExempt, steps: steps,
            confirmations: state.confirmations.map {
                TitleApplicationView.ConfirmationView(id: $0.id, text: $0.text, source: $0.source, role: $0.role.rawValue, roleLabel: $0.role.label, why: $0.why,
                                                 status: $0.status.rawValue, note: $0.note)
            },
            components: state.components, results: state.results.map { .init(component: $0.component, score: $0.score, passed: $0.passed) },
            batch: batch, certificate: certificate,
            attachments: attachments.map(TitleApplicationView.AttachmentView.init),
            frozen: try StoredJSON.decode(FrozenOption.self, model.frozenEvaluation), actions: CasePolicy.actors(principal, in: Self.scope(model)).flatMap { policy.actions(state, for: $0) },
            revisions: try await revisionCount(of: model))
    }

}
