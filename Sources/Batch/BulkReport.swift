import CSVCodec
import Domain
import Engine
import Foundation
import PolicyData
import Spreadsheet

/// The employer's bulk check: a workbook or CSV with Chinese or contract headers in, a
/// Chinese workbook out with every option of every person (not only the best), its status
/// in words, the earliest date, what is missing to decide, and where to apply. Columns the
/// contract does not know (姓名, 部门) pass through. Rows are evaluated one by one: an
/// HR file is thousands of rows, not millions.
public struct BulkReport {
    let engine: Engine
    let jurisdiction: String
    let asOf: CalendarDate

    /// The city's area code, for the local numbers the documents print.
    let areaCode: String?
    let regionName: String

    public init(engine: Engine, jurisdiction: String, asOf: CalendarDate) {
        self.engine = engine
        self.jurisdiction = jurisdiction
        self.asOf = asOf
        areaCode = engine.base.jurisdiction(jurisdiction)?.areaCode
        regionName = engine.base.jurisdiction(jurisdiction)?.name ?? jurisdiction
    }

    private func dialable(_ printed: String) -> String {
        PhoneNumber(printed, areaCode: areaCode)?.display ?? printed
    }

    /// The headers an employer's sheet may use for each contract column (the template's
    /// first); the contract's own names are accepted too.
    public static let chineseHeaders: [(column: BatchRow.Column, names: [String])] = [
        (.id, ["工号", "编号", "序号"]),
        (.occupation, ["职业（工种）", "职业(工种)", "职业", "工种", "证书职业"]),
        (.skillLevel, ["技能等级", "等级"]),
        (.skillObtainedOn, ["技能等级取得日期", "取得日期", "证书取得日期"]),
        (.titleSeries, ["职称系列"]),
        (.titleLevel, ["职称层级", "职称"]),
        (.titleObtainedOn, ["职称取得日期"]),
        (.honors, ["荣誉"]),
        (.assessmentsPassedLast3Years, ["近三年年度考核合格", "年度考核"]),
        (.continuingEducationMet, ["继续教育学时达标", "继续教育达标"]),
        (.currentOccupation, ["现岗位职业（工种）", "现岗位职业(工种)", "现岗位职业"]),
        (.occupationWorkYears, ["本职业累计年限", "累计年限"]),
        (.education, ["学历"]),
        (.educationRelated, ["毕业专业与申报职业相关", "专业相关"]),
        (.inRelatedSkillWork, ["仍从事相关技术技能工作", "仍从事相关工作"]),
        (.publicInstitutionStaff, ["事业单位在编", "事业单位在编人员"]),
    ]

    /// The template's header row and its example row.
    public static var templateRows: [[String]] {
        let headers = ["工号", "姓名", "部门"] + chineseHeaders.dropFirst().map { $0.names[0] }
        let example = ["0001", "张三", "机加工车间", "车工", "技师（二级）", "2020/5/1", "", "", "", "", "是", "", "", "", "", "", "", ""]
        return [headers, example]
    }

    /// Rows as CSV with a BOM (Excel opens it as UTF-8).
    public static func csv(_ rows: [[String]]) -> [UInt8] {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for row in rows { CSVWriter.append(record: row, to: &bytes) }
        return bytes
    }

    public static let outputHeaders = ["方向", "选项", "途径", "状态", "最早可申报日期", "尚需确认 / 未满足的条件", "评审委员会 / 评价机构", "依据", "提示", "地区", "评估日期"]

    public enum Failure: Error, CustomStringConvertible {
        case noIDColumn
        case duplicateColumn(String)
        case unreadable(String)
        case tooManyRows(Int)

        public var description: String {
            switch self {
            case .noIDColumn: return "表头缺少“工号”（或 id）列"
            case .duplicateColumn(let name): return "表头中“\(name)”对应的列出现了不止一次"
            case .unreadable(let reason): return "无法读取文件：\(reason)"
            case .tooManyRows(let limit): return "超过 \(limit) 行，请分成几个文件上传"
            }
        }
    }

    /// Where each contract column sits, and the other columns passed through.
    struct Layout {
        let columns: [BatchRow.Column: Int]
        let passThrough: [(name: String, index: Int)]
        let headers: [String]
    }

    static func layout(header: [String]) throws(Failure) -> Layout {
        var columns: [BatchRow.Column: Int] = [:]
        var passThrough: [(String, Int)] = []
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingWhitespace
            let column = BatchRow.Column.allCases.first { $0.name == name }
                ?? chineseHeaders.first { $0.names.contains(name) }?.column
            if let column {
                if columns[column] != nil { throw .duplicateColumn(name) }
                columns[column] = index
            } else if !name.isEmpty {
                passThrough.append((name, index))
            }
        }
        guard columns[.id] != nil else { throw .noIDColumn }
        return Layout(columns: columns, passThrough: passThrough, headers: header.map { $0.trimmingWhitespace })
    }

    /// 2020/5/1, 2020年5月1日, 2020.5.1 → 2020-05-01; anything else is left for the usual check.
    static func normalizedDate(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace
        var parts: [Int] = []
        var current = ""
        for character in trimmed {
            if character.isASCII && character.isNumber { current.append(character); continue }
            guard "/.-年月日".contains(character), !current.isEmpty, let number = Int(current) else { return trimmed }
            parts.append(number)
            current = ""
        }
        if !current.isEmpty { guard let number = Int(current) else { return trimmed }; parts.append(number) }
        guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else { return trimmed }
        return date.description
    }

    public struct Summary: Sendable {
        public var people = 0
        public var options = 0
        public var errors = 0
    }

    /// Each valid row's person, in order (invalid rows are skipped: the batch reports them).
    static func forEachPerson(in input: BatchRunner.Input, asOf: CalendarDate, _ body: (Person) throws -> Void) throws {
        if case .csv(let handle) = input { try handle.seek(toOffset: 0) }
        var layout: Layout?
        try forEachRow(input) { cells in
            guard let current = layout else { layout = try Self.layout(header: cells); return }
            let cell = { (column: BatchRow.Column) -> String in
                guard let index = current.columns[column], index < cells.count else { return "" }
                return BatchRow.dateColumns.contains(column.name) ? Self.normalizedDate(cells[index]) : cells[index]
            }
            if case .success(let person) = BatchRow.person(cell, asOf: asOf) { try body(person) }
        }
    }

    /// Every record of a CSV or of a workbook's first sheet, header first; an unreadable CSV
    /// record comes as its error.
    static func forEachRow(_ input: BatchRunner.Input, _ body: ([String]) throws -> Void, unreadable: (CSVError) throws -> Void = { _ in }) throws {
        switch input {
        case .xlsx(let url):
            let dateHeaders = Set(BatchRow.dateColumns).union(Self.chineseHeaders.filter { BatchRow.dateColumns.contains($0.column.name) }.flatMap(\.names))
            let reader: XLSXReader
            // The unpacker's own words name library internals: a person needs what to do instead.
            do { reader = try XLSXReader(url: url, dateColumns: dateHeaders) } catch {
                throw Failure.unreadable("不是有效的 .xlsx 工作簿；请在 Excel 中另存为 .xlsx，或另存为“CSV UTF-8（逗号分隔）”")
            }
            try reader.forEachRow { _, cells in try body(cells) }
        case .csv(let handle):
            let bytes: Data
            do { bytes = try handle.readToEnd() ?? Data() } catch { throw Failure.unreadable("\(error)") }
            var reader = CSVReader(bytes: Array(bytes))
            while let outcome = reader.nextOutcome() {
                switch outcome {
                case .success(let cells): if !(cells.count == 1 && cells[0].isEmpty) { try body(cells) }
                case .failure(let error): try unreadable(error)
                }
            }
        }
    }

    /// Reads every row of `input`, writes the report's rows to `write` (header first), and
    /// says how far it got every 1,000 rows.
    public func run(input: BatchRunner.Input, write: ([String]) throws -> Void, progress: ((Int) -> Void)? = nil, maximumRows: Int? = nil) throws -> Summary {
        var layout: Layout?
        var summary = Summary()
        func row(_ cells: [String]) throws {
            guard let current = layout else {
                let found = try Self.layout(header: cells)
                layout = found
                try write(["工号"] + found.passThrough.map(\.name) + Self.outputHeaders + ["错误"])
                return
            }
            summary.people += 1
            if let maximumRows, summary.people > maximumRows { throw Failure.tooManyRows(maximumRows) }
            let rows = report(cells, layout: current)
            summary.options += rows.filter { $0.error.isEmpty }.count
            if rows.contains(where: { !$0.error.isEmpty }) { summary.errors += 1 }
            for line in rows { try write(line.cells) }
            if summary.people % 1000 == 0 { progress?(summary.people) }
        }
        try Self.forEachRow(input, row) { error in
            // A file Excel saved in the local encoding (GBK) or an old .xls reads as bytes that are not UTF-8.
            if error.message == CSVReader.notUTF8 && (layout == nil || summary.people == 0) {
                throw Failure.unreadable("文件不是 UTF-8 编码的 CSV：请在 Excel 中另存为 .xlsx，或另存为“CSV UTF-8（逗号分隔）”")
            }
            guard let current = layout else { throw Failure.unreadable(error.description) }
            summary.people += 1
            summary.errors += 1
            try write([""] + current.passThrough.map { _ in "" } + Array(repeating: "", count: Self.outputHeaders.count) + ["第 \(error.line) 行无法读取：\(error.message)"])
        }
        if layout == nil { throw Failure.unreadable("文件是空的（没有表头）") }
        return summary
    }

    struct Line {
        let cells: [String]
        let error: String
    }

    /// One person's rows: one per option, or one saying there is none, or the row's error.
    func report(_ cells: [String], layout: Layout) -> [Line] {
        func cell(_ column: BatchRow.Column) -> String {
            guard let index = layout.columns[column], index < cells.count else { return "" }
            return BatchRow.dateColumns.contains(column.name) ? Self.normalizedDate(cells[index]) : cells[index]
        }
        let kept = [cell(.id)] + layout.passThrough.map { $0.index < cells.count ? cells[$0.index] : "" }
        let blank = Array(repeating: "", count: Self.outputHeaders.count)
        switch BatchRow.person(cell, asOf: asOf) {
        case .failure(let error):
            // The message names the contract's columns; the sheet's own headers read better.
            var message = error.message
            for (column, index) in layout.columns where index < layout.headers.count {
                message = message.replacingOccurrences(of: column.name, with: "“\(layout.headers[index])”")
            }
            return [Line(cells: kept + blank + [message], error: message)]
        case .success(let person):
            let result = engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person))
            // Each warning once per person (an unknown occupation, an honour the documents do not list).
            let warnings = result.warnings.map(RequestPaths.plain).joined(separator: "；")
            var lines: [Line] = []
            for option in result.titleOptions {
                let name = (option.series.map { $0 + (option.specialty.map { "（\($0)）" } ?? "") + " · " } ?? "系列待定 · ") + option.level.name
                let place = option.committee.map { [$0.name, $0.host, $0.phone.map(dialable)].compactMap { $0 }.joined(separator: " ") } ?? ""
                lines.append(line(kept, direction: "职称", name: name, route: option.route, status: option.status, earliest: option.earliestDate,
                                  conditions: option.conditions, place: place, warnings: warnings))
            }
            for option in result.skillOptions {
                let name = "\(option.occupation ?? "职业待定") · \(option.level.name)" + (option.level.grade.map { "（\($0)）" } ?? "")
                let place = option.providers.map { provider in
                    let (name, phone) = PhoneNumber.split(provider.contact ?? "", areaCode: areaCode)
                    return [provider.name, name, phone?.display].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                }.joined(separator: "；")
                lines.append(line(kept, direction: "技能评价", name: name, route: option.route, status: option.status, earliest: option.earliestDate,
                                  conditions: option.conditions, place: place, warnings: warnings))
            }
            if lines.isEmpty {
                lines.append(Line(cells: kept + ["", "无", "", "按所填信息没有可申报的方向", "", "", "", "", warnings, regionName, asOf.description, ""], error: ""))
            }
            return lines
        }
    }

    /// The facts a column of the sheet would give, by the request field that settles a condition.
    static let factWords: [String: String] = [
        "person.annualAssessments": "近三年年度考核", "person.continuingEducation": "继续教育学时",
        "person.inRelatedSkillWork": "是否仍从事相关技术技能工作", "person.education.level": "学历",
        "person.education.relatedToOccupation": "毕业专业是否相关", "person.occupationWorkYears": "本职业累计年限",
        "person.currentOccupation": "现岗位职业（工种）", "person.skills": "技能等级取得日期",
    ]

    private func line(_ kept: [String], direction: String, name: String, route: Route, status: OptionStatus, earliest: CalendarDate?,
                      conditions: [Condition], place: String, warnings: String) -> Line {
        var missing: [String] = []
        // What blocks an ineligible option, in the documents' words.
        for condition in conditions where condition.status == .unmet && status == .ineligible {
            let text = "未满足：" + condition.text
            if !missing.contains(text) { missing.append(text) }
        }
        for condition in conditions where condition.status == .unknown {
            let words = condition.settledBy.isEmpty ? [condition.text] : condition.settledBy.map { path in
                Self.factWords[path] ?? Self.factWords.first { path.hasPrefix($0.key) }?.value
                    ?? (path.hasSuffix(".obtainedOn") ? "取得日期" : path.hasSuffix(".series") ? "职称系列" : condition.text)
            }
            for word in words where !missing.contains(word) { missing.append(word) }
        }
        let sources = conditions.map { "\(engine.base.document($0.citation.policy)?.displayName ?? $0.citation.policy) \($0.citation.clause)" }
        var cited: [String] = []
        for source in sources where !cited.contains(source) { cited.append(source) }
        return Line(cells: kept + [direction, name, route.label, status.label(for: route), earliest.map { "\($0)" } ?? "",
                                   missing.joined(separator: "；"), place, cited.joined(separator: "；"), warnings, regionName, asOf.description, ""], error: "")
    }
}
