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

    /// The bundled policy data; a broken data set is reported file by file.
    static func loadPolicyBase() throws -> PolicyBase {
        do {
            return try PolicyBase.bundled()
        } catch {
            throw fail("政策数据加载失败 (policy data failed to load):\n\(error)", status: 3)
        }
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
