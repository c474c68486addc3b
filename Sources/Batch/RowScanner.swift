import CSVCodec
import Domain
import Engine

/// One core's share of the batch: reads CSV rows straight from the file's bytes, answers
/// them by situation and writes their output rows. It handles the plain case — no quotes,
/// no lone CR, cells in their usual spellings — and hands anything else back: a row it
/// cannot read plainly goes through `BatchRow` (the same answer, more slowly), and a share
/// with quotes or lone CRs goes back whole to the general CSV reader.
struct RowScanner {
    var memo: SituationMemo
    private let runner: BatchRunner
    private let columns: BatchRunner.Columns
    private var cells: CellReader
    /// The id column's position (a plain row always has one).
    private let idPosition: Int
    private let names = OutputNames()

    enum Decoded<Value> {
        case empty
        case value(Value)
        case invalid
    }

    enum Outcome {
        case written(bytes: [UInt8], rows: Int, errors: Int)
        case needsCSVReader
    }

    init(runner: BatchRunner, columns: BatchRunner.Columns) {
        self.runner = runner
        self.columns = columns
        memo = SituationMemo(engine: runner.engine, jurisdiction: runner.jurisdiction, asOf: runner.asOf)
        cells = CellReader(columns: columns)
        idPosition = columns[.id] ?? 0
    }

    /// The first byte of `CSVReader.overlongMarker`, kept as a plain byte for the hot loop.
    private static let overlongMark: UInt8 = 0xFF
    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")

    /// Reads the rows in `bytes`, whose first byte is on line `firstLine` of the file.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, firstLine: Int) -> Outcome {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        var rows = 0, errors = 0
        var line = firstLine
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            if byte == Self.lf { line += 1; index += 1; continue }
            if byte == Self.cr {
                guard index + 1 < end, bytes[index + 1] == Self.lf else { return .needsCSVReader }
                line += 1
                index += 2
                continue
            }
            // A line the block reader dropped as too long: the CSV reader words its error.
            if byte == Self.overlongMark { return .needsCSVReader }
            cells.starts.removeAll(keepingCapacity: true)
            cells.ends.removeAll(keepingCapacity: true)
            cells.starts.append(index)
            var cursor = index
            var next = end
            while cursor < end {
                let byte = bytes[cursor]
                if byte > Self.comma { cursor += 1; continue }
                if byte == Self.comma {
                    cells.ends.append(cursor)
                    cells.starts.append(cursor + 1)
                } else if byte == Self.lf {
                    next = cursor + 1
                    break
                } else if byte == Self.cr {
                    guard cursor + 1 < end, bytes[cursor + 1] == Self.lf else { return .needsCSVReader }
                    next = cursor + 2
                    break
                } else if byte == Self.quote {
                    return .needsCSVReader
                }
                cursor += 1
            }
            cells.ends.append(cursor)
            // Longer than a record may be: the CSV reader reports it as such, whatever the block size.
            if cursor - index > CSVReader.maximumRecordBytes { return .needsCSVReader }
            let recordLine = line
            if next <= end, cursor < end { line += 1 }
            index = next
            rows += 1
            do {
                let facts = try cells.facts(bytes, memo: &memo)
                let answer = memo.answer(facts)
                // Arrays, not the structs holding them: a struct handed over whole is copied per row.
                let id = UnsafeRawBufferPointer(rebasing: bytes[cells.starts[idPosition]..<cells.ends[idPosition]])
                Self.write(id: id, answer: answer, facts: facts, occupations: memo.occupations, seriesNames: memo.seriesNames, names: names, to: &output)
            } catch {
                let cells = generalRow(bytes, line: recordLine)
                    ?? BatchRow.errorCells(id: "", message: BatchRow.unreadable(line: recordLine, CSVReader.notUTF8))
                if !cells[cells.count - 1].isEmpty { errors += 1 }
                CSVWriter.append(record: cells, to: &output)
            }
        }
        return .written(bytes: output, rows: rows, errors: errors)
    }

    /// The row through `BatchRow`, as the CSV reader would have given it; nil when a field is not UTF-8.
    private func generalRow(_ bytes: UnsafeRawBufferPointer, line: Int) -> [String]? {
        var fields: [String] = []
        for field in cells.starts.indices {
            guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[cells.starts[field]..<cells.ends[field]]), as: UTF8.self) else { return nil }
            fields.append(text)
        }
        return runner.cells(BatchRunner.Record(line: line, fields: fields), columns: columns)
    }

    // MARK: Output

    private static func write(id: UnsafeRawBufferPointer, answer: BestAnswer, facts: RowFacts, occupations: [SituationMemo.Occupation],
                              seriesNames: [[UInt8]], names: OutputNames, to output: inout [UInt8]) {
        output.append(contentsOf: id)
        output.append(Self.comma)
        if let title = answer.title {
            output.append(contentsOf: names.titleLevels[title.level])
            output.append(Self.comma)
            output.append(contentsOf: names.route(title.route))
            output.append(Self.comma)
            output.append(contentsOf: names.status(title.status))
            output.append(Self.comma)
            if let date = answer.titleEarliest { Self.append(date, to: &output) }
            output.append(Self.comma)
            if title.series >= 0 { output.append(contentsOf: seriesNames[Int(title.series)]) }
        } else {
            for _ in 0..<4 { output.append(Self.comma) }
        }
        output.append(Self.comma)
        if let skill = answer.skill {
            let occupation = skill.inCurrentOccupation ? facts.currentOccupation : facts.skillOccupation
            if occupation >= 0 { output.append(contentsOf: occupations[Int(occupation)].display) }
            output.append(Self.comma)
            output.append(contentsOf: names.skillLevels[skill.level])
            output.append(Self.comma)
            output.append(contentsOf: names.status(skill.status))
        } else {
            output.append(Self.comma)
            output.append(Self.comma)
        }
        output.append(Self.comma)
        output.append(Self.lf)
    }

    private static func append(_ date: CalendarDate, to output: inout [UInt8]) {
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(date.year, 4)
        output.append(UInt8(ascii: "-"))
        digits(date.month, 2)
        output.append(UInt8(ascii: "-"))
        digits(date.day, 2)
    }
}

/// The output's fixed words as UTF-8, indexed by raw value or case.
private struct OutputNames {
    let titleLevels: [[UInt8]] = [[]] + TitleLevel.allCases.map { Array($0.name.utf8) }
    let skillLevels: [[UInt8]] = [[]] + SkillLevel.allCases.map { Array($0.name.utf8) }
    private let routes: [[UInt8]] = [Route.regular, .directApply, .directRecognition, .titleCrossover, .promotion].map { Array($0.rawValue.utf8) }
    private let statuses: [[UInt8]] = [OptionStatus.eligible, .notYet, .ineligible, .undetermined].map { Array($0.rawValue.utf8) }

    func route(_ route: Route) -> [UInt8] {
        switch route {
        case .regular: return routes[0]
        case .directApply: return routes[1]
        case .directRecognition: return routes[2]
        case .titleCrossover: return routes[3]
        case .promotion: return routes[4]
        }
    }

    func status(_ status: OptionStatus) -> [UInt8] {
        switch status {
        case .eligible: return statuses[0]
        case .notYet: return statuses[1]
        case .ineligible: return statuses[2]
        case .undetermined: return statuses[3]
        }
    }
}

/// Reads a row's cells into facts: each distinct spelling of a name or level is decoded once.
private struct CellReader {
    let width: Int
    /// Column positions, -1 where the file has no such column.
    let position: [Int]
    /// Fields no contract column names: only checked to be UTF-8, as the CSV reader does.
    let ignored: [Int]
    /// Where the current row's fields start and end.
    var starts: [Int] = []
    var ends: [Int] = []
    private var occupations = ByteTable<Int32>()
    private var series = ByteTable<Int32>()
    private var honours = ByteTable<Int32>()
    private var skillLevels = ByteTable<Decoded<SkillLevel>>()
    private var titleLevels = ByteTable<Decoded<TitleLevel>>()
    private var educations = ByteTable<Decoded<EducationLevel>>()

    enum Decoded<Value> {
        case empty
        case value(Value)
        case invalid
    }

    /// A cell the scanner cannot take plainly: the row goes through `BatchRow`.
    struct NotPlain: Error {}

    init(columns: BatchRunner.Columns) {
        width = columns.width
        position = BatchRow.Column.allCases.map { columns[$0] ?? -1 }
        let used = Set(columns.positions.compactMap { $0 })
        ignored = (0..<columns.width).filter { !used.contains($0) }
    }



    mutating func facts(_ bytes: UnsafeRawBufferPointer, memo: inout SituationMemo) throws(NotPlain) -> RowFacts {
        // Locals, not methods of self: calling one copies this struct each time.
        let starts = self.starts, ends = self.ends, position = self.position
        func cell(_ bytes: UnsafeRawBufferPointer, _ column: BatchRow.Column) -> UnsafeRawBufferPointer {
            let at = position[column.rawValue]
            guard at >= 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            return UnsafeRawBufferPointer(rebasing: bytes[starts[at]..<ends[at]])
        }
        guard starts.count == width else { throw NotPlain() }
        guard Self.isPlainID(cell(bytes, .id)) else { throw NotPlain() }
        for field in ignored where !Self.isUTF8(UnsafeRawBufferPointer(rebasing: bytes[starts[field]..<ends[field]])) { throw NotPlain() }
        var facts = RowFacts()
        let occupation = try Self.text(cell(bytes, .occupation), .occupation, in: &occupations) { memo.occupation($0) }
        let skillLevel = try Self.level(cell(bytes, .skillLevel), in: &skillLevels, SkillLevel.init(name:))
        let skillDate = try Self.date(cell(bytes, .skillObtainedOn), asOf: memo.asOf)
        if occupation >= 0 || skillLevel != nil || skillDate != nil {
            guard let skillLevel else { throw NotPlain() }
            facts.skillOccupation = occupation
            facts.skillLevel = skillLevel
            facts.skillDate = skillDate
        }
        facts.titleSeries = try Self.text(cell(bytes, .titleSeries), .titleSeries, in: &series) { memo.titleSeries($0) }
        facts.titleLevel = try Self.level(cell(bytes, .titleLevel), in: &titleLevels, TitleLevel.init(name:))
        // A title's date is checked only when there is a title, as `BatchRow` does.
        if facts.titleLevel != nil {
            _ = try Self.date(cell(bytes, .titleObtainedOn), asOf: memo.asOf)
        } else if !Self.isUTF8(cell(bytes, .titleObtainedOn)) {
            throw NotPlain()
        }
        facts.honours = try Self.text(cell(bytes, .honors), .honors, in: &honours) { memo.honours($0) }
        facts.assessmentsPassed = try Self.flag(cell(bytes, .assessmentsPassedLast3Years))
        facts.continuingEducationMet = try Self.flag(cell(bytes, .continuingEducationMet))
        facts.currentOccupation = try Self.text(cell(bytes, .currentOccupation), .currentOccupation, in: &occupations) { memo.occupation($0) }
        facts.workYears = try Self.years(cell(bytes, .occupationWorkYears))
        facts.education = try Self.level(cell(bytes, .education), in: &educations, EducationLevel.init(name:))
        facts.educationRelated = try Self.flag(cell(bytes, .educationRelated))
        facts.inRelatedSkillWork = try Self.flag(cell(bytes, .inRelatedSkillWork))
        _ = try Self.flag(cell(bytes, .publicInstitutionStaff))
        return facts
    }

    /// A text cell's reference (-1: empty after trimming), decoded once per distinct spelling.
    private static func text(_ cell: UnsafeRawBufferPointer, _ column: BatchRow.Column, in table: inout ByteTable<Int32>, _ intern: (String?) -> Int32) throws(NotPlain) -> Int32 {
        if cell.isEmpty { return -1 }
        // Worked out once per distinct spelling: a cell over its limit goes to `BatchRow`, which words the error.
        let reference = table.value(for: cell) { bytes in
            guard let text = String(validating: bytes, as: UTF8.self), BatchRow.withinLimit(text, column) else { return -2 }
            let trimmed = text.trimmingWhitespace
            return intern(trimmed.isEmpty ? nil : trimmed)
        }
        if reference == -2 { throw NotPlain() }
        return reference
    }

    private static func level<Value>(_ cell: UnsafeRawBufferPointer, in table: inout ByteTable<Decoded<Value>>, _ parse: (String) -> Value?) throws(NotPlain) -> Value? {
        if cell.isEmpty { return nil }
        let decoded = table.value(for: cell) { bytes in
            guard let text = String(validating: bytes, as: UTF8.self) else { return .invalid }
            let trimmed = text.trimmingWhitespace
            if trimmed.isEmpty { return .empty }
            return parse(trimmed).map { .value($0) } ?? .invalid
        }
        switch decoded {
        case .empty: return nil
        case .value(let value): return value
        case .invalid: throw NotPlain()
        }
    }

    /// YYYY-MM-DD, a real date, not after `asOf`; anything else is left to `BatchRow`.
    private static func date(_ cell: UnsafeRawBufferPointer, asOf: CalendarDate) throws(NotPlain) -> CalendarDate? {
        if cell.isEmpty { return nil }
        guard cell.count == 10, cell[4] == UInt8(ascii: "-"), cell[7] == UInt8(ascii: "-") else { throw NotPlain() }
        func number(_ from: Int, _ to: Int) throws(NotPlain) -> Int {
            var value = 0
            for offset in from..<to {
                let digit = cell[offset] &- UInt8(ascii: "0")
                guard digit < 10 else { throw NotPlain() }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let date = CalendarDate(year: try number(0, 4), month: try number(5, 7), day: try number(8, 10)), date <= asOf,
              CalendarDate.inputRange.contains(date) else { throw NotPlain() }
        return date
    }

    private static func flag(_ cell: UnsafeRawBufferPointer) throws(NotPlain) -> Bool? {
        switch cell.count {
        case 0: return nil
        case 4 where cell[0] == UInt8(ascii: "t") && cell[1] == UInt8(ascii: "r") && cell[2] == UInt8(ascii: "u") && cell[3] == UInt8(ascii: "e"):
            return true
        case 5 where cell[0] == UInt8(ascii: "f") && cell[1] == UInt8(ascii: "a") && cell[2] == UInt8(ascii: "l") && cell[3] == UInt8(ascii: "s")
            && cell[4] == UInt8(ascii: "e"):
            return false
        default: throw NotPlain()
        }
    }

    private static func years(_ cell: UnsafeRawBufferPointer) throws(NotPlain) -> Double? {
        if cell.isEmpty { return nil }
        guard cell.count <= 3 else { throw NotPlain() }
        var value = 0
        for byte in cell {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { throw NotPlain() }
            value = value * 10 + Int(digit)
        }
        guard Double(value) <= InputLimits.workYears else { throw NotPlain() }
        return Double(value)
    }

    /// Printable ASCII with nothing to trim or quote (every id the scanner writes as it is).
    private static func isPlainID(_ cell: UnsafeRawBufferPointer) -> Bool {
        guard !cell.isEmpty else { return false }
        for byte in cell where byte < 0x21 || byte > 0x7E { return false }
        return true
    }

    static func isUTF8(_ cell: UnsafeRawBufferPointer) -> Bool {
        for byte in cell where byte >= 0x80 { return String(validating: cell, as: UTF8.self) != nil }
        return true
    }
}
