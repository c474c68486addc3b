import Foundation
import Testing

/// Runs the built `guantong` executable as a user would.
struct CLI {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        // The test bundle sits in the build products folder beside the executable.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("guantong").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("guantong")
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }
}

@Suite struct EvaluateCommandTests {
    let request = #"{"jurisdiction":"quzhou","asOf":"2024-06-30","person":{"skills":[{"occupation":"车工","level":"技师","obtainedOn":"2020-05-01"}]}}"#

    @Test func readsStandardInputAndPrintsTheResult() throws {
        let output = try CLI.run(["evaluate"], input: request)
        #expect(output.status == 0)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let options = try #require(result["titleOptions"] as? [[String: Any]])
        #expect(options.contains { $0["series"] as? String == "机电制造工程" && $0["level"] as? String == "中级" })
        #expect((result["jurisdiction"] as? [String: Any])?["name"] as? String == "衢州市")
    }

    @Test func readsAFileOrADash() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-request-\(UUID().uuidString).json")
        try request.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try CLI.run(["evaluate", file.path])
        let fromDash = try CLI.run(["evaluate", "-"], input: request)
        #expect(fromFile.status == 0 && fromDash.status == 0)
        #expect(fromFile.stdout == fromDash.stdout)
    }

    @Test func badFieldsExitWithStatusTwoAndTheFieldErrors() throws {
        let bad = #"{"jurisdiction":"quzhou","asOf":"2024-06-30","person":{"skills":[{"occupation":"车工","level":"技师","obtainedOn":"2024-07-01"}]}}"#
        let output = try CLI.run(["evaluate"], input: bad)
        #expect(output.status == 2)
        #expect(output.stdout.isEmpty)
        let problem = try #require(try JSONSerialization.jsonObject(with: Data(output.stderr.utf8)) as? [String: Any])
        let errors = try #require(problem["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["field"] as? String == "person.skills[0].obtainedOn" })
        #expect(problem["status"] as? Int == 422)
    }

    @Test func aBodyThatIsNotJsonExitsWithStatusTwo() throws {
        let output = try CLI.run(["evaluate"], input: "jurisdiction=quzhou")
        #expect(output.status == 2)
        #expect(output.stderr.contains("400"))
    }
}

@Suite struct CatalogCommandTests {
    @Test func anUnknownOccupationSuggestsAndExitsWithOne() throws {
        let output = try CLI.run(["catalog", "occupation", "电焊"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("焊工"))
    }

    @Test func anUnknownJurisdictionExitsWithTwo() throws {
        let output = try CLI.run(["catalog", "occupation", "车工", "--jurisdiction", "beijing"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("zhejiang"))
    }

    @Test func documentsAsOfADateAsJson() throws {
        let output = try CLI.run(["catalog", "documents", "--as-of", "2022-12-16", "--json"])
        #expect(output.status == 0)
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        let ids = Set(documents.compactMap { $0["id"] as? String })
        #expect(ids.contains("sx-2019-64") && !ids.contains("zj-2022-77"))
    }

    @Test func statsPrintEveryTable() throws {
        let output = try CLI.run(["catalog", "stats"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("zhejiang/occupation-series.csv") && output.stdout.contains("883"))
    }

    /// A city added as a folder of data files answers from the CLI; a broken folder is refused
    /// with its problems and status 3, as broken bundled data would be.
    @Test func anExtraDataFolderAddsACity() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/extra-city").path
        let output = try CLI.run(["catalog", "occupation", "溪山竹编工", "--jurisdiction", "xishan", "--extra-data", fixture])
        #expect(output.status == 0)
        #expect(output.stdout.contains("溪山市工艺美术专业中级职务评审委员会"))
        let missing = try CLI.run(["catalog", "stats", "--data", fixture + "/no-such-folder"])
        #expect(missing.status == 3 && missing.stderr.contains("not a directory"))
        // The fixture alone is not a whole data set: loading it as the main folder names what is missing.
        let partial = try CLI.run(["catalog", "stats", "--data", fixture])
        #expect(partial.status == 3 && partial.stderr.contains("honours.yaml: file not found"))
    }

    /// `catalog occupation` gives, level by level on a date, the committee the engine names.
    @Test func occupationRoutingIsGivenForTheDate() throws {
        let output = try CLI.run(["catalog", "occupation", "焊工", "--jurisdiction", "quzhou", "--as-of", "2024-06-30", "--json"])
        #expect(output.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let routing = try #require(((report["jurisdictions"] as? [[String: Any]])?.first)?["routing"] as? [String: Any])
        #expect(routing["asOf"] as? String == "2024-06-30")
        let titles = try #require(routing["titles"] as? [[String: Any]])
        #expect(titles.contains { $0["level"] as? String == "中级" && ($0["committee"] as? [String: Any])?["name"] as? String == "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会" })
        #expect(titles.contains { $0["level"] as? String == "副高级" && $0["committee"] == nil })
        let bad = try CLI.run(["catalog", "occupation", "焊工", "--as-of", "2024-02-30"])
        #expect(bad.status == 2)
    }
}
