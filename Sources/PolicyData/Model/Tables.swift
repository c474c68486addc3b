import Domain

/// A row of an occupation ↔ title-series table.
public struct SeriesMapping: Sendable, Codable, Hashable {
    public enum Direction: String, Sendable, Codable {
        /// The table serves both ways (浙江、衢州、河北: "参加相应系列职称评审或职业（工种）技能评价").
        case both
        /// Skill holders applying for titles only (绍兴 附件1).
        case skillToTitle = "skill_to_title"
        /// Title holders applying for skill evaluation only (绍兴 附件2).
        case titleToSkill = "title_to_skill"
    }

    public let source: SourceRef
    public let jurisdiction: String
    public let direction: Direction
    /// The canonical occupation; nil for a row that describes a population instead.
    public let occupation: String?
    /// The name exactly as the table prints it.
    public let printedName: String
    public let population: String?
    /// Each series the row allows (工程技术或实验技术 → both).
    public var series: [String]
    public var specialty: String?
    /// The 专业 cell of the series, as printed.
    public let specialtyText: String?
    /// The national occupation code the row gives, if any.
    public let code: String?
    public let note: String?
}

/// A title review committee named for a series (衢州 附件3).
public struct Committee: Sendable, Codable, Hashable {
    public let source: SourceRef
    public let jurisdiction: String
    public let series: String
    public let specialtyText: String
    /// Nil where the table leaves the cell blank.
    public let name: String?
    public let host: String?
    public let phone: String?
    public let note: String?
}

/// An organisation or service point that evaluates an occupation at some levels.
public struct Provider: Sendable, Codable, Hashable {
    public let source: SourceRef
    public let jurisdiction: String
    public let name: String
    public let contactName: String?
    public let contactPhone: String?
    public let occupation: String
    public let printedOccupation: String
    public let workType: String?
    public let levels: [SkillLevel]
    public let note: String?
}

/// An entry of the 2023–2024 provincial question-bank reference catalogue.
public struct QuestionBankEntry: Sendable, Codable, Hashable {
    public let source: SourceRef
    public let occupation: String
    public let printedOccupation: String
    public let workTypes: [String]
    public let workTypeText: String?
    public let count: Int
    public let levels: String?
    public let standardVersions: [String]
    public let remarks: [String]
    public let note: String?

    public init(source: SourceRef, occupation: String, printedOccupation: String, workTypes: [String], workTypeText: String?, count: Int,
                levels: String?, standardVersions: [String], remarks: [String], note: String?) {
        self.source = source
        self.occupation = occupation
        self.printedOccupation = printedOccupation
        self.workTypes = workTypes
        self.workTypeText = workTypeText
        self.count = count
        self.levels = levels
        self.standardVersions = standardVersions
        self.remarks = remarks
        self.note = note
    }
}

/// Rows a table is known to lack, or a row whose code the text lost. Recorded so
/// nobody fills them by guessing.
public struct TableGap: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable {
        case missingRows = "missing_rows"
        case missingCode = "missing_code"
    }

    public let document: String
    public let series: String
    public let fromRow: Int
    /// Nil where the table's last row is unknown (the text stops, pages may be missing).
    public let toRow: Int?
    public let kind: Kind
    public let note: String?
}

/// An occupation of the catalogue.
public struct Occupation: Sendable, Codable, Hashable {
    public let name: String
    /// The national occupation code (6-20-01-01), where a document gives one.
    public let code: String?
    public let codeSource: String?
}

/// An older or shortened name that means a catalogue occupation.
public struct OccupationAlias: Sendable, Codable, Hashable {
    public let alias: String
    public let occupation: String
    public let reason: String
}
