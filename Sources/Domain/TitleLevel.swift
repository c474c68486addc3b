/// 职称层级, lowest first.
public enum TitleLevel: Int, CaseIterable, Comparable, Sendable, Codable {
    case junior = 1        // 员级 (技术员)
    case assistant         // 助理级 (助理工程师)
    case intermediate      // 中级 (工程师)
    case associateSenior   // 副高级 (高级工程师)
    case senior            // 正高级 (正高级工程师)

    public static func < (lhs: TitleLevel, rhs: TitleLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String { ["员级", "助理级", "中级", "副高级", "正高级"][rawValue - 1] }

    /// The engineering series' name for the level.
    public var engineeringName: String {
        ["技术员", "助理工程师", "工程师", "高级工程师", "正高级工程师"][rawValue - 1]
    }

    /// 中级, 工程师, or both together: 中级（工程师）.
    public init?(name: some StringProtocol) {
        let text = String(name).trimmingWhitespace
        func single(_ text: String) -> TitleLevel? { TitleLevel.allCases.first { $0.name == text || $0.engineeringName == text } }
        if let level = single(text) {
            self = level
        } else if let (outer, inner) = LevelNames.bracketed(text), let level = single(outer), single(inner) == level {
            self = level
        } else {
            return nil
        }
    }

    public static var acceptedNames: [String] { allCases.map(\.name) + allCases.map(\.engineeringName) }
}

/// The level an honour leads to. Besides the five levels, a document may say 初级,
/// which the glossary defines as 员级 and 助理级 together.
public enum TitleTier: Hashable, Sendable, Codable, CustomStringConvertible {
    case level(TitleLevel)
    case primary // 初级 = 员级 + 助理级

    public init?(name: some StringProtocol) {
        let text = String(name).trimmingWhitespace
        if text == "初级" { self = .primary; return }
        guard let level = TitleLevel(name: text) else { return nil }
        self = .level(level)
    }

    public var levels: [TitleLevel] {
        switch self {
        case .level(let level): return [level]
        case .primary: return [.junior, .assistant]
        }
    }

    public var description: String {
        switch self {
        case .level(let level): return level.name
        case .primary: return "初级"
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let tier = TitleTier(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown title level: \(text)")
        }
        self = tier
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension TitleLevel {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let level = TitleLevel(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown title level: \(text)")
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
