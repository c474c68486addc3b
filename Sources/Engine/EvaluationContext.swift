import Domain
import PolicyData

/// One evaluation in progress: the documents in force on `asOf`, the person's resolved
/// occupations, and the warnings gathered on the way.
struct EvaluationContext {
    let engine: Engine
    let book: RuleBook
    let request: EvaluationRequest
    var warnings: [String] = []
    /// Documents of the chain in force on `asOf` (an undated one counts, with a warning).
    let active: Set<String>
    let activeDocuments: [PolicyDocument]

    var base: PolicyBase { engine.base }
    var person: Person { request.person }
    var asOf: CalendarDate { request.asOf }
    var parameters: PolicyParameters { book.parameters }

    init(engine: Engine, book: RuleBook, request: EvaluationRequest) {
        self.engine = engine
        self.book = book
        self.request = request
        var active: [PolicyDocument] = []
        var warnings: [String] = []
        for document in book.documents {
            guard let from = document.effectiveFrom else {
                active.append(document)
                warnings.append("\(document.title)：\(document.effectiveNote) 以下结果假定该文件在 \(request.asOf) 已施行。")
                continue
            }
            if from <= request.asOf {
                active.append(document)
            } else {
                warnings.append("\(document.displayName)自 \(from) 起施行，\(request.asOf) 尚未施行，未予适用。")
            }
        }
        activeDocuments = active
        self.active = Set(active.map(\.id))
        self.warnings = warnings
    }

    // MARK: Documents

    func isActive(_ document: String) -> Bool { active.contains(document) }

    func name(_ document: String) -> String { base.document(document)?.displayName ?? document }

    /// The active document that prevails over `document` where they disagree, if any.
    func supersessor(of document: String) -> (PolicyDocument, Supersession)? {
        for later in activeDocuments {
            if let supersession = later.supersedes.first(where: { $0.document == document }) { return (later, supersession) }
        }
        return nil
    }

    func precedenceNote(superseded: String, clause: String, what: String) -> String? {
        guard let (later, supersession) = supersessor(of: superseded) else { return nil }
        return "\(name(superseded)) \(clause)\(what)；自 \(later.effectiveFrom.map { "\($0)" } ?? "其施行之日") 起，\(later.displayName) \(supersession.clause)“\(supersession.scope)”，故以\(later.displayName)为准。"
    }

    func cite(_ document: String, _ clause: String, _ quote: String) -> Citation {
        Citation(policy: document, clause: clause, quote: quote)
    }

    func appliedPolicies() -> [EvaluationResult.PolicyRef] {
        activeDocuments.map { .init(id: $0.id, number: $0.number, title: $0.title, effectiveFrom: $0.effectiveFrom) }
    }

    // MARK: Occupations

    struct ResolvedOccupation {
        let given: String?
        let canonical: String?
    }

    mutating func resolve(_ text: String?, field: String) -> ResolvedOccupation {
        guard let text else { return ResolvedOccupation(given: nil, canonical: nil) }
        if let match = base.resolveOccupation(text) {
            return ResolvedOccupation(given: text, canonical: match.occupation.name)
        }
        let suggestions = base.closestOccupations(to: text)
        let hint = suggestions.isEmpty ? "" : "最接近的名称：" + suggestions.joined(separator: "、")
        let warning = "未识别的职业（工种）「\(text)」（\(field)）。\(hint)"
        if !warnings.contains(warning) { warnings.append(warning) }
        return ResolvedOccupation(given: text, canonical: nil)
    }

    /// The rows of the most local active table that lists the occupation, for one direction.
    func seriesRows(for occupation: String, titleSide: Bool) -> (rows: [SeriesMapping], others: [SeriesMapping]) {
        let rows = base.mappings(forOccupation: occupation).filter { mapping in
            isActive(mapping.source.document)
                && (mapping.direction == .both || mapping.direction == (titleSide ? .skillToTitle : .titleToSkill))
        }
        for code in book.chain {
            let local = rows.filter { base.document($0.source.document)?.jurisdiction == code }
            if !local.isEmpty { return (local, rows.filter { base.document($0.source.document)?.jurisdiction != code }) }
        }
        return ([], [])
    }

    func rowNote(_ mapping: SeriesMapping) -> String {
        let specialty = mapping.specialty.map { "（\($0)）" } ?? ""
        let printed = mapping.printedName == mapping.occupation ? "" : "（表中作「\(mapping.printedName)」）"
        return "\(name(mapping.source.document)) \(mapping.source.location)\(printed)：对应\(mapping.series.joined(separator: "或"))\(specialty)系列。"
    }

    /// Where no active table lists the occupation: who decides, and any missing pages.
    func unlistedNotes() -> [String] {
        var notes = parameters.unlistedOccupations.filter { isActive($0.document) }.map { "\(name($0.document)) \($0.clause)：\($0.quote)。" }
        let gaps = base.tableGaps.filter { isActive($0.document) && $0.kind == .missingRows }
        if let first = gaps.first {
            let ranges = gaps.map { gap in "\(gap.series)系列第" + (gap.toRow.map { "\(gap.fromRow)–\($0)行" } ?? "\(gap.fromRow)行以后") }
            notes.append("\(name(first.document))附件有缺页（\(ranges.joined(separator: "、"))缺失），此职业可能列于缺失部分，无法据现有文本确定。")
        }
        if notes.isEmpty { notes.append("本地区文件的对应表未列此职业（工种），文件亦未规定由谁确定。") }
        return notes
    }

    // MARK: Notes that apply to every option

    func personNotes(titleSide: Bool) -> [String] {
        var notes: [String] = []
        if titleSide, person.publicInstitutionStaff == true {
            notes += parameters.publicInstitutionStaff.filter { isActive($0.document) }.map { "\(name($0.document)) \($0.clause)：\($0.quote)。" }
        }
        if titleSide, let level = person.education?.level, level.isSkillSchoolClass {
            for provision in parameters.skillSchoolEquivalence where isActive(provision.document) {
                if let pair = provision.equivalents.first(where: { EducationLevel(name: $0.schoolClass) == level }) {
                    notes.append("\(name(provision.document)) \(provision.clause)：\(level.rawValue)毕业按相当于\(pair.education)学历对待（\(provision.purpose)）。")
                }
            }
        }
        return notes
    }

    func routingNotes(_ direction: RoutingProvision.Direction, titleLevel: TitleLevel? = nil, skillLevel: SkillLevel? = nil, includeShaoxing: Bool) -> (committee: CommitteeRef?, notes: [String]) {
        var committee: CommitteeRef?
        var notes: [String] = []
        for provision in parameters.routing where provision.direction == direction && isActive(provision.document) {
            if let levels = provision.titleLevels, let titleLevel, !levels.contains(titleLevel) { continue }
            if let levels = provision.skillLevels, let skillLevel, !levels.contains(skillLevel) { continue }
            if provision.document == "sx-2019-64" && !includeShaoxing { continue }
            if let name = provision.committee, committee == nil {
                committee = CommitteeRef(name: name, host: provision.host, phone: nil)
            }
            notes.append("\(self.name(provision.document)) \(provision.clause)：\(provision.quote)。")
        }
        return (committee, notes)
    }
}
