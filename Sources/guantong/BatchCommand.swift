import ArgumentParser
import Batch
import Domain
import Engine
import Foundation
import Server

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "批量评估：每行一人（CSV），按原顺序输出每人最好的职称与技能评价方向。")

    @OptionGroup var place: PlaceAndDate

    @Argument(help: "输入 CSV（UTF-8，有表头，可带 BOM）；结果写到标准输出。")
    var input: String

    func run() throws {
        let base = try Terminal.loadPolicyBase()
        let (code, date) = try place.resolve(base)
        guard let handle = FileHandle(forReadingAtPath: input) else {
            throw Terminal.fail("无法读取输入文件「\(input)」", status: 1)
        }
        let runner = BatchRunner(engine: Engine(base: base), jurisdiction: code, asOf: date)
        let output = FileHandle.standardOutput
        let showProgress = isatty(STDERR_FILENO) != 0
        do {
            let summary = try runner.run(input: handle, write: { output.write(Data($0)) }, progress: showProgress ? { rows in
                FileHandle.standardError.write(Data("\r已处理 \(rows) 行".utf8))
            } : nil)
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            Terminal.printError("完成：\(summary.rows) 行，其中 \(summary.errors) 行有误（见 error 列）。")
        } catch let failure as BatchRunner.Failure {
            throw Terminal.fail(failure.description, status: 1)
        }
    }
}
