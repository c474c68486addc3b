import Access
import Domain
import Foundation
import Store
import Vapor
import Workflow

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

    init(_ read: CaseRead) {
        at = read.at
        onDate = read.onDate.description
        let seconds = (Int(read.at.timeIntervalSince1970) + 8 * 3600) % 86_400
        time = String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
        readerName = read.readerName
        role = read.reader.role.rawValue
        roleLabel = read.reader.role.label
        organisation = read.organisationName
        what = read.what.rawValue
        text = read.what == .attachment ? "下载附件「\(read.detail)」" : "查看申请及个人档案"
    }
}

/// Officers' reads of personal data — a case with the applicant's record, an attachment — are
/// recorded through the one write path, like every action; the applicant's own reads are not.
struct ReadLog: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices

    /// `seat`: the membership the reader sees the case through (nil: the applicant; nothing recorded).
    func record(_ caseType: String, case id: UUID, by principal: Principal, seat: Membership?, what: CaseRead.What, detail: String = "") async throws {
        guard let seat else { return }
        let read = CaseRead(caseType: caseType, caseID: id, reader: Actor(user: principal.userID, role: seat.role, organisation: seat.organisation.id),
                            readerName: principal.displayName, organisationName: seat.organisation.name, what: what, detail: detail,
                            at: policy.clock.now(), onDate: policy.today())
        try await db.write { database in try await database.caseTrail.record(read) }
    }

    /// Who has read the case, newest first.
    func reads(of id: UUID) async throws -> [ReadView] {
        try await db.database.caseTrail.reads(of: id, limit: 500).map(ReadView.init)
    }
}
