import ArgumentParser
import Server
import Vapor

struct ServeCommand: AsyncParsableCommand {
    @OptionGroup var data: DataOptions
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动网页与 HTTP API 服务（默认 SQLite 文件；设置 DATABASE_URL 则用 PostgreSQL）。")

    @ArgumentParser.Option(name: .long, help: "监听地址。")
    var hostname = "127.0.0.1"

    @ArgumentParser.Option(name: .long, help: "端口。")
    var port = 8080

    func run() async throws {
        let base = try data.load()
        let database = DatabaseChoice.fromEnvironment()
        var environment = try Environment.detect(arguments: ["guantong", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            try await configure(app, services: PolicyServices(base: base), database: database)
            print("贯通服务已启动：http://\(hostname):\(port)/ （数据库：\(database.description)；API 说明：/openapi.json）")
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
