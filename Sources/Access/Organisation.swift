import Workflow

/// The kinds of organisation the documents name, and which roles a user may hold in each.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    /// 用人单位.
    case employer
    /// 主管部门.
    case competentDepartment = "competent_department"
    /// 人力社保部门 (county, city or province).
    case hrBureau = "hr_bureau"
    /// 职改办 (河北: 各市、省直主管部门职改办).
    case titleReformOffice = "title_reform_office"
    /// 评审委员会 and its office.
    case committee
    /// A provider of skill evaluations: 社会培训评价组织, 服务点, 职业技能鉴定中心.
    case evaluationOrganisation = "evaluation_organisation"
    /// 技能评价（鉴定）中心 of a city, or the province's 技能人才评价管理服务中心 (level: city or province).
    case evaluationCentre = "evaluation_centre"

    public var label: String {
        switch self {
        case .employer: "用人单位"
        case .competentDepartment: "主管部门"
        case .hrBureau: "人力社保部门"
        case .titleReformOffice: "职改办"
        case .committee: "评审委员会"
        case .evaluationOrganisation: "评价机构"
        case .evaluationCentre: "技能评价（鉴定）中心"
        }
    }
}

/// The level of an HR bureau.
public enum AdminLevel: String, Sendable, Codable, CaseIterable {
    case county, city, province

    public var label: String {
        switch self {
        case .county: "县（市、区）"
        case .city: "市"
        case .province: "省"
        }
    }
}

/// What access decisions need of an organisation.
public struct OrganisationRef: Sendable, Hashable, Codable {
    public let id: String
    public let kind: OrganisationKind
    public let name: String
    /// The jurisdiction of the data it belongs to (quzhou, shaoxing, hebei…).
    public let jurisdiction: String
    public let level: AdminLevel?
    /// For a committee: its name as the data gives it.
    public let committee: String?
    /// For an employer: who handles each role's step for its staff (主管部门, 当地人力社保部门, 职改办).
    public let handlers: [String: String]

    public init(id: String, kind: OrganisationKind, name: String, jurisdiction: String, level: AdminLevel? = nil,
                committee: String? = nil, handlers: [String: String] = [:]) {
        self.id = id
        self.kind = kind
        self.name = name
        self.jurisdiction = jurisdiction
        self.level = level
        self.committee = committee
        self.handlers = handlers
    }

    /// Whether a user may hold `role` here: the role's office must be this kind (and level).
    public func admits(_ role: Role) -> Bool {
        switch role {
        case .employer: kind == .employer
        case .competentDepartment: kind == .competentDepartment
        case .countyHRBureau: kind == .hrBureau && level == .county
        case .cityHRBureau: kind == .hrBureau && level == .city
        case .provincialHRBureau: kind == .hrBureau && level == .province
        case .titleReformOffice: kind == .titleReformOffice
        case .committeeOffice: kind == .committee
        case .evaluationOrganisation: kind == .evaluationOrganisation
        // Any unit doing skill evaluation may answer a question-bank call: a provider or an employer (技工院校, enterprise).
        case .questionBankUnit: kind == .evaluationOrganisation || kind == .employer
        case .cityEvaluationCentre: kind == .evaluationCentre && level == .city
        case .provincialEvaluationCentre: kind == .evaluationCentre && level == .province
        // Self-registration and the access-type departments are not granted roles here.
        case .applicant, .certifyingDepartment: false
        }
    }

    /// Which kind of organisation (and level) takes a role's steps.
    public static func matches(_ role: Role, kind: OrganisationKind, level: AdminLevel?) -> Bool {
        OrganisationRef(id: "", kind: kind, name: "", jurisdiction: "", level: level).admits(role)
    }
}
