/// Why the policy data could not be loaded: always names the file, and the line of the
/// offending row where there is one.
public struct PolicyDataError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Several problems found at once, so a reviewer fixes them in one pass.
public struct PolicyDataErrors: Error, CustomStringConvertible {
    public let errors: [PolicyDataError]

    public var description: String {
        "policy data is invalid (\(errors.count) problem\(errors.count == 1 ? "" : "s")):\n"
            + errors.map { "  " + $0.description }.joined(separator: "\n")
    }
}
