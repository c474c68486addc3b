import Domain
import Engine
import Foundation
import Vapor

/// The checker form: what a worker fills in, as query parameters (so a result has a
/// stable, printable URL), turned into an EvaluationRequest.
struct CheckForm: Content {
    var j: String?
    var asOf: String?
    var skill1Occupation: String?
    var skill1Level: String?
    var skill1Date: String?
    var skill2Occupation: String?
    var skill2Level: String?
    var skill2Date: String?
    var titleSeries: String?
    var titleSpecialty: String?
    var titleLevel: String?
    var titleDate: String?
    var honor1: String?
    var honor2: String?
    /// What a person writes when the list does not have it (it wins over the list).
    var titleSeriesOther: String?
    var honor1Other: String?
    var honor2Other: String?
    /// 近三年年度考核：yes / no / (empty: 不清楚)
    var assessments: String?
    var cePublic: String?
    var ceProfessional: String?
    var ceSkill: String?
    var education: String?
    var educationRelated: String?
    var currentOccupation: String?
    var workYears: String?
    var relatedWork: String?
    var publicStaff: String?
    /// The day the year-bound answers (考核, 继续教育 "近三年") were given: a saved check
    /// keeps it, so a later visit asks for the years since instead of assuming them.
    var answeredOn: String?
    /// The saved check this form edits (its link stays the same).
    var replace: String?

    static func trimmed(_ value: String?) -> String? {
        guard let text = value?.trimmingWhitespace, !text.isEmpty else { return nil }
        return text
    }

    /// Where the facts that settle an undetermined condition are given (`Condition.settledBy`).
    static let factFields: [String: String] = [
        "person.annualAssessments": "assessments", "person.continuingEducation": "cePublic",
        "person.inRelatedSkillWork": "relatedWork", "person.education.level": "education",
        "person.education.relatedToOccupation": "educationRelated", "person.occupationWorkYears": "workYears",
        "person.currentOccupation": "currentOccupation", "person.skills": "skill1Date",
    ]

    /// The request as JSON; for each request field path the form field it came from; the
    /// form's own errors; and notices for answers it could not use.
    func request(today: CalendarDate) -> (json: JSONValue, fields: [String: String], errors: [FieldError], notices: [String]) {
        var root: [String: JSONValue] = [:]
        var person: [String: JSONValue] = [:]
        var fields: [String: String] = Self.factFields.merging(["jurisdiction": "j", "asOf": "asOf"]) { first, _ in first }
        var errors: [FieldError] = []
        var notices: [String] = []
        if let j = Self.trimmed(j) { root["jurisdiction"] = .string(j) }
        let asOfText = Self.trimmed(asOf)
        if let asOfText { root["asOf"] = .string(asOfText) }
        let asOfDate = asOfText.flatMap { CalendarDate(iso: $0) } ?? today

        var skills: [JSONValue] = []
        for (prefix, occupation, level, date) in [("skill1", skill1Occupation, skill1Level, skill1Date), ("skill2", skill2Occupation, skill2Level, skill2Date)] {
            guard Self.trimmed(occupation) != nil || Self.trimmed(level) != nil || Self.trimmed(date) != nil else { continue }
            // A certificate without its level cannot be weighed; the page promised blanks are fine.
            guard Self.trimmed(level) != nil else {
                notices.append("\(prefix == "skill1" ? "第一张" : "第二张")证书未选等级，暂未据以评估；选择等级后即可得出结果。")
                continue
            }
            var skill: [String: JSONValue] = [:]
            if let occupation = Self.trimmed(occupation) { skill["occupation"] = .string(occupation) }
            if let level = Self.trimmed(level) { skill["level"] = .string(level) }
            if let date = Self.trimmed(date) { skill["obtainedOn"] = .string(date) }
            let path = "person.skills[\(skills.count)]"
            fields[path + ".occupation"] = prefix + "Occupation"
            fields[path + ".level"] = prefix + "Level"
            fields[path + ".obtainedOn"] = prefix + "Date"
            skills.append(.object(skill))
        }
        if !skills.isEmpty { person["skills"] = .array(skills) }

        if let listed = Self.trimmed(titleSeries), let written = Self.trimmed(titleSeriesOther), listed != written {
            errors.append(FieldError(field: "titleSeriesOther", message: "已从列表中选择「\(listed)」：系列只能有一个，请清空其中一项"))
        }
        let chosenSeries = Self.trimmed(titleSeriesOther) ?? Self.trimmed(titleSeries)
        if Self.trimmed(titleLevel) != nil || chosenSeries != nil || Self.trimmed(titleDate) != nil {
            var title: [String: JSONValue] = [:]
            // A title's name in the series box ("工程师") says its series and level.
            var seriesText = chosenSeries
            if let text = seriesText, let named = TitleLevel(name: text), named.engineeringName == text {
                seriesText = "工程"
                if Self.trimmed(titleLevel) == nil { title["level"] = .string(named.name) }
            }
            if let series = seriesText { title["series"] = .string(series) }
            if let specialty = Self.trimmed(titleSpecialty) { title["specialty"] = .string(specialty) }
            if let level = Self.trimmed(titleLevel) { title["level"] = .string(level) }
            if let date = Self.trimmed(titleDate) { title["obtainedOn"] = .string(date) }
            person["titles"] = .array([.object(title)])
            fields["person.titles[0].level"] = "titleLevel"
            fields["person.titles[0].series"] = Self.trimmed(titleSeriesOther) != nil ? "titleSeriesOther" : "titleSeries"
            fields["person.titles[0].specialty"] = "titleSpecialty"
            fields["person.titles[0].obtainedOn"] = "titleDate"
        }
        // A name chosen from the list and one written beside it are both weighed.
        let honours = [("honor1", honor1), ("honor1Other", honor1Other), ("honor2", honor2), ("honor2Other", honor2Other)]
            .compactMap { field, name in Self.trimmed(name).map { (field, $0) } }
        if !honours.isEmpty {
            person["honors"] = .array(honours.map { .object(["name": .string($0.1)]) })
            for (index, honour) in honours.enumerated() { fields["person.honors[\(index)].name"] = honour.0 }
        }
        let answeredDate = Self.trimmed(answeredOn).flatMap { CalendarDate(iso: $0) }.map { min($0, asOfDate) } ?? asOfDate
        let recent = (answeredDate.year - 3)...(answeredDate.year - 1)
        switch assessments {
        case "yes": person["annualAssessments"] = .array(recent.map { .object(["year": .number(Double($0)), "passed": .bool(true)]) })
        case "no": person["annualAssessments"] = .array([.object(["year": .number(Double(answeredDate.year - 1)), "passed": .bool(false)])])
        default: break
        }
        let hours = [("publicHours", cePublic, "cePublic"), ("professionalHours", ceProfessional, "ceProfessional"), ("skillTrainingHours", ceSkill, "ceSkill")]
        var yearHours: [String: JSONValue] = [:]
        for (key, text, field) in hours {
            guard let text = Self.trimmed(text) else { continue }
            guard let number = Double(text), number.isFinite else {
                errors.append(FieldError(field: field, message: "应为数字（学时）"))
                continue
            }
            yearHours[key] = .number(number)
        }
        if !yearHours.isEmpty {
            person["continuingEducation"] = .array(recent.map { year in .object(yearHours.merging(["year": .number(Double(year))]) { first, _ in first }) })
            for index in 0..<recent.count {
                fields["person.continuingEducation[\(index)].publicHours"] = "cePublic"
                fields["person.continuingEducation[\(index)].professionalHours"] = "ceProfessional"
                fields["person.continuingEducation[\(index)].skillTrainingHours"] = "ceSkill"
            }
        }
        var educationObject: [String: JSONValue] = [:]
        if let level = Self.trimmed(education) { educationObject["level"] = .string(level) }
        if let related = Self.flag(educationRelated) { educationObject["relatedToOccupation"] = .bool(related) }
        if !educationObject.isEmpty { person["education"] = .object(educationObject) }
        fields["person.education.level"] = "education"
        if let occupation = Self.trimmed(currentOccupation) { person["currentOccupation"] = .string(occupation) }
        fields["person.currentOccupation"] = "currentOccupation"
        if let years = Self.trimmed(workYears) {
            if let number = Double(years), number.isFinite { person["occupationWorkYears"] = .number(number) } else {
                errors.append(FieldError(field: "workYears", message: "应为数字（年）"))
            }
        }
        fields["person.occupationWorkYears"] = "workYears"
        if let flag = Self.flag(relatedWork) { person["inRelatedSkillWork"] = .bool(flag) }
        if let flag = Self.flag(publicStaff) { person["publicInstitutionStaff"] = .bool(flag) }
        root["person"] = .object(person)
        return (.object(root), fields, errors, notices)
    }

    static func flag(_ value: String?) -> Bool? {
        switch value {
        case "yes": return true
        case "no": return false
        default: return nil
        }
    }
}

extension CheckForm {
    /// The form filled from a person's record (the contract's `person`), to edit it.
    init(person: JSONValue, jurisdiction: String?) {
        self.init()
        j = jurisdiction
        guard case .object(let members) = person else { return }
        func text(_ value: JSONValue?) -> String? { if case .string(let text)? = value { return text } else { return nil } }
        func number(_ value: JSONValue?) -> String? {
            if case .number(let number)? = value { return number == number.rounded() ? String(Int(number)) : String(number) } else { return nil }
        }
        func flag(_ value: JSONValue?) -> String? { if case .bool(let flag)? = value { return flag ? "yes" : "no" } else { return nil } }
        func objects(_ key: String) -> [[String: JSONValue]] {
            guard case .array(let items)? = members[key] else { return [] }
            return items.compactMap { if case .object(let object) = $0 { return object } else { return nil } }
        }
        let skills = objects("skills")
        if let first = skills.first { skill1Occupation = text(first["occupation"]); skill1Level = text(first["level"]); skill1Date = text(first["obtainedOn"]) }
        if skills.count > 1 { skill2Occupation = text(skills[1]["occupation"]); skill2Level = text(skills[1]["level"]); skill2Date = text(skills[1]["obtainedOn"]) }
        if let title = objects("titles").first {
            titleSeriesOther = text(title["series"]); titleSpecialty = text(title["specialty"]); titleLevel = text(title["level"]); titleDate = text(title["obtainedOn"])
        }
        let honours = objects("honors")
        if let first = honours.first { honor1Other = text(first["name"]) }
        if honours.count > 1 { honor2Other = text(honours[1]["name"]) }
        let assessments = objects("annualAssessments")
        if !assessments.isEmpty { assessments.contains { flag($0["passed"]) == "no" } ? (self.assessments = "no") : (self.assessments = "yes") }
        if let year = objects("continuingEducation").first {
            cePublic = number(year["publicHours"]); ceProfessional = number(year["professionalHours"]); ceSkill = number(year["skillTrainingHours"])
        }
        if case .object(let education)? = members["education"] { self.education = text(education["level"]); educationRelated = flag(education["relatedToOccupation"]) }
        currentOccupation = text(members["currentOccupation"])
        workYears = number(members["occupationWorkYears"])
        relatedWork = flag(members["inRelatedSkillWork"])
        publicStaff = flag(members["publicInstitutionStaff"])
    }
}
