import Fluent
import Foundation

/// An application for a skill evaluation (职业技能等级认定 / 鉴定) to a provider. `state` is the
/// workflow's `SkillEvaluation` as JSON; the other columns are what queues and access need.
final class SkillApplicationModel: Model, @unchecked Sendable {
    static let schema = "skill_applications"
    @ID(key: .id) var id: UUID?
    @Field(key: "applicant_id") var applicantID: UUID
    @Field(key: "applicant_name") var applicantName: String
    /// The provider chosen (an evaluation organisation, or the applicant's qualified employer).
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "provider_name") var providerName: String
    @Field(key: "jurisdiction") var jurisdiction: String
    @Field(key: "occupation") var occupation: String
    @OptionalField(key: "work_type") var workType: String?
    @Field(key: "level") var level: String
    @Field(key: "route") var route: String
    /// The procedure followed and its citation ("绍市人社发〔2019〕64号 二（三）2").
    @Field(key: "procedure") var procedure: String
    @Field(key: "stage") var stage: String
    /// The organisation whose turn it is (nil: the applicant's, or nobody's).
    @OptionalField(key: "org_due") var orgDue: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "state") var state: String
    /// JSON list of the organisations taking a step (the steps' and the assessor's).
    @Field(key: "organisations") var organisations: String
    @OptionalField(key: "batch_id") var batchID: UUID?
    @Field(key: "frozen_evaluation") var frozenEvaluation: String
    @Field(key: "person") var person: String
    @Field(key: "data_version") var dataVersion: String
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "updated_on") var updatedOn: String
    init() {}
}

/// An assessment batch (批次) a provider sets: what, when, where, how many, and its components.
final class AssessmentBatchModel: Model, @unchecked Sendable {
    static let schema = "assessment_batches"
    @ID(key: .id) var id: UUID?
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "occupation") var occupation: String
    @OptionalField(key: "work_type") var workType: String?
    @Field(key: "level") var level: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "place") var place: String
    @Field(key: "capacity") var capacity: Int
    /// Raised and lowered only by one conditional UPDATE, so two assignments can never overfill it.
    @Field(key: "seats_taken") var seatsTaken: Int
    /// JSON list of the components' names (操作技能考核 always first).
    @Field(key: "components") var components: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A certificate issued through the system: in the holder's record at once, and queued for
/// the HR bureau's report (报人力资源社会保障部门按程序上网) until an officer marks it reported.
final class SkillCertificateModel: Model, @unchecked Sendable {
    static let schema = "skill_certificates"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "holder_name") var holderName: String
    @Field(key: "number") var number: String
    @Field(key: "occupation") var occupation: String
    @OptionalField(key: "work_type") var workType: String?
    @Field(key: "level") var level: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "issuer_id") var issuerID: UUID
    @Field(key: "issuer_name") var issuerName: String
    /// The HR bureau it is reported to (nil where none is set up yet).
    @OptionalField(key: "bureau_id") var bureauID: UUID?
    @OptionalField(key: "reported_on") var reportedOn: String?
    @OptionalField(key: "reported_by") var reportedBy: String?
    init() {}
}

/// One row of an organisation's own trail (a batch set up): never changed or deleted.
final class OrganisationAuditEventModel: Model, @unchecked Sendable {
    static let schema = "organisation_audit_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "actor_user_id") var actorUserID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "role") var role: String
    @Field(key: "at") var at: Date
    @Field(key: "on_date") var onDate: String
    @Field(key: "event") var event: String
    @Field(key: "detail") var detail: String
    init() {}
}
