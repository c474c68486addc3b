import ArgumentParser
import Batch
import Domain
import Engine
import Foundation
import Spreadsheet

struct BatchCommand: ParsableCommand {
    @OptionGroup var data: DataOptions
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "批量评估：每行一人（CSV 或 .xlsx），按原顺序输出每人最好的职称与技能评价方向。")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xlsx
    }

    @OptionGroup var place: PlaceAndDate

    @Argument(help: "输入文件：CSV（UTF-8，有表头，可带 BOM）或 .xlsx（第一个工作表，有表头）。")
    var input: String

    @ArgumentParser.Option(name: [.short, .long], help: "结果文件（默认写到标准输出）。")
    var output: String?

    @ArgumentParser.Option(name: .long, help: "结果格式：csv 或 xlsx（默认按 --output 的扩展名，否则与输入相同）。")
    var format: Format?

    @Flag(name: .long, help: "逐行单独评估，不按情形复用结果（较慢，结果相同；用于核对）。")
    var rowByRow = false

    @Flag(name: .long, help: "单位批量自测报告：接受中文表头（工号、职业（工种）、技能等级、取得日期…）与 2020/5/1 等日期写法，每人每个方向一行、中文说明（默认 .xlsx）。")
    var report = false

    @Flag(name: .long, help: "写出单位批量自测的模板（中文表头与示例行）到 --output 后退出。")
    var template = false

    func run() throws {
        if template { return try writeTemplate() }
        let base = try data.load()
        let (code, date) = try place.resolve(base)
        if report { return try runReport(engine: Engine(base: base), jurisdiction: code, asOf: date) }
        var runner = BatchRunner(engine: Engine(base: base), jurisdiction: code, asOf: date)
        runner.answersBySituation = !rowByRow
        let source: BatchRunner.Input
        do { source = try BatchRunner.open(path: input) } catch let failure as BatchRunner.Failure {
            throw Terminal.fail(failure.description, status: 1)
        }
        let format = format ?? output.flatMap { Format(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) } ?? (source.isWorkbook ? .xlsx : .csv)
        if format == .xlsx, output == nil, isatty(STDOUT_FILENO) != 0 {
            throw Terminal.fail(".xlsx 结果是二进制文件：请用 --output 指定文件，或把标准输出重定向到文件。", status: 2)
        }
        let showProgress = isatty(STDERR_FILENO) != 0
        let progress: ((Int) -> Void)? = showProgress ? { rows in FileHandle.standardError.write(Data("\r已处理 \(rows) 行".utf8)) } : nil
        do {
            let summary: BatchRunner.Summary
            switch format {
            case .csv:
                let sink = try output.map(Self.create) ?? FileHandle.standardOutput
                summary = try runner.run(input: source, output: .csv { try Self.write($0, to: sink.fileDescriptor) }, progress: progress)
                if output != nil { try sink.close() }
            case .xlsx:
                // A workbook is a ZIP, written whole at the end: to the file, or through a temporary one to standard output.
                let target = output.map { URL(fileURLWithPath: $0) }
                    ?? FileManager.default.temporaryDirectory.appendingPathComponent("guantong-batch-\(UUID().uuidString).xlsx")
                let writer = try XLSXWriter(url: target)
                summary = try runner.run(input: source, output: .rows(writer.append(row:)), progress: progress)
                try writer.finish()
                if output == nil {
                    defer { try? FileManager.default.removeItem(at: target) }
                    let workbook = try FileHandle(forReadingFrom: target)
                    while let chunk = try workbook.read(upToCount: 1 << 20), !chunk.isEmpty { FileHandle.standardOutput.write(chunk) }
                }
            }
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            Terminal.printError("完成：\(summary.rows) 行，其中 \(summary.errors) 行有误（见 error 列）。")
        } catch let failure as BatchRunner.Failure {
            throw Terminal.fail(failure.description, status: 1)
        } catch let failure as XLSXError {
            throw Terminal.fail(failure.description, status: 1)
        }
    }

    private func writeTemplate() throws {
        guard let output else { throw Terminal.fail("--template 需要 --output 指定文件（.xlsx 或 .csv）", status: 2) }
        try Self.writeRows(BulkReport.templateRows, to: output)
        Terminal.printError("模板已写入 \(output)")
    }

    /// The employer's report: every option of every person, in Chinese.
    private func runReport(engine: Engine, jurisdiction: String, asOf: CalendarDate) throws {
        guard let output else { throw Terminal.fail("--report 需要 --output 指定结果文件（.xlsx 或 .csv）", status: 2) }
        let source: BatchRunner.Input
        do { source = try BatchRunner.open(path: input) } catch let failure as BatchRunner.Failure {
            throw Terminal.fail(failure.description, status: 1)
        }
        var rows: [[String]] = []
        do {
            let summary = try BulkReport(engine: engine, jurisdiction: jurisdiction, asOf: asOf).run(input: source, write: { rows.append($0) })
            try Self.writeRows(rows, to: output)
            Terminal.printError("完成：\(summary.people) 人，\(summary.options) 个方向，\(summary.errors) 人的行有误（见“错误”列）。")
        } catch let failure as BulkReport.Failure {
            throw Terminal.fail(failure.description, status: 1)
        }
    }

    /// Rows to an .xlsx workbook, or to CSV when the name ends in .csv.
    static func writeRows(_ rows: [[String]], to path: String) throws {
        if path.lowercased().hasSuffix(".csv") {
            guard FileManager.default.createFile(atPath: path, contents: Data(BulkReport.csv(rows))) else { throw Terminal.fail("无法写入「\(path)」", status: 1) }
            return
        }
        let writer = try XLSXWriter(url: URL(fileURLWithPath: path))
        for row in rows { try writer.append(row: row) }
        try writer.finish()
    }

    /// Writes the bytes as they are (no copy into `Data`), however many calls it takes.
    private static func write(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Terminal.fail("无法写入结果：\(String(cString: strerror(errno)))", status: 1)
                }
                offset += written
            }
        }
    }

    private static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw Terminal.fail("无法写入结果文件「\(path)」", status: 1)
        }
        return handle
    }
}
