import ArgumentParser

@main
struct Guantong: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guantong",
        abstract: "贯通：技能人才与专业技术人才职业发展贯通的政策数据与评估。",
        subcommands: [ServeCommand.self, AdminCommand.self, EvaluateCommand.self, BatchCommand.self, SimulateCommand.self, GeneratePopulationCommand.self, CatalogCommand.self]
    )
}
