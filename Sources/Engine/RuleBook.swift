import Domain
import PolicyData

/// The documents and rules of one jurisdiction's chain (the city and its province),
/// prepared once: every citation, note and table row an evaluation may need is built
/// here, so an evaluation only filters by date and copies references.
final class RuleBook: Sendable {
    let jurisdiction: Jurisdiction
    /// Codes nearest first: 衢州, 浙江.
    let chain: [String]
    /// Documents of the chain that carry eligibility rules, nearest jurisdiction first.
    let documents: [PolicyDocument]
    let policyRefs: [EvaluationResult.PolicyRef]
    /// The mask with every document in force, and the policies then (the common case).
    let allActive: UInt64
    /// Bit i set: document i is limited to a field, so its conditions apply only to its own table rows.
    let ownTablesOnly: UInt64
    /// Per topic (`Supersession.Topic`, in declaration order), per document: the later
    /// document of the chain that overrides that provision of it (documents.yaml `overrides`).
    let overriddenBy: [[Supersessor?]]

    let skillToTitle: [SkillToTitleEntry]
    let deferred: [DeferredEntry]
    let annualAssessment: [Ruled<AnnualAssessmentRule>]
    let continuingEducation: [EducationEntry]
    let titleToSkill: [TitleToSkillEntry]
    let cumulativeYears: [Ruled<CumulativeWorkYearsRule>]
    let promotion: [PromotionEntry]
    let theoryExemption: [Provision]
    let publicInstitution: [Provision]
    let equivalences: [(doc: Int, level: EducationLevel, note: String)]
    let unlisted: [Provision]
    let gapNotes: [Provision]
    /// Each document's correspondence tables, cited by their printed titles: for an answer
    /// about an occupation none of the tables in force lists.
    let tableCitations: [(doc: Int, titleSide: Bool, citation: Citation)]
    let routing: [RoutingEntry]
    let grants: [String: [GrantEntry]]
    let occupations: [String: OccupationEntry]
    /// Every spelling the data uses (name, alias, code) → the occupation, in one lookup.
    let spellings: [String: Resolution]
    let committees: [String: [CommitteeEntry]]
    /// Per document whose committee table serves some levels only: those levels, and the
    /// note for the others.
    let committeeLevels: [Int: (levels: [TitleLevel], note: @Sendable (TitleLevel) -> String)]
    /// Per document: what its recognitions rest on.
    let recognitionEvidence: [Provision]
    /// The title levels a skill certificate can lead to here (a rule's, or one left to a notice).
    var titleLevels: [TitleLevel] {
        Set(skillToTitle.map(\.rule.titleLevel) + deferred.map(\.level)).sorted()
    }
    /// The procedures of the chain's documents, prepared once.
    let procedures: [(doc: Int, procedure: Procedure, ref: ProcedureRef)]

    struct Supersessor: Sendable {
        let doc: Int
        let from: CalendarDate?
        /// "浙人社发〔2022〕77号 五“…以本办法为准”".
        let sentence: String
        let item: Supersession.Override
        /// The note shown where the overridden provision would have applied.
        let note: String
    }

    func overrider(_ topic: Supersession.Topic, of doc: Int) -> Supersessor? {
        overriddenBy[Self.topicIndex[topic]!][doc]
    }

    static let topicIndex = Dictionary(uniqueKeysWithValues: Supersession.Topic.allCases.enumerated().map { ($1, $0) })


    /// A rule with its document's index and its citation.
    final class Ruled<Rule: Sendable>: Sendable {
        let doc: Int
        let rule: Rule
        let citation: Citation

        init(doc: Int, rule: Rule, citation: Citation) {
            self.doc = doc
            self.rule = rule
            self.citation = citation
        }
    }

    /// A provision shown as a note (or cited by an unknown condition).
    final class Provision: Sendable {
        let doc: Int
        let note: String
        let citation: Citation

        init(doc: Int, note: String, citation: Citation) {
            self.doc = doc
            self.note = note
            self.citation = citation
        }
    }

    /// 职称 → 技能: the rule with its conditions that never change.
    final class TitleToSkillEntry: Sendable {
        let doc: Int
        let rule: TitleToSkillRule
        let citation: Citation
        let held: Condition
        /// "累计工作年限达到申报条件": the national standard decides (河北).
        let nationalYears: Condition?

        init(doc: Int, rule: TitleToSkillRule, citation: Citation) {
            self.doc = doc
            self.rule = rule
            self.citation = citation
            held = Condition(id: "title-held", text: "取得\(rule.titleLevel.name)职称", status: .met, citation: citation)
            nationalYears = rule.workYearsPerNationalStandard
                ? Condition(id: "cumulative-years", text: "累计工作年限达到申报条件（按该职业国家职业技能标准确定）", status: .unknown, citation: citation)
                : nil
        }
    }

    /// 继续教育: the rule, with the text of each band's threshold.
    final class EducationEntry: Sendable {
        let doc: Int
        let rule: ContinuingEducationRule
        let citation: Citation
        let bandTexts: [String]

        init(doc: Int, rule: ContinuingEducationRule, citation: Citation) {
            self.doc = doc
            self.rule = rule
            self.citation = citation
            bandTexts = rule.bands.map { band in
                var parts = ["每年度不少于\(band.totalHours)学时"]
                if let hours = rule.publicHours { parts.append("公需科目不少于\(hours)学时") }
                if let hours = rule.professionalHours { parts.append("专业课不少于\(hours)学时") }
                return "继续教育：" + parts.joined(separator: "，")
            }
        }
    }

    /// 晋级: the rule, with its waiting text for each level ("取得技师1年后").
    final class PromotionEntry: Sendable {
        let doc: Int
        let rule: PromotionRule
        let citation: Citation
        let texts: [String]
        /// "可按累计工作年限申报": the years are the national standard's.
        let standardYears: Condition

        init(doc: Int, rule: PromotionRule, citation: Citation) {
            self.doc = doc
            self.rule = rule
            self.citation = citation
            texts = SkillLevel.allCases.map { "取得\($0.name)\(rule.years)年后" }
            standardYears = Condition(id: "cumulative-years", text: "按累计工作年限申报（年限按该职业国家职业技能标准确定）", status: .unknown, citation: citation)
        }

        func text(_ level: SkillLevel) -> String { texts[level.rawValue - 1] }
    }

    /// A title level a document leaves to a later notice.
    final class DeferredEntry: Sendable {
        let doc: Int
        let level: TitleLevel
        let note: String
        let citation: Citation

        init(doc: Int, level: TitleLevel, note: String, citation: Citation) {
            self.doc = doc
            self.level = level
            self.note = note
            self.citation = citation
        }
    }

    final class SkillToTitleEntry: Sendable {
        let doc: Int
        let rule: SkillToTitleRule
        let citation: Citation
        let waitingText: String

        init(doc: Int, rule: SkillToTitleRule, citation: Citation, waitingText: String) {
            self.doc = doc
            self.rule = rule
            self.citation = citation
            self.waitingText = waitingText
        }
    }

    final class RoutingEntry: Sendable {
        let doc: Int
        let provision: RoutingProvision
        let committee: CommitteeRef?
        let note: String
        let scoped: Bool

        init(doc: Int, provision: RoutingProvision, committee: CommitteeRef?, note: String, scoped: Bool) {
            self.doc = doc
            self.provision = provision
            self.committee = committee
            self.note = note
            self.scoped = scoped
        }
    }

    final class GrantEntry: Sendable {
        let doc: Int
        let grant: HonourGrant
        let citation: Citation
        let recognitionCitation: Citation?
        /// The grant of a later document for the same honour that replaces this one, and
        /// the note to show when it does (nil when level and route are the same).
        let replacedBy: Int?
        let replacementNote: String?
        /// "获得「荣誉」", met.
        let held: Condition

        init(doc: Int, grant: HonourGrant, citation: Citation, recognitionCitation: Citation?, replacedBy: Int?, replacementNote: String?, held: Condition) {
            self.doc = doc
            self.grant = grant
            self.citation = citation
            self.recognitionCitation = recognitionCitation
            self.replacedBy = replacedBy
            self.replacementNote = replacementNote
            self.held = held
        }
    }

    final class RowEntry: Sendable {
        let doc: Int
        /// Position of the document's jurisdiction in the chain (0 = the city itself).
        let rank: Int
        let mapping: SeriesMapping
        let note: String
        /// The note when another table's row is the one used.
        let asideNote: String
        let citation: Citation
        let scoped: Bool
        /// Per series of the row: the condition's text and the committees named for it.
        let seriesConditions: [Condition]
        let committees: [[CommitteeEntry]]

        init(doc: Int, rank: Int, mapping: SeriesMapping, note: String, citation: Citation, scoped: Bool, committees: [String: [CommitteeEntry]]) {
            self.doc = doc
            self.rank = rank
            self.mapping = mapping
            self.note = note
            asideNote = "另：" + note
            self.citation = citation
            self.scoped = scoped
            seriesConditions = mapping.series.map {
                Condition(id: "occupation-series", text: "「\(mapping.occupation ?? mapping.printedName)」对应\($0)系列", status: .met, citation: citation)
            }
            self.committees = mapping.series.map { committees[$0] ?? [] }
        }
    }

    final class ProviderEntry: Sendable {
        let doc: Int
        let levels: [SkillLevel]
        let ref: ProviderRef
        /// The table row it comes from.
        let row: Provider

        init(doc: Int, levels: [SkillLevel], ref: ProviderRef, row: Provider) {
            self.doc = doc
            self.levels = levels
            self.ref = ref
            self.row = row
        }
    }

    /// What the chain's tables say about one occupation.
    final class OccupationEntry: Sendable {
        let name: String
        let titleRows: [RowEntry]
        let skillRows: [RowEntry]
        let providers: [ProviderEntry]
        let accessNotes: [Provision]
        let workText: String
        /// The rows when every document is in force: the nearest table's, and the others'.
        let nearestTitleRows: [RowEntry]
        let otherTitleRows: [RowEntry]
        let nearestSkillRows: [RowEntry]
        let otherSkillRows: [RowEntry]
        /// The series of the title-holder rows, normalised for matching a title's series.
        let skillSeriesKeys: [String]
        let seriesMatchText: String

        init(name: String, builder: OccupationBuilder) {
            self.name = name
            titleRows = builder.titleRows
            skillRows = builder.skillRows
            providers = builder.providers
            accessNotes = builder.accessNotes
            workText = "从事「\(name)」或相关职业（工种）工作"
            let titleRank = builder.titleRows.map(\.rank).min()
            nearestTitleRows = builder.titleRows.filter { $0.rank == titleRank }
            otherTitleRows = builder.titleRows.filter { $0.rank != titleRank }
            let skillRank = builder.skillRows.map(\.rank).min()
            nearestSkillRows = builder.skillRows.filter { $0.rank == skillRank }
            otherSkillRows = builder.skillRows.filter { $0.rank != skillRank }
            let series = builder.skillRows.flatMap(\.mapping.series)
            skillSeriesKeys = series.map(NameKey.normalize)
            seriesMatchText = Self.seriesMatchText(name, series)
        }

        static func seriesMatchText(_ name: String, _ series: [String]) -> String {
            "职称系列与「\(name)」对应的系列（\(series.joined(separator: "、"))）相对应"
        }
    }

    final class Resolution: Sendable {
        let canonical: String
        let entry: OccupationEntry?

        init(canonical: String, entry: OccupationEntry?) {
            self.canonical = canonical
            self.entry = entry
        }
    }

    struct OccupationBuilder {
        var titleRows: [RowEntry] = []
        var skillRows: [RowEntry] = []
        var providers: [ProviderEntry] = []
        var accessNotes: [Provision] = []
    }

    final class CommitteeEntry: Sendable {
        let doc: Int
        let committee: Committee
        let ref: CommitteeRef?
        let description: String

        init(doc: Int, committee: Committee, ref: CommitteeRef?, description: String) {
            self.doc = doc
            self.committee = committee
            self.ref = ref
            self.description = description
        }
    }

    init(base: PolicyBase, jurisdiction: Jurisdiction, occupationNames: [String: String]) {
        self.jurisdiction = jurisdiction
        let chain = base.jurisdictionChain(jurisdiction.code).map(\.code)
        self.chain = chain
        let p = base.parameters
        let ruleDocuments = Set(p.skillToTitle.map(\.document) + p.titleToSkill.map(\.document) + p.promotion.map(\.document)
            + base.honours.grants.map(\.document) + base.seriesMappings.map(\.source.document))
        let documents = chain.flatMap { code in
            base.documents.filter { $0.jurisdiction == code && (ruleDocuments.contains($0.id) || $0.forwards != nil) }
        }
        self.documents = documents
        policyRefs = documents.map { .init(id: $0.id, number: $0.number, title: $0.title, effectiveFrom: $0.effectiveFrom) }
        allActive = documents.indices.reduce(0) { $0 | (1 << $1) }
        ownTablesOnly = documents.indices.reduce(0) { documents[$1].fieldScope == nil ? $0 : $0 | (1 << $1) }
        let index = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let name: (String) -> String = { base.document($0)?.displayName ?? $0 }
        let cite: (String, String, String) -> Citation = { Citation(policy: $0, clause: $1, quote: $2) }
        func ruled<Rule>(_ rules: [Rule], _ document: (Rule) -> String, _ clause: (Rule) -> String, _ quote: (Rule) -> String) -> [Ruled<Rule>] {
            rules.compactMap { rule in index[document(rule)].map { Ruled(doc: $0, rule: rule, citation: cite(document(rule), clause(rule), quote(rule))) } }
        }
        func provisions(_ items: [CitedProvision]) -> [Provision] {
            items.compactMap { item in
                index[item.document].map { Provision(doc: $0, note: "\(name(item.document)) \(item.clause)：\(item.quote)。", citation: cite(item.document, item.clause, item.quote)) }
            }
        }

        overriddenBy = Supersession.Topic.allCases.map { topic in
            documents.map { document -> Supersessor? in
                for (laterIndex, later) in documents.enumerated() {
                    for supersession in later.supersedes where supersession.document == document.id {
                        guard let item = supersession.overrides?.first(where: { $0.topic == topic }) else { continue }
                        let sentence = "\(later.displayName) \(supersession.clause)“\(supersession.scope)”"
                        let note = "\(document.displayName) \(item.clause)对\(item.what)另有规定；自 \(later.effectiveFrom.map { "\($0)" } ?? "其施行之日") 起，\(sentence)，以\(later.displayName) \(item.by)为准。"
                        return Supersessor(doc: laterIndex, from: later.effectiveFrom, sentence: sentence, item: item, note: note)
                    }
                }
                return nil
            }
        }
        skillToTitle = p.skillToTitle.compactMap { rule in
            index[rule.document].map { doc in
                let levels = rule.skillLevels.map(\.name).joined(separator: "、")
                let text = rule.waitingYears.map { "取得\(levels)后从事技术技能工作满\($0)年" } ?? "取得\(levels)"
                return SkillToTitleEntry(doc: doc, rule: rule, citation: cite(rule.document, rule.clause, rule.quote), waitingText: text)
            }
        }
        deferred = p.deferredTitleLevels.compactMap { rule in
            index[rule.document].map {
                DeferredEntry(doc: $0, level: rule.titleLevel, note: "\(name(rule.document)) \(rule.clause)：\(rule.quote)。", citation: cite(rule.document, rule.clause, rule.quote))
            }
        }
        annualAssessment = ruled(p.annualAssessment, \.document, \.clause, \.quote)
        continuingEducation = p.continuingEducation.compactMap { rule in
            index[rule.document].map { EducationEntry(doc: $0, rule: rule, citation: cite(rule.document, rule.clause, rule.quote)) }
        }
        titleToSkill = p.titleToSkill.compactMap { rule in
            index[rule.document].map { TitleToSkillEntry(doc: $0, rule: rule, citation: cite(rule.document, rule.clause, rule.quote)) }
        }
        cumulativeYears = ruled(p.cumulativeWorkYears, \.document, \.clause, \.quote)
        promotion = p.promotion.compactMap { rule in
            index[rule.document].map { PromotionEntry(doc: $0, rule: rule, citation: cite(rule.document, rule.clause, rule.quote)) }
        }
        theoryExemption = provisions(p.theoryExamExemption)
        publicInstitution = provisions(p.publicInstitutionStaff)
        unlisted = provisions(p.unlistedOccupations)
        equivalences = p.skillSchoolEquivalence.flatMap { provision -> [(doc: Int, level: EducationLevel, note: String)] in
            guard let doc = index[provision.document] else { return [] }
            return provision.equivalents.compactMap { pair in
                EducationLevel(name: pair.schoolClass).map { level in
                    (doc, level, "\(name(provision.document)) \(provision.clause)：\(level.rawValue)毕业按相当于\(pair.education)学历对待（\(provision.purpose)）。")
                }
            }
        }
        gapNotes = Dictionary(grouping: base.tableGaps.filter { $0.kind == .missingRows && index[$0.document] != nil }, by: \.document).map { document, gaps in
            let ranges = gaps.map { gap in "\(gap.series)系列第" + (gap.toRow.map { "\(gap.fromRow)–\($0)行" } ?? "\(gap.fromRow)行以后") }
            return Provision(doc: index[document]!, note: "\(name(document))附件有缺页（\(ranges.joined(separator: "、"))缺失），此职业可能列于缺失部分，无法据现有文本确定。",
                             citation: cite(document, "附件", "技能人才工种与职称系列对应表"))
        }
        var tableCitations: [(doc: Int, titleSide: Bool, citation: Citation)] = []
        for mapping in base.seriesMappings {
            guard let doc = index[mapping.source.document],
                  let title = documents[doc].clauses.first(where: { $0.id == mapping.source.table })?.text else { continue }
            for titleSide in [true, false] where titleSide ? mapping.direction != .titleToSkill : mapping.direction != .skillToTitle {
                if !tableCitations.contains(where: { $0.doc == doc && $0.titleSide == titleSide }) {
                    tableCitations.append((doc, titleSide, cite(mapping.source.document, mapping.source.table, title)))
                }
            }
        }
        self.tableCitations = tableCitations
        routing = p.routing.compactMap { provision in
            index[provision.document].map { doc in
                RoutingEntry(doc: doc, provision: provision,
                             committee: provision.committee.map { CommitteeRef(name: $0, host: provision.host, phone: nil) },
                             note: "\(name(provision.document)) \(provision.clause)：\(provision.quote)。",
                             scoped: documents[doc].fieldScope != nil)
            }
        }
        let honourNames = Dictionary(base.honours.honours.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var grants: [String: [GrantEntry]] = [:]
        for grant in base.honours.grants {
            guard let doc = index[grant.document] else { continue }
            var replacedBy: Int?
            var note: String?
            // The later document's grant for the same honour replaces this one where the
            // supersession lists honour grants among what it overrides.
            if let later = overriddenBy[Self.topicIndex[.honourGrants]!][doc],
               let replacement = base.honours.grants.first(where: { $0.honour == grant.honour && $0.document == documents[later.doc].id }) {
                replacedBy = later.doc
                if replacement.level != grant.level || replacement.route != grant.route {
                    let verb = grant.route == .directApply ? "直接申报" : "认定"
                    let honour = honourNames[grant.honour] ?? grant.honour
                    let laterDocument = documents[later.doc]
                    note = "\(name(grant.document)) \(grant.clause)规定「\(honour)」可\(verb)\(grant.level)职称；自 \(laterDocument.effectiveFrom.map { "\($0)" } ?? "其施行之日") 起，\(later.sentence)，故以\(laterDocument.displayName)为准。"
                }
            }
            grants[grant.honour, default: []].append(GrantEntry(
                doc: doc, grant: grant, citation: cite(grant.document, grant.clause, grant.quote),
                recognitionCitation: grant.recognitionIf.map { cite(grant.document, grant.clause, $0) },
                replacedBy: replacedBy, replacementNote: note,
                held: Condition(id: "honour", text: "获得「\(honourNames[grant.honour] ?? grant.honour)」", status: .met, citation: cite(grant.document, grant.clause, grant.quote))))
        }
        self.grants = grants

        var committees: [String: [CommitteeEntry]] = [:]
        for committee in base.committees {
            guard let doc = index[committee.source.document] else { continue }
            let contact = [committee.host, committee.phone].compactMap { $0 }.joined(separator: " ")
            let description = "\(name(committee.source.document)) \(committee.source.table) 第\(committee.source.row)行（专业：\(committee.specialtyText)）："
                + (committee.name ?? "（\(committee.source.table)未列评审委员会）") + (contact.isEmpty ? "" : "，\(contact)") + "。"
            committees[committee.series, default: []].append(CommitteeEntry(
                doc: doc, committee: committee, ref: committee.name.map { CommitteeRef(name: $0, host: committee.host, phone: committee.phone) },
                description: description))
        }
        self.committees = committees
        var committeeLevels: [Int: (levels: [TitleLevel], note: @Sendable (TitleLevel) -> String)] = [:]
        for entry in p.committeeLevels {
            guard let doc = index[entry.document] else { continue }
            let document = name(entry.document)
            let served = entry.titleLevels.map(\.name).joined(separator: "、")
            committeeLevels[doc] = (entry.titleLevels, { level in
                "\(document) \(entry.table)\(entry.reason)，故只在\(served)给出评审委员会；\(level.name)评审按\(document) \(entry.otherLevelsClause)：\(entry.otherLevelsQuote)。"
            })
        }
        self.committeeLevels = committeeLevels
        recognitionEvidence = provisions(p.recognitionEvidence)
        procedures = p.procedures.compactMap { procedure in
            index[procedure.document].map { doc in
                let steps = procedure.steps.map { step in
                    ProcedureRef.Step(actor: step.actor, act: step.act.rawValue, citation: cite(procedure.document, step.clause ?? procedure.clause, step.quote))
                }
                let ref = ProcedureRef(
                    policy: procedure.document, clause: procedure.clause, definedBy: procedure.definedBy.rawValue, appliesTo: procedure.appliesTo,
                    deferral: procedure.quote.map { cite(procedure.document, procedure.clause, $0) }, steps: steps,
                    notes: (procedure.notes ?? []).map { cite(procedure.document, $0.clause, $0.quote) })
                return (doc, procedure, ref)
            }
        }

        var occupations: [String: OccupationBuilder] = [:]
        for mapping in base.seriesMappings {
            guard let occupation = mapping.occupation, let doc = index[mapping.source.document],
                  let rank = chain.firstIndex(of: documents[doc].jurisdiction) else { continue }
            let specialty = mapping.specialty.map { "（\($0)）" } ?? ""
            let printed = mapping.printedName == occupation ? "" : "（表中作「\(mapping.printedName)」）"
            let entry = RowEntry(
                doc: doc, rank: rank, mapping: mapping,
                note: "\(name(mapping.source.document)) \(mapping.source.location)\(printed)：对应\(mapping.series.joined(separator: "或"))\(specialty)系列。",
                citation: cite(mapping.source.document, mapping.source.table, mapping.printedName),
                scoped: documents[doc].fieldScope != nil, committees: committees)
            // A row naming the occupation twice (车工 and 数控车工 → 车工) counts once, under the
            // name the row prints for it where it does.
            func place(_ rows: inout [RowEntry]) {
                if let same = rows.firstIndex(where: { $0.mapping.source.document == mapping.source.document && $0.mapping.source.table == mapping.source.table
                    && $0.mapping.source.row == mapping.source.row && $0.mapping.series == mapping.series && $0.mapping.specialty == mapping.specialty }) {
                    if rows[same].mapping.printedName != occupation && mapping.printedName == occupation { rows[same] = entry }
                } else {
                    rows.append(entry)
                }
            }
            if mapping.direction != .titleToSkill { place(&occupations[occupation, default: .init()].titleRows) }
            if mapping.direction != .skillToTitle { place(&occupations[occupation, default: .init()].skillRows) }
        }
        // Where a document sends only some levels to its listed providers (绍兴: 高级工、技师),
        // its providers are not the route for the other levels.
        var providerLevels: [String: Set<SkillLevel>] = [:]
        for provision in p.routing where provision.providersListed == true {
            providerLevels[provision.document, default: []].formUnion(provision.skillLevels ?? SkillLevel.allCases)
        }
        for provider in base.providers {
            guard let doc = index[provider.source.document] else { continue }
            let levels = providerLevels[provider.source.document].map { allowed in provider.levels.filter(allowed.contains) } ?? provider.levels
            let contact = [provider.contactName, provider.contactPhone].compactMap { $0 }.joined(separator: " ")
            occupations[provider.occupation, default: .init()].providers.append(ProviderEntry(
                doc: doc, levels: levels,
                ref: ProviderRef(name: provider.name, contact: contact.isEmpty ? nil : contact,
                                 levels: provider.levels.map { $0.grade ?? $0.name }, workType: provider.workType),
                row: provider))
        }
        for access in p.accessTypeOccupations {
            guard let doc = index[access.document], let occupation = base.resolveOccupation(access.occupation)?.occupation.name else { continue }
            occupations[occupation, default: .init()].accessNotes.append(Provision(
                doc: doc, note: "\(name(access.document)) \(access.clause)：\(access.printedName)属就业准入类职业，由\(access.departments.joined(separator: "或"))负责鉴定。",
                citation: cite(access.document, access.clause, access.quote)))
        }
        let entries = Dictionary(uniqueKeysWithValues: occupations.map { ($0.key, OccupationEntry(name: $0.key, builder: $0.value)) })
        self.occupations = entries
        var resolutions: [String: Resolution] = [:]
        for canonical in Set(occupationNames.values) { resolutions[canonical] = Resolution(canonical: canonical, entry: entries[canonical]) }
        spellings = occupationNames.mapValues { resolutions[$0]! }


    }
}
