import Batch
import CSVCodec
import Domain
import Engine
import Foundation
import PolicyData
import Spreadsheet
import Testing
import Yams

@Suite struct BatchTests {
    static let base = try! PolicyBase.bundled()
    static let engine = Engine(base: base)

    func run(_ csv: String, blockBytes: Int = 4 << 20) throws -> (rows: [[String: String]], summary: BatchRunner.Summary) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var runner = BatchRunner(engine: Self.engine, jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
        runner.blockBytes = blockBytes
        var output: [UInt8] = []
        let summary = try runner.run(input: .csv(try FileHandle(forReadingFrom: file)), output: .csv { output.append(contentsOf: $0) })
        let table = try CSVTable(text: String(decoding: output, as: UTF8.self))
        #expect(table.header == BatchRow.outputColumns)
        return (table.records.map { $0.fields }, summary)
    }

    @Test func eachRowGetsItsBestOptionsInInputOrder() throws {
        let csv = "\u{FEFF}id,occupation,skill_level,skill_obtained_on,assessments_passed_last_3_years,continuing_education_met,honors\r\n"
            + "a,车工,技师,2020-05-01,true,true,\r\n"
            + "b,维修电工,高级工,2023-01-01,,,\r\n"
            + "c,,,,,,全国技术能手;浙江工匠\r\n"
            + "d,车工,大师,2020-05-01,,,\r\n"
        let (rows, summary) = try run(csv)
        #expect(rows.map { $0["id"]! } == ["a", "b", "c", "d"])
        // Blank lines before the header are skipped, and the header is not read again as a row.
        #expect(try run("\r\n\n" + csv.dropFirst()).rows.map { $0["id"]! } == ["a", "b", "c", "d"])
        #expect(rows[0]["best_title_level"] == "中级" && rows[0]["best_title_status"] == "eligible" && rows[0]["best_title_series"] == "机电制造工程")
        #expect(rows[0]["best_title_earliest_date"] == "2023-05-01")
        #expect(rows[1]["best_title_level"] == "助理级" && rows[1]["best_title_status"] == "not_yet" && rows[1]["best_title_earliest_date"] == "2025-01-01")
        #expect(rows[2]["best_title_level"] == "副高级" && rows[2]["best_title_route"] == "direct_apply")
        #expect(rows[3]["error"]?.contains("大师") == true)
        #expect(summary.rows == 4 && summary.errors == 1)
    }

    @Test func aBadRowYieldsItsErrorAndTheRunGoesOn() throws {
        let csv = "id,occupation,skill_level,skill_obtained_on\n1,车工,技师,2025-01-01\n2,\"车,工\",技师\n,车工,技师,2020-01-01\n4,车工,技师,2020-02-30\n5,车工,技师,2020-01-01\n"
        let (rows, summary) = try run(csv)
        #expect(rows.count == 5)
        #expect(rows[0]["error"]?.contains("晚于评估日期") == true)
        #expect(rows[1]["error"]?.contains("字段") == true)
        #expect(rows[2]["error"]?.contains("id 为空") == true)
        #expect(rows[3]["error"]?.contains("不是真实日期") == true)
        // Valid, but the assessments are unknown: undetermined is neither eligible nor not_yet, so no "best".
        #expect(rows[4]["error"] == "" && rows[4]["best_title_level"] == "")
        #expect(summary.errors == 4)
    }

    @Test func quotedLineBreaksAndBlockBoundariesKeepRowsWhole() throws {
        var generator = PopulationGenerator(base: Self.base, jurisdiction: "quzhou", seed: 42)
        var bytes: [UInt8] = []
        generator.write(rows: 3000) { bytes.append(contentsOf: $0) }
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "P17,", with: "\"P1\n7\",")
        let whole = try run(text)
        let small = try run(text, blockBytes: 1000)
        #expect(whole.rows.count == 3000)
        #expect(whole.rows.map { $0["id"]! } == small.rows.map { $0["id"]! })
        #expect(whole.rows.contains { $0["id"] == "P1\n7" })
    }

    /// A broken record is reported on its own line, whichever block and share it falls in,
    /// and every other row is answered.
    @Test func aBrokenRecordIsReportedOnItsLineAndTheRunGoesOn() throws {
        var lines = ["id,occupation,skill_level,skill_obtained_on"]
        for index in 1...400 { lines.append(index == 150 ? "\"q\nuoted\",车工,技师,2020-01-01" : "\(index),车工,技师,2020-01-01") }
        for brokenAt in [3, 200, 390] {
            var broken = lines
            broken[brokenAt] = "x,车\"工,技师,2020-01-01"
            for blockBytes in [700, 4 << 20] {
                let (rows, summary) = try run(broken.joined(separator: "\n") + "\n", blockBytes: blockBytes)
                #expect(rows.count == 400 && summary.rows == 400, "block \(blockBytes)")
                // Line numbers count the header and the quoted line break before row 150.
                let line = brokenAt + 1 + (brokenAt > 150 ? 1 : 0)
                let errors = rows.filter { !($0["error"] ?? "").isEmpty }
                #expect(errors.count == 1 && errors[0]["error"] == "第 \(line) 行无法读取：未加引号的字段中出现引号", "block \(blockBytes): \(errors)")
                #expect(rows.filter { ($0["error"] ?? "").isEmpty && $0["id"] != "x" }.count == 399)
            }
        }
    }

    /// Whatever is wrong with a line — an unclosed or stray quote, bytes that are not UTF-8,
    /// a line longer than a record may be — costs that line alone; LF, CRLF and CR all end lines.
    @Test func nothingButTheBadLineIsLost() throws {
        let header = "id,occupation,skill_level,skill_obtained_on"
        let good = (1...50).map { "g\($0),车工,技师,2020-01-01" }
        let long = "long," + String(repeating: "车", count: 40_000) + ",技师,2020-01-01"
        let cases: [(name: String, bad: String, message: String)] = [
            ("unclosed quote", "u,\"车工,技师,2020-01-01", "引号未闭合"),
            ("stray quote", "s,车工\",技师,2020-01-01", "未加引号的字段中出现引号"),
            ("text after a quote", "t,\"车工\"x,技师,2020-01-01", "右引号后还有其他字符"),
            ("over-long line", long, "超过 64 KB"),
            ("a line of commas", "c" + String(repeating: ",", count: 70_000), "超过 64 KB"),
        ]
        for (name, bad, message) in cases {
            for ending in ["\n", "\r\n", "\r"] {
                // A row after the bad line names its own line: the numbering goes on right.
                let late = "late,车工,技师,2020-02-30"
                let text = ([header] + good[..<25] + [bad, ""] + good[25...] + [late]).joined(separator: ending) + ending
                for blockBytes in [300, 4 << 20] {
                    let (rows, summary) = try run(text, blockBytes: blockBytes)
                    let context = "\(name), ending \(ending.debugDescription), block \(blockBytes)"
                    #expect(summary.rows == 52, "\(context): \(summary.rows) rows")
                    #expect(rows.map { $0["id"] ?? "" }.filter { $0.hasPrefix("g") } == good.map { String($0.prefix { $0 != "," }) }, "\(context)")
                    let errors = rows.compactMap { $0["error"] }.filter { !$0.isEmpty }
                    #expect(errors.count == 2, "\(context): \(errors)")
                    #expect(errors.first?.hasPrefix("第 27 行") == true && errors.first?.contains(message) == true, "\(context): \(errors)")
                    #expect(errors.last?.hasPrefix("第 54 行") == true, "\(context): \(errors)")
                }
            }
        }
        // An unclosed quote on the last line, with no line end: that line alone.
        let (rows, _) = try run(([header] + good).joined(separator: "\n") + "\nz,\"车工,技师")
        #expect(rows.count == 51 && rows.last?["error"]?.contains("第 52 行") == true)
    }

    /// A workbook of the same people gives the same cells as the CSV, block boundaries included.
    @Test func aWorkbookGivesTheSameAnswersAsTheCSV() throws {
        var generator = PopulationGenerator(base: Self.base, jurisdiction: "quzhou", seed: 9)
        var bytes: [UInt8] = []
        generator.write(rows: 2000) { bytes.append(contentsOf: $0) }
        let text = String(decoding: bytes, as: UTF8.self)
        let expected = try run(text).rows
        let table = try CSVTable(text: text)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        try writer.append(row: table.header)
        for record in table.records { try writer.append(row: table.header.map { record[$0] }) }
        try writer.finish()
        var runner = BatchRunner(engine: Self.engine, jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
        runner.blockBytes = 10_000
        var rows: [[String]] = []
        let summary = try runner.run(input: .xlsx(url), output: .rows { rows.append($0) })
        #expect(rows.first == BatchRow.outputColumns)
        #expect(summary.rows == 2000)
        #expect(rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(BatchRow.outputColumns, $0)) } == expected)
    }

    @Test func theSameSeedGivesTheSameFile() {
        func generate(_ seed: UInt64) -> [UInt8] {
            var generator = PopulationGenerator(base: Self.base, jurisdiction: nil, seed: seed)
            var bytes: [UInt8] = []
            generator.write(rows: 500) { bytes.append(contentsOf: $0) }
            return bytes
        }
        #expect(generate(7) == generate(7))
        #expect(generate(7) != generate(8))
    }

    @Test func aHeaderNamingAColumnTwiceIsRefusedAndOtherColumnsAreIgnored() throws {
        #expect(throws: BatchRunner.Failure.self) { _ = try run("id,occupation,occupation\n1,车工,车工\n") }
        let (rows, _) = try run("备注,id,skill_level,occupation,skill_obtained_on,assessments_passed_last_3_years,continuing_education_met\n新人,a,技师,车工,2020-05-01,true,true\n")
        #expect(rows[0]["best_title_level"] == "中级" && rows[0]["error"] == "")
    }

    @Test func aFileWithoutAnIdColumnCannotBeRead() throws {
        #expect(throws: BatchRunner.Failure.self) { _ = try run("name\nx\n") }
    }
}

@Suite struct SimulationTests {
    static let base = try! PolicyBase.bundled()

    func simulate(_ csv: String, _ yaml: String) throws -> SimulationReport {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("population-\(UUID().uuidString).csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let changes = try YAMLDecoder().decode(PolicyChanges.self, from: yaml)
        return try Simulation.run(population: .csv(try FileHandle(forReadingFrom: file)), base: Self.base, changes: changes,
                                  jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
    }

    let population = "id,occupation,skill_level,skill_obtained_on,assessments_passed_last_3_years,continuing_education_met,honors\n"
        + "1,车工,技师,2021-01-01,true,true,\n2,车工,技师,2022-01-01,true,true,\n3,车工,高级工,2023-01-01,true,true,\n4,,,,,,浙江青年工匠\n"

    @Test func aShorterWaitingTimeMakesPeopleEligibleSooner() throws {
        let report = try simulate(population, "waitingYears:\n  - {skillLevel: 技师, years: 2}\n")
        #expect(report.current.titleStatus["eligible"] == 2 && report.changed.titleStatus["eligible"] == 3)
        #expect(report.difference.titleStatus["not_yet"] == -1)
        #expect(report.peopleAffected == 2) // person 2 becomes eligible; person 1's earliest date moves
    }

    /// A relaxing change counted with undetermined included: who leaves 尚需等待 shows up as
    /// eligible or as "needs facts", not as a loss.
    @Test func everyStatusIsCountedLevelByLevel() throws {
        let people = "id,occupation,skill_level,skill_obtained_on,assessments_passed_last_3_years,continuing_education_met\n"
            + "1,车工,技师,2022-01-01,true,true\n2,车工,技师,2022-01-01,,\n"
        let report = try simulate(people, "waitingYears:\n  - {skillLevel: 技师, years: 2}\n")
        #expect(report.current.titleLevelStatus["中级 not_yet"] == 2)
        #expect(report.changed.titleLevelStatus["中级 eligible"] == 1 && report.changed.titleLevelStatus["中级 undetermined"] == 1)
        #expect(report.difference.titleLevelStatus["中级 not_yet"] == -2)
    }

    @Test func anAddedHonourOpensALevel() throws {
        let report = try simulate(population, "addHonours:\n  - {honour: 浙江青年工匠, level: 中级, route: direct_apply}\n")
        // 衢州 lists 浙江青年工匠 for 初级 (员级/助理级); the proposal adds 中级.
        #expect(report.current.titleLevel["助理级"] == 2 && report.changed.titleLevel["中级"] == 3)
        #expect(report.examples.contains { $0.hasPrefix("4：") })
    }

    @Test func movingAnOccupationChangesItsSeries() throws {
        let report = try simulate(population, "moveOccupations:\n  - {occupation: 车工, series: 信息技术工程}\n")
        #expect(report.current.titleSeries["机电制造工程"] == 3 && report.changed.titleSeries["信息技术工程"] == 3)
    }

    @Test func aChangeThatChangesNothingIsAnError() {
        #expect(throws: PolicyChanges.Problem.self) { try simulate(population, "waitingYears:\n  - {skillLevel: 初级工, years: 1}\n") }
        #expect(throws: PolicyChanges.Problem.self) { try simulate(population, "removeHonours: [不存在的荣誉]\n") }
    }
}
