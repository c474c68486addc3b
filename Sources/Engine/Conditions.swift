import Domain
import PolicyData

/// The conditions the documents set, each checked against the person on `asOf`.
extension EvaluationContext {
    /// "满N年" after a date: met on the same day N years later.
    func waiting(id: String, text: String, since date: CalendarDate?, years: Int, citation: Citation) -> Condition {
        guard let date else {
            return Condition(id: id, text: text + "（取得日期未填）", status: .unknown, citation: citation)
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

    func annualAssessment(_ rule: AnnualAssessmentRule) -> Condition {
        let years = recentYears(rule.years)
        let text = "近\(rule.years)年年度考核合格（\(years.lowerBound)–\(years.upperBound)年度）"
        let citation = cite(rule.document, rule.clause, rule.quote)
        let byYear = Dictionary(person.annualAssessments.map { ($0.year, $0.passed) }, uniquingKeysWith: { first, _ in first })
        let results = years.map { byYear[$0] }
        if results.contains(false) {
            let failed = years.filter { byYear[$0] == false }.map(String.init).joined(separator: "、")
            return Condition(id: "annual-assessment", text: text + "：\(failed)年度不合格", status: .unmet, citation: citation)
        }
        if results.contains(nil) {
            let missing = years.filter { byYear[$0] == nil }.map(String.init).joined(separator: "、")
            return Condition(id: "annual-assessment", text: text + "：\(missing)年度未填", status: .unknown, citation: citation)
        }
        return Condition(id: "annual-assessment", text: text, status: .met, citation: citation)
    }

    /// Yearly continuing-education hours for the years the annual assessment looks at;
    /// skill-training hours count toward the total and toward 专业课.
    func continuingEducation(_ rule: ContinuingEducationRule, certificateYear: Int?) -> Condition? {
        guard !rule.bands.isEmpty else { return nil }
        let citation = cite(rule.document, rule.clause, rule.quote)
        let years = recentYears(3)
        let span = "\(years.lowerBound)–\(years.upperBound)年度"
        let band: ContinuingEducationRule.Band
        if rule.bands.count == 1 {
            band = rule.bands[0]
        } else {
            guard let certificateYear else {
                return Condition(id: "continuing-education", text: "每年度继续教育学时（标准按证书取得年份确定，取得日期未填）", status: .unknown, citation: citation)
            }
            guard let found = rule.bands.first(where: { ($0.certificateYearFrom ?? .min) <= certificateYear && certificateYear <= ($0.certificateYearThrough ?? .max) }) else {
                return nil
            }
            band = found
        }
        var parts = ["每年度不少于\(band.totalHours)学时"]
        if let publicHours = rule.publicHours { parts.append("公需科目不少于\(publicHours)学时") }
        if let professional = rule.professionalHours { parts.append("专业课不少于\(professional)学时") }
        let text = "继续教育：" + parts.joined(separator: "，") + "（按\(span)核对；文件未明确考查年度）"
        let byYear = Dictionary(person.continuingEducation.map { ($0.year, $0) }, uniquingKeysWith: { first, _ in first })
        var unknownYears: [Int] = []
        var failedYears: [Int] = []
        for year in years {
            guard let hours = byYear[year] else { unknownYears.append(year); continue }
            switch meets(hours, band: band, rule: rule) {
            case .met: break
            case .unmet: failedYears.append(year)
            case .unknown: unknownYears.append(year)
            }
        }
        if !failedYears.isEmpty {
            return Condition(id: "continuing-education", text: text + "：\(failedYears.map(String.init).joined(separator: "、"))年度不足", status: .unmet, citation: citation)
        }
        if !unknownYears.isEmpty {
            return Condition(id: "continuing-education", text: text + "：\(unknownYears.map(String.init).joined(separator: "、"))年度学时未填全", status: .unknown, citation: citation)
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

    func relatedSkillWork(_ rule: SkillToTitleRule) -> Condition {
        let citation = cite(rule.document, rule.clause, rule.quote)
        let text = "目前仍在与申报职业相关的技术技能领域工作"
        switch person.inRelatedSkillWork {
        case true?: return Condition(id: "related-skill-work", text: text, status: .met, citation: citation)
        case false?: return Condition(id: "related-skill-work", text: text, status: .unmet, citation: citation)
        case nil: return Condition(id: "related-skill-work", text: text + "（未填）", status: .unknown, citation: citation)
        }
    }
}
