/// One of the places whose documents the system implements. The set of codes is fixed
/// by the evaluation contract; names and nesting come from the data.
public struct Jurisdiction: Hashable, Sendable, Codable {
    public let code: String
    public let name: String
    /// The province whose measures also apply here (a city's parent), if any.
    public let parent: String?

    public init(code: String, name: String, parent: String?) {
        self.code = code
        self.name = name
        self.parent = parent
    }
}
