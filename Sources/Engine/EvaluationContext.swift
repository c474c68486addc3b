import Domain
import PolicyData

/// One evaluation in progress: which of the chain's documents are in force on `asOf`,
/// the person's resolved occupations, and the warnings gathered on the way.
final class EvaluationContext {
    let engine: Core
    let book: RuleBook
    let request: EvaluationRequest
    var warnings: [String] = []
    /// The annual-assessment conditions, the same for every option of one evaluation.
    lazy var assessmentConditions: [(doc: Int, condition: Condition)] = book.annualAssessment.filter { isActive($0.doc) }.map { ($0.doc, annualAssessment($0)) }
    /// Continuing-education conditions by rule and band, built on first use.
    /// Small caches, searched linearly: an evaluation fills a handful of entries at most.
    var educationConditions: [(key: EducationKey, condition: Condition?)] = []
    var routingCache: [(key: Int, committee: CommitteeRef?, notes: [String])] = []

    struct EducationKey: Hashable {
        let rule: ObjectIdentifier
        let band: Int
    }
    /// Bit i set: the chain's document i is in force on `asOf` (an undated one counts, with a warning).
    let active: UInt64
    /// Per topic (`Supersession.Topic` order), bit i set: that provision of document i gives
    /// way to a later document in force.
    let overridden: [UInt64]
    /// Each skill certificate's occupation, resolved once.
    let skillOccupations: [ResolvedOccupation]
    let currentOccupation: ResolvedOccupation

    var base: PolicyBase { engine.base }
    var person: Person { request.person }
    var asOf: CalendarDate { request.asOf }

    init(engine: Core, book: RuleBook, request: EvaluationRequest) {
        self.engine = engine
        self.book = book
        self.request = request
        var active: UInt64 = 0
        var warnings: [String] = []
        for (index, document) in book.documents.enumerated() {
            guard let from = document.effectiveFrom else {
                if let earliest = document.notBefore, request.asOf < earliest {
                    warnings.append("\(document.title)：\(document.notBeforeNote ?? "文本所许的最早施行日期为 \(earliest)")；\(request.asOf) 早于 \(earliest)，未予适用。")
                    continue
                }
                active |= 1 << index
                warnings.append("\(document.title)：\(document.effectiveNote) 以下结果假定该文件在 \(request.asOf) 已施行。")
                continue
            }
            if from <= request.asOf {
                active |= 1 << index
            } else {
                warnings.append("\(document.displayName)自 \(from) 起施行，\(request.asOf) 尚未施行，未予适用。")
            }
        }
        overridden = book.overriddenBy.map { laterByDoc in
            var mask: UInt64 = 0
            for (index, later) in laterByDoc.enumerated() {
                if let later, active & (1 << later.doc) != 0 { mask |= 1 << index }
            }
            return mask & active
        }
        self.active = active
        skillOccupations = request.person.skills.enumerated().map { index, skill in
            Self.resolve(skill.occupation, field: "person.skills[\(index)].occupation", engine: engine, book: book, warnings: &warnings)
        }
        currentOccupation = Self.resolve(request.person.currentOccupation, field: "person.currentOccupation", engine: engine, book: book, warnings: &warnings)
        self.warnings = warnings
    }

    @inline(__always) func isActive(_ doc: Int) -> Bool { active & (1 << doc) != 0 }

    @inline(__always) func isOverridden(_ doc: Int, _ topic: Supersession.Topic) -> Bool {
        overridden[RuleBook.topicIndex[topic]!] & (1 << doc) != 0
    }

    @inline(__always) func isOwnTablesOnly(_ doc: Int) -> Bool { book.ownTablesOnly & (1 << doc) != 0 }

    func appliedPolicies() -> [EvaluationResult.PolicyRef] {
        active == book.allActive ? book.policyRefs : book.policyRefs.indices.filter(isActive).map { book.policyRefs[$0] }
    }

    // MARK: Occupations

    struct ResolvedOccupation {
        let given: String?
        let canonical: String?
        /// What the chain's tables say about it (nil when they say nothing).
        let entry: RuleBook.OccupationEntry?
        var display: String? { canonical ?? given }
    }

    /// Resolves a name, alias or code; an unknown one is warned about, with the closest names.
    static func resolve(_ text: String?, field: String, engine: Core, book: RuleBook, warnings: inout [String]) -> ResolvedOccupation {
        guard let text else { return ResolvedOccupation(given: nil, canonical: nil, entry: nil) }
        guard let (canonical, entry) = lookup(text, engine: engine, book: book) else {
            let suggestions = engine.closestOccupations(to: text)
            let hint = suggestions.isEmpty ? "" : "最接近的名称：" + suggestions.joined(separator: "、")
            warnings.append("未识别的职业（工种）「\(text)」（\(field)）。\(hint)")
            return ResolvedOccupation(given: text, canonical: nil, entry: nil)
        }
        return ResolvedOccupation(given: text, canonical: canonical, entry: entry)
    }

    /// The canonical occupation and what the chain's tables say about it, or nil if unknown.
    static func lookup(_ text: String, engine: Core, book: RuleBook) -> (canonical: String, entry: RuleBook.OccupationEntry?)? {
        if let known = book.spellings[text] { return (known.canonical, known.entry) }
        guard let canonical = engine.canonicalOccupation(text) else { return nil }
        return (canonical, book.occupations[canonical])
    }

    /// The rows of the most local table in force that lists the occupation, and the others.
    func seriesRows(for entry: RuleBook.OccupationEntry?, titleSide: Bool) -> (rows: [RuleBook.RowEntry], others: [RuleBook.RowEntry]) {
        guard let entry else { return ([], []) }
        if active == book.allActive {
            return titleSide ? (entry.nearestTitleRows, entry.otherTitleRows) : (entry.nearestSkillRows, entry.otherSkillRows)
        }
        let rows = (titleSide ? entry.titleRows : entry.skillRows).filter { isActive($0.doc) }
        guard let nearest = rows.map(\.rank).min() else { return ([], []) }
        return (rows.filter { $0.rank == nearest }, rows.filter { $0.rank != nearest })
    }

    /// The first day any of the granting documents was in force (nil when none is dated), and
    /// the earliest date moved to it: no option opens before the document that grants it.
    func granted(by docs: [Int], earliest: CalendarDate?) -> (from: CalendarDate?, earliest: CalendarDate?) {
        var from: CalendarDate?
        for doc in docs {
            if let date = book.documents[doc].effectiveFrom, from.map({ date < $0 }) ?? true { from = date }
        }
        guard let from, let earliest else { return (from, earliest) }
        return (from, max(earliest, from))
    }

    /// Where no table in force lists the occupation: who decides, and any missing pages.
    func unlistedNotes() -> [String] {
        let notes = (book.unlisted + book.gapNotes).filter { isActive($0.doc) }.map(\.note)
        return notes.isEmpty ? ["本地区文件的对应表未列此职业（工种），文件亦未规定由谁确定。"] : notes
    }

    /// The provision for an occupation no table in force lists, else the title of the
    /// table in force that was searched (on the side asked about): never a document not in force.
    func unlistedCitation(titleSide: Bool) -> Citation {
        if let provision = book.unlisted.first(where: { isActive($0.doc) }) ?? book.gapNotes.first(where: { isActive($0.doc) }) {
            return provision.citation
        }
        let tables = book.tableCitations.filter { isActive($0.doc) }
        if let table = tables.first(where: { $0.titleSide == titleSide }) ?? tables.first { return table.citation }
        let document = book.documents.indices.first(where: isActive).map { book.documents[$0].id } ?? ""
        return Citation(policy: document, clause: "", quote: "")
    }

    /// The series the tables in force give for a title holder's occupation, normalised for
    /// matching, and the condition's text naming them.
    func skillSeries(_ entry: RuleBook.OccupationEntry, rows: [RuleBook.RowEntry], others: [RuleBook.RowEntry]) -> (keys: [String], text: String) {
        if active == book.allActive { return (entry.skillSeriesKeys, entry.seriesMatchText) }
        let series = (rows + others).flatMap(\.mapping.series).uniqued()
        return (series.map(NameKey.normalize), RuleBook.OccupationEntry.seriesMatchText(entry.name, series))
    }

    // MARK: Notes that apply to every title option

    func personNotes() -> [String] {
        var notes: [String] = []
        if person.publicInstitutionStaff == true {
            for provision in book.publicInstitution where isActive(provision.doc) { notes.append(provision.note) }
        }
        if let level = person.education?.level, level.isSkillSchoolClass {
            for equivalence in book.equivalences where isActive(equivalence.doc) && equivalence.level == level { notes.append(equivalence.note) }
        }
        return notes
    }

    /// How to apply for an option of a direction and level: the procedures of the documents in
    /// force that are for it (a field-limited document's only for its own rows and grants).
    func procedures(_ direction: Procedure.Direction, titleLevel: TitleLevel? = nil, skillLevel: SkillLevel? = nil, includeScoped: Bool) -> [ProcedureRef] {
        var refs: [ProcedureRef] = []
        for entry in book.procedures where entry.procedure.direction == direction && isActive(entry.doc) {
            if let levels = entry.procedure.titleLevels, let titleLevel, !levels.contains(titleLevel) { continue }
            if let levels = entry.procedure.skillLevels, let skillLevel, !levels.contains(skillLevel) { continue }
            if isOwnTablesOnly(entry.doc) && !includeScoped { continue }
            refs.append(entry.ref)
        }
        return refs
    }

    /// Routing for a direction and level, worked out once per evaluation.
    func routing(_ direction: RoutingProvision.Direction, titleLevel: TitleLevel? = nil, skillLevel: SkillLevel? = nil, includeScoped: Bool) -> (committee: CommitteeRef?, notes: [String]) {
        let key = (direction == .title ? 0 : 1000) + (titleLevel?.rawValue ?? 0) * 10 + (skillLevel?.rawValue ?? 0) * 100 + (includeScoped ? 1 : 0)
        if let cached = routingCache.first(where: { $0.key == key }) { return (cached.committee, cached.notes) }
        let answer = workOutRouting(direction, titleLevel: titleLevel, skillLevel: skillLevel, includeScoped: includeScoped)
        routingCache.append((key, answer.committee, answer.notes))
        return answer
    }

    private func workOutRouting(_ direction: RoutingProvision.Direction, titleLevel: TitleLevel?, skillLevel: SkillLevel?, includeScoped: Bool) -> (committee: CommitteeRef?, notes: [String]) {
        var committee: CommitteeRef?
        var notes: [String] = []
        for entry in book.routing where entry.provision.direction == direction && isActive(entry.doc) {
            if let levels = entry.provision.titleLevels, let titleLevel, !levels.contains(titleLevel) { continue }
            if let levels = entry.provision.skillLevels, let skillLevel, !levels.contains(skillLevel) { continue }
            if entry.scoped && !includeScoped { continue }
            if committee == nil { committee = entry.committee }
            notes.append(entry.note)
        }
        return (committee, notes)
    }
}
