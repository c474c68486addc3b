/// 学历 as the contract names them, with the 技工院校 classes kept apart: they count as
/// 中专/大专/本科 only for the purposes the documents name.
public enum EducationLevel: String, CaseIterable, Sendable, Codable {
    case juniorMiddle = "初中"
    case seniorMiddle = "高中"
    case secondaryVocational = "中专"
    case skillSchoolIntermediate = "技工院校中级工班"
    case skillSchoolAdvanced = "技工院校高级工班"
    case skillSchoolPreTechnician = "技工院校预备技师班"
    case juniorCollege = "大专"
    case bachelor = "本科"
    case master = "硕士"
    case doctor = "博士"

    /// Rank among the general degrees (大专 < 本科 < 硕士 < 博士); nil for a 技工院校 class.
    public var degreeRank: Int? {
        switch self {
        case .juniorMiddle: return 0
        case .seniorMiddle, .secondaryVocational: return 1
        case .juniorCollege: return 2
        case .bachelor: return 3
        case .master: return 4
        case .doctor: return 5
        case .skillSchoolIntermediate, .skillSchoolAdvanced, .skillSchoolPreTechnician: return nil
        }
    }

    public var isSkillSchoolClass: Bool { degreeRank == nil }

    /// Whether the diploma names a specialty (专业): 中专 and above and the 技工院校 classes do;
    /// 初中 and 高中 diplomas do not.
    public var hasSpecialty: Bool { self != .juniorMiddle && self != .seniorMiddle }

    public init?(name: some StringProtocol) {
        let text = String(name).trimmingWhitespace
        if let level = EducationLevel(rawValue: text) { self = level; return }
        // The documents also write 预备技师（技师）班.
        if text == "技工院校预备技师（技师）班" || text == "技工院校技师班" { self = .skillSchoolPreTechnician; return }
        return nil
    }
}
