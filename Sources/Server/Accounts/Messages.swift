import Access
import Fluent
import Store
import Foundation
import Vapor
import Workflow

/// What others did on the applicant's cases (title and skill applications), newest first: the
/// audit trails read as messages, so nothing is kept twice and nothing can be said that a trail
/// does not hold.
struct MessageView: Content {
    let application: String
    /// The case's page.
    let link: String
    let heading: String
    let onDate: String
    let at: Date
    let from: String
    let text: String
    let lines: [String]
}

struct MessageBox {
    static let count = 30
    let database: any Database
    let titleWords: CaseWords
    let skillWords: CaseWords

    func messages(_ principal: Principal) async throws -> [MessageView] {
        guard let id = UUID(uuidString: principal.userID) else { return [] }
        let titles = try await database.titleCases.applications(of: id)
        let skills = try await database.skillCases.applications(of: id)
        let titleHeadings = Dictionary(uniqueKeysWithValues: titles.map { model in
            (model.id, "\(model.series ?? "") \(model.level)".trimmingCharacters(in: .whitespaces))
        })
        let skillHeadings = Dictionary(uniqueKeysWithValues: skills.map { model in (model.id, "技能评价 \(model.occupation) \(model.level)") })
        // However many objections came, the applicant reads one line of them, with their number.
        let objectionCounts = try await database.titleCases.objectionCounts(of: Array(titleHeadings.keys))
        let title = try await lines(headings: titleHeadings, not: id, page: "/cases/", words: titleWords, objections: objectionCounts)
        let skill = try await lines(headings: skillHeadings, not: id, page: "/skill/cases/", words: skillWords)
        return Array((title + skill).sorted { $0.at > $1.at }.prefix(Self.count))
    }

    /// The newest rows of one kind of trail written by others than the applicant, as messages.
    private func lines(headings: [UUID: String], not applicant: UUID, page: String,
                       words: CaseWords, objections: [UUID: Int] = [:]) async throws -> [MessageView] {
        let rows = try await database.caseTrail.latest(of: Array(headings.keys), notBy: applicant, limit: Self.count)
        return rows.map { row in
            let audit = AuditView(row, words: words)
            // The public lodging an objection is named as such, never by its contact.
            let from = row.actor == nil ? "公示异议" : "\(audit.organisation.isEmpty ? audit.roleLabel : audit.organisation)"
            var text = "\(audit.eventLabel)：\(audit.stageBefore) → \(audit.stageAfter)"
            if row.event == "object", let count = objections[row.caseID] { text = "公示期间收到 \(count) 条异议，由公示单位核实：\(audit.stageBefore) → \(audit.stageAfter)" }
            return MessageView(application: row.caseID.uuidString, link: page + row.caseID.uuidString, heading: headings[row.caseID] ?? "",
                               onDate: audit.onDate, at: row.at, from: from, text: text, lines: audit.lines)
        }
    }
}

extension TitleApplicationService {
    func messages(_ principal: Principal) async throws -> [MessageView] {
        try await MessageBox(database: database, titleWords: policy.words(TitleApplication.self), skillWords: policy.words(SkillEvaluation.self)).messages(principal)
    }
}
