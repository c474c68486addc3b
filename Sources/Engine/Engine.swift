import Domain
import PolicyData

/// The eligibility engine: a pure function of the policy base, a person, a jurisdiction and
/// a date. Built once (it indexes the rules per jurisdiction), then shared by every caller.
public struct Engine: Sendable {
    public let base: PolicyBase
    let books: [String: RuleBook]
    let honours: HonourMatcher
    let honourNames: [String: String]

    public init(base: PolicyBase) {
        self.base = base
        var books: [String: RuleBook] = [:]
        for jurisdiction in base.jurisdictions {
            books[jurisdiction.code] = RuleBook(base: base, jurisdiction: jurisdiction)
        }
        self.books = books
        honours = HonourMatcher(base.honours)
        honourNames = Dictionary(base.honours.honours.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    public func evaluate(_ request: EvaluationRequest) -> EvaluationResult {
        guard let book = books[request.jurisdiction] else {
            preconditionFailure("the request decoder admits only known jurisdictions")
        }
        var context = EvaluationContext(engine: self, book: book, request: request)
        let titleOptions = context.regularTitleOptions() + context.honourTitleOptions()
        let skillOptions = context.crossoverSkillOptions() + context.promotionSkillOptions()
        return EvaluationResult(
            jurisdiction: .init(code: book.jurisdiction.code, name: book.jurisdiction.name),
            asOf: request.asOf,
            policies: context.appliedPolicies(),
            titleOptions: titleOptions,
            skillOptions: skillOptions,
            warnings: context.warnings)
    }
}

/// The documents and rules of one jurisdiction's chain (the city and its province),
/// indexed once so that an evaluation only filters them by date.
struct RuleBook: Sendable {
    let jurisdiction: Jurisdiction
    /// Codes nearest first: 衢州, 浙江.
    let chain: [String]
    /// Documents of the chain that carry eligibility rules, nearest jurisdiction first.
    let documents: [PolicyDocument]
    let parameters: PolicyParameters

    init(base: PolicyBase, jurisdiction: Jurisdiction) {
        self.jurisdiction = jurisdiction
        chain = base.jurisdictionChain(jurisdiction.code).map(\.code)
        let ruleDocuments = Set(Self.ruleDocumentIDs(base))
        documents = chain.flatMap { code in
            base.documents.filter { $0.jurisdiction == code && (ruleDocuments.contains($0.id) || $0.forwards != nil) }
        }
        let ids = Set(documents.map(\.id))
        parameters = base.parameters.restricted(to: ids)
    }

    /// Documents that any rule, honour grant or table row cites.
    private static func ruleDocumentIDs(_ base: PolicyBase) -> [String] {
        let p = base.parameters
        return p.skillToTitle.map(\.document) + p.titleToSkill.map(\.document) + p.promotion.map(\.document)
            + base.honours.grants.map(\.document) + base.seriesMappings.map(\.source.document)
    }
}
