import Foundation
import FuzzBodies
import Testing

/// Every seed of the fuzz corpus, and every input a fuzzer once stopped on, goes through the
/// same body as under libFuzzer: none may trap (a trap ends this test process).
@Suite struct FuzzRegressionTests {
    static let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ target: String) -> [URL] {
        ["Corpus", "Regressions"].flatMap { folder -> [URL] in
            let directory = fuzz.appendingPathComponent(folder).appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    @Test(arguments: [
        ("evaluation", FuzzBodies.evaluation), ("csv", FuzzBodies.csv), ("workbook", FuzzBodies.workbook), ("changes", FuzzBodies.changes),
    ] as [(String, @Sendable ([UInt8]) -> Void)])
    func everyKeptInputIsAnswered(target: String, body: @Sendable ([UInt8]) -> Void) throws {
        let files = Self.inputs(target)
        #expect(files.count >= 2, "no corpus for \(target) under \(Self.fuzz.path)")
        for file in files { body(Array(try Data(contentsOf: file))) }
    }
}
