import ArgumentParser
import Batch
import Domain
import Engine
import Foundation
import Yams

struct SimulateCommand: ParsableCommand {
    @OptionGroup var data: DataOptions
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "政策模拟：同一人口在现行规则与变更后规则下的最好方向，按层级、途径、系列、状态计数并比较。")

    @ArgumentParser.Option(name: .long, help: "人口文件：CSV 或 .xlsx（批量格式）。")
    var population: String

    @ArgumentParser.Option(name: .long, help: "变更文件（YAML，格式见 docs/simulate.md）。")
    var changes: String

    @OptionGroup var place: PlaceAndDate

    @Flag(name: .long, help: "以 JSON 输出。")
    var json = false

    func run() throws {
        let base = try data.load()
        let (code, date) = try place.resolve(base, defaultJurisdiction: "zhejiang")
        guard let text = FileManager.default.contents(atPath: changes).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw Terminal.fail("无法读取变更文件「\(changes)」", status: 1)
        }
        let proposal: PolicyChanges
        do {
            proposal = try YAMLDecoder().decode(PolicyChanges.self, from: text)
        } catch {
            throw Terminal.fail("变更文件有误：\(error)", status: 2)
        }
        do {
            let report = try Simulation.run(population: try BatchRunner.open(path: population), base: base, changes: proposal, jurisdiction: code, asOf: date)
            print(json ? try Terminal.json(report) : SimulationText.render(report))
        } catch let problem as PolicyChanges.Problem {
            throw Terminal.fail("变更文件有误：\(problem.description)", status: 2)
        } catch let failure as BatchRunner.Failure {
            throw Terminal.fail(failure.description, status: 1)
        }
    }
}

/// The report as a table: each count now, changed, and the difference; levels by rank,
/// statuses and routes in words (the JSON keeps the codes).
enum SimulationText {
    static let words = Dictionary(uniqueKeysWithValues: OptionStatus.allCases.map { ($0.rawValue, $0.label) } + Route.allCases.map { ($0.rawValue, $0.label) })
    static let statusRank = Dictionary(uniqueKeysWithValues: SimulationReport.Counts.statusOrder.enumerated().map { ($1.rawValue, $0) })

    /// "中级 undetermined" → "中级 · 有待确认"; a bare code → its word.
    static func label(_ key: String) -> String {
        key.split(separator: " ").map { words[String($0)] ?? String($0) }.joined(separator: " · ")
    }

    /// Levels by rank (员级 … 正高级, 初级工 … 首席技师), then statuses best first, then the rest by name.
    static func rank(_ key: String) -> (Int, Int, String) {
        let parts = key.split(separator: " ").map(String.init)
        let level = parts.first.flatMap { TitleLevel(name: $0)?.rawValue ?? SkillLevel(name: $0)?.rawValue } ?? 99
        let status = parts.count > 1 ? statusRank[parts[1]] ?? 9 : statusRank[parts.first ?? ""] ?? 9
        return (level, status, key)
    }

    static func render(_ report: SimulationReport) -> String {
        var lines = ["\(report.jurisdiction) · 评估日期 \(report.asOf) · \(report.current.people) 人（无效行 \(report.current.invalidRows)）· 受影响 \(report.peopleAffected) 人", ""]
        let sections: [(String, KeyPath<SimulationReport.Counts, [String: Int]>)] = [
            ("各职称层级的方向（按状态，含有待确认）", \.titleLevelStatus), ("各技能等级的方向（按状态，含有待确认）", \.skillLevelStatus),
            ("最好职称层级", \.titleLevel), ("最好职称途径", \.titleRoute), ("最好职称系列", \.titleSeries), ("最好职称状态", \.titleStatus),
            ("最好技能等级", \.skillLevel), ("最好技能状态", \.skillStatus),
        ]
        for (title, path) in sections {
            lines.append("【\(title)】        现行    变更后    差")
            let keys = Set(report.current[keyPath: path].keys).union(report.changed[keyPath: path].keys).sorted { rank($0) < rank($1) }
            for key in keys {
                let now = report.current[keyPath: path][key] ?? 0, then = report.changed[keyPath: path][key] ?? 0
                lines.append("  \(label(key))\t\(now)\t\(then)\t\(then - now > 0 ? "+" : "")\(then - now)")
            }
            lines.append("")
        }
        if !report.examples.isEmpty {
            lines.append("【受影响的例子】")
            lines += report.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
