import Domain
import PolicyData

/// A proposed change to the rules, as a policy office writes it in a YAML change file
/// (see docs/simulate.md). Each kind names what it changes in the documents' terms.
public struct PolicyChanges: Sendable, Decodable {
    /// 技师 3 years → 2: the waiting years after a skill level, in every document of the chain.
    public var waitingYears: [WaitingYears] = []
    /// An honour that would allow direct application or recognition at a level.
    public var addHonours: [AddHonour] = []
    /// Honours whose grants would be withdrawn.
    public var removeHonours: [String] = []
    /// An occupation mapped to another series in the jurisdiction's nearest table.
    public var moveOccupations: [MoveOccupation] = []
    /// A different yearly continuing-education threshold.
    public var continuingEducationHours: [ContinuingEducationHours] = []

    public struct WaitingYears: Sendable, Decodable {
        public let skillLevel: SkillLevel
        public let years: Int
    }

    public struct AddHonour: Sendable, Decodable {
        public let honour: String
        public let level: TitleTier
        public let route: HonourRoute
    }

    public struct MoveOccupation: Sendable, Decodable {
        public let occupation: String
        public let series: String
    }

    public struct ContinuingEducationHours: Sendable, Decodable {
        public let totalHours: Int
        /// Only this document's rule; all of the chain's when absent.
        public let document: String?
    }

    enum CodingKeys: String, CodingKey {
        case waitingYears, addHonours, removeHonours, moveOccupations, continuingEducationHours
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        waitingYears = try c.decodeIfPresent([WaitingYears].self, forKey: .waitingYears) ?? []
        addHonours = try c.decodeIfPresent([AddHonour].self, forKey: .addHonours) ?? []
        removeHonours = try c.decodeIfPresent([String].self, forKey: .removeHonours) ?? []
        moveOccupations = try c.decodeIfPresent([MoveOccupation].self, forKey: .moveOccupations) ?? []
        continuingEducationHours = try c.decodeIfPresent([ContinuingEducationHours].self, forKey: .continuingEducationHours) ?? []
    }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The policy base with the changes applied for one jurisdiction's documents.
    public func apply(to base: PolicyBase, jurisdiction: String) throws -> PolicyBase {
        let chain = Set(base.jurisdictionChain(jurisdiction).map(\.code))
        let documents = base.documents.filter { chain.contains($0.jurisdiction) }
        let ids = Set(documents.map(\.id))
        var parameters = base.parameters
        var honours = base.honours
        var mappings = base.seriesMappings

        for change in waitingYears {
            guard change.years >= 0 else { throw Problem(description: "waitingYears：年限不能为负数") }
            var found = false
            for index in parameters.skillToTitle.indices where ids.contains(parameters.skillToTitle[index].document)
                && parameters.skillToTitle[index].skillLevels.contains(change.skillLevel) && parameters.skillToTitle[index].waitingYears != nil {
                parameters.skillToTitle[index].waitingYears = change.years
                found = true
            }
            if !found { throw Problem(description: "waitingYears：本地区文件没有\(change.skillLevel.name)后等待年限的规定") }
        }
        for change in continuingEducationHours {
            guard change.totalHours > 0 else { throw Problem(description: "continuingEducationHours：学时须为正数") }
            var found = false
            for index in parameters.continuingEducation.indices where ids.contains(parameters.continuingEducation[index].document)
                && (change.document == nil || parameters.continuingEducation[index].document == change.document) {
                for band in parameters.continuingEducation[index].bands.indices {
                    parameters.continuingEducation[index].bands[band].totalHours = change.totalHours
                    found = true
                }
            }
            if !found { throw Problem(description: "continuingEducationHours：本地区文件没有继续教育学时的规定") }
        }
        for name in removeHonours {
            let id = try honourID(name, in: base)
            honours.grants.removeAll { $0.honour == id && ids.contains($0.document) }
        }
        for change in addHonours {
            let id = try honourID(change.honour, in: base)
            guard let nearest = documents.first(where: { document in base.honours.grants.contains { $0.document == document.id } }) else {
                throw Problem(description: "addHonours：本地区没有规定荣誉直接申报的文件")
            }
            honours.grants.append(HonourGrant(document: nearest.id, clause: "模拟变更", honour: id, level: change.level, route: change.route, quote: "（模拟变更，非现行文件）"))
        }
        for change in moveOccupations {
            guard let occupation = base.resolveOccupation(change.occupation)?.occupation.name else {
                throw Problem(description: "moveOccupations：未识别的职业「\(change.occupation)」")
            }
            let nearest = base.jurisdictionChain(jurisdiction).map(\.code).first { code in
                mappings.contains { $0.occupation == occupation && $0.jurisdiction == code }
            }
            guard let nearest else { throw Problem(description: "moveOccupations：本地区对应表未列「\(occupation)」") }
            for index in mappings.indices where mappings[index].occupation == occupation && mappings[index].jurisdiction == nearest {
                mappings[index].series = [change.series]
                mappings[index].specialty = nil
            }
        }
        return base.replacing(parameters: parameters, honours: honours, seriesMappings: mappings)
    }

    private func honourID(_ name: String, in base: PolicyBase) throws -> String {
        let key = NameKey.normalize(name)
        guard let honour = base.honours.honours.first(where: { $0.id == name || ([$0.name] + $0.variants).map(NameKey.normalize).contains(key) }) else {
            throw Problem(description: "未识别的荣誉「\(name)」")
        }
        return honour.id
    }
}
