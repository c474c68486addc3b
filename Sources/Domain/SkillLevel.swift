/// 技能等级, lowest first. 职业资格 and 职业技能等级 certificates count alike.
public enum SkillLevel: Int, CaseIterable, Comparable, Sendable, Codable {
    case elementary = 1        // 初级工 / 五级
    case intermediate          // 中级工 / 四级
    case advanced              // 高级工 / 三级
    case technician            // 技师 / 二级
    case seniorTechnician      // 高级技师 / 一级
    case principalTechnician   // 特级技师
    case chiefTechnician       // 首席技师

    public static func < (lhs: SkillLevel, rhs: SkillLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name the documents use for the level.
    public var name: String {
        ["初级工", "中级工", "高级工", "技师", "高级技师", "特级技师", "首席技师"][rawValue - 1]
    }

    /// The numbered grade (五级…一级) where the level has one.
    public var grade: String? {
        rawValue <= 5 ? ["五级", "四级", "三级", "二级", "一级"][rawValue - 1] : nil
    }

    /// Accepts either naming: 技师 or 二级.
    /// 技师, 二级, or both as the form and documents write them together: 技师（二级）, 二级（技师）.
    public init?(name: some StringProtocol) {
        let text = String(name).trimmingWhitespace
        func single(_ text: String) -> SkillLevel? { SkillLevel.allCases.first { $0.name == text || $0.grade == text } }
        if let level = single(text) {
            self = level
        } else if let (outer, inner) = LevelNames.bracketed(text), let level = single(outer), single(inner) == level {
            self = level
        } else {
            return nil
        }
    }

    public var next: SkillLevel? { SkillLevel(rawValue: rawValue + 1) }

    public static var acceptedNames: [String] {
        allCases.map(\.name) + allCases.compactMap(\.grade)
    }
}

extension String {
    /// Trims ASCII and ideographic white space, which pasted Chinese text often carries.
    public var trimmingWhitespace: String {
        // Most text starts and ends with a visible ASCII character or a CJK ideograph (UTF-8
        // lead bytes E4–E9): answer from the bytes, without copying.
        let utf8 = self.utf8
        guard let first = utf8.first else { return self }
        func plain(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) || (0xE4...0xE9).contains(byte) }
        if plain(first) {
            var index = utf8.index(before: utf8.endIndex)
            while utf8[index] & 0xC0 == 0x80, index > utf8.startIndex { index = utf8.index(before: index) }
            if plain(utf8[index]) { return self }
        }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension SkillLevel {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let level = SkillLevel(name: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown skill level: \(text)")
        }
        self = level
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// Two names of one level written together, one in brackets: "技师（二级）", "技师(二级)".
enum LevelNames {
    static func bracketed(_ text: String) -> (outer: String, inner: String)? {
        for (open, close) in [("（", "）"), ("(", ")")] where text.hasSuffix(close) {
            guard let start = text.range(of: open) else { continue }
            let outer = String(text[..<start.lowerBound]).trimmingWhitespace
            let inner = String(text[start.upperBound..<text.index(text.endIndex, offsetBy: -close.count)]).trimmingWhitespace
            if !outer.isEmpty && !inner.isEmpty { return (outer, inner) }
        }
        return nil
    }
}
