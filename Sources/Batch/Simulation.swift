import CSVCodec
import Domain
import Engine
import Foundation
import PolicyData

/// Counts of a population's best options, under the rules as they stand and as changed.
public struct SimulationReport: Sendable, Encodable {
    public struct Counts: Sendable, Encodable, Equatable {
        public var people = 0
        public var invalidRows = 0
        public var titleLevel: [String: Int] = [:]
        public var titleRoute: [String: Int] = [:]
        public var titleSeries: [String: Int] = [:]
        public var titleStatus: [String: Int] = [:]
        public var skillLevel: [String: Int] = [:]
        public var skillStatus: [String: Int] = [:]
        /// Every level a person has an option at, with the option's status there (the best
        /// one where several): undetermined and ineligible included, so a relaxing change
        /// shows who moves from waiting to eligible or to "needs facts". Keyed "中级 undetermined".
        public var titleLevelStatus: [String: Int] = [:]
        public var skillLevelStatus: [String: Int] = [:]

        /// The statuses from best to worst, for choosing one per level.
        public static let statusOrder: [OptionStatus] = [.eligible, .notYet, .undetermined, .ineligible]

        mutating func add(_ result: EvaluationResult) {
            func best<Level: Hashable>(_ options: [(Level, OptionStatus)]) -> [Level: OptionStatus] {
                var map: [Level: OptionStatus] = [:]
                for (level, status) in options {
                    if let current = map[level], Self.statusOrder.firstIndex(of: current)! <= Self.statusOrder.firstIndex(of: status)! { continue }
                    map[level] = status
                }
                return map
            }
            for (level, status) in best(result.titleOptions.map { ($0.level, $0.status) }) { titleLevelStatus["\(level.name) \(status.rawValue)", default: 0] += 1 }
            for (level, status) in best(result.skillOptions.map { ($0.level, $0.status) }) { skillLevelStatus["\(level.name) \(status.rawValue)", default: 0] += 1 }
        }

        mutating func add(_ cells: [String]) {
            people += 1
            func count(_ map: inout [String: Int], _ value: String) { map[value.isEmpty ? "（无）" : value, default: 0] += 1 }
            if !cells[9].isEmpty { invalidRows += 1; return }
            count(&titleLevel, cells[1]); count(&titleRoute, cells[2]); count(&titleStatus, cells[3]); count(&titleSeries, cells[5])
            count(&skillLevel, cells[7]); count(&skillStatus, cells[8])
        }

        static func - (lhs: Counts, rhs: Counts) -> Counts {
            func difference(_ a: [String: Int], _ b: [String: Int]) -> [String: Int] {
                Set(a.keys).union(b.keys).reduce(into: [:]) { result, key in
                    let delta = (a[key] ?? 0) - (b[key] ?? 0)
                    if delta != 0 { result[key] = delta }
                }
            }
            var result = Counts()
            result.people = lhs.people - rhs.people
            result.invalidRows = lhs.invalidRows - rhs.invalidRows
            result.titleLevel = difference(lhs.titleLevel, rhs.titleLevel)
            result.titleRoute = difference(lhs.titleRoute, rhs.titleRoute)
            result.titleSeries = difference(lhs.titleSeries, rhs.titleSeries)
            result.titleStatus = difference(lhs.titleStatus, rhs.titleStatus)
            result.skillLevel = difference(lhs.skillLevel, rhs.skillLevel)
            result.skillStatus = difference(lhs.skillStatus, rhs.skillStatus)
            result.titleLevelStatus = difference(lhs.titleLevelStatus, rhs.titleLevelStatus)
            result.skillLevelStatus = difference(lhs.skillLevelStatus, rhs.skillLevelStatus)
            return result
        }
    }

    public let jurisdiction: String
    public let asOf: String
    public let current: Counts
    public let changed: Counts
    public let difference: Counts
    /// People whose best title or skill option differs between the two.
    public let peopleAffected: Int
    /// The first few of them, as "id: before → after".
    public let examples: [String]
}

/// Runs a population through two engines (current and changed rules) in one pass.
public enum Simulation {
    public static func run(population: BatchRunner.Input, base: PolicyBase, changes: PolicyChanges, jurisdiction: String, asOf: CalendarDate) throws -> SimulationReport {
        let changedBase = try changes.apply(to: base, jurisdiction: jurisdiction)
        let current = BatchRunner(engine: Engine(base: base), jurisdiction: jurisdiction, asOf: asOf)
        let changed = BatchRunner(engine: Engine(base: changedBase), jurisdiction: jurisdiction, asOf: asOf)
        var currentCounts = SimulationReport.Counts()
        var changedCounts = SimulationReport.Counts()
        var affected = 0
        var examples: [String] = []
        var outcomeExamples: [String] = []
        func describe(_ cells: [String]) -> String {
            cells[1].isEmpty ? "（无）" : "\(cells[5]) \(cells[1]) \(cells[2]) \(cells[3]) \(cells[4])".trimmingCharacters(in: .whitespaces)
        }
        try current.runPaired(input: population, with: changed) { before, after in
            currentCounts.add(before)
            changedCounts.add(after)
            if before != after {
                affected += 1
                // Show changes of level, route or status first; a moved date only fills the rest.
                let example = "\(before[0])：\(describe(before)) → \(describe(after))"
                if Array(before[1...3]) != Array(after[1...3]) || Array(before[6...8]) != Array(after[6...8]) {
                    if outcomeExamples.count < 10 { outcomeExamples.append(example) }
                } else if examples.count < 10 {
                    examples.append(example)
                }
            }
        }
        examples = Array((outcomeExamples + examples).prefix(10))
        // Every option's status, level by level: a second pass over the same people.
        let currentEngine = Engine(base: base), changedEngine = Engine(base: changedBase)
        try BulkReport.forEachPerson(in: population, asOf: asOf) { person in
            currentCounts.add(currentEngine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person)))
            changedCounts.add(changedEngine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person)))
        }
        return SimulationReport(jurisdiction: jurisdiction, asOf: asOf.description, current: currentCounts, changed: changedCounts,
                                difference: changedCounts - currentCounts, peopleAffected: affected, examples: examples)
    }
}
