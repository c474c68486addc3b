import Foundation

/// A unit's application to a question-bank call (`qb_applications`, migration 013). `state`
/// is the workflow's `QuestionBankProject` as JSON and `form` the 申报表; the other columns are
/// what the desks, the report and access need.
public struct QuestionBankApplicationRecord: Codable, Sendable, Hashable {
    public var id: UUID
    public var callID: String
    public var unitID: UUID
    public var unitName: String
    /// The centre it belongs to (按隶属关系): its city's, or the provincial centre.
    public var centreID: UUID
    public var provincialCentreID: UUID
    public var occupation: String
    public var workType: String
    /// 开发意向: lead or participant, as the unit last saved it ("" before it chooses).
    public var intent: String
    public var stage: String
    public var version: Int
    public var state: String
    public var form: String
    public var reportID: UUID?
    public var submittedOn: String
    public var updatedOn: String

    public init(id: UUID = UUID(), callID: String, unitID: UUID, unitName: String, centreID: UUID, provincialCentreID: UUID, occupation: String,
                workType: String, intent: String, stage: String, version: Int, state: String, form: String, reportID: UUID?, submittedOn: String,
                updatedOn: String) {
        self.id = id
        self.callID = callID
        self.unitID = unitID
        self.unitName = unitName
        self.centreID = centreID
        self.provincialCentreID = provincialCentreID
        self.occupation = occupation
        self.workType = workType
        self.intent = intent
        self.stage = stage
        self.version = version
        self.state = state
        self.form = form
        self.reportID = reportID
        self.submittedOn = submittedOn
        self.updatedOn = updatedOn
    }

    /// 同一职业（工种）: the key the one-lead rule and the selection view group by.
    public var projectKey: String { workType.isEmpty ? occupation : occupation + "｜" + workType }

    enum CodingKeys: String, CodingKey {
        case id, occupation, intent, stage, version, state, form
        case callID = "call_id", unitID = "unit_id", unitName = "unit_name", centreID = "centre_id", provincialCentreID = "provincial_centre_id"
        case workType = "work_type", reportID = "report_id", submittedOn = "submitted_on", updatedOn = "updated_on"
    }
}

/// A city centre's report to the provincial centre (`qb_reports`): the 汇总表's header and footer, and when.
public struct QuestionBankReport: Codable, Sendable, Hashable {
    public var id: UUID
    public var callID: String
    public var centreID: UUID
    public var centreName: String
    public var contact: String
    public var phone: String
    public var filledOn: String
    public var reportedAt: Date
    public var reportedBy: String

    public init(id: UUID = UUID(), callID: String, centreID: UUID, centreName: String, contact: String, phone: String, filledOn: String, reportedAt: Date,
                reportedBy: String) {
        self.id = id
        self.callID = callID
        self.centreID = centreID
        self.centreName = centreName
        self.contact = contact
        self.phone = phone
        self.filledOn = filledOn
        self.reportedAt = reportedAt
        self.reportedBy = reportedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, contact, phone
        case callID = "call_id", centreID = "centre_id", centreName = "centre_name", filledOn = "filled_on", reportedAt = "reported_at", reportedBy = "reported_by"
    }
}

/// The lead unit chosen for one occupation (工种) of a call (`qb_leads`): one row at most, by a
/// unique index, however many officers decide at once.
public struct QuestionBankLead: Codable, Sendable, Hashable {
    public var id: UUID
    public var callID: String
    /// The provincial centre deciding: a call is one province's.
    public var centreID: UUID
    public var projectKey: String
    public var applicationID: UUID

    public init(id: UUID = UUID(), callID: String, centreID: UUID, projectKey: String, applicationID: UUID) {
        self.id = id
        self.callID = callID
        self.centreID = centreID
        self.projectKey = projectKey
        self.applicationID = applicationID
    }

    enum CodingKeys: String, CodingKey {
        case id
        case callID = "call_id", centreID = "centre_id", projectKey = "project_key", applicationID = "application_id"
    }
}

/// The exact closing time the provincial centre sets for a call, with its source (`qb_call_settings`).
public struct QuestionBankCallSetting: Codable, Sendable, Hashable {
    public var id: UUID
    public var callID: String
    public var closesAt: Date
    public var source: String
    public var setBy: String
    public var setAt: Date

    public init(id: UUID = UUID(), callID: String, closesAt: Date, source: String, setBy: String, setAt: Date) {
        self.id = id
        self.callID = callID
        self.closesAt = closesAt
        self.source = source
        self.setBy = setBy
        self.setAt = setAt
    }

    enum CodingKeys: String, CodingKey {
        case id, source
        case callID = "call_id", closesAt = "closes_at", setBy = "set_by", setAt = "set_at"
    }
}

/// A later call the provincial centre published (`qb_published_calls`): its own title, number,
/// dates and catalogue (JSON); the conditions and forms are those of the call it follows.
public struct QuestionBankPublishedCall: Codable, Sendable, Hashable {
    public var id: UUID
    public var code: String
    public var follows: String
    public var title: String
    public var number: String
    public var issuer: String
    public var issuedOn: String
    public var lastDay: String
    public var catalogue: String
    public var publishedBy: UUID
    public var publishedAt: Date

    public init(id: UUID = UUID(), code: String, follows: String, title: String, number: String, issuer: String, issuedOn: String, lastDay: String,
                catalogue: String, publishedBy: UUID, publishedAt: Date) {
        self.id = id
        self.code = code
        self.follows = follows
        self.title = title
        self.number = number
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.lastDay = lastDay
        self.catalogue = catalogue
        self.publishedBy = publishedBy
        self.publishedAt = publishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, code, follows, title, number, issuer, catalogue
        case issuedOn = "issued_on", lastDay = "last_day", publishedBy = "published_by", publishedAt = "published_at"
    }
}
