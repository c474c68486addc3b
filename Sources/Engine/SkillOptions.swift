import Domain
import PolicyData

/// 技能等级 options: a title holder's crossover into the current occupation, and promotion
/// from a skill certificate to the next level.
extension EvaluationContext {
    func crossoverSkillOptions() -> [SkillOption] {
        guard !person.titles.isEmpty else { return [] }
        var options: [SkillOption] = []
        let occupation = currentOccupation
        for (titleIndex, title) in person.titles.enumerated() {
            // A later document in force may override these rules and their years (documents.yaml `overrides`).
            let rules = book.titleToSkill.filter { isActive($0.doc) && $0.rule.titleLevel == title.level && !isOverridden($0.doc, .titleToSkill) }
            var levels: [SkillLevel] = []
            for entry in rules where !levels.contains(entry.rule.skillLevel) { levels.append(entry.rule.skillLevel) }
            for skillLevel in levels {
                if holds(occupation.canonical, atLeast: skillLevel) { continue }
                let levelRules = rules.filter { $0.rule.skillLevel == skillLevel }
                var conditions = levelRules.map(\.held)
                conditions += occupationConditions(occupation, title: title, citation: levelRules[0].citation, titlePath: "person.titles[\(titleIndex)].series")
                for entry in levelRules {
                    if let required = entry.rule.requiresSkillLevel {
                        let held = person.skills.contains { $0.level >= required }
                        conditions.append(Condition(id: "prerequisite-skill", text: "先取得\(required.name)职业技能等级", status: held ? .met : .unmet, citation: entry.citation))
                    }
                    if let condition = entry.nationalYears { conditions.append(condition) }
                    if let scope = entry.rule.titleSeries {
                        conditions.append(titleSeriesCondition(scope, title: title, citation: entry.citation, path: "person.titles[\(titleIndex)].series"))
                    }
                }
                var notes: [String] = []
                for entry in book.cumulativeYears where isActive(entry.doc) && entry.rule.skillLevel == skillLevel {
                    if !isOverridden(entry.doc, .cumulativeWorkYears) {
                        conditions.append(cumulativeYears(entry))
                    } else if let later = book.overrider(.cumulativeWorkYears, of: entry.doc), !notes.contains(later.note) {
                        notes.append(later.note)
                    }
                }
                options.append(skillOption(occupation: occupation, level: skillLevel, route: .titleCrossover,
                                           basis: .title(title.specialty ?? title.series, title.level), conditions: conditions, notes: notes,
                                           grantedBy: levelRules.map(\.doc)))
            }
        }
        return options
    }

    /// A rule for some series only: met when the title's series or specialty names it, unmet
    /// when they are given and do not, unknown when neither is given.
    private func titleSeriesCondition(_ scope: TitleSeriesScope, title: TitleHeld, citation: Citation, path: String) -> Condition {
        let text = "所持职称属\(scope.text)"
        let given = [title.series, title.specialty].compactMap { $0 }
        if given.isEmpty { return Condition(id: "title-series", text: text + "（职称系列未填）", status: .unknown, citation: citation, settledBy: [path]) }
        let covered = given.contains { $0.contains(scope.contains) }
        return Condition(id: "title-series", text: covered ? text : text + "（所填为「\(given.joined(separator: "、"))」）", status: covered ? .met : .unmet, citation: citation)
    }

    /// Whether the person already holds this level or higher in the occupation.
    private func holds(_ occupation: String?, atLeast level: SkillLevel) -> Bool {
        guard let occupation else { return false }
        return person.skills.indices.contains { person.skills[$0].level >= level && skillOccupations[$0].canonical == occupation }
    }

    /// The current occupation must be known; whether it corresponds to the title's series is
    /// checked against the tables where the series is given.
    private func occupationConditions(_ occupation: ResolvedOccupation, title: TitleHeld, citation: Citation, titlePath: String) -> [Condition] {
        guard let name = occupation.canonical else {
            let text = occupation.given.map { "现岗位对应的职业（工种）「\($0)」未能识别" } ?? "现岗位对应的职业（工种）（未填）"
            return [Condition(id: "current-occupation", text: text, status: .unknown, citation: citation, settledBy: ["person.currentOccupation"])]
        }
        let entry = occupation.entry
        var conditions = [Condition(id: "current-occupation", text: entry?.workText ?? "从事「\(name)」或相关职业（工种）工作", status: .met, citation: citation)]
        let (rows, others) = seriesRows(for: entry, titleSide: false)
        guard let row = rows.first, let entry else {
            conditions.append(Condition(id: "occupation-series", text: "「\(name)」列于对应关系表", status: .unknown, citation: unlistedCitation(titleSide: false)))
            return conditions
        }
        let (keys, text) = skillSeries(entry, rows: rows, others: others)
        let held = [title.series, title.specialty].compactMap { $0 }.map(NameKey.normalize)
        let matches = held.contains { h in keys.contains { m in m == h || m.utf8.containsRun(h.utf8) || h.utf8.containsRun(m.utf8) } }
        // With no series given the person can settle it; a series that names none of the table's
        // is for the committee to judge (related work), not a missing fact.
        let given = title.series != nil || title.specialty != nil
        conditions.append(Condition(id: "occupation-series", text: matches ? text : text + (given ? "（未能据所填系列确认）" : "（职称系列未填）"),
                                    status: matches ? .met : .unknown, citation: row.citation, settledBy: matches || given ? [] : [titlePath]))
        return conditions
    }

    /// 绍兴 二（二）: the years in the occupation, or fewer with a related diploma.
    private func cumulativeYears(_ entry: RuleBook.Ruled<CumulativeWorkYearsRule>) -> Condition {
        let rule = entry.rule
        let text = "累计从事本职业或相关职业工作年限：" + rule.alternatives.map { alternative in
            alternative.minimumEducation.map { "具有\($0)\(alternative.exactEducation ? "" : "及以上")本专业（相关专业）毕业证书满\(alternative.years)年" } ?? "满\(alternative.years)年"
        }.joined(separator: "；或")
        guard let years = person.occupationWorkYears else {
            return Condition(id: "cumulative-years", text: text + "（工作年限未填）", status: .unknown, citation: entry.citation,
                             settledBy: ["person.occupationWorkYears"])
        }
        // Education decides only an alternative whose years are already served; one whose years
        // are not served is unmet whatever the diploma.
        var educationDecides = false
        var educationMightShorten = false
        var shortest: Double?
        for alternative in rule.alternatives {
            if let minimum = alternative.minimumEducation.flatMap({ EducationLevel(name: $0) }) {
                guard let education = person.education, let level = education.level, let related = education.relatedToOccupation,
                      let rank = level.degreeRank, let needed = minimum.degreeRank else {
                    // Unknown education, or a 技工院校 class: its equivalence is stated for title applications only.
                    if years >= Double(alternative.years) { educationDecides = true } else { educationMightShorten = true }
                    continue
                }
                guard related && (alternative.exactEducation ? rank == needed : rank >= needed) else { continue }
            }
            if years >= Double(alternative.years) { return Condition(id: "cumulative-years", text: text, status: .met, citation: entry.citation) }
            shortest = min(shortest ?? .infinity, Double(alternative.years) - years)
        }
        if educationDecides {
            return Condition(id: "cumulative-years", text: text + "（学历情况未能确认）", status: .unknown, citation: entry.citation,
                             settledBy: ["person.education.level", "person.education.relatedToOccupation"])
        }
        guard let shortest else {
            return Condition(id: "cumulative-years", text: text + "（现为\(years.formatted)年）", status: .unmet, citation: entry.citation)
        }
        let due = asOf.adding(years: Int(shortest.rounded(.up)))
        let caveat = educationMightShorten ? "；学历情况未能确认，具有相应学历的可更早" : ""
        return Condition(id: "cumulative-years", text: text + "（现为\(years.formatted)年，继续从事本职业约至 \(due) 届满\(caveat)）", status: .unmet,
                         citation: entry.citation, metOn: due, curedByTime: true)
    }

    func promotionSkillOptions() -> [SkillOption] {
        let rules = book.promotion.filter { isActive($0.doc) }
        guard !rules.isEmpty else { return [] }
        var options: [SkillOption] = []
        for (index, skill) in person.skills.enumerated() where skill.level < .seniorTechnician {
            guard let next = skill.level.next else { continue }
            let occupation = skillOccupations[index]
            if holds(occupation.canonical, atLeast: next) { continue }
            var conditions = rules.map { entry in
                waiting(id: "promotion-wait", text: entry.text(skill.level), since: skill.obtainedOn, years: entry.rule.years, citation: entry.citation,
                        datePath: "person.skills[\(index)].obtainedOn")
            }
            conditions.append(rules[0].standardYears)
            options.append(skillOption(occupation: occupation, level: next, route: .promotion,
                                       basis: .skill(occupation.display, skill.level), conditions: conditions, notes: [], grantedBy: rules.map(\.doc)))
        }
        return options
    }

    /// Adds providers, exemptions and routing, then combines the conditions.
    private func skillOption(occupation: ResolvedOccupation, level: SkillLevel, route: Route, basis: Basis, conditions: [Condition], notes: [String],
                             grantedBy: [Int]) -> SkillOption {
        var notes = notes
        var exemptions: [String] = []
        var possibleExemptions: [String] = []
        // The exemption is granted to 专业技术人才 taking a skill evaluation, i.e. the crossover.
        // It asks for "所申报职业相关专业毕业证书": a diploma with a specialty, related.
        if route == .titleCrossover {
            let exemption = book.theoryExemption.filter { isActive($0.doc) }
            let related = person.education?.relatedToOccupation
            let level = person.education?.level
            if exemption.isEmpty || related == false {
                // Nothing to say: no exemption in force, or the diploma is not related.
            } else if related == true, level?.hasSpecialty == true {
                exemptions.append("theory_exam")
                notes += exemption.map(\.note)
            } else if related == true, let level {
                notes += exemption.map { "\(level.rawValue)毕业证书不载专业，不适用以下免试：\($0.note)" }
            } else {
                if level?.hasSpecialty != false { possibleExemptions.append("theory_exam") }
                notes += exemption.map { "若持有与申报职业相关专业的毕业证书（中专及以上或技工院校），可免理论知识考试：\($0.note)" }
            }
        }
        let providers = self.providers(occupation.entry, level: level).map(\.ref)
        for access in occupation.entry?.accessNotes ?? [] where isActive(access.doc) { notes.append(access.note) }
        let routingNotes = routing(.skill, skillLevel: level, includeScoped: true).notes
        if notes.isEmpty { notes = routingNotes } else { notes.append(contentsOf: routingNotes) }
        let (status, combined) = combine(conditions)
        let (from, earliest) = granted(by: grantedBy, earliest: combined)
        return SkillOption(occupation: occupation.display, level: level, route: route, status: status, earliestDate: earliest, basis: basis,
                           conditions: conditions, exemptions: exemptions, possibleExemptions: possibleExemptions, providers: providers, notes: notes, grantedFrom: from,
                           procedures: procedures(.skill, skillLevel: level, includeScoped: true))
    }
}

extension String.UTF8View {
    /// Whether `other` occurs in this text (byte-wise: UTF-8 keeps characters whole).
    func containsRun(_ other: String.UTF8View) -> Bool {
        let haystack = Array(self), needle = Array(other)
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

extension Double {
    /// 6 → "6", 2.5 → "2.5".
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
