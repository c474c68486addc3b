import ArgumentParser
import Batch
import Engine
import Foundation

struct GeneratePopulationCommand: ParsableCommand {
    @OptionGroup var data: DataOptions
    static let configuration = CommandConfiguration(
        commandName: "generate-population",
        abstract: "生成合成人口（批量 CSV 格式），用于测试与基准；同一种子生成同一文件。")

    @ArgumentParser.Option(name: .long, help: "行数。")
    var rows: Int

    @ArgumentParser.Option(name: .long, help: "随机种子。")
    var seed: UInt64 = 1

    @ArgumentParser.Option(name: .long, help: "只从该地区文件所列职业中抽取。")
    var jurisdiction: String?

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows 不能为负数") }
    }

    func run() throws {
        let base = try data.load()
        let code = try jurisdiction.map { try Terminal.jurisdiction($0, in: base) }
        var generator = PopulationGenerator(base: base, jurisdiction: code, seed: seed)
        let output = FileHandle.standardOutput
        generator.write(rows: rows) { output.write(Data($0)) }
    }
}
