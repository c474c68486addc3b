import ArgumentParser
import Domain
import Engine
import Foundation
import PolicyData

/// Output and failure helpers shared by the subcommands.
enum Terminal {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints the message on standard error and ends with the given status.
    static func fail(_ message: String, status: Int32) -> ExitCode {
        printError(message)
        return ExitCode(status)
    }

    /// A date option held to the range every input date is held to; exit status 2 otherwise.
    static func inputDate(_ text: String, option: String) throws -> CalendarDate {
        do { return try CalendarDate.input(text) } catch { throw fail("\(option)：\(error.message(text))", status: 2) }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Exits with status 3, the data's problems listed file by file.
    static func dataFailure(_ error: any Error) -> ExitCode {
        fail("政策数据加载失败 (policy data failed to load):\n\(error)", status: 3)
    }
}

/// Which policy data to load: the bundled copy, or a maintained copy in a directory, with
/// any extra folders (a new city, a city's new table) added. Every copy is validated the
/// same way; a broken one ends with status 3, its problems listed.
struct DataOptions: ParsableArguments {
    @ArgumentParser.Option(name: .customLong("data"), help: "政策数据目录（与内置数据同样布局；默认内置数据，或环境变量 GUANTONG_DATA）。")
    var directory: String?

    @ArgumentParser.Option(name: .customLong("extra-data"), help: "追加的数据目录（新增城市或表格），可重复；也可用环境变量 GUANTONG_EXTRA_DATA（以 : 分隔）。")
    var extras: [String] = []

    func load() throws -> PolicyBase {
        let environment = ProcessInfo.processInfo.environment
        let directory = self.directory ?? environment["GUANTONG_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        let extras = self.extras.isEmpty ? (environment["GUANTONG_EXTRA_DATA"] ?? "").split(separator: ":").map(String.init) : self.extras
        do {
            let main = try directory.map { DataSource(directory: try Self.folder($0)) } ?? DataSource.bundled()
            return try PolicyBase.load(from: main, adding: extras.map { DataSource.extra(try Self.folder($0)) })
        } catch {
            throw Terminal.dataFailure(error)
        }
    }

    private static func folder(_ path: String) throws -> URL {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw PolicyDataError(file: path, "not a directory")
        }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }
}

/// The jurisdiction and date a batch or simulation is evaluated for.
struct PlaceAndDate: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "地区：zhejiang, quzhou, zhoushan, shaoxing, hebei（或中文名）。")
    var jurisdiction: String?

    @ArgumentParser.Option(name: .long, help: "评估日期 YYYY-MM-DD（默认今天）。")
    var asOf: String?

    /// The jurisdiction's code and the date; a bad value ends with status 2.
    func resolve(_ base: PolicyBase, defaultJurisdiction: String? = nil) throws -> (code: String, date: CalendarDate) {
        guard let text = jurisdiction ?? defaultJurisdiction else { throw Terminal.fail("--jurisdiction 必填", status: 2) }
        let code = try Terminal.jurisdiction(text, in: base)
        guard let asOf else { return (code, ChinaCalendar.today()) }
        return (code, try Terminal.inputDate(asOf, option: "--as-of"))
    }
}

extension Terminal {
    /// A jurisdiction code or Chinese name; an unknown one ends with status 2.
    static func jurisdiction(_ text: String, in base: PolicyBase) throws -> String {
        guard let code = RequestDecoder.jurisdictionCode(text, in: base.jurisdictions) else {
            throw fail("不支持的地区「\(text)」。可用：\(base.jurisdictions.map(\.code).joined(separator: ", "))", status: 2)
        }
        return code
    }
}
