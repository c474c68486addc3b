import Batch
import CSVCodec
import Domain
import Engine
import Foundation
import PolicyData
import Testing

/// Answering rows by situation must give exactly the bytes evaluating each row on its own gives.
@Suite struct SituationTests {
    static let base = try! PolicyBase.bundled()
    static let engine = Engine(base: base)

    func both(_ csv: [UInt8], jurisdiction: String, asOf: String, blockBytes: Int = 4 << 20) throws
        -> (bySituation: [UInt8], rowByRow: [UInt8], summary: BatchRunner.Summary) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("situations-\(UUID().uuidString).csv")
        try Data(csv).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        func run(_ bySituation: Bool) throws -> ([UInt8], BatchRunner.Summary) {
            var runner = BatchRunner(engine: Self.engine, jurisdiction: jurisdiction, asOf: CalendarDate(iso: asOf)!)
            runner.blockBytes = blockBytes
            runner.answersBySituation = bySituation
            var output: [UInt8] = []
            let summary = try runner.run(input: .csv(try FileHandle(forReadingFrom: file)), output: .csv { output.append(contentsOf: $0) })
            return (output, summary)
        }
        let (fast, summary) = try run(true)
        let (reference, referenceSummary) = try run(false)
        #expect(summary.rows == referenceSummary.rows && summary.errors == referenceSummary.errors)
        return (fast, reference, summary)
    }

    @Test(arguments: ["zhejiang", "quzhou", "zhoushan", "shaoxing", "hebei"])
    func generatedPopulationsGetTheSameBytes(jurisdiction: String) throws {
        // Before and after 77号 takes effect (2022-12-17), on a 29 February, and later.
        for (index, asOf) in ["2021-06-30", "2022-12-16", "2022-12-17", "2024-02-29", "2025-06-30"].enumerated() {
            let date = CalendarDate(iso: asOf)!
            var generator = PopulationGenerator(base: Self.base, jurisdiction: jurisdiction, seed: UInt64(index + 1), asOfYear: date.year)
            var csv: [UInt8] = []
            generator.write(rows: 3000) { csv.append(contentsOf: $0) }
            let (bySituation, rowByRow, summary) = try both(csv, jurisdiction: jurisdiction, asOf: asOf)
            #expect(summary.rows == 3000)
            #expect(bySituation == rowByRow, "\(jurisdiction) \(asOf): \(firstDifference(bySituation, rowByRow))")
            // The point of it: far fewer engine evaluations than rows.
            #expect(summary.situations > 0 && summary.situations < 3000 / 2, "\(jurisdiction) \(asOf): \(summary.situations)")
        }
    }

    @Test func unusualCellsGetTheSameBytes() throws {
        let header = "姓名,id,occupation,skill_level,skill_obtained_on,title_series,title_level,title_obtained_on,honors,"
            + "assessments_passed_last_3_years,continuing_education_met,current_occupation,occupation_work_years,education,"
            + "education_related,in_related_skill_work,public_institution_staff"
        let rows = [
            "张三,a1,车工,技师,2020-05-01,工程,中级,2019-01-01,,true,true,电工,6,大专,true,true,false",
            "李四, a2 ,车工 ,二级,2020-02-29,,,,全国技术能手; 浙江工匠,是,否,,6.5,本科,,,",
            "王五,a3,不存在的工种,高级工,2021-03-01,,,,,true,,,,,,,",
            "赵六,a4,6-20-01-01,高级技师,2019-01-01,,,,,true,true,,,,,,",
            "钱七,a5,车工,技师,2024-07-01,,,,,,,,,,,,",
            "孙八,a6,车工,大师,,,,,,,,,,,,,",
            "周九,,车工,技师,2020-01-01,,,,,,,,,,,,",
            "吴十,a8,车工,技师",
            "郑,a9,,,,工程,副高级,,,,,电工,30,博士,true,,",
            "x,a10,电工,高级工,2022-02-28,,,2099-01-01,,false,true,,,,,,",
            "x,a11,电工,技师,20200101,,,,,,,,,,,,",
            "x,a12,电工,技师,2020-01-01,,,,,TRUE,yes,,,,,,",
            "x,a13,电工,技师,2020-01-01,,,,,maybe,,,,,,,",
            "x,a14,,技师,,,,,,,,,,,,,",
            "x,a15,车工,技师,2020-01-01,机械,工程师,2018-01-01,浙江工匠,true,true,车工,12,技工院校高级工班,true,true,true",
            "x,a16,,,,,助理级,,,,,车工,,,,,",
            "x,a17,车工,高级工,2020-01-01,,,,,,,,-1,,,,",
        ]
        let plain = "\u{FEFF}" + header + "\r\n\r\n" + rows.joined(separator: "\r\n") + "\r\n"
        // A quoted cell sends its block to the general CSV reader; small blocks mix both kinds.
        let quoted = plain.replacingOccurrences(of: "郑,a9", with: "\"郑\",a9")
        for text in [plain, quoted] {
            for blockBytes in [4 << 20, 300] {
                for jurisdiction in ["quzhou", "shaoxing"] {
                    let (bySituation, rowByRow, summary) = try both(Array(text.utf8), jurisdiction: jurisdiction, asOf: "2024-06-30", blockBytes: blockBytes)
                    // a5 after asOf, a6 bad level, empty id, a8 short, a11 bad date, a13 bad flag, a17 negative years.
                    #expect(summary.rows == rows.count && summary.errors == 7)
                    #expect(bySituation == rowByRow, "\(jurisdiction) \(blockBytes): \(firstDifference(bySituation, rowByRow))")
                }
            }
        }
    }

    /// A row with bytes that are not UTF-8 is that row's error, the same either way; the rest are answered.
    @Test func aCellThatIsNotUTF8IsThatRowsErrorEitherWay() throws {
        var csv = Array("id,occupation,skill_level,姓名\n1,车工,技师,张三\n2,车工,技师,".utf8)
        csv += [0xFF, 0xFE]
        csv += Array("\n3,车工,技师,李四\n".utf8)
        var outputs: [[UInt8]] = []
        for bySituation in [true, false] {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("utf8-\(UUID().uuidString).csv")
            try Data(csv).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            var runner = BatchRunner(engine: Self.engine, jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
            runner.answersBySituation = bySituation
            var output: [UInt8] = []
            let summary = try runner.run(input: .csv(try FileHandle(forReadingFrom: file)), output: .csv { output.append(contentsOf: $0) })
            #expect(summary.rows == 3)
            outputs.append(output)
        }
        #expect(outputs[0] == outputs[1])
        let text = String(decoding: outputs[0], as: UTF8.self)
        #expect(text.contains("第 3 行无法读取：含有不是 UTF-8 编码的文字"))
        #expect(text.split(separator: "\n").count == 4)
    }

    private func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let left = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let right = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (x, y) in zip(left, right) where x != y { return "by situation「\(x)」, row by row「\(y)」" }
        return "lengths \(left.count) and \(right.count)"
    }
}
