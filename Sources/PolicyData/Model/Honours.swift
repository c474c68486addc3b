import Domain

/// An honour or award (荣誉/奖项) as the documents name it.
public struct Honour: Sendable, Codable, Hashable {
    public let id: String
    public let name: String
    /// Other ways the documents write it.
    public let variants: [String]
    /// Set for a provincial or city honour: a bare "省技术能手" means a different honour
    /// in 浙江 and in 河北, so variants match only within this jurisdiction.
    public let scope: String?
}

/// How an honour opens a title: 直接申报 or (committee) 认定.
public enum HonourRoute: String, Sendable, Codable {
    case directApply = "direct_apply"
    case directRecognition = "direct_recognition"
}

/// "Holders of these honours may apply for / be recognised at this title level", as one
/// document's clause says it.
public struct HonourGrant: Sendable, Codable, Hashable {
    public let document: String
    public let clause: String
    public let honour: String
    public let level: TitleTier
    public let route: HonourRoute
    /// The words of the clause naming the honour and what it allows.
    public let quote: String
    /// A further route the same clause opens on a condition, e.g. "专业对口的，可直接认定".
    public let recognitionIf: String?

    public init(document: String, clause: String, honour: String, level: TitleTier, route: HonourRoute, quote: String, recognitionIf: String? = nil) {
        self.document = document
        self.clause = clause
        self.honour = honour
        self.level = level
        self.route = route
        self.quote = quote
        self.recognitionIf = recognitionIf
    }
}

public struct HonourCatalog: Sendable, Codable, Hashable {
    public let honours: [Honour]
    public var grants: [HonourGrant]
}
