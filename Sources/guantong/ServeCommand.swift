import ArgumentParser
import Foundation
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

    @ArgumentParser.Flag(name: .long, help: "演示模式：在单独的数据库文件 guantong-demo.sqlite（每次启动重建，绝不使用正式数据库）中建立衢州、绍兴、河北的演示机构、经办人员、申报人和各阶段的申请。")
    var demo = false

    func run() async throws {
        let base = try data.load()
        var database = DatabaseChoice.fromEnvironment()
        if demo {
            let path = "guantong-demo.sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            database = .sqliteFile(path)
        }
        var environment = try Environment.detect(arguments: ["guantong", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            // Trusted proxies, and a load test's wider registration budget, come from the environment.
            try await configure(app, services: PolicyServices(base: base), database: database, security: SecuritySettings.fromEnvironment())
            if demo {
                let accounts = try await DemoData.seed(app)
                print("演示账号（密码均为 \(DemoData.password)），登录：http://\(hostname):\(port)/signin")
                for account in accounts { print("  \(account.username)\t\(account.role)\t\(account.name)") }
            }
            print("贯通服务已启动：http://\(hostname):\(port)/ （数据库：\(database.description)；API 说明：/openapi.json）")
            try await app.execute()
        } catch {
            await app.drainRequests()
            try? await app.asyncShutdown()
            throw error
        }
        // Requests being answered finish before the databases close.
        await app.drainRequests()
        try await app.asyncShutdown()
    }
}
