import Foundation
import PolicyData
import Testing

/// Broken copies of the bundled data: loading must fail, naming the file and the row.
@Suite struct ValidationTests {
    /// Copies the bundled data to a fresh directory, applies `edit` to one file and loads it.
    private func loadAfterEditing(_ file: String, _ edit: (String) -> String) throws -> PolicyDataErrors? {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-data-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: try DataSource.bundled().directory, to: scratch)
        let url = scratch.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        #expect(edited != text, "the edit changed nothing")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try PolicyBase.load(from: DataSource(directory: scratch))
            return nil
        } catch let errors as PolicyDataErrors {
            return errors
        }
    }

    @Test func theBundledDataIsValid() throws {
        _ = try PolicyBase.bundled()
    }

    @Test func anUnknownOccupationNamesFileAndLine() throws {
        let errors = try #require(try loadAfterEditing("zhejiang/occupation-series.csv") {
            $0.replacingOccurrences(of: "2,消防员,", with: "2,消防猫,")
        })
        #expect(errors.errors.contains { $0.file == "zhejiang/occupation-series.csv" && $0.line == 3 && $0.message.contains("消防猫") })
    }

    @Test func aDuplicateRowIsRejected() throws {
        let errors = try #require(try loadAfterEditing("quzhou/providers.csv") {
            let lines = $0.split(separator: "\n", omittingEmptySubsequences: false)
            return (lines[0...2] + [lines[2]] + lines[3...]).joined(separator: "\n")
        })
        #expect(errors.errors.contains { $0.file == "quzhou/providers.csv" && $0.line == 4 && $0.message.contains("duplicate") })
    }

    @Test func aReferenceToAMissingDocumentIsRejected() throws {
        let errors = try #require(try loadAfterEditing("honours.yaml") {
            $0.replacingOccurrences(of: "{document: hb-plan, clause: 三（一）4, honour: worldskills-gold", with: "{document: hb-2099, clause: 三（一）4, honour: worldskills-gold")
        })
        #expect(errors.errors.contains { $0.file == "honours.yaml" && $0.message.contains("missing document hb-2099") })
    }

    @Test func aMisquotedClauseIsRejected() throws {
        let errors = try #require(try loadAfterEditing("parameters.yaml") {
            $0.replacingOccurrences(of: "从事技术技能工作满3年，可申报相应系列中级职称评审'}", with: "从事技术技能工作满2年，可申报相应系列中级职称评审'}")
        })
        #expect(errors.errors.contains { $0.file == "parameters.yaml" && $0.message.contains("quote is not in zj-2022-77 三（二）1（2）") })
    }

    /// In a YAML flow mapping an unquoted ", " ends the value: the rest would become a stray key.
    @Test func aQuoteSplitByAnAsciiCommaIsRejected() throws {
        let errors = try #require(try loadAfterEditing("parameters.yaml") {
            $0.replacingOccurrences(of: "quote: '对具有所申报职业相关专业毕业证书的,可免于理论知识考试'}", with: "quote: 对具有所申报职业相关专业毕业证书的, 可免于理论知识考试}")
        })
        #expect(errors.errors.contains { $0.file == "parameters.yaml" && $0.message.contains("unknown key") && $0.message.contains("可免于理论知识考试") })
    }

    /// A case type's event that leads to a stage it does not have, or rests on nothing, is refused.
    @Test func aCaseTypeMustHoldTogether() throws {
        let errors = try #require(try loadAfterEditing("casework/skill-evaluation.yaml") {
            $0.replacingOccurrences(of: "from: [accepted], to: [scheduled]", with: "from: [accepted], to: [planned]")
              .replacingOccurrences(of: "basis: {note: 文件未规定；登记成绩前可移出批次另行安排。}", with: "basis: {note: ''}")
        })
        #expect(errors.errors.contains { $0.file == "casework/skill-evaluation.yaml" && $0.message.contains("event assign: no stage planned") })
        #expect(errors.errors.contains { $0.file == "casework/skill-evaluation.yaml" && $0.message.contains("event unassign: give a document and clause") })
    }

    /// A final stage cannot be left, and a stage nothing leaves must say it ends.
    @Test func aCaseTypesFinalStagesAreFinal() throws {
        let errors = try #require(try loadAfterEditing("casework/question-bank-project.yaml") {
            $0.replacingOccurrences(of: "{code: withdrawn, label: 已撤回, ends: true,", with: "{code: withdrawn, label: 已撤回,")
        })
        #expect(errors.errors.contains { $0.message.contains("stage withdrawn: no event leaves it, yet it is not marked ends") })
    }

    /// A later version of a case type keeps what the documents fix: dropping a fixed setting
    /// (河北's separate grouping) is refused, keeping them all is accepted.
    @Test func aLaterVersionCannotDropAFixedSetting() throws {
        func load(_ edit: (String) -> String) throws -> PolicyDataErrors? {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-data-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            try FileManager.default.copyItem(at: try DataSource.bundled().directory, to: scratch)
            let first = try String(contentsOf: scratch.appendingPathComponent("casework/title-application.yaml"), encoding: .utf8)
            let second = edit(first.replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: 2\n")
                .replacingOccurrences(of: "validFrom: \"", with: "validFrom: \"2030-01-01\"\n# was: \""))
            try second.write(to: scratch.appendingPathComponent("casework/title-application-2.yaml"), atomically: true, encoding: .utf8)
            let tables = scratch.appendingPathComponent("tables.yaml")
            try String(contentsOf: tables, encoding: .utf8)
                .replacingOccurrences(of: "  - casework/title-application.yaml\n", with: "  - casework/title-application.yaml\n  - casework/title-application-2.yaml\n")
                .write(to: tables, atomically: true, encoding: .utf8)
            do {
                _ = try PolicyBase.load(from: DataSource(directory: scratch))
                return nil
            } catch let errors as PolicyDataErrors {
                return errors
            }
        }
        #expect(try load { $0 } == nil)
        let dropped = try #require(try load { $0.replacingOccurrences(of: "  - {name: 河北 单独分组、单独评审, basis: {document: hb-plan, clause: 三（一）6, quote: 对高技能人才单独分组、单独评审}}\n", with: "") })
        #expect(dropped.errors.contains { $0.message.contains("version 2 drops the fixed setting «河北 单独分组、单独评审» of version 1") }, "\(dropped.errors)")
    }

    /// A case-type file that tables.yaml does not list would not be read: refused.
    @Test func anUnlistedCaseTypeIsRejected() throws {
        let errors = try #require(try loadAfterEditing("tables.yaml") {
            $0.replacingOccurrences(of: "  - casework/question-bank-project.yaml\n", with: "")
        })
        #expect(errors.errors.contains { $0.file.hasSuffix("casework/question-bank-project.yaml") && $0.message.contains("not listed under caseTypes") })
    }

    @Test func aMalformedDateIsRejected() throws {
        let errors = try #require(try loadAfterEditing("documents.yaml") {
            $0.replacingOccurrences(of: "effectiveFrom: \"2022-12-17\"", with: "effectiveFrom: \"2022-12-32\"")
        })
        #expect(errors.errors.contains { $0.file == "documents.yaml" && $0.message.contains("2022-12-32") })
    }

    @Test func aMalformedLevelNamesFileAndLine() throws {
        let errors = try #require(try loadAfterEditing("shaoxing/service-points.csv") {
            $0.replacingOccurrences(of: "车工|铣工|电工|钳工|焊工,高级工|技师|高级技师", with: "车工|铣工|电工|钳工|焊工,高级工|大师|高级技师")
        })
        #expect(errors.errors.contains { $0.file == "shaoxing/service-points.csv" && $0.line == 2 && $0.message.contains("大师") })
    }

    @Test func anAliasOfAnUnknownOccupationIsRejected() throws {
        let errors = try #require(try loadAfterEditing("aliases.csv") { $0 + "某旧名,不存在的职业,测试\n" })
        #expect(errors.errors.contains { $0.file == "aliases.csv" && $0.message.contains("不存在的职业") })
    }

    @Test func aMalformedCodeIsRejected() throws {
        let errors = try #require(try loadAfterEditing("hebei/occupation-series.csv") {
            $0.replacingOccurrences(of: "工程,23,电梯安装维护工,6-29-03-03,", with: "工程,23,电梯安装维护工,6-29-3-03,")
        })
        #expect(errors.errors.contains { $0.file == "hebei/occupation-series.csv" && $0.line == 2 })
    }
}
