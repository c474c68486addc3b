import Domain

/// Checks that every reference between data files holds: documents, clauses and the
/// quoted words, jurisdictions, honours, occupations, series.
struct CrossReferenceChecker {
    let base: PolicyBase
    private(set) var problems: [PolicyDataError] = []

    init(base: PolicyBase) {
        self.base = base
    }

    mutating func check() {
        checkJurisdictions()
        checkDocuments()
        checkHonours()
        checkParameters()
        checkCommittees()
        checkQuestionBankCalls()
        checkCaseTypes()
    }

    /// Each case type's events lead between its own stages; a final stage has no way out and
    /// every other stage one; every entry rests on a clause quoted word for word, or says in a
    /// note that the documents are silent; versions are unique and their dates real.
    private mutating func checkCaseTypes() {
        var versions = Set<String>()
        for type in base.parameters.caseTypes {
            let file = "casework/\(type.id).yaml"
            if !versions.insert("\(type.id) \(type.version)").inserted { fail(file, "\(type.id) version \(type.version) appears twice") }
            if CalendarDate(iso: type.validFrom) == nil || type.validTo.map({ CalendarDate(iso: $0) == nil }) == true {
                fail(file, "\(type.id): validFrom and validTo must be dates (YYYY-MM-DD)")
            }
            let stages = Set(type.stages.map(\.code))
            if stages.count != type.stages.count { fail(file, "\(type.id): a stage code appears twice") }
            if Set(type.events.map(\.code)).count != type.events.count { fail(file, "\(type.id): an event code appears twice") }
            if type.stages.first?.code != "draft" { fail(file, "\(type.id): a case opens as draft, the first stage") }
            func basis(_ entry: String, _ basis: CaseType.Basis) {
                if let document = basis.document, let clause = basis.clause {
                    checkCitation(file, entry, document: document, clause: clause, quote: basis.quote)
                } else if (basis.note ?? "").isEmpty || basis.document != nil || basis.clause != nil {
                    fail(file, "\(entry): give a document and clause, or a note saying the documents are silent")
                }
            }
            for stage in type.stages {
                basis("stage \(stage.code)", stage.basis)
                let leaves = type.events.contains { $0.from.contains(stage.code) && !$0.to.isEmpty && $0.to != [stage.code] }
                if stage.isFinal == leaves { fail(file, "stage \(stage.code): \(stage.isFinal ? "a final stage has an event leaving it" : "no event leaves it, yet it is not marked ends")") }
            }
            for event in type.events {
                basis("event \(event.code)", event.basis)
                for code in event.from + event.to where !stages.contains(code) { fail(file, "event \(event.code): no stage \(code)") }
            }
            for material in type.materials { basis("material \(material.label)", material.basis) }
            for outcome in type.outcomes { basis("outcome \(outcome.code)", outcome.basis) }
            for setting in type.configurable + type.fixed { basis("setting \(setting.name)", setting.basis) }
        }
        checkFixedSettingsStay()
    }

    /// What a document fixes, a later version of the case type cannot drop: each version keeps
    /// every fixed setting of the one before, on the same clause (a data layer adding a version
    /// cannot switch a document's rule off).
    private mutating func checkFixedSettingsStay() {
        let byType = Dictionary(grouping: base.parameters.caseTypes, by: \.id)
        for (id, versions) in byType.sorted(by: { $0.key < $1.key }) {
            let ordered = versions.sorted { $0.version < $1.version }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) {
                for setting in earlier.fixed where !later.fixed.contains(where: {
                    $0.name == setting.name && $0.basis.document == setting.basis.document && $0.basis.clause == setting.basis.clause
                }) {
                    fail("casework/\(id).yaml", "\(id) version \(later.version) drops the fixed setting «\(setting.name)» of version \(earlier.version) (\(setting.basis.document ?? "") \(setting.basis.clause ?? ""))")
                }
            }
        }
    }

    /// Each call names a document and its catalogue table; every condition, the deadline and
    /// the selection quote their clauses word for word; the last day is a real date.
    private mutating func checkQuestionBankCalls() {
        let file = "question-bank/calls.yaml"
        var ids = Set<String>()
        for call in base.parameters.questionBankCalls {
            let entry = "calls \(call.id)"
            if !ids.insert(call.id).inserted { fail(file, "\(entry): the id appears twice") }
            guard let document = base.document(call.document) else {
                fail(file, "\(entry): refers to a missing document \(call.document)")
                continue
            }
            if !base.questionBank.contains(where: { $0.source.document == document.id && $0.source.table == call.catalogue }) {
                fail(file, "\(entry): \(document.id) has no question-bank table \(call.catalogue)")
            }
            var cited: [(String, String?)] = [(call.basis.clause, call.basis.quote), (call.routing.clause, call.routing.quote),
                                              (call.deadline.clause, call.deadline.quote), (call.selection.clause, call.selection.quote),
                                              (call.contacts.clause, nil)]
            cited += call.projectConditions.map { ($0.clause, $0.quote) } + call.unitConditions.map { ($0.clause, $0.quote) }
            for (clause, quote) in cited { checkCitation(file, entry, document: document.id, clause: clause, quote: quote) }
            for form in [call.forms.application.attachment, call.forms.summary.attachment] where document.clause(form) == nil {
                fail(file, "\(entry): \(document.id) has no clause \(form)")
            }
            if CalendarDate(iso: call.deadline.lastDay) == nil { fail(file, "\(entry): the last day \(call.deadline.lastDay) is not a date") }
            for reading in call.readings ?? [] {
                let row = base.questionBank.first { $0.source.document == document.id && $0.source.table == call.catalogue && $0.source.row == reading.row }
                guard let row else {
                    fail(file, "\(entry): reading of a missing catalogue row \(reading.row)")
                    continue
                }
                if !(row.workTypeText ?? "").contains(reading.quote) { fail(file, "\(entry): row \(reading.row)'s 工种 column does not say «\(reading.quote)»") }
                for range in [reading.workTypeLevels, reading.wholeOccupationLevels].compactMap({ $0 }) where !PolicyDataLoader.isLevelRange(range) {
                    fail(file, "\(entry): row \(reading.row): levels must read like 5-1, not «\(range)»")
                }
            }
        }
    }

    private mutating func fail(_ file: String, _ message: String) {
        problems.append(PolicyDataError(file: file, message))
    }

    private mutating func checkJurisdictions() {
        let codes = Set(base.jurisdictions.map(\.code))
        if codes.count != base.jurisdictions.count { fail("jurisdictions.yaml", "a jurisdiction code appears twice") }
        for jurisdiction in base.jurisdictions {
            if let parent = jurisdiction.parent, !codes.contains(parent) {
                fail("jurisdictions.yaml", "\(jurisdiction.code): unknown parent \(parent)")
            }
            // The engine keeps which of a chain's documents are in force in 64 bits.
            let chain = Set(base.jurisdictionChain(jurisdiction.code).map(\.code))
            let documents = base.documents.filter { chain.contains($0.jurisdiction) }.count
            if documents > 64 { fail("documents.yaml", "\(jurisdiction.code) and the jurisdictions above it have \(documents) documents; at most 64 are supported") }
        }
    }

    private mutating func checkDocuments() {
        let file = "documents.yaml"
        let codes = Set(base.jurisdictions.map(\.code))
        var ids = Set<String>()
        for (index, document) in base.documents.enumerated() {
            let entry = "documents[\(index)] \(document.id)"
            if !ids.insert(document.id).inserted { fail(file, "\(entry): the id appears twice") }
            if !codes.contains(document.jurisdiction) { fail(file, "\(entry): unknown jurisdiction \(document.jurisdiction)") }
            for reference in [document.forwards, document.implements].compactMap({ $0 }) where base.document(reference) == nil {
                fail(file, "\(entry): refers to a missing document \(reference)")
            }
            for supersession in document.supersedes {
                if let target = supersession.document, base.document(target) == nil {
                    fail(file, "\(entry): supersedes a missing document \(target)")
                }
                if supersession.document == nil && supersession.number == nil {
                    fail(file, "\(entry): a supersession names neither a document nor a number")
                }
                if document.clause(supersession.clause) == nil {
                    fail(file, "\(entry): supersession cites a missing clause \(supersession.clause)")
                }
                for item in supersession.overrides ?? [] {
                    guard let target = supersession.document.flatMap({ base.document($0) }) else {
                        fail(file, "\(entry): only a supersession of a document in the corpus lists what it overrides")
                        continue
                    }
                    if target.clause(item.clause) == nil { fail(file, "\(entry): overrides a missing clause \(target.id) \(item.clause)") }
                    if document.clause(item.by) == nil { fail(file, "\(entry): an override cites a missing clause \(document.id) \(item.by)") }
                }
            }
            if let issued = document.issuedOn, let effective = document.effectiveFrom, effective < issued {
                fail(file, "\(entry): in force (\(effective)) before it was issued (\(issued))")
            }
            if document.clauses.isEmpty { fail("clauses/\(document.id).yaml", "no clauses for \(document.id)") }
        }
    }

    /// The clause must exist and contain the quote word for word.
    private mutating func checkCitation(_ file: String, _ entry: String, document: String, clause: String, quote: String?) {
        guard let doc = base.document(document) else {
            fail(file, "\(entry): refers to a missing document \(document)")
            return
        }
        guard let text = doc.clause(clause)?.text else {
            fail(file, "\(entry): \(document) has no clause \(clause)")
            return
        }
        if let quote, !text.contains(quote) {
            fail(file, "\(entry): the quote is not in \(document) \(clause): «\(quote)»")
        }
    }

    private mutating func checkHonours() {
        let file = "honours.yaml"
        let codes = Set(base.jurisdictions.map(\.code))
        var ids = Set<String>()
        var namesInScope: [String: String] = [:]
        for (index, honour) in base.honours.honours.enumerated() {
            let entry = "honours[\(index)] \(honour.id)"
            if !ids.insert(honour.id).inserted { fail(file, "\(entry): the id appears twice") }
            if let scope = honour.scope, !codes.contains(scope) { fail(file, "\(entry): unknown scope \(scope)") }
            for name in [honour.name] + honour.variants {
                let key = "\(honour.scope ?? "*") \(NameKey.normalize(name))"
                if let other = namesInScope[key], other != honour.id {
                    fail(file, "\(entry): «\(name)» also names \(other) in the same scope")
                }
                namesInScope[key] = honour.id
            }
        }
        var grants = Set<String>()
        for (index, grant) in base.honours.grants.enumerated() {
            let entry = "grants[\(index)] \(grant.honour)"
            if !ids.contains(grant.honour) { fail(file, "\(entry): unknown honour \(grant.honour)") }
            if !grants.insert("\(grant.document) \(grant.honour) \(grant.level) \(grant.route)").inserted {
                fail(file, "\(entry): duplicate grant in \(grant.document)")
            }
            checkCitation(file, entry, document: grant.document, clause: grant.clause, quote: grant.quote)
            if let condition = grant.recognitionIf {
                checkCitation(file, entry, document: grant.document, clause: grant.clause, quote: condition)
            }
        }
    }

    private mutating func checkParameters() {
        let file = "parameters.yaml"
        let p = base.parameters
        func citations(_ name: String, _ items: [(String, String, String?)]) -> [(String, String, String, String?)] {
            items.enumerated().map { ("\(name)[\($0.offset)]", $0.element.0, $0.element.1, $0.element.2) }
        }
        var all: [(String, String, String, String?)] = []
        all += citations("skillToTitle", p.skillToTitle.map { ($0.document, $0.clause, $0.quote) })
        all += citations("deferredTitleLevels", p.deferredTitleLevels.map { ($0.document, $0.clause, $0.quote) })
        all += citations("annualAssessment", p.annualAssessment.map { ($0.document, $0.clause, $0.quote) })
        all += citations("continuingEducation", p.continuingEducation.map { ($0.document, $0.clause, $0.quote) })
        all += citations("continuingEducation", p.continuingEducation.map { ($0.document, $0.clause, $0.skillTrainingQuote) })
        all += citations("titleToSkill", p.titleToSkill.map { ($0.document, $0.clause, $0.quote) })
        all += citations("cumulativeWorkYears", p.cumulativeWorkYears.map { ($0.document, $0.clause, $0.quote) })
        all += citations("promotion", p.promotion.map { ($0.document, $0.clause, $0.quote) })
        all += citations("theoryExamExemption", p.theoryExamExemption.map { ($0.document, $0.clause, $0.quote) })
        all += citations("directSkillEvaluation", p.directSkillEvaluation.map { ($0.document, $0.clause, $0.quote) })
        all += citations("skillSchoolEquivalence", p.skillSchoolEquivalence.map { ($0.document, $0.clause, $0.quote) })
        all += citations("publicInstitutionStaff", p.publicInstitutionStaff.map { ($0.document, $0.clause, $0.quote) })
        all += citations("accessTypeOccupations", p.accessTypeOccupations.map { ($0.document, $0.clause, $0.quote) })
        all += citations("unlistedOccupations", p.unlistedOccupations.map { ($0.document, $0.clause, $0.quote) })
        all += citations("routing", p.routing.map { ($0.document, $0.clause, $0.quote) })
        all += citations("committeeLevels", p.committeeLevels.map { ($0.document, $0.table, $0.quote) })
        all += citations("committeeLevels", p.committeeLevels.map { ($0.document, $0.otherLevelsClause, $0.otherLevelsQuote) })
        all += citations("recognitionEvidence", p.recognitionEvidence.map { ($0.document, $0.clause, $0.quote) })
        for (entry, document, clause, quote) in all {
            checkCitation(file, entry, document: document, clause: clause, quote: quote)
        }
        for (index, procedure) in p.procedures.enumerated() {
            let entry = "procedures[\(index)]"
            checkCitation("procedures.yaml", entry, document: procedure.document, clause: procedure.clause, quote: procedure.quote)
            for (position, step) in procedure.steps.enumerated() {
                if step.actor.isEmpty { fail("procedures.yaml", "\(entry).steps[\(position)]: no actor") }
                checkCitation("procedures.yaml", "\(entry).steps[\(position)]", document: procedure.document, clause: step.clause ?? procedure.clause, quote: step.quote)
            }
            if let to = procedure.recommendsTo {
                checkCitation("procedures.yaml", "\(entry).recommendsTo", document: procedure.document, clause: to.clause, quote: to.quote)
            }
            for (position, requirement) in (procedure.planRequires ?? []).enumerated() {
                checkCitation("procedures.yaml", "\(entry).planRequires[\(position)]", document: procedure.document, clause: requirement.clause, quote: requirement.quote)
            }
            for (position, note) in (procedure.notes ?? []).enumerated() {
                checkCitation("procedures.yaml", "\(entry).notes[\(position)]", document: procedure.document, clause: note.clause, quote: note.quote)
            }
            if procedure.definedBy == .document, procedure.quote != nil {
                fail("procedures.yaml", "\(entry): only a procedure left to the year's notice quotes a deferral")
            }
            if procedure.definedBy == .document, procedure.steps.isEmpty { fail("procedures.yaml", "\(entry): no steps") }
            for step in procedure.steps where !p.actorRoles.contains(where: { $0.actor == step.actor }) {
                fail("procedures.yaml", "\(entry): the actor «\(step.actor)» has no role in actors")
            }
        }
        let knownRoles = Set(p.actorRoles.map(\.role))
        for (index, confirmer) in p.confirmers.enumerated() {
            if confirmer.roles.isEmpty { fail("procedures.yaml", "confirmers[\(index)]: no roles") }
            for role in confirmer.roles where !knownRoles.contains(role) {
                fail("procedures.yaml", "confirmers[\(index)]: the role «\(role)» is no actor's role")
            }
            if confirmer.note.isEmpty { fail("procedures.yaml", "confirmers[\(index)]: no note") }
        }
        for (index, rule) in p.skillToTitle.enumerated() where rule.waitingYears.map({ $0 < 0 }) ?? false {
            fail(file, "skillToTitle[\(index)]: negative waiting years")
        }
        for (index, rule) in p.continuingEducation.enumerated() {
            for band in rule.bands where band.totalHours <= 0 {
                fail(file, "continuingEducation[\(index)]: hours must be positive")
            }
        }
        for (index, entry) in p.accessTypeOccupations.enumerated() where base.resolveOccupation(entry.occupation) == nil {
            fail(file, "accessTypeOccupations[\(index)]: unknown occupation «\(entry.occupation)»")
        }
    }

    private mutating func checkCommittees() {
        // A committee table names the series of its own document's correspondence table.
        let seriesByDocument = Dictionary(grouping: base.seriesMappings, by: \.source.document).mapValues { Set($0.flatMap(\.series)) }
        for committee in base.committees where !(seriesByDocument[committee.source.document]?.contains(committee.series) ?? false) {
            fail("\(committee.source.document) \(committee.source.table)", "row \(committee.source.row): series «\(committee.series)» is not in the document's occupation table")
        }
    }
}
