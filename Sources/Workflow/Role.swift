/// The roles a user holds in an organisation, as the procedures' actors map onto them
/// (`actors.yaml`). The documents name actors by office; the casework assigns them to roles.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// 申报人.
    case applicant
    /// 所在单位（用人单位）.
    case employer
    /// 主管部门.
    case competentDepartment = "competent_department"
    /// 当地（县、区）人力社保部门.
    case countyHRBureau = "county_hr_bureau"
    /// 市人力社保部门.
    case cityHRBureau = "city_hr_bureau"
    /// 省人力社保部门.
    case provincialHRBureau = "provincial_hr_bureau"
    /// 各市、省直主管部门职改办.
    case titleReformOffice = "title_reform_office"
    /// 评审委员会（或其办公室、所在部门）.
    case committeeOffice = "committee_office"
    /// 社会培训评价组织、鉴定服务点、自主评价企业：skill evaluations.
    case evaluationOrganisation = "evaluation_organisation"
    /// 相关部门 that issue a certificate.
    case certifyingDepartment = "certifying_department"
    /// 题库开发申报单位: a unit applying to a question-bank call.
    case questionBankUnit = "question_bank_unit"
    /// 市技能评价（鉴定）中心: checks and recommends its city's units, reports to the province.
    case cityEvaluationCentre = "city_evaluation_centre"
    /// 省技能人才评价管理服务中心: runs the call, checks provincial units, selects lead units.
    case provincialEvaluationCentre = "provincial_evaluation_centre"

    /// The HR bureaus' roles: they receive the certificates' reports.
    public static let hrBureaus: Set<Role> = [.countyHRBureau, .cityHRBureau, .provincialHRBureau]
}

/// Who takes an action: a role held in an organisation by a user. Pure data: the server
/// resolves it from the session.
public struct Actor: Sendable, Hashable, Codable {
    public let user: String
    public let role: Role
    public let organisation: String

    public init(user: String, role: Role, organisation: String) {
        self.user = user
        self.role = role
        self.organisation = organisation
    }
}

/// A part in casework: a role held in an organisation (the applicant's own part has none: "").
public struct Seat: Sendable, Hashable, Codable {
    public let role: Role
    public let organisation: String

    public init(_ role: Role, _ organisation: String) {
        self.role = role
        self.organisation = organisation
    }

    /// The user taking this seat's part.
    public func actor(_ user: String) -> Actor { Actor(user: user, role: role, organisation: organisation) }
}

extension Role {
    /// The role as pages name it.
    public var label: String {
        switch self {
        case .applicant: "申报人"
        case .employer: "用人单位"
        case .competentDepartment: "主管部门"
        case .countyHRBureau: "当地（县、区）人力社保部门"
        case .cityHRBureau: "市人力社保部门"
        case .provincialHRBureau: "省人力社保部门"
        case .titleReformOffice: "职改办"
        case .committeeOffice: "评审委员会办公室"
        case .evaluationOrganisation: "评价机构"
        case .certifyingDepartment: "发证部门"
        case .questionBankUnit: "题库开发申报单位"
        case .cityEvaluationCentre: "市技能评价（鉴定）中心"
        case .provincialEvaluationCentre: "省技能人才评价管理服务中心"
        }
    }
}
