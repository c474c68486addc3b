import Fluent
import Foundation

/// A unit's application to a question-bank call. `state` is the workflow's
/// `QuestionBankProject` as JSON and `form` the 申报表; the other columns are what the desks,
/// the report and access need.
final class QuestionBankApplicationModel: Model, @unchecked Sendable {
    static let schema = "qb_applications"
    @ID(key: .id) var id: UUID?
    @Field(key: "call_id") var callID: String
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "unit_name") var unitName: String
    /// The centre it belongs to (按隶属关系): its city's, or the provincial centre.
    @Field(key: "centre_id") var centreID: UUID
    @Field(key: "provincial_centre_id") var provincialCentreID: UUID
    @Field(key: "occupation") var occupation: String
    @Field(key: "work_type") var workType: String
    /// 开发意向: lead or participant, as the unit last saved it ("" before it chooses).
    @Field(key: "intent") var intent: String
    @Field(key: "stage") var stage: String
    @Field(key: "version") var version: Int
    @Field(key: "state") var state: String
    @Field(key: "form") var form: String
    @OptionalField(key: "report_id") var reportID: UUID?
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "updated_on") var updatedOn: String
    init() {}

    /// 同一职业（工种）: the key the one-lead rule and the selection view group by.
    var projectKey: String { workType.isEmpty ? occupation : occupation + "｜" + workType }
}

/// A city centre's report to the provincial centre: the 汇总表's header and footer, and when.
final class QuestionBankReportModel: Model, @unchecked Sendable {
    static let schema = "qb_reports"
    @ID(key: .id) var id: UUID?
    @Field(key: "call_id") var callID: String
    @Field(key: "centre_id") var centreID: UUID
    @Field(key: "centre_name") var centreName: String
    @Field(key: "contact") var contact: String
    @Field(key: "phone") var phone: String
    @Field(key: "filled_on") var filledOn: String
    @Field(key: "reported_at") var reportedAt: Date
    @Field(key: "reported_by") var reportedBy: String
    init() {}
}

/// The lead unit chosen for one occupation (工种) of a call: one row at most, by a unique index,
/// however many officers decide at once.
final class QuestionBankLeadModel: Model, @unchecked Sendable {
    static let schema = "qb_leads"
    @ID(key: .id) var id: UUID?
    @Field(key: "call_id") var callID: String
    /// The provincial centre deciding: a call is one province's.
    @Field(key: "centre_id") var centreID: UUID
    @Field(key: "project_key") var projectKey: String
    @Field(key: "application_id") var applicationID: UUID
    init() {}
}

/// The exact closing time the provincial centre sets for a call, with its source.
final class QuestionBankCallSettingModel: Model, @unchecked Sendable {
    static let schema = "qb_call_settings"
    @ID(key: .id) var id: UUID?
    @Field(key: "call_id") var callID: String
    @Field(key: "closes_at") var closesAt: Date
    @Field(key: "source") var source: String
    @Field(key: "set_by") var setBy: String
    @Field(key: "set_at") var setAt: Date
    init() {}
}

/// A later call the provincial centre published: its own title, number, dates and catalogue
/// (JSON of catalogue entries); the conditions and forms are those of the call it follows.
final class QuestionBankPublishedCallModel: Model, @unchecked Sendable {
    static let schema = "qb_published_calls"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "follows") var follows: String
    @Field(key: "title") var title: String
    @Field(key: "number") var number: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "last_day") var lastDay: String
    @Field(key: "catalogue") var catalogue: String
    @Field(key: "published_by") var publishedBy: UUID
    @Field(key: "published_at") var publishedAt: Date
    init() {}
}
