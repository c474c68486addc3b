import ArgumentParser
import Foundation
import PolicyData
import Server
import Vapor

/// The administrator's commands: organisations, officers, roles and password resets. Officers
/// and committee offices are created here, never by self-registration.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "管理机构、经办人员与角色（直接操作数据库；数据库选择与 serve 相同：DATABASE_URL 或 GUANTONG_SQLITE_PATH）。",
        subcommands: [CreateOrganisation.self, ListOrganisations.self, Qualify.self, CreateUser.self, Grant.self, Revoke.self, ResetPassword.self])

    /// Runs `body` with the administration of the configured database.
    static func withAdministration(_ data: DataOptions, _ body: (Administration) async throws -> Void) async throws {
        let base: PolicyBase
        do { base = try data.load() } catch { throw Terminal.dataFailure(error) }
        var environment = Environment(name: "production", arguments: ["guantong"])
        environment.arguments = ["guantong"]
        let app = try await Application.make(environment)
        app.logger.logLevel = .warning
        do {
            try await configureForAdministration(app, services: PolicyServices(base: base), database: DatabaseChoice.fromEnvironment())
            try await body(Administration(app))
        } catch let failure as Administration.Failure {
            try? await app.asyncShutdown()
            throw Terminal.fail(failure.description, status: 2)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The password from standard input (one line), so that it never appears in a process list or history.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw Terminal.fail("请从标准输入给出密码（一行），例如：printf '%s\\n' \"$PASSWORD\" | guantong admin …", status: 2)
        }
        return line
    }

    struct CreateOrganisation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-org", abstract: "新建机构，输出其编号。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "类别：employer、competent_department、hr_bureau、title_reform_office、committee、evaluation_organisation。") var kind: String
        @ArgumentParser.Option(help: "机构全称。") var name: String
        @ArgumentParser.Option(help: "所属地区代码（quzhou、shaoxing、hebei…）。") var jurisdiction: String
        @ArgumentParser.Option(help: "人力社保部门、职改办的层级：county、city、province；技能评价（鉴定）中心：city 或 province。") var level: String?
        @ArgumentParser.Option(help: "评审委员会：文件所列名称。") var committee: String?
        @ArgumentParser.Option(help: "用人单位的经办机构，角色=机构编号，可重复（如 competent_department=…）。") var handler: [String] = []
        @ArgumentParser.Option(help: "评价机构：文件所列名称（附件中的机构、准入类职业的部门、程序中的鉴定中心）；不写则按 --name。所覆盖的职业、工种、等级取自文件。") var provides: String?

        func run() async throws {
            var handlers: [String: String] = [:]
            for pair in handler {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw Terminal.fail("--handler 应写作 角色=机构编号：\(pair)", status: 2) }
                handlers[parts[0]] = parts[1]
            }
            try await AdminCommand.withAdministration(data) { admin in
                print(try await admin.createOrganisation(kind: kind, name: name, jurisdiction: jurisdiction, level: level, committee: committee, handlers: handlers,
                                                         provides: provides))
            }
        }
    }

    struct ListOrganisations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-orgs", abstract: "列出机构及其编号。")
        @OptionGroup var data: DataOptions

        func run() async throws {
            try await AdminCommand.withAdministration(data) { admin in
                for line in try await admin.organisations() {
                    print([line.id, line.jurisdiction, line.kind, line.level ?? "-", line.name, line.committee ?? ""].joined(separator: "\t"))
                    for covered in line.coverage { print("\t覆盖：" + covered) }
                }
            }
        }
    }

    struct Qualify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "qualify", abstract: "标记用人单位具备职业技能等级认定资质（自主评价企业）：职业、等级及依据。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "用人单位编号。") var org: String
        @ArgumentParser.Option(help: "职业（工种）名称。") var occupation: String
        @ArgumentParser.Option(help: "等级，逗号分隔（如 高级工,技师）。") var levels: String
        @ArgumentParser.Option(help: "资质的依据：备案文件或公告。") var source: String

        func run() async throws {
            try await AdminCommand.withAdministration(data) { admin in
                let covered = try await admin.qualify(organisation: org, occupation: occupation,
                                                      levels: levels.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init), source: source)
                for line in covered { print(line) }
            }
        }
    }

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-user", abstract: "新建经办人员账号（密码从标准输入读取）。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "用户名。") var username: String
        @ArgumentParser.Option(help: "姓名。") var name: String

        func run() async throws {
            let password = try AdminCommand.readPassword()
            try await AdminCommand.withAdministration(data) { admin in print(try await admin.createUser(username: username, displayName: name, password: password)) }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", abstract: "授予角色：用户在机构中担任的角色。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "用户名。") var user: String
        @ArgumentParser.Option(help: "机构编号。") var org: String
        @ArgumentParser.Option(help: "角色：employer、competent_department、county_hr_bureau、city_hr_bureau、title_reform_office、committee_office。") var role: String

        func run() async throws {
            try await AdminCommand.withAdministration(data) { admin in
                try await admin.grant(role: role, to: user, in: org)
                print("已授予 \(user)：\(role)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "撤销角色。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "用户名。") var user: String
        @ArgumentParser.Option(help: "机构编号。") var org: String
        @ArgumentParser.Option(help: "角色。") var role: String

        func run() async throws {
            try await AdminCommand.withAdministration(data) { admin in
                print(try await admin.revoke(role: role, from: user, in: org) ? "已撤销" : "该用户在此机构中没有这个角色")
            }
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "重设密码（从标准输入读取），该用户的所有会话随即失效。")
        @OptionGroup var data: DataOptions
        @ArgumentParser.Option(help: "用户名。") var user: String

        func run() async throws {
            let password = try AdminCommand.readPassword()
            try await AdminCommand.withAdministration(data) { admin in
                try await admin.resetPassword(user, to: password)
                print("已重设 \(user) 的密码")
            }
        }
    }
}
