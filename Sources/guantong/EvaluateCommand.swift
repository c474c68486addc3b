import ArgumentParser
import Domain
import Engine
import Foundation

struct EvaluateCommand: ParsableCommand {
    @OptionGroup var data: DataOptions
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "按评估契约评估一个人：可申报的职称与可参加的技能评价（JSON 输入、JSON 输出）。")

    @Argument(help: "请求 JSON 文件；省略或写 - 时读标准输入。")
    var file: String?

    func run() throws {
        let input: Data
        if let file, file != "-" {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw Terminal.fail("无法读取文件「\(file)」", status: 2)
            }
            input = contents
        } else {
            input = FileHandle.standardInput.readDataToEndOfFile()
        }
        let base = try data.load()
        guard let json = JSONValue.parse(input) else {
            throw Terminal.fail(try Terminal.json(ProblemReport(title: "请求不是有效的 JSON", status: 400, errors: [])), status: 2)
        }
        do {
            let request = try RequestDecoder(base: base).decode(json, today: ChinaCalendar.today())
            print(String(decoding: Engine(base: base).evaluate(request).json(pretty: true), as: UTF8.self))
        } catch let failure as RequestErrors {
            throw Terminal.fail(try Terminal.json(ProblemReport(title: "请求有误", status: 422, errors: failure.errors)), status: 2)
        }
    }
}

/// The field errors, in the shape the HTTP API returns them (RFC 9457 problem details).
struct ProblemReport: Encodable {
    var type = "about:blank"
    let title: String
    /// The HTTP status the same request gets from the API (400: not JSON; 422: bad fields).
    let status: Int
    let errors: [FieldError]
}
