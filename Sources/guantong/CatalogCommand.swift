import ArgumentParser
import Catalog
import Domain
import Engine
import PolicyData

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "查询政策数据：职业（工种）、文件、各表行数。",
        subcommands: [OccupationCommand.self, DocumentsCommand.self, StatsCommand.self, ProcedureCommand.self]
    )
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "以 JSON 输出。")
    var json = false
}

extension CatalogCommand {
    struct OccupationCommand: ParsableCommand {
        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            commandName: "occupation",
            abstract: "职业（工种）：各地对应的职称系列、评审委员会、评价机构与题库目录。")

        @Argument(help: "职业名称、曾用名/简称，或国家职业编码（如 6-20-01-01）。")
        var nameOrCode: String

        @Option(name: .long, help: "只看一个地区：zhejiang, quzhou, zhoushan, shaoxing, hebei（或中文名）。")
        var jurisdiction: String?

        @Option(name: .long, help: "按层级给出评审委员会与评价机构的日期 YYYY-MM-DD（默认今天）。")
        var asOf: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalog = CatalogService(base: try data.load())
            let date = try asOf.map { try Terminal.inputDate($0, option: "--as-of") } ?? ChinaCalendar.today()
            do {
                let report = try catalog.occupation(nameOrCode, jurisdiction: jurisdiction, asOf: date)
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
        @OptionGroup var data: DataOptions
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
            let catalog = CatalogService(base: try data.load())
            let documents = catalog.documents(asOf: date).filter { date == nil || $0.status != .notYet }
            print(output.json ? try Terminal.json(documents) : CatalogText.documents(documents, asOf: date))
        }
    }

    struct StatsCommand: ParsableCommand {
        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(commandName: "stats", abstract: "每张数据表的行数。")

        @OptionGroup var output: OutputOptions

        func run() throws {
            let counts = CatalogService(base: try data.load()).stats()
            print(output.json ? try Terminal.json(counts) : CatalogText.stats(counts))
        }
    }
}

extension CatalogCommand {
    struct ProcedureCommand: ParsableCommand {
        @OptionGroup var data: DataOptions
        static let configuration = CommandConfiguration(
            commandName: "procedure", abstract: "申报流程：某地某日，职称评审或技能评价某一层级的步骤（由谁、做什么、依据的原文）。")

        @Option(name: .long, help: "地区：zhejiang, quzhou, zhoushan, shaoxing, hebei（或中文名）。")
        var jurisdiction: String

        @Option(name: .long, help: "title（职称评审）或 skill（技能评价）。")
        var direction: String

        @Option(name: .long, help: "职称层级（员级…正高级、助理工程师…）或技能等级（高级工、技师、二级…）。")
        var level: String?

        @Option(name: .long, help: "日期 YYYY-MM-DD，默认今天（中国）。")
        var asOf: String?

        @OptionGroup var output: OutputOptions

        func run() throws {
            let base = try data.load()
            let code = try Terminal.jurisdiction(jurisdiction, in: base)
            guard let way = Procedure.Direction(rawValue: direction) else { throw Terminal.fail("--direction 应为 title 或 skill", status: 2) }
            var titleLevel: TitleLevel?, skillLevel: SkillLevel?
            if let level {
                switch way {
                case .title:
                    guard let parsed = TitleLevel(name: level) else { throw Terminal.fail("不认识的职称层级「\(level)」", status: 2) }
                    titleLevel = parsed
                case .skill:
                    guard let parsed = SkillLevel(name: level) else { throw Terminal.fail("不认识的技能等级「\(level)」", status: 2) }
                    skillLevel = parsed
                }
            }
            let date = try asOf.map { try Terminal.inputDate($0, option: "--as-of") } ?? ChinaCalendar.today()
            let procedures = Engine(base: base).procedures(jurisdiction: code, asOf: date, direction: way, titleLevel: titleLevel, skillLevel: skillLevel) ?? []
            if output.json {
                print("[" + procedures.map { String(decoding: $0.json(), as: UTF8.self) }.joined(separator: ",") + "]")
                return
            }
            if procedures.isEmpty { print("施行中的文件未规定这一申报流程。") }
            for procedure in procedures {
                let name = base.document(procedure.policy)?.displayName ?? procedure.policy
                print("\(name) \(procedure.clause)" + (procedure.appliesTo.map { "（适用于：\($0)）" } ?? "") + "：")
                for (index, step) in procedure.steps.enumerated() {
                    print("  \(index + 1). \(step.actor) \(step.act)——「\(step.citation.quote)」")
                }
                if let deferral = procedure.deferral {
                    print("  其余步骤按当年度通知：「\(deferral.quote)」")
                } else if procedure.definedBy == Procedure.DefinedBy.annualNotice.rawValue {
                    print("  其余步骤：文件未作规定，以当年度评审计划为准。")
                }
                for note in procedure.notes { print("  另：\(note.clause)「\(note.quote)」") }
            }
        }
    }
}
