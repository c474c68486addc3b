import ArgumentParser
import Foundation
import PolicyData

/// Output and failure helpers shared by the subcommands.
enum Terminal {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Prints the message on standard error and ends with the given status.
    static func fail(_ message: String, status: Int32) -> ExitCode {
        printError(message)
        return ExitCode(status)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The bundled policy data; a broken data set is reported file by file.
    static func loadPolicyBase() throws -> PolicyBase {
        do {
            return try PolicyBase.bundled()
        } catch {
            throw fail("政策数据加载失败 (policy data failed to load):\n\(error)", status: 3)
        }
    }
}
