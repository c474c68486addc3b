/// One of the places whose documents the system implements. The set of codes is fixed
/// by the evaluation contract; names and nesting come from the data.
public struct Jurisdiction: Hashable, Sendable, Codable {
    public let code: String
    public let name: String
    /// The province whose measures also apply here (a city's parent), if any.
    public let parent: String?
    /// The long-distance area code (0570) for the local numbers the documents print, and
    /// where it comes from: an addition to the documents, stated as such.
    public let areaCode: String?
    public let areaCodeNote: String?

    public init(code: String, name: String, parent: String?, areaCode: String? = nil, areaCodeNote: String? = nil) {
        self.code = code
        self.name = name
        self.parent = parent
        self.areaCode = areaCode
        self.areaCodeNote = areaCodeNote
    }
}
