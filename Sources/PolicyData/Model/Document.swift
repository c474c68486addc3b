import Domain

/// A policy document: its identity, its dates and the clauses the rules cite.
public struct PolicyDocument: Sendable, Codable, Hashable {
    public let id: String
    /// 文号, where the document has one.
    public let number: String?
    public let issuer: String
    public let title: String
    public let issuedOn: CalendarDate?
    /// The first day the document applies. Nil when neither its text nor its date of
    /// issue tells; `effectiveNote` then says so.
    public let effectiveFrom: CalendarDate?
    /// How `effectiveFrom` was read from the text.
    public let effectiveNote: String
    /// For an undated document, the earliest day its text permits (河北: its basis is
    /// numbered 2020); before it the document does not apply. `notBeforeNote` says why.
    public let notBefore: CalendarDate?
    public let notBeforeNote: String?
    public let jurisdiction: String
    /// A field the document is limited to (绍兴 64号: 工程技术领域); its conditions then
    /// apply only to the series of its own tables.
    public let fieldScope: String?
    /// The seed text the document was extracted from.
    public let source: String
    /// A document this one forwards unchanged (舟山 forwarding the provincial measures).
    public let forwards: String?
    /// A higher-level document this one implements.
    public let implements: String?
    public let supersedes: [Supersession]
    /// Documents cited but not in the corpus, kept so a citation can name them.
    public let references: [String]
    public var clauses: [Clause] = []

    enum CodingKeys: String, CodingKey {
        case id, number, issuer, title, issuedOn, effectiveFrom, effectiveNote, notBefore, notBeforeNote, jurisdiction, fieldScope, source
        case forwards, implements, supersedes, references
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        number = try c.decodeIfPresent(String.self, forKey: .number)
        issuer = try c.decode(String.self, forKey: .issuer)
        title = try c.decode(String.self, forKey: .title)
        issuedOn = try c.decodeIfPresent(CalendarDate.self, forKey: .issuedOn)
        effectiveFrom = try c.decodeIfPresent(CalendarDate.self, forKey: .effectiveFrom)
        effectiveNote = try c.decode(String.self, forKey: .effectiveNote)
        notBefore = try c.decodeIfPresent(CalendarDate.self, forKey: .notBefore)
        notBeforeNote = try c.decodeIfPresent(String.self, forKey: .notBeforeNote)
        jurisdiction = try c.decode(String.self, forKey: .jurisdiction)
        fieldScope = try c.decodeIfPresent(String.self, forKey: .fieldScope)
        source = try c.decode(String.self, forKey: .source)
        forwards = try c.decodeIfPresent(String.self, forKey: .forwards)
        implements = try c.decodeIfPresent(String.self, forKey: .implements)
        supersedes = try c.decodeIfPresent([Supersession].self, forKey: .supersedes) ?? []
        references = try c.decodeIfPresent([String].self, forKey: .references) ?? []
    }

    public func clause(_ id: String) -> Clause? { clauses.first { $0.id == id } }

    /// The name to show for the document: its 文号, else its title.
    public var displayName: String { number ?? title }
}

/// "A prevails over B where they disagree": the later or higher provision and its scope.
public struct Supersession: Sendable, Codable, Hashable {
    /// The superseded document when it is in the corpus.
    public let document: String?
    /// The superseded document's number as the text cites it.
    public let number: String?
    /// The clause of the superseding document that says so.
    public let clause: String
    public let scope: String
    /// What it overrides, item by item (a document in the corpus only): nothing else of
    /// the superseded document gives way.
    public let overrides: [Override]?

    /// One provision the later document prevails over.
    public struct Override: Sendable, Codable, Hashable {
        public let topic: Topic
        /// The superseded document's clause.
        public let clause: String
        /// The superseding document's clause that now governs.
        public let by: String
        /// What the provision is about, as a note names it (累计工作年限).
        public let what: String
    }

    /// The kinds of provision the engine knows how to set aside.
    public enum Topic: String, Sendable, Codable, CaseIterable {
        /// 职称 → 技能 rules (parameters.yaml titleToSkill).
        case titleToSkill
        /// The cumulative work years of those rules (cumulativeWorkYears).
        case cumulativeWorkYears
        /// Honours granting a title (honours.yaml grants): replaced where the later lists the same honour.
        case honourGrants
        /// Title levels left to a later notice (deferredTitleLevels).
        case deferredTitleLevels
    }
}

/// A numbered clause, in the document's own words.
public struct Clause: Sendable, Codable, Hashable {
    public let id: String
    public let heading: String?
    public let text: String
}

/// Where a table row comes from: the document, the attachment and the row within it.
public struct SourceRef: Sendable, Codable, Hashable, CustomStringConvertible {
    public let document: String
    public let table: String
    public let row: String
    /// The position of the occupation within the row's cell, for tables that list many in one cell.
    public let item: Int?

    public init(document: String, table: String, row: String, item: Int? = nil) {
        self.document = document
        self.table = table
        self.row = row
        self.item = item
    }

    /// "附件1 第1行第27项".
    public var location: String { "\(table) 第\(row)行" + (item.map { "第\($0)项" } ?? "") }

    public var description: String { "\(document) \(location)" }
}
