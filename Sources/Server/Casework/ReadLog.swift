import Access
import Domain
import Fluent
import Foundation
import Vapor
import Workflow

/// An officer's read of a case or one of its attachments (migration 018): append-only.
final class CaseReadModel: Model, @unchecked Sendable {
    static let schema = CreateCaseReads.table.name
    @ID(key: .id) var id: UUID?
    @Field(key: "case_type") var caseType: String
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "reader_user_id") var readerUserID: UUID
    @Field(key: "reader_name") var readerName: String
    @Field(key: "role") var role: String
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "organisation_name") var organisationName: String
    /// case (the application with the applicant's record) or attachment.
    @Field(key: "what") var what: String
    /// For an attachment: its label and file name.
    @Field(key: "detail") var detail: String
    @Field(key: "at") var at: Date
    @Field(key: "on_date") var onDate: String
    init() {}
}

/// One read as the applicant and the offices see it.
struct ReadView: Content {
    let at: Date
    let onDate: String
    /// The time of day in China (UTC+8), HH:mm.
    let time: String
    let readerName: String
    let role: String
    let roleLabel: String
    let organisation: String
    let what: String
    /// In words: 查看申请 / 下载附件「…」.
    let text: String

    init(_ row: CaseReadModel) {
        at = row.at
        onDate = row.onDate
        let seconds = (Int(row.at.timeIntervalSince1970) + 8 * 3600) % 86_400
        time = String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
        readerName = row.readerName
        role = row.role
        roleLabel = Role(rawValue: row.role)?.label ?? row.role
        organisation = row.organisationName
        what = row.what
        text = row.what == ReadLog.attachment ? "下载附件「\(row.detail)」" : "查看申请及个人档案"
    }
}

/// Officers' reads of personal data — a case with the applicant's record, an attachment — are
/// recorded through the one write path, like every action; the applicant's own reads are not.
struct ReadLog: Sendable {
    static let wholeCase = "case"
    static let attachment = "attachment"

    let db: CaseDatabase
    let policy: PolicyServices

    /// `seat`: the membership the reader sees the case through (nil: the applicant; nothing recorded).
    func record(_ kind: any CaseKind.Type, case id: UUID, by principal: Principal, seat: Membership?, what: String, detail: String = "") async throws {
        guard let seat, let reader = UUID(uuidString: principal.userID) else { return }
        let row = CaseReadModel()
        row.caseType = kind.caseType
        row.caseID = id
        row.readerUserID = reader
        row.readerName = principal.displayName
        row.role = seat.role.rawValue
        row.organisationID = UUID(uuidString: seat.organisation.id)
        row.organisationName = seat.organisation.name
        row.what = what
        row.detail = detail
        row.at = policy.clock.now()
        row.onDate = policy.today().description
        try await db.write { database in try await row.create(on: database) }
    }

    /// Who has read the case, newest first.
    func reads(of id: UUID) async throws -> [ReadView] {
        try await CaseReadModel.query(on: db.database).filter(\.$caseID == id).sort(\.$at, .descending).limit(500).all().map(ReadView.init)
    }
}
