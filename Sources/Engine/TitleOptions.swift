import Domain
import PolicyData

/// 职称 options: the regular route from each skill certificate, and the honour routes.
extension EvaluationContext {
    mutating func regularTitleOptions() -> [TitleOption] {
        var options: [TitleOption] = []
        for (index, skill) in person.skills.enumerated() {
            let occupation = resolve(skill.occupation, field: "person.skills[\(index)].occupation")
            let rules = parameters.skillToTitle.filter { isActive($0.document) && $0.skillLevels.contains(skill.level) }
            var conditions: [Condition] = []
            var notes: [String] = []
            let titleLevel: TitleLevel
            if let first = rules.first {
                titleLevel = first.titleLevel
                for rule in rules {
                    let citation = cite(rule.document, rule.clause, rule.quote)
                    if let years = rule.waitingYears {
                        conditions.append(waiting(id: "waiting-years", text: "取得\(skill.level.name)后从事技术技能工作满\(years)年", since: skill.obtainedOn, years: years, citation: citation))
                    }
                    if rule.requiresRelatedSkillWork { conditions.append(relatedSkillWork(rule)) }
                }
                for deferred in parameters.deferredTitleLevels where isActive(deferred.document) && deferred.titleLevel == titleLevel {
                    notes.append("\(name(deferred.document)) \(deferred.clause)：\(deferred.quote)。")
                }
            } else if let deferred = parameters.deferredTitleLevels.first(where: { isActive($0.document) && skill.level >= .principalTechnician && $0.titleLevel == .senior }) {
                titleLevel = deferred.titleLevel
                conditions.append(Condition(
                    id: "deferred", text: "\(titleLevel.name)职称的申报条件由当年度文件确定", status: .unknown,
                    citation: cite(deferred.document, deferred.clause, deferred.quote)))
            } else {
                if skill.level >= .advanced {
                    warnings.append("\(book.jurisdiction.name)在 \(asOf) 施行的文件未规定\(skill.level.name)申报职称的条件（person.skills[\(index)]）。")
                }
                continue
            }
            for rule in parameters.annualAssessment where isActive(rule.document) {
                conditions.append(annualAssessment(rule))
            }
            for rule in parameters.continuingEducation where isActive(rule.document) {
                if let condition = continuingEducation(rule, certificateYear: skill.obtainedOn?.year) { conditions.append(condition) }
            }
            notes += personNotes(titleSide: true)
            let basis = Basis.skill(occupation.canonical ?? occupation.given, skill.level)
            options += seriesOptions(for: occupation, level: titleLevel, basis: basis, conditions: conditions, notes: notes)
        }
        return options
    }

    /// One option per series the occupation's most local table row allows.
    private func seriesOptions(for occupation: ResolvedOccupation, level: TitleLevel, basis: Basis, conditions: [Condition], notes: [String]) -> [TitleOption] {
        guard let name = occupation.canonical else {
            var conditions = conditions
            conditions.append(Condition(id: "occupation-series", text: "职业（工种）对应的职称系列", status: .unknown,
                                        citation: unlistedCitation()))
            let why = occupation.given == nil ? "证书职业（工种）未填。" : "未识别的职业（工种）「\(occupation.given!)」。"
            return [option(series: nil, specialty: nil, level: level, route: .regular, basis: basis, conditions: conditions, committee: nil, notes: [why] + notes)]
        }
        let (rows, others) = seriesRows(for: name, titleSide: true)
        guard !rows.isEmpty else {
            var conditions = conditions
            conditions.append(Condition(id: "occupation-series", text: "「\(name)」对应的职称系列", status: .unknown, citation: unlistedCitation()))
            let suggestions = base.closestOccupations(to: name).filter { $0 != name && !base.mappings(forOccupation: $0).isEmpty }
            let hint = suggestions.isEmpty ? [] : ["对应表所列相近职业：" + suggestions.joined(separator: "、") + "。"]
            return [option(series: nil, specialty: nil, level: level, route: .regular, basis: basis, conditions: conditions, committee: nil, notes: unlistedNotes() + hint + notes)]
        }
        var options: [TitleOption] = []
        for row in rows {
            for series in row.series {
                var rowNotes = [rowNote(row)] + others.map { "另：" + rowNote($0) }
                let (committee, routing) = committee(series: series, level: level, fromShaoxingTable: row.source.document == "sx-2019-64")
                rowNotes += routing
                var rowConditions = conditions
                rowConditions.append(Condition(
                    id: "occupation-series", text: "「\(name)」对应\(series)系列", status: .met,
                    citation: cite(row.source.document, row.source.table, row.printedName)))
                options.append(option(series: series, specialty: row.specialty, level: level, route: .regular, basis: basis,
                                      conditions: rowConditions, committee: committee, notes: rowNotes + notes))
            }
        }
        return options
    }

    private func unlistedCitation() -> Citation {
        if let provision = parameters.unlistedOccupations.first(where: { isActive($0.document) }) {
            return cite(provision.document, provision.clause, provision.quote)
        }
        let document = activeDocuments.first?.id ?? book.documents.first?.id ?? ""
        return cite(document, "附件", "职业（工种）与职称系列对应关系表")
    }

    /// 衢州 附件3 by series (its committees are 中级 committees); 绍兴 by level; elsewhere notes.
    func committee(series: String?, level: TitleLevel, fromShaoxingTable: Bool) -> (CommitteeRef?, [String]) {
        var notes: [String] = []
        var committee: CommitteeRef?
        if let series {
            let rows = base.committees.filter { $0.series == series && isActive($0.source.document) && book.chain.contains($0.jurisdiction) }
            let describe: (Committee) -> String = { row in
                let contact = [row.host, row.phone].compactMap { $0 }.joined(separator: " ")
                return (row.name ?? "（附件3未列评审委员会）") + (contact.isEmpty ? "" : "，\(contact)")
            }
            if rows.count == 1, let row = rows.first, let name = row.name, level <= .intermediate {
                committee = CommitteeRef(name: name, host: row.host, phone: row.phone)
                if let note = row.note { notes.append("\(self.name(row.source.document)) 附件3：\(note)") }
            } else if !rows.isEmpty {
                for row in rows {
                    notes.append("\(name(row.source.document)) 附件3 第\(row.source.row)行（专业：\(row.specialtyText)）：\(describe(row))。")
                }
                if level > .intermediate { notes.append("附件3所列为中级评审委员会；\(level.name)评审按当年度该专业职称评审申报通知执行（衢市人社专〔2023〕23号 二）。") }
            }
        }
        let (named, routing) = routingNotes(.title, titleLevel: level, includeShaoxing: fromShaoxingTable)
        return (committee ?? named, notes + routing)
    }

    func option(series: String?, specialty: String?, level: TitleLevel, route: Route, basis: Basis, conditions: [Condition], committee: CommitteeRef?, notes: [String]) -> TitleOption {
        let (status, earliest) = combine(conditions)
        return TitleOption(series: series, specialty: specialty, level: level, route: route, status: status, earliestDate: earliest,
                           basis: basis, conditions: conditions, committee: committee, notes: notes)
    }

    // MARK: Honours

    mutating func honourTitleOptions() -> [TitleOption] {
        var options: [TitleOption] = []
        for (index, held) in person.honors.enumerated() {
            guard let id = engine.honours.match(held.name, scopes: book.chain) else {
                warnings.append("未识别的荣誉「\(held.name)」（person.honors[\(index)]），未据以评估。")
                continue
            }
            let honourName = engine.honourNames[id] ?? held.name
            var grants = base.honours.grants.filter { $0.honour == id && isActive($0.document) && book.chain.contains(base.document($0.document)?.jurisdiction ?? "") }
            // A superseded document's grant gives way where the later one lists the same honour.
            var precedence: [String] = []
            grants = grants.filter { grant in
                guard let (later, _) = supersessor(of: grant.document),
                      let replacement = base.honours.grants.first(where: { $0.honour == id && $0.document == later.id }) else { return true }
                if replacement.level != grant.level || replacement.route != grant.route,
                   let note = precedenceNote(superseded: grant.document, clause: grant.clause, what: "规定「\(honourName)」可\(grant.route == .directApply ? "直接申报" : "认定")\(grant.level)职称") {
                    precedence.append(note)
                }
                return false
            }
            if grants.isEmpty {
                warnings.append("荣誉「\(held.name)」未列于\(book.jurisdiction.name)在 \(asOf) 施行的文件的直接申报或认定名单中。")
                continue
            }
            let basis = Basis.honour(honourName)
            // One option per level and route; repeated lists (浙江 and 衢州) cite every document.
            var keys: [String] = []
            var grouped: [String: [HonourGrant]] = [:]
            for grant in grants {
                for level in grant.level.levels {
                    let key = "\(level.rawValue) \(grant.route.rawValue)"
                    if grouped[key] == nil { keys.append(key) }
                    grouped[key, default: []].append(grant)
                }
            }
            for key in keys {
                let group = grouped[key]!
                let level = TitleLevel(rawValue: Int(key.split(separator: " ")[0])!)!
                let route: Route = group[0].route == .directApply ? .directApply : .directRecognition
                let conditions = group.map { grant in
                    Condition(id: "honour", text: "获得「\(honourName)」", status: .met, citation: cite(grant.document, grant.clause, grant.quote))
                }
                var notes = precedence
                if group.contains(where: { $0.level == .primary }) { notes.append("初级职称包括员级和助理级。") }
                if group.contains(where: { $0.document == "hb-plan" }), let clause = base.document("hb-plan")?.clause("三（一）4"), clause.text.contains("以上项目的认定均以证书或文件为准") {
                    notes.append("河北省实施方案 三（一）4：以上项目的认定均以证书或文件为准。")
                }
                notes += personNotes(titleSide: true)
                let fromShaoxing = group.contains { $0.document == "sx-2019-64" }
                let (committee, routing) = self.committee(series: nil, level: level, fromShaoxingTable: fromShaoxing)
                options.append(option(series: nil, specialty: nil, level: level, route: route, basis: basis, conditions: conditions,
                                      committee: committee, notes: notes + routing))
                // "专业对口的，可直接认定": recognition is open too, if the committee finds the specialty matches.
                for grant in group {
                    guard let condition = grant.recognitionIf else { continue }
                    let matchCondition = Condition(id: "specialty-match", text: "专业对口（由评审委员会认定）", status: .unknown,
                                                   citation: cite(grant.document, grant.clause, condition))
                    options.append(option(series: nil, specialty: nil, level: level, route: .directRecognition, basis: basis,
                                          conditions: conditions + [matchCondition], committee: committee, notes: notes + routing))
                    break
                }
            }
        }
        return options
    }
}
