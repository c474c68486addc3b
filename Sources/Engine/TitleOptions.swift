import Domain
import PolicyData

/// 职称 options: the regular route from each skill certificate, and the honour routes.
extension EvaluationContext {
    func regularTitleOptions() -> [TitleOption] {
        var options: [TitleOption] = []
        for (index, skill) in person.skills.enumerated() {
            let occupation = skillOccupations[index]
            let rules = book.skillToTitle.filter { isActive($0.doc) && $0.rule.skillLevels.contains(skill.level) }
            // A field-limited document's conditions apply only to its own rows: remember where they are.
            var conditions: [Condition] = []
            var scoped: [(position: Int, doc: Int)] = []
            func add(_ doc: Int, _ condition: Condition) {
                if isOwnTablesOnly(doc) { scoped.append((conditions.count, doc)) }
                conditions.append(condition)
            }
            var notes: [String] = []
            let titleLevel: TitleLevel
            var granting = rules.map(\.doc)
            if let first = rules.first {
                titleLevel = first.rule.titleLevel
                for entry in rules {
                    if let years = entry.rule.waitingYears {
                        add(entry.doc, waiting(id: "waiting-years", text: entry.waitingText, since: skill.obtainedOn, years: years, citation: entry.citation,
                                               datePath: "person.skills[\(index)].obtainedOn"))
                    }
                    if entry.rule.requiresRelatedSkillWork { add(entry.doc, relatedSkillWork(entry.citation)) }
                }
                // A level another document in force leaves to a later notice: its words, or the
                // override that sets them aside.
                for deferred in book.deferred where isActive(deferred.doc) && deferred.level == titleLevel {
                    notes.append(isOverridden(deferred.doc, .deferredTitleLevels) ? book.overrider(.deferredTitleLevels, of: deferred.doc)?.note ?? deferred.note : deferred.note)
                }
            } else if skill.level >= .principalTechnician,
                      let deferred = book.deferred.first(where: { isActive($0.doc) && $0.level == .senior && !isOverridden($0.doc, .deferredTitleLevels) }) {
                titleLevel = deferred.level
                granting = [deferred.doc]
                add(deferred.doc, Condition(id: "deferred", text: "\(titleLevel.name)职称的申报条件由当年度文件确定", status: .unknown, citation: deferred.citation))
            } else {
                if skill.level >= .advanced {
                    warnings.append("\(book.jurisdiction.name)在 \(asOf) 施行的文件未规定\(skill.level.name)申报职称的条件（person.skills[\(index)]）。")
                }
                continue
            }
            for (doc, condition) in assessmentConditions { add(doc, condition) }
            for entry in book.continuingEducation where isActive(entry.doc) {
                if let condition = educationCondition(entry, certificateYear: skill.obtainedOn?.year) { add(entry.doc, condition) }
            }
            notes += personNotes()
            let basis = Basis.skill(occupation.display, skill.level)
            options += seriesOptions(for: occupation, level: titleLevel, basis: basis, conditions: conditions, scoped: scoped, notes: notes, grantedBy: granting)
        }
        return options
    }

    /// One option per series the occupation's most local table row allows.
    private func seriesOptions(for occupation: ResolvedOccupation, level: TitleLevel, basis: Basis, conditions allConditions: [Condition],
                               scoped: [(position: Int, doc: Int)], notes: [String], grantedBy: [Int]) -> [TitleOption] {
        guard let name = occupation.canonical else {
            let why = occupation.given.map { "未识别的职业（工种）「\($0)」。" } ?? "证书职业（工种）未填。"
            let condition = Condition(id: "occupation-series", text: "职业（工种）对应的职称系列", status: .unknown, citation: unlistedCitation(titleSide: true))
            return [option(series: nil, specialty: nil, level: level, route: .regular, basis: basis, conditions: allConditions + [condition], committee: nil, notes: [why] + notes, grantedBy: grantedBy)]
        }
        let (rows, others) = seriesRows(for: occupation.entry, titleSide: true)
        guard !rows.isEmpty else {
            let condition = Condition(id: "occupation-series", text: "「\(name)」对应的职称系列", status: .unknown, citation: unlistedCitation(titleSide: true))
            // Only occupations the tables in force list, and only plausibly the same work.
            let suggestions = engine.relatedOccupations(to: name, scope: "\(book.jurisdiction.code)#\(active)") { [self] in
                book.occupations[$0]?.titleRows.contains { isActive($0.doc) } == true
            }
            let hint = suggestions.isEmpty ? [] : ["对应表所列相近职业：" + suggestions.joined(separator: "、") + "。"]
            return [option(series: nil, specialty: nil, level: level, route: .regular, basis: basis, conditions: allConditions + [condition], committee: nil, notes: unlistedNotes() + hint + notes, grantedBy: grantedBy)]
        }
        var options: [TitleOption] = []
        for row in rows {
            var rowConditions = allConditions
            if !scoped.isEmpty {
                let excluded = Set(scoped.filter { $0.doc != row.doc }.map(\.position))
                rowConditions = allConditions.indices.filter { !excluded.contains($0) }.map { allConditions[$0] }
            }
            for (position, series) in row.mapping.series.enumerated() {
                let (committee, routing) = self.committee(rows: row.committees[position], level: level, includeScoped: row.scoped)
                var seriesConditions = rowConditions
                seriesConditions.append(row.seriesConditions[position])
                var rowNotes: [String] = []
                rowNotes.reserveCapacity(1 + others.count + routing.count + notes.count)
                rowNotes.append(row.note)
                for other in others { rowNotes.append(other.asideNote) }
                rowNotes.append(contentsOf: routing)
                rowNotes.append(contentsOf: notes)
                options.append(option(series: series, specialty: row.mapping.specialty, level: level, route: .regular, basis: basis,
                                      conditions: seriesConditions, committee: committee, notes: rowNotes, grantedBy: grantedBy,
                                      procedures: procedures(.title, titleLevel: level, includeScoped: row.scoped)))
            }
        }
        return options
    }

    /// 衢州 附件3 by series (its committees are 中级 committees); 绍兴 by level; elsewhere notes.
    func committee(rows all: [RuleBook.CommitteeEntry], level: TitleLevel, includeScoped: Bool) -> (CommitteeRef?, [String]) {
        var notes: [String] = []
        var committee: CommitteeRef?
        let rows = all.isEmpty ? all : all.filter { isActive($0.doc) }
        if !rows.isEmpty {
            // A table may name committees for some levels only (committeeLevels in parameters.yaml).
            let served = book.committeeLevels[rows[0].doc]
            let servesLevel = served.map { $0.levels.contains(level) } ?? true
            if rows.count == 1, let ref = rows[0].ref, servesLevel {
                committee = ref
                if let note = rows[0].committee.note {
                    notes.append("\(book.documents[rows[0].doc].displayName) \(rows[0].committee.source.table)：\(note)")
                }
            } else {
                notes += rows.map(\.description)
                if let served, !servesLevel { notes.append(served.note(level)) }
            }
        }
        let (named, routingNotes) = routing(.title, titleLevel: level, includeScoped: includeScoped)
        return (committee ?? named, notes.isEmpty ? routingNotes : notes + routingNotes)
    }

    func option(series: String?, specialty: String?, level: TitleLevel, route: Route, basis: Basis, conditions: [Condition], committee: CommitteeRef?,
                notes: [String], grantedBy: [Int], procedures: [ProcedureRef]? = nil) -> TitleOption {
        let (status, combined) = combine(conditions)
        let (from, earliest) = granted(by: grantedBy, earliest: combined)
        return TitleOption(series: series, specialty: specialty, level: level, route: route, status: status, earliestDate: earliest,
                           basis: basis, conditions: conditions, committee: committee, notes: notes, grantedFrom: from,
                           procedures: procedures ?? self.procedures(.title, titleLevel: level, includeScoped: false))
    }

    // MARK: Honours

    func honourTitleOptions() -> [TitleOption] {
        var options: [TitleOption] = []
        for (index, held) in person.honors.enumerated() {
            guard let id = engine.honours.match(held.name, scopes: book.chain) else {
                warnings.append("文件未列荣誉「\(held.name)」（person.honors[\(index)]），不作为直接申报依据；如是文件所列荣誉，请按文件中的名称填写（含级别，如“全国技术能手”）。")
                continue
            }
            let honourName = engine.honourNames[id] ?? held.name
            // A superseded document's grant gives way where the later one lists the same honour.
            var precedence: [String] = []
            let grants = (book.grants[id] ?? []).filter { entry in
                guard isActive(entry.doc) else { return false }
                if let later = entry.replacedBy, isActive(later) {
                    if let note = entry.replacementNote { precedence.append(note) }
                    return false
                }
                return true
            }
            if grants.isEmpty {
                warnings.append("荣誉「\(held.name)」未列于\(book.jurisdiction.name)在 \(asOf) 施行的文件的直接申报或认定名单中。")
                continue
            }
            let basis = Basis.honour(honourName)
            // One option per level and route; a list repeated by two documents (浙江, 衢州) cites both.
            var groups: [(level: TitleLevel, route: HonourRoute, grants: [RuleBook.GrantEntry])] = []
            for entry in grants {
                for level in entry.grant.level.levels {
                    if let at = groups.firstIndex(where: { $0.level == level && $0.route == entry.grant.route }) {
                        groups[at].grants.append(entry)
                    } else {
                        groups.append((level, entry.grant.route, [entry]))
                    }
                }
            }
            let common = personNotes()
            for group in groups {
                let route: Route = group.route == .directApply ? .directApply : .directRecognition
                let conditions = group.grants.map(\.held)
                var notes = precedence
                if group.grants.contains(where: { $0.grant.level == .primary }) { notes.append("初级职称包括员级和助理级。") }
                for evidence in book.recognitionEvidence where isActive(evidence.doc)
                    && group.grants.contains(where: { $0.grant.route == .directRecognition && $0.doc == evidence.doc }) {
                    notes.append(evidence.note)
                }
                // A field-limited document's routing applies to its own grants only.
                let fromScoped = group.grants.contains { isOwnTablesOnly($0.doc) }
                let (committee, routing) = self.committee(rows: [], level: group.level, includeScoped: fromScoped)
                notes += routing + common
                let granting = group.grants.map(\.doc)
                let steps = procedures(.title, titleLevel: group.level, includeScoped: fromScoped)
                options.append(option(series: nil, specialty: nil, level: group.level, route: route, basis: basis, conditions: conditions,
                                      committee: committee, notes: notes, grantedBy: granting, procedures: steps))
                // "专业对口的，可直接认定": recognition is open too, if the committee finds the specialty matches.
                if let citation = group.grants.lazy.compactMap(\.recognitionCitation).first {
                    let match = Condition(id: "specialty-match", text: "专业对口（由评审委员会认定）", status: .unknown, citation: citation)
                    options.append(option(series: nil, specialty: nil, level: group.level, route: .directRecognition, basis: basis,
                                          conditions: conditions + [match], committee: committee, notes: notes, grantedBy: granting, procedures: steps))
                }
            }
        }
        return options
    }
}
