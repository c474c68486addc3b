import Access
import Domain
import Fluent
import Foundation
import Store
import Vapor
import Workflow

/// A question-bank application as its unit and the centres see it.
struct QuestionBankApplicationView: Content {
    struct OpinionView: Content {
        let recommendAs: String
        let recommendAsLabel: String
        let reason: String
        let on: String
    }

    struct DecisionView: Content {
        let outcome: String
        let outcomeLabel: String
        let reason: String
        let on: String
    }

    let id: String
    let call: String
    let unit: String
    let unitName: String
    let centre: String
    let centreName: String
    let reviewedByProvince: Bool
    let occupation: String
    let workType: String
    let levels: String
    let intent: String
    let intentLabel: String
    let stage: String
    let stageLabel: String
    let version: Int
    let submittedOn: String
    let form: QuestionBankForm
    let returnReason: String?
    let opinion: OpinionView?
    let decision: DecisionView?
    let attachments: [TitleApplicationView.AttachmentView]
    /// What the viewer may do now (action codes).
    let actions: [String]
}

extension QuestionBankService {
    func view(_ model: QuestionBankApplicationRecord, for principal: Principal) async throws -> QuestionBankApplicationView {
        let state = try StoredJSON.decode(QuestionBankProject.self, model.state)
        let form = try StoredJSON.decode(QuestionBankForm.self, model.form)
        let id = model.id
        let centre = try await directory.find(model.centreID)
        let attachments = try await files(of: model)
        return QuestionBankApplicationView(
            id: id.uuidString, call: model.callID, unit: model.unitID.uuidString, unitName: model.unitName, centre: model.centreID.uuidString,
            centreName: centre?.name ?? "", reviewedByProvince: state.reviewedByProvince, occupation: model.occupation, workType: model.workType,
            levels: form.gradesText, intent: model.intent, intentLabel: form.intent?.label ?? "未选择", stage: model.stage, stageLabel: policy.words(QuestionBankProject.self).stage(state.stage.code),
            version: state.version, submittedOn: model.submittedOn, form: form, returnReason: state.returnReason,
            opinion: state.opinion.map { .init(recommendAs: $0.recommendAs.rawValue, recommendAsLabel: $0.recommendAs.label, reason: $0.reason, on: $0.on.description) },
            decision: state.decision.map { .init(outcome: $0.outcome.rawValue, outcomeLabel: $0.outcome.label, reason: $0.reason, on: $0.on.description) },
            attachments: attachments.map(TitleApplicationView.AttachmentView.init), actions: CasePolicy.actors(principal, in: Self.scope(model)).flatMap { policy.actions(state, for: $0) })
    }

}

/// A line of a desk: enough to find and open an application.
struct QuestionBankQueueItem: Content {
    let id: String
    let call: String
    let unitName: String
    let occupation: String
    let workType: String
    let intent: String
    let intentLabel: String
    let stage: String
    let stageLabel: String
    let version: Int
    let submittedOn: String
    let updatedOn: String

    init(_ model: QuestionBankApplicationRecord, words: CaseWords) {
        version = model.version
        id = model.id.uuidString
        call = model.callID
        unitName = model.unitName
        occupation = model.occupation
        workType = model.workType
        intent = model.intent
        intentLabel = QuestionBankProject.Intent(rawValue: model.intent)?.label ?? "未选择"
        stage = model.stage
        stageLabel = words.stage(model.stage)
        submittedOn = model.submittedOn
        updatedOn = model.updatedOn
    }
}
