import Batch
import Domain
import Engine
import Foundation
import PolicyData
import Testing

/// The employer's report: Chinese headers, the dates people type, every option per person.
@Suite struct BulkReportTests {
    static let engine = Engine(base: try! PolicyBase.bundled())

    private func report(_ csv: String) throws -> [[String]] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bulk-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(csv.utf8).write(to: url)
        var rows: [[String]] = []
        _ = try BulkReport(engine: Self.engine, jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
            .run(input: try BatchRunner.open(path: url.path), write: { rows.append($0) })
        return rows
    }

    @Test func chineseHeadersAndTypedDatesGiveEveryOptionInWords() throws {
        let rows = try report("工号,姓名,部门,职业（工种）,技能等级,取得日期,近三年年度考核合格\n0001,张三,车间,车工,技师（二级）,2020/5/1,是\n0002,李四,质检,焊工,高级工,2021年3月4日,\n")
        #expect(rows[0].prefix(4) == ["工号", "姓名", "部门", "方向"])
        let zhang = rows.filter { $0[0] == "0001" }
        #expect(zhang.count == 2)
        // The name passes through; the title option is in words with what is missing.
        let title = try #require(zhang.first { $0[3] == "职称" })
        #expect(title[1] == "张三" && title[4] == "机电制造工程 · 中级" && title[6] == "有待确认")
        #expect(title[7] == "2023-05-01")
        #expect(title[8] == "继续教育学时")
        #expect(title[9].contains("0570-8758639"))
        // 2021年3月4日 was read as a date: the 助理级 option waits from it.
        #expect(rows.contains { $0[0] == "0002" && $0[4] == "机电制造工程 · 助理级" && $0[7] == "2023-03-04" })
    }

    @Test func aBadRowNamesTheSheetsOwnHeaderAndTheOthersAreAnswered() throws {
        let rows = try report("工号,技能等级,职业\n1,大师,车工\n2,技师,车工\n")
        let bad = try #require(rows.first { $0[0] == "1" })
        #expect(bad.last == "“技能等级”「大师」不是技能等级")
        #expect(rows.contains { $0[0] == "2" && $0.last == "" })
    }

    @Test func aSheetWithoutAnIDColumnIsRefused() throws {
        #expect(throws: BulkReport.Failure.self) { try report("姓名,职业\n张三,车工\n") }
    }

    @Test func theTemplateHasChineseHeadersAndAnExampleTheReportReads() throws {
        let template = BulkReport.templateRows
        #expect(template[0].first == "工号" && template[0].contains("技能等级"))
        let csv = template.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let rows = try report(csv)
        #expect(rows.dropFirst().allSatisfy { $0.last == "" })
        #expect(rows.contains { $0[1] == "张三" && $0[4] == "机电制造工程 · 中级" })
    }
}
