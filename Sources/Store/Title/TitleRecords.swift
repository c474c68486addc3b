import Foundation

/// A committee's review plan for a year (评审计划), as kept in `review_plans` (migration 004).
/// Lists and the voting rule are JSON text; dates ISO text.
public struct ReviewPlan: Codable, Sendable, Hashable {
    public var id: UUID
    public var committeeOrgID: UUID
    public var committee: String
    public var jurisdiction: String
    public var year: Int
    public var title: String
    public var series: String
    public var levels: String
    public var opensOn: String
    public var closesOn: String
    /// The plan's dates the checks and the review are due by (overdue is measured against them).
    public var checksDueOn: String
    public var reviewOn: String
    /// The steps where the documents leave them to the year's notice (else an empty list).
    public var steps: String
    public var separateGroup: Bool
    public var materials: String
    public var publicityDays: Int
    public var resultPublicityDays: Int
    public var members: Int
    /// The voting rule with its source.
    public var votingRule: String
    public var notice: String
    public var createdAt: Date?

    public init(id: UUID = UUID(), committeeOrgID: UUID, committee: String, jurisdiction: String, year: Int, title: String, series: String,
                levels: String, opensOn: String, closesOn: String, checksDueOn: String, reviewOn: String, steps: String, separateGroup: Bool,
                materials: String, publicityDays: Int, resultPublicityDays: Int, members: Int, votingRule: String, notice: String, createdAt: Date? = nil) {
        self.id = id
        self.committeeOrgID = committeeOrgID
        self.committee = committee
        self.jurisdiction = jurisdiction
        self.year = year
        self.title = title
        self.series = series
        self.levels = levels
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.checksDueOn = checksDueOn
        self.reviewOn = reviewOn
        self.steps = steps
        self.separateGroup = separateGroup
        self.materials = materials
        self.publicityDays = publicityDays
        self.resultPublicityDays = resultPublicityDays
        self.members = members
        self.votingRule = votingRule
        self.notice = notice
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, committee, jurisdiction, year, title, series, levels, steps, materials, members, notice
        case committeeOrgID = "committee_org_id", opensOn = "opens_on", closesOn = "closes_on", checksDueOn = "checks_due_on", reviewOn = "review_on"
        case separateGroup = "separate_group", publicityDays = "publicity_days", resultPublicityDays = "result_publicity_days"
        case votingRule = "voting_rule", createdAt = "created_at"
    }
}

/// A title application, as kept in `applications` (migration 004). `state` is the workflow's
/// value as JSON; the other columns are what queues filter on, written with it.
public struct TitleApplicationRecord: Codable, Sendable, Hashable {
    public var id: UUID
    public var planID: UUID
    public var applicantID: UUID
    public var applicantName: String
    public var employerID: UUID?
    public var employerName: String
    public var jurisdiction: String
    public var series: String?
    public var specialty: String?
    public var level: String
    public var route: String
    public var separateGroup: Bool
    public var stage: String
    public var roleDue: String?
    public var orgDue: UUID?
    public var version: Int
    public var state: String
    /// Role → organisation id, as JSON.
    public var handlers: String
    /// The evaluation it was submitted with (the option, its conditions and citations), frozen.
    public var frozenEvaluation: String
    public var person: String
    public var dataVersion: String
    public var submittedOn: String
    public var updatedOn: String
    /// The plan's date the current step is due by (empty when nothing is due): overdue when past.
    public var dueBy: String

    public init(id: UUID = UUID(), planID: UUID, applicantID: UUID, applicantName: String, employerID: UUID?, employerName: String,
                jurisdiction: String, series: String?, specialty: String?, level: String, route: String, separateGroup: Bool, stage: String,
                roleDue: String?, orgDue: UUID?, version: Int, state: String, handlers: String, frozenEvaluation: String, person: String,
                dataVersion: String, submittedOn: String, updatedOn: String, dueBy: String) {
        self.id = id
        self.planID = planID
        self.applicantID = applicantID
        self.applicantName = applicantName
        self.employerID = employerID
        self.employerName = employerName
        self.jurisdiction = jurisdiction
        self.series = series
        self.specialty = specialty
        self.level = level
        self.route = route
        self.separateGroup = separateGroup
        self.stage = stage
        self.roleDue = roleDue
        self.orgDue = orgDue
        self.version = version
        self.state = state
        self.handlers = handlers
        self.frozenEvaluation = frozenEvaluation
        self.person = person
        self.dataVersion = dataVersion
        self.submittedOn = submittedOn
        self.updatedOn = updatedOn
        self.dueBy = dueBy
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, series, specialty, level, route, stage, version, state, handlers, person
        case planID = "plan_id", applicantID = "applicant_id", applicantName = "applicant_name", employerID = "employer_id"
        case employerName = "employer_name", separateGroup = "separate_group", roleDue = "role_due", orgDue = "org_due"
        case frozenEvaluation = "frozen_evaluation", dataVersion = "data_version", submittedOn = "submitted_on", updatedOn = "updated_on", dueBy = "due_by"
    }
}

/// An objection lodged during publicity (`objections`, migration 004); the contact is for the office only.
public struct Objection: Codable, Sendable, Hashable {
    public var id: UUID
    public var applicationID: UUID
    public var contact: String
    public var reason: String
    public var lodgedOn: String
    public var upheld: Bool?
    public var resolution: String?

    public init(id: UUID = UUID(), applicationID: UUID, contact: String, reason: String, lodgedOn: String, upheld: Bool? = nil, resolution: String? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.contact = contact
        self.reason = reason
        self.lodgedOn = lodgedOn
        self.upheld = upheld
        self.resolution = resolution
    }

    enum CodingKeys: String, CodingKey {
        case id, contact, reason, upheld, resolution
        case applicationID = "application_id", lodgedOn = "lodged_on"
    }
}

/// A committee's review session (`review_sessions`, migration 004): the group, the members
/// present and the applications voted on (JSON lists).
public struct ReviewSession: Codable, Sendable, Hashable {
    public var id: UUID
    public var planID: UUID
    /// separate (高技能人才单独分组) or general.
    public var group: String
    public var heldOn: String
    public var members: Int
    public var present: String
    public var applications: String
    public var createdAt: Date?

    public init(id: UUID = UUID(), planID: UUID, group: String, heldOn: String, members: Int, present: String, applications: String, createdAt: Date? = nil) {
        self.id = id
        self.planID = planID
        self.group = group
        self.heldOn = heldOn
        self.members = members
        self.present = present
        self.applications = applications
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, members, present, applications
        case planID = "plan_id", group = "group_kind", heldOn = "held_on", createdAt = "created_at"
    }
}

/// One line of an officer's queue: the columns a list shows, nothing of the state or the
/// evaluations. Ids as upper-case text, as pages print them.
public struct TitleQueueLine: Sendable, Hashable {
    public let id: String
    public let planID: String
    public let applicantName: String
    public let employerName: String
    public let series: String?
    public let level: String
    public let route: String
    public let stage: String
    public let roleDue: String?
    public let submittedOn: String
    public let dueBy: String
    public let version: Int

    public init(_ record: TitleApplicationRecord) {
        self.init(id: record.id.uuidString, planID: record.planID.uuidString, applicantName: record.applicantName, employerName: record.employerName,
                  series: record.series, level: record.level, route: record.route, stage: record.stage, roleDue: record.roleDue,
                  submittedOn: record.submittedOn, dueBy: record.dueBy, version: record.version)
    }

    init(id: String, planID: String, applicantName: String, employerName: String, series: String?, level: String, route: String, stage: String,
         roleDue: String?, submittedOn: String, dueBy: String, version: Int) {
        self.id = id
        self.planID = planID
        self.applicantName = applicantName
        self.employerName = employerName
        self.series = series
        self.level = level
        self.route = route
        self.stage = stage
        self.roleDue = roleDue
        self.submittedOn = submittedOn
        self.dueBy = dueBy
        self.version = version
    }
}

/// Which applications a queue lists: those due with (or, `everyTakingPart`, handled by) one of
/// the seats, narrowed by the filters; `overdueOn`: only those past their due date that day.
public struct TitleQueueQuery: Sendable {
    public var seats: [(role: String, organisation: UUID)]
    public var everyTakingPart: Bool
    public var plan: UUID?
    public var series: String?
    public var level: String?
    public var stage: String?
    public var overdueOn: String?
    /// Stages whose due date counts for `overdueOn`.
    public var stagesWithDueDates: [String]
    public var offset: Int
    public var limit: Int
    /// The count stops here (a page says "at least" beyond it).
    public var countLimit: Int

    public init(seats: [(role: String, organisation: UUID)], everyTakingPart: Bool, plan: UUID?, series: String?, level: String?, stage: String?,
                overdueOn: String?, stagesWithDueDates: [String], offset: Int, limit: Int, countLimit: Int) {
        self.seats = seats
        self.everyTakingPart = everyTakingPart
        self.plan = plan
        self.series = series
        self.level = level
        self.stage = stage
        self.overdueOn = overdueOn
        self.stagesWithDueDates = stagesWithDueDates
        self.offset = offset
        self.limit = limit
        self.countLimit = countLimit
    }
}
