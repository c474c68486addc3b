import Fluent
import Foundation

/// A committee's review plan for a year (评审计划).
final class ReviewPlanModel: Model, @unchecked Sendable {
    static let schema = "review_plans"
    @ID(key: .id) var id: UUID?
    @Field(key: "committee_org_id") var committeeOrgID: UUID
    @Field(key: "committee") var committee: String
    @Field(key: "jurisdiction") var jurisdiction: String
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    /// JSON arrays.
    @Field(key: "series") var series: String
    @Field(key: "levels") var levels: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    /// The plan's dates the checks and the review are due by (overdue is measured against them).
    @Field(key: "checks_due_on") var checksDueOn: String
    @Field(key: "review_on") var reviewOn: String
    /// JSON: the steps where the documents leave them to the year's notice (else empty).
    @Field(key: "steps") var steps: String
    @Field(key: "separate_group") var separateGroup: Bool
    @Field(key: "materials") var materials: String
    @Field(key: "publicity_days") var publicityDays: Int
    @Field(key: "result_publicity_days") var resultPublicityDays: Int
    @Field(key: "members") var members: Int
    /// JSON VotingRule (with its source).
    @Field(key: "voting_rule") var votingRule: String
    @Field(key: "notice") var notice: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// A title application. `state` is the workflow's value as JSON; the other columns are what
/// queues filter on, kept with it in the same write.
final class TitleApplicationModel: Model, @unchecked Sendable {
    static let schema = "applications"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "applicant_id") var applicantID: UUID
    @Field(key: "applicant_name") var applicantName: String
    @OptionalField(key: "employer_id") var employerID: UUID?
    @Field(key: "employer_name") var employerName: String
    @Field(key: "jurisdiction") var jurisdiction: String
    @OptionalField(key: "series") var series: String?
    @OptionalField(key: "specialty") var specialty: String?
    @Field(key: "level") var level: String
    @Field(key: "route") var route: String
    @Field(key: "separate_group") var separateGroup: Bool
    @Field(key: "stage") var stage: String
    @OptionalField(key: "role_due") var roleDue: String?
    @OptionalField(key: "org_due") var orgDue: UUID?
    @Field(key: "version") var version: Int
    @Field(key: "state") var state: String
    /// JSON role → organisation id.
    @Field(key: "handlers") var handlers: String
    /// The evaluation it was submitted with (the option, its conditions and citations), frozen.
    @Field(key: "frozen_evaluation") var frozenEvaluation: String
    @Field(key: "person") var person: String
    @Field(key: "data_version") var dataVersion: String
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "updated_on") var updatedOn: String
    /// The plan's date the current step is due by (empty when nothing is due): overdue when past.
    @Field(key: "due_by") var dueBy: String
    init() {}
}

/// Every organisation taking part in an application, for "my cases" lists.
final class TitleApplicationHandlerModel: Model, @unchecked Sendable {
    static let schema = "application_handlers"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "role") var role: String
    init() {}
}

/// An objection lodged during publicity; the contact is seen only by the office.
final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"
    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "contact") var contact: String
    @Field(key: "reason") var reason: String
    @Field(key: "lodged_on") var lodgedOn: String
    @OptionalField(key: "upheld") var upheld: Bool?
    @OptionalField(key: "resolution") var resolution: String?
    init() {}
}

/// A committee's review session: the group, the members present and each application's votes.
final class ReviewSessionModel: Model, @unchecked Sendable {
    static let schema = "review_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    /// separate (高技能人才单独分组) or general.
    @Field(key: "group_kind") var group: String
    @Field(key: "held_on") var heldOn: String
    @Field(key: "members") var members: Int
    /// JSON array of the members present.
    @Field(key: "present") var present: String
    /// JSON array of application ids.
    @Field(key: "applications") var applications: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}
