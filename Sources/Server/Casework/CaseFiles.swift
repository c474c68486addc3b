import Access
import Domain
import Fluent
import Foundation
import Store
import Workflow

/// A case as it is stored: its kind, its process's state as JSON, and how an event that keeps
/// the stage (an upload) is kept.
protocol StoredCase: Sendable {
    associatedtype Process: CaseProcess
    associatedtype Kind: CaseKind
    var caseID: UUID { get }
    var state: String { get set }
    /// Who takes part in it (Access decides from this alone).
    var scope: CaseScope { get }
    /// What pages call one (申请, 技能评价申请, …).
    static var noun: String { get }
    /// The state after an event that keeps the stage, with its version and the day.
    mutating func keep(_ next: Process, today: CalendarDate)
    static func attachEvent(label: String) -> Process.Event
    static func load(_ id: UUID, on database: any Database) async throws -> Self?
    /// Writes the case back as it is now.
    func store(on database: any Database) async throws
}

/// The attachments of every case type, written and read one way. An upload is an action of
/// the case like any other: the kernel admits it, it moves the version and is in the trail,
/// in the same transaction as the file.
struct CaseFiles<Case: StoredCase>: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices

    func attach(_ file: UploadedFile, to id: UUID, actor: Actor, actorName: String, organisationName: String,
                uploadedBy: UUID) async throws -> CaseFile {
        let today = policy.today(), now = policy.clock.now()
        // Wall time, not the policy clock (which tests and the demo may hold still): files list in the order they came.
        let attachment = file.kept(by: uploadedBy, in: Case.Kind.caseType, case: id, at: Date())
        let policy = self.policy
        try await db.write { database in
            guard var current = try await Case.load(id, on: database) else { throw Problem.notFound("没有这份申请。") }
            let state = try StoredJSON.decode(Case.Process.self, current.state)
            let (next, entry) = try policy.transition(state, Case.attachEvent(label: file.label), actor: actor, version: state.version, on: today)
            try await database.caseTrail.add(attachment)
            current.keep(next, today: today)
            try await current.store(on: database)
            // Not the file's name: applicants name files after themselves, and the trail is never erased.
            try await AuditWriter(caseType: Case.Kind.caseType).write(
                case: id, version: entry.version, actor: actor, actorName: actorName, organisationName: organisationName, event: "attach",
                detail: ["label": file.label, "sha256": file.sha256], before: state.stage.code, after: next.stage.code, on: today, now: now, database: database)
        }
        return attachment
    }

    /// An attachment of the case; an officer's download is recorded (`seat`: nil for the applicant).
    func attachment(_ attachmentID: String, of id: UUID, principal: Principal, seat: Membership?) async throws -> CaseFile {
        guard let uuid = UUID(uuidString: attachmentID), let attachment = try await db.database.caseTrail.file(uuid, of: id) else {
            throw Problem.notFound("没有这个附件。")
        }
        try await ReadLog(db: db, policy: policy).record(Case.Kind.caseType, case: id, by: principal, seat: seat, what: .attachment,
                                                         detail: "\(attachment.label)（\(attachment.filename)）")
        return attachment
    }
}

extension TitleApplicationRecord: StoredCase {
    typealias Process = TitleApplication
    typealias Kind = TitleCases
    static let noun = "申请"
    var caseID: UUID { id }
    var scope: CaseScope { TitleApplicationService.scope(self) }

    mutating func keep(_ next: TitleApplication, today: CalendarDate) {
        state = (try? StoredJSON.encode(next)) ?? state
        version = next.version
        updatedOn = today.description
    }

    static func attachEvent(label: String) -> TitleApplication.Event { .attach(label: label) }
    static func load(_ id: UUID, on database: any Database) async throws -> Self? { try await database.titleCases.application(id) }
    func store(on database: any Database) async throws { try await database.titleCases.update(self) }
}

extension SkillApplicationRecord: StoredCase {
    typealias Process = SkillEvaluation
    typealias Kind = SkillCases
    static let noun = "技能评价申请"
    var caseID: UUID { id }
    var scope: CaseScope { SkillApplicationService.scope(self) }

    mutating func keep(_ next: SkillEvaluation, today: CalendarDate) { SkillApplicationService.project(next, into: &self, today: today) }
    static func load(_ id: UUID, on database: any Database) async throws -> Self? { try await database.skillCases.application(id) }
    func store(on database: any Database) async throws { try await database.skillCases.update(self) }

    static func attachEvent(label: String) -> SkillEvaluation.Event { .attach(label: label) }
}

extension QuestionBankApplicationRecord: StoredCase {
    typealias Process = QuestionBankProject
    typealias Kind = QuestionBankCases
    static let noun = "题库项目申报"
    var caseID: UUID { id }
    var scope: CaseScope { QuestionBankService.scope(self) }

    mutating func keep(_ next: QuestionBankProject, today: CalendarDate) { QuestionBankService.project(next, into: &self, today: today) }
    static func load(_ id: UUID, on database: any Database) async throws -> Self? { try await database.questionBankCases.application(id) }
    func store(on database: any Database) async throws { try await database.questionBankCases.update(self) }

    static func attachEvent(label: String) -> QuestionBankProject.Event { .attach(label: label) }
}

extension TitleApplicationService: CaseService { typealias Case = TitleApplicationRecord }
extension SkillApplicationService: CaseService { typealias Case = SkillApplicationRecord }
extension QuestionBankService: CaseService { typealias Case = QuestionBankApplicationRecord }
