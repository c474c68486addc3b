import Domain
import Engine
import Foundation
import PolicyData
import Testing
import Yams

/// A case written from a document's own words: a request and what the answer must hold.
struct PolicyCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let cites: String?
    let request: JSONValue
    let expect: [String: JSONValue]?
    let expectErrors: [String]?

    var testDescription: String { "\(file): \(name)" }

    static let all: [PolicyCase] = {
        guard let folder = Bundle.module.url(forResource: "Cases", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.sorted().flatMap { file -> [PolicyCase] in
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            guard let list = (try? Yams.load(yaml: text)) as? [Any] else {
                return [PolicyCase(file: file, name: "the file parses as a list of cases", cites: nil, request: .null, expect: nil, expectErrors: nil)]
            }
            return list.map { item in
                let entry = JSONValue.from(item)
                guard case .object(let fields) = entry else {
                    return PolicyCase(file: file, name: "an entry that is not a case", cites: nil, request: .null, expect: nil, expectErrors: nil)
                }
                let errors: [String]? = fields["expectErrors"].flatMap { value in
                    guard case .array(let items) = value else { return nil }
                    return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                }
                var expect: [String: JSONValue]?
                if case .object(let members)? = fields["expect"] { expect = members }
                var name = "(unnamed)", cites: String?
                if case .string(let text)? = fields["name"] { name = text }
                if case .string(let text)? = fields["cites"] { cites = text }
                return PolicyCase(file: file, name: name, cites: cites, request: fields["request"] ?? .null, expect: expect, expectErrors: errors)
            }
        }
    }()
}

extension JSONValue {
    /// Converts what the YAML parser gives into JSON values.
    static func from(_ value: Any) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let list as [Any]: return .array(list.map(from))
        case let map as [AnyHashable: Any]:
            return .object(Dictionary(map.map { ("\($0.key.base)", from($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: return .null
        }
    }
}

@Suite struct PolicyCaseTests {
    static let base = try! PolicyBase.bundled()
    static let engine = Engine(base: base)
    static let today = CalendarDate(iso: "2026-11-21")!

    @Test func theCasesAreThere() {
        #expect(PolicyCase.all.count >= 60)
        for policyCase in PolicyCase.all {
            #expect(policyCase.expect != nil || policyCase.expectErrors != nil, "\(policyCase.testDescription) expects nothing")
        }
    }

    @Test func everyCitedClauseExists() {
        for policyCase in PolicyCase.all {
            guard let cites = policyCase.cites else { continue }
            let parts = cites.split(separator: " ", maxSplits: 1).map(String.init)
            let clause = parts.count == 2 ? Self.base.document(parts[0])?.clause(parts[1]) : nil
            #expect(clause != nil, "\(policyCase.testDescription) cites a missing clause \(cites)")
        }
    }

    @Test(arguments: PolicyCase.all)
    func policyCase(_ policyCase: PolicyCase) throws {
        let decoder = RequestDecoder(base: Self.base)
        if let expected = policyCase.expectErrors {
            do {
                _ = try decoder.decode(policyCase.request, today: Self.today)
                Issue.record("accepted a request that should fail on \(expected)")
            } catch {
                let fields = Set(error.errors.map(\.field))
                for field in expected { #expect(fields.contains(field), "no error for \(field); got \(fields.sorted())") }
            }
            return
        }
        let request = try decoder.decode(policyCase.request, today: Self.today)
        let result = Self.engine.evaluate(request)
        let actual = try JSONValue.parse(Data(result.json())).unwrap()
        try CaseMatcher.check(policyCase.expect ?? [:], against: actual)
    }
}

extension Optional {
    func unwrap(_ message: String = "missing value") throws -> Wrapped {
        guard let value = self else { throw CaseMatcher.Mismatch(message) }
        return value
    }
}
