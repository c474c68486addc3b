import Foundation

/// Where the data files are read from: the bundled resources, or a directory (tests
/// point it at a copy they have broken on purpose).
public struct DataSource: Sendable {
    public let directory: URL
    /// Put before a file's name in problems: empty for the main folder, the directory for an
    /// extra one, so a reviewer knows which copy to fix.
    let label: String

    public init(directory: URL) {
        self.init(directory: directory, label: "")
    }

    init(directory: URL, label: String) {
        self.directory = directory
        self.label = label
    }

    /// A folder whose entries are added to the main data (a new city, a city's new table).
    public static func extra(_ directory: URL) -> DataSource {
        DataSource(directory: directory, label: directory.path + "/")
    }

    /// The data shipped inside the package.
    public static func bundled() throws -> DataSource {
        guard let url = Bundle.module.url(forResource: "Data", withExtension: nil) else {
            throw PolicyDataError(file: "Data", "the bundled policy data is missing from the build")
        }
        return DataSource(directory: url)
    }

    func text(_ relativePath: String) throws -> String {
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw PolicyDataError(file: relativePath, "file not found")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyDataError(file: relativePath, "not valid UTF-8")
        }
        return text
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(relativePath).path)
    }

    func files(in folder: String, withExtension ext: String) -> [String] {
        let url = directory.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
    }

    /// The folders directly inside the directory.
    func folders() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }
}
