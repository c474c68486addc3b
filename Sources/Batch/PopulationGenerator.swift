import CSVCodec
import Domain
import PolicyData

/// A seeded generator (SplitMix64): the same seed gives the same sequence everywhere.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A synthetic population in the batch format, for tests and benchmarks: occupations from
/// the jurisdiction's tables, plausible levels and dates, a few honours and titles, and
/// gaps where people leave cells empty.
public struct PopulationGenerator {
    private let occupations: [String]
    private let honours: [String]
    private var random: SeededGenerator
    private let asOfYear: Int

    public init(base: PolicyBase, jurisdiction: String?, seed: UInt64, asOfYear: Int = 2024) {
        let chain = jurisdiction.map { Set(base.jurisdictionChain($0).map(\.code)) }
        var seen = Set<String>()
        occupations = base.seriesMappings.compactMap { mapping in
            guard let name = mapping.occupation, chain.map({ $0.contains(mapping.jurisdiction) }) ?? true, seen.insert(name).inserted else { return nil }
            return name
        }
        honours = base.honours.honours.filter { honour in honour.scope.map { scope in chain.map { $0.contains(scope) } ?? true } ?? true }.map(\.name)
        random = SeededGenerator(seed: seed)
        self.asOfYear = asOfYear
    }

    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    private mutating func date(_ years: ClosedRange<Int>) -> String {
        let year = Int.random(in: years, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &random)
        return CalendarDate(year: year, month: month, day: day)!.description
    }

    private mutating func flag(_ truePercent: Int, blankPercent: Int) -> String {
        if chance(blankPercent) { return "" }
        return chance(truePercent) ? "true" : "false"
    }

    /// One CSV row (as cells in `BatchRow.inputColumns` order).
    public mutating func row(_ number: Int) -> [String] {
        let levels = ["中级工", "高级工", "高级工", "高级工", "技师", "技师", "高级技师", "四级", "三级", "二级"]
        let hasSkill = chance(90)
        let occupation = hasSkill && !occupations.isEmpty ? occupations.randomElement(using: &random)! : ""
        let level = hasSkill ? levels.randomElement(using: &random)! : ""
        let obtained = hasSkill && chance(95) ? date(2005...(asOfYear - 1)) : ""
        let hasTitle = chance(20)
        let titleLevel = hasTitle ? ["助理级", "中级", "副高级", "工程师", "助理工程师"].randomElement(using: &random)! : ""
        let titleSeries = hasTitle ? (chance(80) ? "工程" : "") : ""
        let titleDate = hasTitle ? date(2000...(asOfYear - 1)) : ""
        let honours = chance(5) && !honours.isEmpty ? honours.randomElement(using: &random)! : ""
        let current = hasTitle && !occupations.isEmpty ? occupations.randomElement(using: &random)! : ""
        let workYears = chance(60) ? String(Int.random(in: 0...25, using: &random)) : ""
        let education = chance(70) ? EducationLevel.allCases.randomElement(using: &random)!.rawValue : ""
        return [
            "P\(number)", occupation, level, obtained, titleSeries, titleLevel, titleDate, honours,
            flag(90, blankPercent: 15), flag(80, blankPercent: 25), current, workYears, education,
            flag(50, blankPercent: 40), flag(85, blankPercent: 20), flag(10, blankPercent: 30),
        ]
    }

    /// Writes the header and `rows` rows, calling `write` every few thousand rows.
    public mutating func write(rows: Int, to write: ([UInt8]) -> Void) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        CSVWriter.append(record: BatchRow.inputColumns, to: &buffer)
        for number in 1...max(1, rows) where rows > 0 {
            CSVWriter.append(record: row(number), to: &buffer)
            if buffer.count > (1 << 20) - 512 {
                write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { write(buffer) }
    }
}
