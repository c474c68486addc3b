import ArgumentParser
import Catalog
import Domain
import PolicyData

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "查询政策数据：职业（工种）、文件、各表行数。",
        subcommands: [OccupationCommand.self, DocumentsCommand.self, StatsCommand.self]
    )
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "以 JSON 输出。")
    var json = false
}

extension CatalogCommand {
    struct OccupationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "occupation",
            abstract: "职业（工种）：各地对应的职称系列、评审委员会、评价机构与题库目录。")

        @Argument(help: "职业名称、曾用名/简称，或国家职业编码（如 6-20-01-01）。")
        var nameOrCode: String

        @Option(name: .long, help: "只看一个地区：zhejiang, quzhou, zhoushan, shaoxing, hebei（或中文名）。")
        var jurisdiction: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalog = CatalogService(base: try Terminal.loadPolicyBase())
            do {
                let report = try catalog.occupation(nameOrCode, jurisdiction: jurisdiction)
                print(output.json ? try Terminal.json(report) : CatalogText.occupation(report))
            } catch let unknown as UnknownOccupation {
                if output.json {
                    print(try Terminal.json(unknown))
                    throw ExitCode(1)
                }
                let hint = unknown.suggestions.isEmpty ? "" : "\n最接近的名称：" + unknown.suggestions.joined(separator: "、")
                throw Terminal.fail("未找到职业（工种）「\(nameOrCode)」。\(hint)", status: 1)
            } catch CatalogService.Failure.unknownJurisdiction(let code, let supported) {
                throw Terminal.fail("不支持的地区「\(code)」。可用：\(supported.joined(separator: ", "))", status: 2)
            }
        }
    }

    struct DocumentsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "documents", abstract: "政策文件及其在某日是否施行。")

        @Option(name: .long, help: "日期 YYYY-MM-DD：只列当日已施行（或施行日期不详）的文件。")
        var asOf: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            var date: CalendarDate?
            if let asOf {
                date = try Terminal.inputDate(asOf, option: "--as-of")
            }
            let catalog = CatalogService(base: try Terminal.loadPolicyBase())
            let documents = catalog.documents(asOf: date).filter { date == nil || $0.status != .notYet }
            print(output.json ? try Terminal.json(documents) : CatalogText.documents(documents, asOf: date))
        }
    }

    struct StatsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "每张数据表的行数。")

        @OptionGroup var output: OutputOptions

        func run() throws {
            let counts = CatalogService(base: try Terminal.loadPolicyBase()).stats()
            print(output.json ? try Terminal.json(counts) : CatalogText.stats(counts))
        }
    }
}
