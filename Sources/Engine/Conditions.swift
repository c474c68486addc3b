import Domain
import PolicyData

/// The conditions the documents set, each checked against the person on `asOf`.
extension EvaluationContext {
    /// "满N年" after a date: met on the same day N years later.
    func waiting(id: String, text: String, since date: CalendarDate?, years: Int, citation: Citation, datePath: String) -> Condition {
        guard let date else {
            return Condition(id: id, text: text + "（取得日期未填）", status: .unknown, citation: citation, settledBy: [datePath])
        }
        let due = date.adding(years: years)
        if due <= asOf {
            return Condition(id: id, text: text, status: .met, citation: citation, metOn: due)
        }
        return Condition(id: id, text: text + "（\(due) 届满）", status: .unmet, citation: citation, metOn: due, curedByTime: true)
    }

    /// The calendar years an "近N年" check looks at: the N years before `asOf`'s year.
    func recentYears(_ count: Int) -> ClosedRange<Int> {
        (asOf.year - count)...(asOf.year - 1)
    }

    func annualAssessment(_ entry: RuleBook.Ruled<AnnualAssessmentRule>) -> Condition {
        let rule = entry.rule
        let years = recentYears(rule.years)
        let text = "近\(rule.years)年年度考核合格（\(years.lowerBound)–\(years.upperBound)年度）"
        let citation = entry.citation
        func passed(_ year: Int) -> Bool? { person.annualAssessments.first { $0.year == year }?.passed }
        if years.contains(where: { passed($0) == false }) {
            let failed = years.filter { passed($0) == false }.map(String.init).joined(separator: "、")
            return Condition(id: "annual-assessment", text: text + "：\(failed)年度不合格", status: .unmet, citation: citation)
        }
        if years.contains(where: { passed($0) == nil }) {
            let missing = years.filter { passed($0) == nil }.map(String.init).joined(separator: "、")
            return Condition(id: "annual-assessment", text: text + "：\(missing)年度未填", status: .unknown, citation: citation,
                             settledBy: ["person.annualAssessments"])
        }
        return Condition(id: "annual-assessment", text: text, status: .met, citation: citation)
    }

    /// The continuing-education condition for a certificate year, built once per rule and
    /// band in an evaluation (every certificate in the same band shares it).
    func educationCondition(_ entry: RuleBook.EducationEntry, certificateYear: Int?) -> Condition? {
        let bands = entry.rule.bands
        let band: Int
        if bands.count <= 1 {
            band = 0
        } else if let year = certificateYear {
            band = bands.firstIndex { ($0.certificateYearFrom ?? .min) <= year && year <= ($0.certificateYearThrough ?? .max) } ?? -2
        } else {
            band = -1
        }
        let key = EducationKey(rule: ObjectIdentifier(entry), band: band)
        if let cached = educationConditions.first(where: { $0.key == key }) { return cached.condition }
        let condition = continuingEducation(entry, certificateYear: certificateYear)
        educationConditions.append((key, condition))
        return condition
    }

    /// Yearly continuing-education hours for the years the annual assessment looks at;
    /// skill-training hours count toward the total and toward 专业课.
    func continuingEducation(_ entry: RuleBook.EducationEntry, certificateYear: Int?) -> Condition? {
        let rule = entry.rule
        guard !rule.bands.isEmpty else { return nil }
        let citation = entry.citation
        if let met = person.continuingEducationMet {
            return Condition(id: "continuing-education", text: "每年度继续教育学时达到规定（按申报人填报）", status: met ? .met : .unmet, citation: citation)
        }
        let years = recentYears(3)
        let span = "\(years.lowerBound)–\(years.upperBound)年度"
        let bandIndex: Int
        if rule.bands.count == 1 {
            bandIndex = 0
        } else {
            guard let certificateYear else {
                return Condition(id: "continuing-education", text: "每年度继续教育学时（标准按证书取得年份确定，取得日期未填）", status: .unknown, citation: citation,
                                 settledBy: ["person.skills"])
            }
            guard let found = rule.bands.firstIndex(where: { ($0.certificateYearFrom ?? .min) <= certificateYear && certificateYear <= ($0.certificateYearThrough ?? .max) }) else {
                return nil
            }
            bandIndex = found
        }
        let band = rule.bands[bandIndex]
        let text = entry.bandTexts[bandIndex] + "（按\(span)核对；文件未明确考查年度）"
        var unknownYears: [Int] = []
        var failedYears: [Int] = []
        // Which figures the unknown years lack, so the person knows what to add.
        var lacking: [String] = []
        func lack(_ name: String) { if !lacking.contains(name) { lacking.append(name) } }
        for year in years {
            guard let hours = person.continuingEducation.first(where: { $0.year == year }) else { unknownYears.append(year); lack("学时"); continue }
            switch meets(hours, band: band, rule: rule) {
            case .met: break
            case .unmet: failedYears.append(year)
            case .unknown:
                unknownYears.append(year)
                // A missing figure is named only where the figures given cannot make up for it.
                let skill = rule.skillTrainingCounts ? (hours.skillTrainingHours ?? 0) : 0
                let publicShort = rule.publicHours.map { hours.publicHours == nil && Double($0) > 0 } ?? false
                let professionalShort = rule.professionalHours.map { hours.professionalHours == nil && skill < Double($0) } ?? false
                if publicShort { lack("公需科目学时") }
                if professionalShort { lack("专业课学时") }
                if !publicShort && !professionalShort { lack("学时") }
            }
        }
        if !failedYears.isEmpty {
            return Condition(id: "continuing-education", text: text + "：\(failedYears.map(String.init).joined(separator: "、"))年度不足", status: .unmet, citation: citation)
        }
        if !unknownYears.isEmpty {
            let what = lacking == ["学时"] ? "学时未填全" : lacking.joined(separator: "、") + "未填"
            let note = rule.skillTrainingCounts && lacking.contains("公需科目学时") ? "（技能培训学时计入专业课与总学时，不计入公需科目）" : ""
            return Condition(id: "continuing-education", text: text + "：\(unknownYears.map(String.init).joined(separator: "、"))年度\(what)\(note)",
                             status: .unknown, citation: citation, settledBy: ["person.continuingEducation"])
        }
        return Condition(id: "continuing-education", text: text, status: .met, citation: citation)
    }

    /// Checks one year's hours with missing figures as 0 (can it pass?) and as unlimited (can it fail?).
    private func meets(_ hours: ContinuingEducationYear, band: ContinuingEducationRule.Band, rule: ContinuingEducationRule) -> ConditionStatus {
        func check(_ missing: Double) -> Bool {
            let publicHours = hours.publicHours ?? missing
            let skill = rule.skillTrainingCounts ? (hours.skillTrainingHours ?? missing) : 0
            let professional = (hours.professionalHours ?? missing) + skill
            if let minimum = rule.publicHours, publicHours < Double(minimum) { return false }
            if let minimum = rule.professionalHours, professional < Double(minimum) { return false }
            return publicHours + professional >= Double(band.totalHours)
        }
        if check(0) { return .met }
        return check(.infinity) ? .unknown : .unmet
    }

    func relatedSkillWork(_ citation: Citation) -> Condition {
        let text = "目前仍在与申报职业相关的技术技能领域工作"
        switch person.inRelatedSkillWork {
        case true?: return Condition(id: "related-skill-work", text: text, status: .met, citation: citation)
        case false?: return Condition(id: "related-skill-work", text: text, status: .unmet, citation: citation)
        case nil: return Condition(id: "related-skill-work", text: text + "（未填）", status: .unknown, citation: citation, settledBy: ["person.inRelatedSkillWork"])
        }
    }
}

/// Combines condition statuses as the contract says: a failure time does not cure →
/// ineligible; else a waiting time → not_yet; else anything unknown → undetermined; else
/// eligible (unmet beats unknown). The date is when the last waiting time is (or was)
/// met: the earliest day to apply, given for not_yet and for an option that is open now.
func combine(_ conditions: [Condition]) -> (OptionStatus, CalendarDate?) {
    var waiting = false, unknown = false
    var latest: CalendarDate?
    for condition in conditions {
        switch condition.status {
        case .unmet:
            if !condition.curedByTime { return (.ineligible, nil) }
            waiting = true
        case .unknown:
            unknown = true
        case .met:
            break
        }
        if let date = condition.metOn, latest.map({ date > $0 }) ?? true { latest = date }
    }
    if waiting { return (.notYet, latest) }
    return (unknown ? .undetermined : .eligible, latest)
}
