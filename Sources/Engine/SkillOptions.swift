import Domain
import PolicyData

/// 技能等级 options: a title holder's crossover into the current occupation, and promotion
/// from a skill certificate to the next level.
extension EvaluationContext {
    mutating func crossoverSkillOptions() -> [SkillOption] {
        var options: [SkillOption] = []
        let occupation = resolve(person.currentOccupation, field: "person.currentOccupation")
        for title in person.titles {
            // 77号 sets the title → skill conditions without 64号's cumulative years; where both
            // are in force the provincial rules prevail (77号 五).
            let rules = parameters.titleToSkill.filter { rule in
                isActive(rule.document) && rule.titleLevel == title.level && supersessor(of: rule.document) == nil
            }
            let superseded = parameters.titleToSkill.filter { isActive($0.document) && $0.titleLevel == title.level && supersessor(of: $0.document) != nil }
            for skillLevel in uniqueLevels(rules.map(\.skillLevel)) {
                let levelRules = rules.filter { $0.skillLevel == skillLevel }
                if let name = occupation.canonical, person.skills.contains(where: { base.resolveOccupation($0.occupation ?? "")?.occupation.name == name && $0.level >= skillLevel }) {
                    continue // already holds this level or higher in the occupation
                }
                var conditions = levelRules.map { rule in
                    Condition(id: "title-held", text: "取得\(title.level.name)职称", status: .met, citation: cite(rule.document, rule.clause, rule.quote))
                }
                conditions += occupationConditions(occupation, title: title, citation: conditions[0].citation)
                for rule in levelRules {
                    if let required = rule.requiresSkillLevel {
                        let holds = person.skills.contains { $0.level >= required }
                        conditions.append(Condition(id: "prerequisite-skill", text: "先取得\(required.name)职业技能等级", status: holds ? .met : .unmet,
                                                    citation: cite(rule.document, rule.clause, rule.quote)))
                    }
                    if rule.workYearsPerNationalStandard {
                        conditions.append(Condition(id: "cumulative-years", text: "累计工作年限达到申报条件（按该职业国家职业技能标准确定）", status: .unknown,
                                                    citation: cite(rule.document, rule.clause, rule.quote)))
                    }
                }
                for rule in parameters.cumulativeWorkYears where isActive(rule.document) && rule.skillLevel == skillLevel {
                    if supersessor(of: rule.document) == nil {
                        conditions.append(cumulativeYears(rule))
                    }
                }
                var notes: [String] = []
                for rule in superseded where rule.skillLevel == skillLevel {
                    if let note = precedenceNote(superseded: rule.document, clause: "二（二）", what: "另规定累计工作年限") { notes.append(note) }
                }
                options.append(skillOption(occupation: occupation.canonical ?? occupation.given, level: skillLevel, route: .titleCrossover,
                                           basis: .title(title.specialty ?? title.series, title.level), conditions: conditions, notes: notes))
            }
        }
        return options
    }

    private func uniqueLevels(_ levels: [SkillLevel]) -> [SkillLevel] {
        var seen = Set<SkillLevel>()
        return levels.filter { seen.insert($0).inserted }
    }

    /// The current occupation must be known, and listed for a title holder in an active table;
    /// whether it corresponds to the title's series is checked where the series is given.
    private func occupationConditions(_ occupation: ResolvedOccupation, title: TitleHeld, citation: Citation) -> [Condition] {
        guard let name = occupation.canonical else {
            let text = occupation.given == nil ? "现岗位对应的职业（工种）（未填）" : "现岗位对应的职业（工种）「\(occupation.given!)」未能识别"
            return [Condition(id: "current-occupation", text: text, status: .unknown, citation: citation)]
        }
        var conditions = [Condition(id: "current-occupation", text: "从事「\(name)」或相关职业（工种）工作", status: .met, citation: citation)]
        let (rows, _) = seriesRows(for: name, titleSide: false)
        guard let row = rows.first else {
            conditions.append(Condition(id: "occupation-series", text: "「\(name)」列于对应关系表", status: .unknown, citation: citation))
            return conditions
        }
        let tableCitation = cite(row.source.document, row.source.table, row.printedName)
        let held = [title.series, title.specialty].compactMap { $0 }.map(NameKey.normalize)
        let mapped = rows.flatMap(\.series).map(NameKey.normalize)
        let matches = held.contains { h in mapped.contains { m in m == h || m.contains(h) || h.contains(m) } }
        let text = "职称系列与「\(name)」对应的系列（\(rows.flatMap(\.series).joined(separator: "、"))）相对应"
        conditions.append(Condition(id: "occupation-series", text: matches ? text : text + "（未能据所填系列确认）",
                                    status: matches ? .met : .unknown, citation: tableCitation))
        return conditions
    }

    /// 绍兴 二（二）: the years in the occupation, or fewer with a related diploma.
    private func cumulativeYears(_ rule: CumulativeWorkYearsRule) -> Condition {
        let citation = cite(rule.document, rule.clause, rule.quote)
        let text = "累计从事本职业或相关职业工作年限：" + rule.alternatives.map { alternative in
            alternative.minimumEducation.map { "具有\($0)\(alternative.exactEducation ? "" : "及以上")本专业（相关专业）毕业证书满\(alternative.years)年" } ?? "满\(alternative.years)年"
        }.joined(separator: "；或")
        guard let years = person.occupationWorkYears else {
            return Condition(id: "cumulative-years", text: text + "（工作年限未填）", status: .unknown, citation: citation)
        }
        var unknown = false
        var shortest: Double?
        for alternative in rule.alternatives {
            let qualifies: Bool?
            if let minimum = alternative.minimumEducation.flatMap({ EducationLevel(name: $0) }) {
                guard let education = person.education, let level = education.level, let related = education.relatedToOccupation else {
                    unknown = true
                    continue
                }
                if level.isSkillSchoolClass {
                    qualifies = nil // the equivalence is stated for title applications only
                } else {
                    let rank = level.degreeRank ?? 0, needed = minimum.degreeRank ?? 0
                    qualifies = related && (alternative.exactEducation ? rank == needed : rank >= needed)
                }
            } else {
                qualifies = true
            }
            guard let qualifies else { unknown = true; continue }
            guard qualifies else { continue }
            if years >= Double(alternative.years) { return Condition(id: "cumulative-years", text: text, status: .met, citation: citation) }
            shortest = min(shortest ?? .infinity, Double(alternative.years) - years)
        }
        if unknown { return Condition(id: "cumulative-years", text: text + "（学历情况未能确认）", status: .unknown, citation: citation) }
        let remaining = shortest.map { Int($0.rounded(.up)) } ?? 0
        let due = asOf.adding(years: remaining)
        return Condition(id: "cumulative-years", text: text + "（现为\(years.formatted)年，继续从事本职业约至 \(due) 届满）", status: .unmet,
                         citation: citation, metOn: due, curedByTime: true)
    }

    mutating func promotionSkillOptions() -> [SkillOption] {
        var options: [SkillOption] = []
        let rules = parameters.promotion.filter { isActive($0.document) }
        guard !rules.isEmpty else { return [] }
        for (index, skill) in person.skills.enumerated() where skill.level < .seniorTechnician {
            guard let next = skill.level.next else { continue }
            let occupation = resolve(skill.occupation, field: "person.skills[\(index)].occupation")
            if let name = occupation.canonical, person.skills.contains(where: { base.resolveOccupation($0.occupation ?? "")?.occupation.name == name && $0.level >= next }) {
                continue
            }
            var conditions = rules.map { rule in
                waiting(id: "promotion-wait", text: "取得\(skill.level.name)\(rule.years)年后", since: skill.obtainedOn, years: rule.years,
                        citation: cite(rule.document, rule.clause, rule.quote))
            }
            conditions.append(Condition(id: "cumulative-years", text: "按累计工作年限申报（年限按该职业国家职业技能标准确定）", status: .unknown,
                                        citation: cite(rules[0].document, rules[0].clause, rules[0].quote)))
            options.append(skillOption(occupation: occupation.canonical ?? occupation.given, level: next, route: .promotion,
                                       basis: .skill(occupation.canonical ?? occupation.given, skill.level), conditions: conditions, notes: []))
        }
        return options
    }

    /// Adds providers, exemptions and routing, then combines the conditions.
    private func skillOption(occupation: String?, level: SkillLevel, route: Route, basis: Basis, conditions: [Condition], notes: [String]) -> SkillOption {
        var notes = notes
        var exemptions: [String] = []
        let exemption = parameters.theoryExamExemption.filter { isActive($0.document) }
        // The exemption is granted to 专业技术人才 taking a skill evaluation, i.e. the crossover.
        if route == .titleCrossover, person.education?.relatedToOccupation == true, !exemption.isEmpty {
            exemptions.append("theory_exam")
            notes += exemption.map { "\(name($0.document)) \($0.clause)：\($0.quote)。" }
        }
        var providers: [ProviderRef] = []
        if let occupation {
            for provider in base.providers(forOccupation: occupation) where book.chain.contains(provider.jurisdiction) && isActive(provider.source.document) && provider.levels.contains(level) {
                let contact = [provider.contactName, provider.contactPhone].compactMap { $0 }.joined(separator: " ")
                providers.append(ProviderRef(name: provider.name, contact: contact.isEmpty ? nil : contact,
                                             levels: provider.levels.map { $0.grade ?? $0.name }, workType: provider.workType))
            }
            for access in parameters.accessTypeOccupations where isActive(access.document) && base.resolveOccupation(access.occupation)?.occupation.name == occupation {
                notes.append("\(name(access.document)) \(access.clause)：\(access.printedName)属就业准入类职业，由\(access.departments.joined(separator: "或"))负责鉴定。")
            }
        }
        notes += routingNotes(.skill, skillLevel: level, includeShaoxing: true).notes
        let (status, earliest) = combine(conditions)
        return SkillOption(occupation: occupation, level: level, route: route, status: status, earliestDate: earliest, basis: basis,
                           conditions: conditions, exemptions: exemptions, providers: providers, notes: notes)
    }
}

extension Double {
    /// 6 → "6", 2.5 → "2.5".
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
