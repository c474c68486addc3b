import Domain
import Engine
import Foundation
import PolicyData
import Testing

/// What a later document overrides is read from documents.yaml (`overrides`): take an item
/// out of the data and the earlier provision applies again, with no change in Swift.
@Suite struct OverrideTests {
    private static func engine(editingDocuments edit: (String) -> String) throws -> Engine {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-overrides-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: try DataSource.bundled().directory, to: scratch)
        let url = scratch.appendingPathComponent("documents.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit changed nothing")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        return Engine(base: try PolicyBase.load(from: DataSource(directory: scratch)))
    }

    /// 工程师 in 绍兴 on 2024-06-30 with one year in the occupation, asking for 技师.
    private static var request: EvaluationRequest {
        var person = Person()
        person.titles = [TitleHeld(series: "工程", specialty: nil, level: .intermediate, obtainedOn: CalendarDate(iso: "2023-01-01"))]
        person.currentOccupation = "电工"
        person.occupationWorkYears = 1
        return EvaluationRequest(jurisdiction: "shaoxing", asOf: CalendarDate(iso: "2024-06-30")!, person: person)
    }

    private static func crossover(_ engine: Engine) throws -> SkillOption {
        try #require(engine.evaluate(request).skillOptions.first { $0.level == .technician && $0.route == .titleCrossover })
    }

    @Test func theYearsOf64号GiveWayOnlyWhileTheDataSaysSo() throws {
        let bundled = try Self.crossover(Engine(base: try PolicyBase.bundled()))
        #expect(!bundled.conditions.contains { $0.citation.policy == "sx-2019-64" && $0.id == "cumulative-years" })
        #expect(bundled.notes.contains { $0.contains("对累计工作年限另有规定") })

        let edited = try Self.crossover(try Self.engine { $0.replacingOccurrences(of: "        - {topic: cumulativeWorkYears, clause: 二（二）, by: 三（四）1, what: 累计工作年限}\n", with: "") })
        let years = try #require(edited.conditions.first { $0.citation.policy == "sx-2019-64" && $0.id == "cumulative-years" })
        #expect(years.status == .unmet && years.metOn == CalendarDate(iso: "2027-06-30"))
        #expect(!edited.notes.contains { $0.contains("对累计工作年限另有规定") })
    }

    @Test func anOverrideOfAMissingClauseIsRefused() throws {
        #expect(throws: PolicyDataErrors.self) {
            _ = try Self.engine { $0.replacingOccurrences(of: "clause: 一（三）4, by: 三（二）1（4）", with: "clause: 一（九）4, by: 三（二）1（4）") }
        }
    }
}
