import Access
import Fluent
import Foundation
import Vapor

/// What others did on the applicant's applications, newest first: the audit trail read as
/// messages, so nothing is kept twice and nothing can be said that the trail does not hold.
struct MessageView: Content {
    let application: String
    let heading: String
    let onDate: String
    let from: String
    let text: String
    let lines: [String]
}

extension ApplicationService {
    static let messageCount = 30

    func messages(_ principal: Principal) async throws -> [MessageView] {
        guard let id = UUID(uuidString: principal.userID) else { return [] }
        let applications = try await ApplicationModel.query(on: database).filter(\.$applicantID == id)
            .field(\.$id).field(\.$series).field(\.$level).all()
        let headings = Dictionary(uniqueKeysWithValues: applications.compactMap { model in
            model.id.map { ($0, "\(model.series ?? "") \(model.level)".trimmingCharacters(in: .whitespaces)) }
        })
        guard !headings.isEmpty else { return [] }
        let rows = try await AuditEventModel.query(on: database).filter(\.$applicationID ~~ Array(headings.keys))
            .group(.or) { $0.filter(\.$actorUserID == nil).filter(\.$actorUserID != id) }
            .sort(\.$at, .descending).sort(\.$version, .descending).limit(Self.messageCount).all()
        return rows.map { row in
            let audit = AuditView(row)
            // The public lodging an objection is named as such, never by its contact.
            let from = row.actorUserID == nil ? "公示异议" : "\(audit.organisation.isEmpty ? audit.roleLabel : audit.organisation)"
            return MessageView(application: row.applicationID.uuidString, heading: headings[row.applicationID] ?? "", onDate: audit.onDate,
                               from: from, text: "\(audit.eventLabel)：\(audit.stageBefore) → \(audit.stageAfter)", lines: audit.lines)
        }
    }
}
