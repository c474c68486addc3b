import Foundation

/// An application for a skill evaluation (职业技能等级认定 / 鉴定) to a provider, as kept in
/// `skill_applications` (migration 010). `state` is the workflow's `SkillEvaluation` as JSON;
/// the other columns are what queues and access need.
public struct SkillApplicationRecord: Codable, Sendable, Hashable {
    public var id: UUID
    public var applicantID: UUID
    public var applicantName: String
    /// The provider chosen (an evaluation organisation, or the applicant's qualified employer).
    public var providerID: UUID
    public var providerName: String
    public var jurisdiction: String
    public var occupation: String
    public var workType: String?
    public var level: String
    public var route: String
    /// The procedure followed and its citation ("绍市人社发〔2019〕64号 二（三）2").
    public var procedure: String
    public var stage: String
    /// The organisation whose turn it is (nil: the applicant's, or nobody's).
    public var orgDue: UUID?
    public var version: Int
    public var state: String
    /// JSON list of the organisations taking a step (the steps' and the assessor's).
    public var organisations: String
    public var batchID: UUID?
    public var frozenEvaluation: String
    public var person: String
    public var dataVersion: String
    public var submittedOn: String
    public var updatedOn: String

    public init(id: UUID = UUID(), applicantID: UUID, applicantName: String, providerID: UUID, providerName: String, jurisdiction: String,
                occupation: String, workType: String?, level: String, route: String, procedure: String, stage: String, orgDue: UUID?,
                version: Int, state: String, organisations: String, batchID: UUID?, frozenEvaluation: String, person: String,
                dataVersion: String, submittedOn: String, updatedOn: String) {
        self.id = id
        self.applicantID = applicantID
        self.applicantName = applicantName
        self.providerID = providerID
        self.providerName = providerName
        self.jurisdiction = jurisdiction
        self.occupation = occupation
        self.workType = workType
        self.level = level
        self.route = route
        self.procedure = procedure
        self.stage = stage
        self.orgDue = orgDue
        self.version = version
        self.state = state
        self.organisations = organisations
        self.batchID = batchID
        self.frozenEvaluation = frozenEvaluation
        self.person = person
        self.dataVersion = dataVersion
        self.submittedOn = submittedOn
        self.updatedOn = updatedOn
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, occupation, level, route, procedure, stage, version, state, organisations, person
        case applicantID = "applicant_id", applicantName = "applicant_name", providerID = "provider_id", providerName = "provider_name"
        case workType = "work_type", orgDue = "org_due", batchID = "batch_id", frozenEvaluation = "frozen_evaluation"
        case dataVersion = "data_version", submittedOn = "submitted_on", updatedOn = "updated_on"
    }
}

/// An assessment batch (批次) a provider sets (`assessment_batches`, migration 010): what,
/// when, where, how many, and its components (a JSON list, 操作技能考核 always first).
public struct AssessmentBatch: Codable, Sendable, Hashable {
    public var id: UUID
    public var providerID: UUID
    public var occupation: String
    public var workType: String?
    public var level: String
    public var heldOn: String
    public var place: String
    public var capacity: Int
    /// Raised and lowered only by the store's conditional updates, so two assignments can never overfill it.
    public var seatsTaken: Int
    public var components: String
    public var createdAt: Date?

    public init(id: UUID = UUID(), providerID: UUID, occupation: String, workType: String?, level: String, heldOn: String, place: String,
                capacity: Int, seatsTaken: Int = 0, components: String, createdAt: Date? = nil) {
        self.id = id
        self.providerID = providerID
        self.occupation = occupation
        self.workType = workType
        self.level = level
        self.heldOn = heldOn
        self.place = place
        self.capacity = capacity
        self.seatsTaken = seatsTaken
        self.components = components
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, occupation, level, place, capacity, components
        case providerID = "provider_id", workType = "work_type", heldOn = "held_on", seatsTaken = "seats_taken", createdAt = "created_at"
    }
}

/// A certificate issued through the system (`skill_certificates`, migration 010): in the
/// holder's record at once, and listed to the HR bureau (报人力资源社会保障部门按程序上网)
/// until an officer marks it reported.
public struct SkillCertificate: Codable, Sendable, Hashable {
    public var id: UUID
    public var applicationID: UUID
    public var userID: UUID
    public var holderName: String
    public var number: String
    public var occupation: String
    public var workType: String?
    public var level: String
    public var issuedOn: String
    public var issuerID: UUID
    public var issuerName: String
    /// The HR bureau it is reported to (nil where none could be chosen yet).
    public var bureauID: UUID?
    public var reportedOn: String?
    public var reportedBy: String?

    public init(id: UUID = UUID(), applicationID: UUID, userID: UUID, holderName: String, number: String, occupation: String, workType: String?,
                level: String, issuedOn: String, issuerID: UUID, issuerName: String, bureauID: UUID?, reportedOn: String? = nil, reportedBy: String? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.userID = userID
        self.holderName = holderName
        self.number = number
        self.occupation = occupation
        self.workType = workType
        self.level = level
        self.issuedOn = issuedOn
        self.issuerID = issuerID
        self.issuerName = issuerName
        self.bureauID = bureauID
        self.reportedOn = reportedOn
        self.reportedBy = reportedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, number, occupation, level
        case applicationID = "application_id", userID = "user_id", holderName = "holder_name", workType = "work_type", issuedOn = "issued_on"
        case issuerID = "issuer_id", issuerName = "issuer_name", bureauID = "bureau_id", reportedOn = "reported_on", reportedBy = "reported_by"
    }
}

/// One line of a provider's skill queue: what the list shows, without the case's state and
/// answers (the list is read often and long).
public struct SkillQueueLine: Codable, Sendable, Hashable {
    public var id: UUID
    public var applicantName: String
    public var providerName: String
    public var occupation: String
    public var workType: String?
    public var level: String
    public var route: String
    public var stage: String
    public var version: Int
    public var submittedOn: String
    public var updatedOn: String

    public init(_ record: SkillApplicationRecord) {
        id = record.id
        applicantName = record.applicantName
        providerName = record.providerName
        occupation = record.occupation
        workType = record.workType
        level = record.level
        route = record.route
        stage = record.stage
        version = record.version
        submittedOn = record.submittedOn
        updatedOn = record.updatedOn
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, occupation, level, route, stage, version
        case applicantName = "applicant_name", providerName = "provider_name", workType = "work_type"
        case submittedOn = "submitted_on", updatedOn = "updated_on"
    }
}


/// Which lines of a provider's skill queue to read: one page, and how far to count.
public struct SkillQueueQuery: Sendable {
    public var provider: UUID
    public var stage: String?
    public var offset: Int
    public var limit: Int
    /// The count stops past here (a page says "at least" beyond it).
    public var countLimit: Int

    public init(provider: UUID, stage: String?, offset: Int, limit: Int, countLimit: Int) {
        self.provider = provider
        self.stage = stage
        self.offset = offset
        self.limit = limit
        self.countLimit = countLimit
    }
}
