// Callers of the engine speak its contract: importing Engine brings the request and result types.
@_exported import Contract
import Domain
import PolicyData
import Synchronization

/// The eligibility engine: a pure function of the policy base, a person, a jurisdiction and
/// a date. Built once (it prepares the rules of each jurisdiction), then shared by every caller.
public struct Engine: Sendable {
    let core: Core

    public var base: PolicyBase { core.base }

    public init(base: PolicyBase) {
        core = Core(base: base)
    }

    public func evaluate(_ request: EvaluationRequest) -> EvaluationResult {
        core.evaluate(request)
    }

    /// How to apply, in a jurisdiction on a date, for a direction and level: the procedures of
    /// the documents in force (the same ones every option of an evaluation carries). Nil for an
    /// unknown jurisdiction.
    public func procedures(jurisdiction: String, asOf: CalendarDate, direction: Procedure.Direction,
                           titleLevel: TitleLevel? = nil, skillLevel: SkillLevel? = nil) -> [ProcedureRef]? {
        guard let book = core.book(jurisdiction) else { return nil }
        let context = EvaluationContext(engine: core, book: book, request: EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf))
        return context.procedures(direction, titleLevel: titleLevel, skillLevel: skillLevel, includeScoped: true)
    }
}


/// The prepared rules, held by reference so an evaluation refers to them without copying.
final class Core: Sendable {
    let base: PolicyBase
    /// Each jurisdiction's rules, prepared on first use (a batch needs one of them).
    private let preparedBooks = Mutex<[String: RuleBook]>([:])
    private let jurisdictions: [String: Jurisdiction]
    let honours: HonourMatcher
    let honourNames: [String: String]
    /// Every name, alias and code exactly as the data writes it → canonical name; other
    /// spellings fall back to the normalising lookup.
    private let occupationNames: [String: String]
    /// Closest-name suggestions for names the tables do not list, kept once worked out.
    let suggestions = SuggestionMemo()

    init(base: PolicyBase) {
        self.base = base
        var names: [String: String] = [:]
        for occupation in base.occupations {
            names[occupation.name] = occupation.name
            if let code = occupation.code { names[code] = occupation.name }
        }
        for alias in base.aliases where names[alias.alias] == nil { names[alias.alias] = alias.occupation }
        occupationNames = names
        jurisdictions = Dictionary(base.jurisdictions.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        honours = HonourMatcher(base.honours)
        honourNames = Dictionary(base.honours.honours.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rule book of a jurisdiction code, or nil for an unknown code.
    func book(_ code: String) -> RuleBook? {
        if let prepared = preparedBooks.withLock({ $0[code] }) { return prepared }
        guard let jurisdiction = jurisdictions[code] else { return nil }
        let book = RuleBook(base: base, jurisdiction: jurisdiction, occupationNames: occupationNames)
        return preparedBooks.withLock { books in
            if let raced = books[code] { return raced }
            books[code] = book
            return book
        }
    }

    /// The names closest to `text` that `keep` admits (a pure function of the data, so kept).
    func closestOccupations(to text: String, scope: String = "", keep: (String) -> Bool = { _ in true }) -> [String] {
        suggestions.value(scope + "\u{1F}" + text) { base.closestOccupations(to: text).filter(keep) }
    }

    /// Occupations plausibly the same work as a known one that `keep` admits (kept per scope).
    func relatedOccupations(to name: String, scope: String, keep: (String) -> Bool) -> [String] {
        suggestions.value("related\u{1F}" + scope + "\u{1F}" + name) { Array(base.plausiblyRelatedOccupations(to: name).filter(keep).prefix(5)) }
    }

    /// The canonical occupation for a name, alias or code as a person wrote it.
    func canonicalOccupation(_ text: String) -> String? {
        occupationNames[text] ?? base.resolveOccupation(text)?.occupation.name
    }

    func evaluate(_ request: EvaluationRequest) -> EvaluationResult {
        guard let book = book(request.jurisdiction) else {
            // The request decoder admits only known codes; a caller that skips it gets an
            // answer that says so rather than a trap.
            return EvaluationResult(
                jurisdiction: .init(code: request.jurisdiction, name: request.jurisdiction), asOf: request.asOf,
                policies: [], titleOptions: [], skillOptions: [],
                warnings: ["不支持的地区「\(request.jurisdiction)」，未作评估。"])
        }
        let context = EvaluationContext(engine: self, book: book, request: request)
        // An occupation listed twice in one table row (directly or through an alias) yields
        // the same option twice: each answer is given once.
        let titleOptions = (context.regularTitleOptions() + context.honourTitleOptions()).uniqued()
        let skillOptions = (context.crossoverSkillOptions() + context.promotionSkillOptions()).uniqued()
        return EvaluationResult(
            jurisdiction: .init(code: book.jurisdiction.code, name: book.jurisdiction.name),
            asOf: request.asOf,
            policies: context.appliedPolicies(),
            titleOptions: titleOptions,
            skillOptions: skillOptions,
            warnings: context.warnings)
    }
}

/// Suggestions are the costliest part of an answer about an unlisted occupation, and a
/// batch asks about the same few hundred names again and again. Bounded, so arbitrary
/// input cannot grow it without end.
final class SuggestionMemo: Sendable {
    private let entries = Mutex<[String: [String]]>([:])
    private let capacity = 20_000

    func value(_ key: String, _ make: () -> [String]) -> [String] {
        if let known = entries.withLock({ $0[key] }) { return known }
        let made = make()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = made
        }
        return made
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each only the first time it occurs.
    func uniqued() -> [Element] {
        guard count > 1 else { return self }
        // A few options: comparing pairs stops at the first differing field, with no hashing.
        if count <= 24 {
            var kept: [Element] = []
            kept.reserveCapacity(count)
            for element in self where !kept.contains(element) { kept.append(element) }
            return kept.count == count ? self : kept
        }
        var seen = Set<Element>()
        seen.reserveCapacity(count)
        return filter { seen.insert($0).inserted }
    }
}
