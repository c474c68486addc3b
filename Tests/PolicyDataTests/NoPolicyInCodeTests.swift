import Foundation
import PolicyData
import Testing

/// The rules, the catalogue and the server read every jurisdiction, document and city
/// exception from the data: none of them is named in their code (comments may explain).
@Suite struct NoPolicyInCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func noJurisdictionDocumentOrClauseIsNamedInCode() throws {
        let base = try PolicyBase.bundled()
        var words = Set<String>()
        for jurisdiction in base.jurisdictions {
            words.insert(jurisdiction.code)
            words.insert(jurisdiction.name)
            words.insert(String(jurisdiction.name.dropLast()))
        }
        for document in base.documents {
            words.insert(document.id)
            if let number = document.number {
                words.insert(number)
                // "77号" alone names the document too.
                if let mark = number.lastIndex(of: "〕") { words.insert(String(number[number.index(after: mark)...])) }
            }
        }
        var found: [String] = []
        var files = 0
        for folder in ["Sources/Engine", "Sources/Catalog", "Sources/Server", "Sources/Batch"] {
            let directory = Self.root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let path as String in walker where path.hasSuffix(".swift") {
                files += 1
                let text = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    // What a line says before its comment.
                    let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line[...]
                    for word in words where code.contains(word) { found.append("\(folder)/\(path):\(number + 1) «\(word)»") }
                    // A clause or attachment number (二（二）, 附件3) belongs in the data with its document.
                    if let clause = code.firstMatch(of: /附件[0-9一二三四五六七八九十]|[一二三四五六七八九十]（[一二三四五六七八九十]+）/) { found.append("\(folder)/\(path):\(number + 1) «\(clause.output)»") }
                }
            }
        }
        #expect(files >= 25 && words.count > 10)
        #expect(found.isEmpty, "named in code: \(found.joined(separator: "; "))")
    }
}
