import Batch
import CSVCodec
import Domain
import Engine
import Foundation
import PolicyData
import Spreadsheet
import Yams

/// What each fuzz target does with one input, kept apart from libFuzzer so that the
/// committed corpus and every crash once found run as ordinary tests too. Each body may
/// refuse its input in any way; it must not trap, hang or grow without bound.
public enum FuzzBodies {
    /// The bundled policy data, loaded once; nil only if the build lost it.
    static let base: PolicyBase? = try? PolicyBase.bundled()
    static let engine: Engine? = base.map { Engine(base: $0) }

    /// A JSON request through the contract's decoder and, when valid, the engine and its JSON.
    public static func evaluation(_ bytes: [UInt8]) {
        guard let base, let engine, let json = JSONValue.parse(bytes) else { return }
        let request: EvaluationRequest
        do {
            request = try RequestDecoder(base: base).decode(json, today: CalendarDate(year: 2024, month: 6, day: 30)!)
        } catch {
            precondition(!error.errors.isEmpty, "a refused request names its fields")
            return
        }
        let result = engine.evaluate(request)
        precondition(Set(result.titleOptions).count == result.titleOptions.count, "a title option twice")
        precondition(Set(result.skillOptions).count == result.skillOptions.count, "a skill option twice")
        _ = result.json()
    }

    /// CSV bytes record by record (every step moves on), then as a batch file, read in small
    /// blocks so that records straddle them: one output row per record, whatever the bytes.
    public static func csv(_ bytes: [UInt8]) {
        var reader = CSVReader(bytes: bytes)
        var records = 0
        while reader.nextOutcome() != nil {
            records += 1
            precondition(records <= bytes.count + 1, "the reader moved backwards")
        }
        guard let engine else { return }
        let file = temporaryFile("csv")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(bytes).write(to: file)) != nil, let handle = try? FileHandle(forReadingFrom: file) else { return }
        defer { try? handle.close() }
        for bySituation in [true, false] {
            try? handle.seek(toOffset: 0)
            var runner = BatchRunner(engine: engine, jurisdiction: "quzhou", asOf: CalendarDate(year: 2024, month: 6, day: 30)!)
            runner.blockBytes = 509
            runner.answersBySituation = bySituation
            _ = try? runner.run(input: .csv(handle), output: .csv { _ in })
        }
    }

    /// An .xlsx package: opened, and its first sheet read row by row.
    public static func workbook(_ bytes: [UInt8]) {
        let file = temporaryFile("xlsx")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? Data(bytes).write(to: file)) != nil, let reader = try? XLSXReader(url: file, dateColumns: ["skill_obtained_on"]) else { return }
        var rows = 0
        try? reader.forEachRow { _, _ in rows += 1 }
    }

    /// A simulation's change file: decoded and applied to every jurisdiction.
    public static func changes(_ bytes: [UInt8]) {
        guard let base, let text = String(validating: bytes, as: UTF8.self),
              let changes = try? YAMLDecoder().decode(PolicyChanges.self, from: text) else { return }
        for jurisdiction in base.jurisdictions { _ = try? changes.apply(to: base, jurisdiction: jurisdiction.code) }
    }

    /// A file of this process's own in the temporary folder.
    static func temporaryFile(_ suffix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("guantong-fuzz-\(getpid()).\(suffix)")
    }
}
