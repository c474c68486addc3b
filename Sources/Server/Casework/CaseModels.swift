import Fluent
import Foundation
import Workflow

/// An earlier version of an application's answers, kept when it is resubmitted.
final class StoredRevision<Kind: CaseKind>: Model, @unchecked Sendable {
    static var schema: String { "case_revisions" }
    @ID(key: .id) var id: UUID?
    @Field(key: "case_type") var caseType: String
    @Field(key: "case_id") var applicationID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "person") var person: String
    @Field(key: "frozen_evaluation") var frozenEvaluation: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() { caseType = Kind.caseType }
}

/// A kind of case (a case type of the casework): its rows in the one trail, attachments and
/// revisions tables are those with its `case_type`.
protocol CaseKind { static var caseType: String { get } }

enum TitleCases: CaseKind { static let caseType = TitleApplication.caseTypeID }
enum SkillCases: CaseKind { static let caseType = SkillEvaluation.caseTypeID }
enum QuestionBankCases: CaseKind { static let caseType = QuestionBankProject.caseTypeID }

typealias RevisionModel = StoredRevision<TitleCases>
typealias SkillRevisionModel = StoredRevision<SkillCases>
typealias AuditEventModel = AuditRecord<TitleCases>
typealias SkillAuditEventModel = AuditRecord<SkillCases>
typealias AttachmentModel = StoredAttachment<TitleCases>
typealias SkillAttachmentModel = StoredAttachment<SkillCases>
typealias QuestionBankAuditEventModel = AuditRecord<QuestionBankCases>
typealias QuestionBankAttachmentModel = StoredAttachment<QuestionBankCases>

/// The audit trail: one row per accepted action, never changed or deleted (the database
/// refuses UPDATE and DELETE on it).
final class AuditRecord<Kind: CaseKind>: Model, @unchecked Sendable {
    static var schema: String { CaseTrail.events }
    @ID(key: .id) var id: UUID?
    @Field(key: "case_type") var caseType: String
    @Field(key: "case_id") var applicationID: UUID
    @Field(key: "version") var version: Int
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "role") var role: String
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "organisation_name") var organisationName: String
    @Field(key: "at") var at: Date
    @Field(key: "on_date") var onDate: String
    @Field(key: "event") var event: String
    @Field(key: "detail") var detail: String
    @Field(key: "stage_before") var stageBefore: String
    @Field(key: "stage_after") var stageAfter: String
    init() { caseType = Kind.caseType }
}

/// A scan attached to an application: PDF, JPEG or PNG as its content shows, with its checksum.
final class StoredAttachment<Kind: CaseKind>: Model, @unchecked Sendable {
    static var schema: String { "case_attachments" }
    @ID(key: .id) var id: UUID?
    @Field(key: "case_type") var caseType: String
    @Field(key: "case_id") var applicationID: UUID
    @Field(key: "label") var label: String
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() { caseType = Kind.caseType }
}
