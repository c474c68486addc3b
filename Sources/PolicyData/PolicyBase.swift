import Domain

/// All policy data, validated and indexed: loaded once at start-up, then read by any
/// number of evaluations at once.
public struct PolicyBase: Sendable {
    public let jurisdictions: [Jurisdiction]
    public let documents: [PolicyDocument]
    public let occupations: [Occupation]
    public let aliases: [OccupationAlias]
    public let seriesMappings: [SeriesMapping]
    public let committees: [Committee]
    public let providers: [Provider]
    public let questionBank: [QuestionBankEntry]
    public let tableGaps: [TableGap]
    public let honours: HonourCatalog
    public let parameters: PolicyParameters
    /// Pinyin initials of the characters in occupation names, for search ("cg" → 车工).
    public let pinyinInitials: [Character: String]
    /// Row counts per data table, keyed by the table's file.
    public let tableSizes: [(table: String, rows: Int)]

    private let documentIndex: [String: Int]
    private let occupationIndex: [String: Int]
    private let codeIndex: [String: Int]
    private let aliasIndex: [String: Int]
    private let mappingsByOccupation: [String: [Int]]
    private let providersByOccupation: [String: [Int]]
    private let questionBankByOccupation: [String: Int]
    /// Every name and alias prepared for similarity, with the occupation it stands for.
    private let similarityIndex: [(NameSimilarity.Prepared, String)]

    init(
        jurisdictions: [Jurisdiction], documents: [PolicyDocument], occupations: [Occupation],
        aliases: [OccupationAlias], seriesMappings: [SeriesMapping], committees: [Committee],
        providers: [Provider], questionBank: [QuestionBankEntry], tableGaps: [TableGap],
        honours: HonourCatalog, parameters: PolicyParameters, pinyinInitials: [Character: String],
        tableSizes: [(table: String, rows: Int)]
    ) {
        self.pinyinInitials = pinyinInitials
        self.jurisdictions = jurisdictions
        self.documents = documents
        self.occupations = occupations
        self.aliases = aliases
        self.seriesMappings = seriesMappings
        self.committees = committees
        self.providers = providers
        self.questionBank = questionBank
        self.tableGaps = tableGaps
        self.honours = honours
        self.parameters = parameters
        self.tableSizes = tableSizes
        documentIndex = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        occupationIndex = Dictionary(occupations.enumerated().map { (NameKey.normalize($1.name), $0) }, uniquingKeysWith: { first, _ in first })
        codeIndex = Dictionary(occupations.enumerated().compactMap { index, occupation in occupation.code.map { ($0, index) } }, uniquingKeysWith: { first, _ in first })
        aliasIndex = Dictionary(aliases.enumerated().map { (NameKey.normalize($1.alias), $0) }, uniquingKeysWith: { first, _ in first })
        mappingsByOccupation = Dictionary(grouping: seriesMappings.indices.filter { seriesMappings[$0].occupation != nil }) { seriesMappings[$0].occupation! }
        providersByOccupation = Dictionary(grouping: providers.indices) { providers[$0].occupation }
        questionBankByOccupation = Dictionary(questionBank.enumerated().map { ($1.occupation, $0) }, uniquingKeysWith: { first, _ in first })
        similarityIndex = occupations.map { (NameSimilarity.Prepared(NameKey.normalize($0.name)), $0.name) }
            + aliases.map { (NameSimilarity.Prepared(NameKey.normalize($0.alias)), $0.occupation) }
    }

    /// The same data with some rules replaced: what a policy simulation evaluates under.
    /// The replacements are not checked against the documents (they are proposals).
    public func replacing(parameters: PolicyParameters? = nil, honours: HonourCatalog? = nil, seriesMappings: [SeriesMapping]? = nil) -> PolicyBase {
        PolicyBase(
            jurisdictions: jurisdictions, documents: documents, occupations: occupations, aliases: aliases,
            seriesMappings: seriesMappings ?? self.seriesMappings, committees: committees, providers: providers,
            questionBank: questionBank, tableGaps: tableGaps, honours: honours ?? self.honours,
            parameters: parameters ?? self.parameters, pinyinInitials: pinyinInitials, tableSizes: tableSizes)
    }

    /// Loads and validates the data shipped with the package.
    public static func bundled() throws -> PolicyBase {
        try PolicyDataLoader(sources: [DataSource.bundled()]).load()
    }

    /// Loads and validates the data files in a directory laid out like the bundled one, with
    /// the entries of any extra folders added (each checked with the rest).
    public static func load(from source: DataSource, adding extras: [DataSource] = []) throws -> PolicyBase {
        try PolicyDataLoader(sources: [source] + extras).load()
    }

    // MARK: Lookups

    public func document(_ id: String) -> PolicyDocument? {
        documentIndex[id].map { documents[$0] }
    }

    public func jurisdiction(_ code: String) -> Jurisdiction? {
        jurisdictions.first { $0.code == code || $0.name == code }
    }

    /// The jurisdiction and the ones above it, nearest first (衢州 → 浙江).
    public func jurisdictionChain(_ code: String) -> [Jurisdiction] {
        var chain: [Jurisdiction] = []
        var next = jurisdiction(code)
        while let current = next, !chain.contains(current) {
            chain.append(current)
            next = current.parent.flatMap { jurisdiction($0) }
        }
        return chain
    }

    /// How a name or code given by a person resolved.
    public struct OccupationMatch: Sendable, Hashable {
        public enum Via: String, Sendable { case name, alias, code }
        public let occupation: Occupation
        public let via: Via
        /// The alias entry when the match went through one.
        public let alias: OccupationAlias?
    }

    /// Resolves a canonical name, a known alias or a national code.
    public func resolveOccupation(_ text: String) -> OccupationMatch? {
        let trimmed = text.trimmingWhitespace
        if NameKey.isOccupationCode(trimmed), let index = codeIndex[trimmed] {
            return OccupationMatch(occupation: occupations[index], via: .code, alias: nil)
        }
        let key = NameKey.normalize(trimmed)
        if let index = occupationIndex[key] {
            return OccupationMatch(occupation: occupations[index], via: .name, alias: nil)
        }
        if let aliasIndex = aliasIndex[key] {
            let alias = aliases[aliasIndex]
            if let index = occupationIndex[NameKey.normalize(alias.occupation)] {
                return OccupationMatch(occupation: occupations[index], via: .alias, alias: alias)
            }
        }
        return nil
    }

    public func mappings(forOccupation name: String) -> [SeriesMapping] {
        (mappingsByOccupation[name] ?? []).map { seriesMappings[$0] }
    }

    public func providers(forOccupation name: String) -> [Provider] {
        (providersByOccupation[name] ?? []).map { providers[$0] }
    }

    public func questionBankEntry(forOccupation name: String) -> QuestionBankEntry? {
        questionBankByOccupation[name].map { questionBank[$0] }
    }

    /// The aliases that name an occupation.
    public func aliases(of occupation: String) -> [OccupationAlias] {
        aliases.filter { $0.occupation == occupation }
    }

    /// Occupations plausibly the same work as `name`, never on look-alike characters alone:
    /// one name (or an alias of it) contains the other, or both carry national codes of one
    /// family (the same first three parts, 6-18-01-xx). Containment first, then the family.
    public func plausiblyRelatedOccupations(to name: String) -> [String] {
        let key = NameKey.normalize(name)
        let ownNames = [key] + aliases.filter { $0.occupation == name }.map { NameKey.normalize($0.alias) }
        func family(_ code: String?) -> Substring? {
            guard let code else { return nil }
            let parts = code.split(separator: "-")
            return parts.count == 4 ? code.dropLast(parts[3].count + 1) : nil
        }
        let ownFamily = family(occupations.first { $0.name == name }?.code)
        var containing: [String] = [], sameFamily: [String] = []
        for occupation in occupations where occupation.name != name {
            let candidates = [NameKey.normalize(occupation.name)] + aliases.filter { $0.occupation == occupation.name }.map { NameKey.normalize($0.alias) }
            let contains = candidates.contains { other in
                ownNames.contains { own in
                    let (short, long) = own.count <= other.count ? (own, other) : (other, own)
                    return short.count >= 2 && long.contains(short)
                }
            }
            if contains {
                containing.append(occupation.name)
            } else if let ownFamily, family(occupation.code) == ownFamily {
                sameFamily.append(occupation.name)
            }
        }
        return containing + sameFamily
    }

    /// Catalogue names (aliases count as their occupation) closest to what was typed.
    public func closestOccupations(to query: String, limit: Int = 5) -> [String] {
        let target = NameSimilarity.Prepared(NameKey.normalize(query))
        var best: [String: Double] = [:]
        for (candidate, name) in similarityIndex {
            let score = NameSimilarity.score(target, candidate)
            if score >= 0.3, score > (best[name] ?? 0) { best[name] = score }
        }
        return best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
    }
}
