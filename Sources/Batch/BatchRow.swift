import Domain
import Engine
import PolicyData

/// One row of the batch CSV, turned into a person, per the contract's batch columns.
public enum BatchRow {
    /// The contract's input columns, in the contract's order.
    public enum Column: Int, CaseIterable, Sendable {
        case id
        case occupation
        case skillLevel
        case skillObtainedOn
        case titleSeries
        case titleLevel
        case titleObtainedOn
        case honors
        case assessmentsPassedLast3Years
        case continuingEducationMet
        case currentOccupation
        case occupationWorkYears
        case education
        case educationRelated
        case inRelatedSkillWork
        case publicInstitutionStaff

        public var name: String { BatchRow.inputColumns[rawValue] }
    }

    public static let inputColumns = [
        "id", "occupation", "skill_level", "skill_obtained_on", "title_series", "title_level", "title_obtained_on", "honors",
        "assessments_passed_last_3_years", "continuing_education_met", "current_occupation", "occupation_work_years",
        "education", "education_related", "in_related_skill_work", "public_institution_staff",
    ]

    /// Columns holding dates: in a workbook, Excel's date numbers there are read as dates.
    public static let dateColumns: Set<String> = ["skill_obtained_on", "title_obtained_on"]

    public static let outputColumns = [
        "id", "best_title_level", "best_title_route", "best_title_status", "best_title_earliest_date", "best_title_series",
        "best_skill_occupation", "best_skill_level", "best_skill_status", "error",
    ]

    /// The person, or the reasons the row is invalid (in Chinese, for the `error` cell).
    public static func person(_ cell: (Column) -> String, asOf: CalendarDate) -> Result<Person, RowError> {
        var person = Person()
        var problems: [String] = []
        func text(_ column: Column) -> String? {
            let raw = cell(column)
            if !withinLimit(raw, column) {
                if !problems.contains(where: { $0.hasPrefix(column.name) }) { problems.append("\(column.name) 过长：不超过 \(limit(column)) 个字") }
                return nil
            }
            let value = raw.trimmingWhitespace
            return value.isEmpty ? nil : value
        }
        func date(_ column: Column) -> CalendarDate? {
            guard let value = text(column) else { return nil }
            let parsed: CalendarDate
            do {
                parsed = try CalendarDate.input(value)
            } catch {
                problems.append("\(column.name)：\(error.message(value))")
                return nil
            }
            if parsed > asOf { problems.append("\(column.name) \(parsed) 晚于评估日期 \(asOf)") }
            return parsed
        }
        func flag(_ column: Column) -> Bool? {
            guard let raw = text(column) else { return nil }
            // The usual spellings first, without lowercasing.
            if raw == "true" { return true }
            if raw == "false" { return false }
            let value = raw.lowercased()
            switch value {
            case "true", "是", "1", "yes": return true
            case "false", "否", "0", "no": return false
            default:
                problems.append("\(column.name) 应为 true、false 或留空，不是「\(value)」")
                return nil
            }
        }
        let skillLevel = text(.skillLevel)
        if text(.occupation) != nil || skillLevel != nil || text(.skillObtainedOn) != nil {
            let obtainedOn = date(.skillObtainedOn)
            if let skillLevel, let level = SkillLevel(name: skillLevel) {
                person.skills.append(SkillCertificate(occupation: text(.occupation), level: level, obtainedOn: obtainedOn))
            } else if let skillLevel {
                problems.append("skill_level「\(skillLevel)」不是技能等级")
            } else {
                problems.append("有职业或取得日期时 skill_level 必填")
            }
        }
        if let titleLevel = text(.titleLevel) {
            let obtainedOn = date(.titleObtainedOn)
            if let level = TitleLevel(name: titleLevel) {
                person.titles.append(TitleHeld(series: text(.titleSeries), specialty: nil, level: level, obtainedOn: obtainedOn))
            } else {
                problems.append("title_level「\(titleLevel)」不是职称层级")
            }
        }
        if let honours = text(.honors) {
            person.honors = honourNames(honours).map { HonourHeld(name: $0, awardedOn: nil) }
        }
        if let passed = flag(.assessmentsPassedLast3Years) { person.annualAssessments = assessments(passed: passed, asOf: asOf) }
        person.continuingEducationMet = flag(.continuingEducationMet)
        person.currentOccupation = text(.currentOccupation)
        if let years = text(.occupationWorkYears) {
            if let value = Double(years), value.isFinite, value >= 0, value <= InputLimits.workYears { person.occupationWorkYears = value } else {
                problems.append("occupation_work_years 应为 0 至 \(Int(InputLimits.workYears)) 之间的数字，不是「\(years)」")
            }
        }
        let related = flag(.educationRelated)
        if let level = text(.education) {
            if let parsed = EducationLevel(name: level) { person.education = Education(level: parsed, relatedToOccupation: related) } else {
                problems.append("education「\(level)」不是学历")
            }
        } else if let related {
            person.education = Education(level: nil, relatedToOccupation: related)
        }
        person.inRelatedSkillWork = flag(.inRelatedSkillWork)
        person.publicInstitutionStaff = flag(.publicInstitutionStaff)
        return problems.isEmpty ? .success(person) : .failure(RowError(message: problems.joined(separator: "；")))
    }

    /// The names in an honours cell: separated by ";", blanks dropped.
    static func honourNames(_ cell: String) -> [String] {
        cell.split(separator: ";").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    /// true: each of the three years before `asOf`'s passed; false: at least one did not
    /// (which one does not matter).
    static func assessments(passed: Bool, asOf: CalendarDate) -> [AnnualAssessment] {
        passed
            ? ((asOf.year - 3)...(asOf.year - 1)).map { AnnualAssessment(year: $0, passed: true) }
            : [AnnualAssessment(year: asOf.year - 1, passed: false)]
    }

    public struct RowError: Error, Sendable {
        public let message: String
    }

    /// The output cells for a result: the best title and skill options.
    public static func cells(id: String, result: EvaluationResult) -> [String] {
        let title = best(result.titleOptions, level: { $0.level.rawValue }, status: \.status, earliest: \.earliestDate)
        let skill = best(result.skillOptions, level: { $0.level.rawValue }, status: \.status, earliest: \.earliestDate)
        return [
            id, title?.level.name ?? "", title?.route.rawValue ?? "", title?.status.rawValue ?? "",
            title?.earliestDate?.description ?? "", title?.series ?? "",
            skill?.occupation ?? "", skill?.level.name ?? "", skill?.status.rawValue ?? "", "",
        ]
    }

    /// "The highest level among options whose status is eligible, else not_yet"; among equal
    /// levels, the earlier date, then the first listed.
    static func best<Option>(_ options: [Option], level: (Option) -> Int, status: (Option) -> OptionStatus, earliest: (Option) -> CalendarDate?) -> Option? {
        for wanted in [OptionStatus.eligible, .notYet] {
            var chosen: Option?
            for option in options where status(option) == wanted {
                guard let current = chosen else { chosen = option; continue }
                if level(option) > level(current) {
                    chosen = option
                } else if level(option) == level(current), let date = earliest(option), let best = earliest(current), date < best {
                    chosen = option
                }
            }
            if let chosen { return chosen }
        }
        return nil
    }

    /// The most characters a text cell may hold: one name, or (honours) several.
    static func limit(_ column: Column) -> Int {
        InputLimits.nameCharacters * (column == .honors ? InputLimits.listItems / 5 : 1)
    }

    static func withinLimit(_ text: String, _ column: Column) -> Bool {
        InputLimits.isWithin(text, characters: limit(column))
    }

    /// The error of a record that could not be read as CSV (or as text).
    static func unreadable(line: Int, _ problem: String) -> String {
        "第 \(line) 行无法读取：\(problem)"
    }

    public static func errorCells(id: String, message: String) -> [String] {
        [id, "", "", "", "", "", "", "", "", message]
    }
}
