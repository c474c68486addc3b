import Domain
import PolicyData

/// Turns a JSON request into an `EvaluationRequest`, or lists every field that is wrong
/// (the contract's 422): wrong types, unknown fields, impossible dates, unknown levels,
/// negative numbers, certificates dated after `asOf`.
public struct RequestDecoder: Sendable {
    private let jurisdictions: [Jurisdiction]

    public init(base: PolicyBase) {
        jurisdictions = base.jurisdictions
    }

    public func decode(_ json: JSONValue, today: CalendarDate) throws(RequestErrors) -> EvaluationRequest {
        var reader = FieldReader()
        let request = reader.request(json, today: today, jurisdictions: jurisdictions)
        if !reader.errors.isEmpty || request == nil { throw RequestErrors(reader.errors) }
        return request!
    }

    /// Resolves a jurisdiction code or its Chinese name (with or without 省/市).
    public static func jurisdictionCode(_ text: String, in jurisdictions: [Jurisdiction]) -> String? {
        let trimmed = text.trimmingWhitespace
        for jurisdiction in jurisdictions {
            let short = String(jurisdiction.name.dropLast())
            if trimmed.lowercased() == jurisdiction.code || trimmed == jurisdiction.name || trimmed == short {
                return jurisdiction.code
            }
        }
        return nil
    }
}

private struct FieldReader {
    var errors: [FieldError] = []

    mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    mutating func object(_ value: JSONValue, _ field: String, allowed: Set<String>) -> [String: JSONValue]? {
        guard case .object(let members) = value else {
            fail(field.isEmpty ? "(body)" : field, "应为对象，实为\(value.typeName)")
            return nil
        }
        for key in members.keys.sorted() where !allowed.contains(key) {
            fail(join(field, key), "不认识的字段")
        }
        return members
    }

    func join(_ parent: String, _ key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// A present, non-null member; nil (and no error) when absent or null.
    func member(_ members: [String: JSONValue], _ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    mutating func string(_ value: JSONValue?, _ field: String) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            fail(field, "应为字符串，实为\(value.typeName)")
            return nil
        }
        if !InputLimits.isWithin(text, characters: InputLimits.nameCharacters) {
            fail(field, "过长：不超过 \(InputLimits.nameCharacters) 个字")
            return nil
        }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty { fail(field, "不能为空") ; return nil }
        return trimmed
    }

    mutating func bool(_ value: JSONValue?, _ field: String) -> Bool? {
        guard let value else { return nil }
        guard case .bool(let flag) = value else {
            fail(field, "应为 true 或 false，实为\(value.typeName)")
            return nil
        }
        return flag
    }

    mutating func number(_ value: JSONValue?, _ field: String, max: Double) -> Double? {
        guard let value else { return nil }
        guard case .number(let number) = value else {
            fail(field, "应为数字，实为\(value.typeName)")
            return nil
        }
        guard number.isFinite, number <= max else { fail(field, "超出范围：不超过 \(max.formatted)"); return nil }
        if number < 0 { fail(field, "不能为负数"); return nil }
        return number
    }

    /// A calendar year, held to the same range as dates and not after `asOf`'s year.
    mutating func year(_ value: JSONValue?, _ field: String, notAfter asOf: CalendarDate?) -> Int? {
        guard let value else { fail(field, "必填"); return nil }
        let years = CalendarDate.inputYears
        guard case .number(let number) = value, number == number.rounded(), number >= Double(years.lowerBound), number <= Double(years.upperBound) else {
            fail(field, "应为四位年份（\(years.lowerBound)–\(years.upperBound)）")
            return nil
        }
        if let asOf, Int(number) > asOf.year {
            fail(field, "\(Int(number)) 年晚于评估日期 asOf（\(asOf)）所在年份")
            return nil
        }
        return Int(number)
    }

    mutating func date(_ value: JSONValue?, _ field: String, notAfter asOf: CalendarDate?) -> CalendarDate? {
        guard let text = string(value, field) else { return nil }
        let date: CalendarDate
        do {
            date = try CalendarDate.input(text)
        } catch {
            fail(field, error.message(text))
            return nil
        }
        if let asOf, date > asOf {
            fail(field, "日期 \(date) 晚于评估日期 asOf（\(asOf)）")
            return nil
        }
        return date
    }

    mutating func array(_ value: JSONValue?, _ field: String) -> [JSONValue] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            fail(field, "应为数组，实为\(value.typeName)")
            return []
        }
        if items.count > InputLimits.listItems {
            fail(field, "最多 \(InputLimits.listItems) 项，实为 \(items.count) 项")
            return []
        }
        return items
    }

    mutating func request(_ json: JSONValue, today: CalendarDate, jurisdictions: [Jurisdiction]) -> EvaluationRequest? {
        guard let root = object(json, "", allowed: ["jurisdiction", "asOf", "person"]) else { return nil }
        var code: String?
        if let text = string(member(root, "jurisdiction"), "jurisdiction") {
            code = RequestDecoder.jurisdictionCode(text, in: jurisdictions)
            if code == nil {
                fail("jurisdiction", "不支持的地区「\(text)」，可用：\(jurisdictions.map(\.code).joined(separator: ", "))")
            }
        } else if member(root, "jurisdiction") == nil {
            fail("jurisdiction", "必填，可用：\(jurisdictions.map(\.code).joined(separator: ", "))")
        }
        let asOf = member(root, "asOf") == nil ? today : date(member(root, "asOf"), "asOf", notAfter: nil)
        var person = Person()
        if let personValue = member(root, "person") {
            person = self.person(personValue, asOf: asOf)
        }
        guard let code, let asOf else { return nil }
        return EvaluationRequest(jurisdiction: code, asOf: asOf, person: person)
    }

    mutating func person(_ value: JSONValue, asOf: CalendarDate?) -> Person {
        var person = Person()
        let allowed: Set<String> = [
            "skills", "titles", "honors", "annualAssessments", "continuingEducation", "education",
            "currentOccupation", "occupationWorkYears", "inRelatedSkillWork", "publicInstitutionStaff",
        ]
        guard let members = object(value, "person", allowed: allowed) else { return person }
        for (index, item) in array(member(members, "skills"), "person.skills").enumerated() {
            let field = "person.skills[\(index)]"
            guard let skill = object(item, field, allowed: ["occupation", "level", "obtainedOn"]) else { continue }
            let occupation = string(member(skill, "occupation"), "\(field).occupation")
            let obtainedOn = date(member(skill, "obtainedOn"), "\(field).obtainedOn", notAfter: asOf)
            guard let levelText = string(member(skill, "level"), "\(field).level") else {
                if member(skill, "level") == nil { fail("\(field).level", "必填") }
                continue
            }
            guard let level = SkillLevel(name: levelText) else {
                fail("\(field).level", "不认识的技能等级「\(levelText)」，可用：\(SkillLevel.acceptedNames.joined(separator: "、"))")
                continue
            }
            person.skills.append(SkillCertificate(occupation: occupation, level: level, obtainedOn: obtainedOn))
        }
        for (index, item) in array(member(members, "titles"), "person.titles").enumerated() {
            let field = "person.titles[\(index)]"
            guard let title = object(item, field, allowed: ["series", "specialty", "level", "obtainedOn"]) else { continue }
            let series = string(member(title, "series"), "\(field).series")
            let specialty = string(member(title, "specialty"), "\(field).specialty")
            let obtainedOn = date(member(title, "obtainedOn"), "\(field).obtainedOn", notAfter: asOf)
            guard let levelText = string(member(title, "level"), "\(field).level") else {
                if member(title, "level") == nil { fail("\(field).level", "必填") }
                continue
            }
            guard let level = TitleLevel(name: levelText) else {
                fail("\(field).level", "不认识的职称层级「\(levelText)」，可用：\(TitleLevel.acceptedNames.joined(separator: "、"))")
                continue
            }
            person.titles.append(TitleHeld(series: series, specialty: specialty, level: level, obtainedOn: obtainedOn))
        }
        for (index, item) in array(member(members, "honors"), "person.honors").enumerated() {
            let field = "person.honors[\(index)]"
            guard let honour = object(item, field, allowed: ["name", "awardedOn"]) else { continue }
            let awardedOn = date(member(honour, "awardedOn"), "\(field).awardedOn", notAfter: asOf)
            guard let name = string(member(honour, "name"), "\(field).name") else {
                if member(honour, "name") == nil { fail("\(field).name", "必填") }
                continue
            }
            person.honors.append(HonourHeld(name: name, awardedOn: awardedOn))
        }
        var assessedYears = Set<Int>()
        for (index, item) in array(member(members, "annualAssessments"), "person.annualAssessments").enumerated() {
            let field = "person.annualAssessments[\(index)]"
            guard let assessment = object(item, field, allowed: ["year", "passed"]) else { continue }
            let year = self.year(member(assessment, "year"), "\(field).year", notAfter: asOf)
            let passed = bool(member(assessment, "passed"), "\(field).passed")
            if member(assessment, "passed") == nil { fail("\(field).passed", "必填") }
            guard let year, let passed else { continue }
            if !assessedYears.insert(year).inserted { fail("\(field).year", "\(year) 年出现两次") ; continue }
            person.annualAssessments.append(AnnualAssessment(year: year, passed: passed))
        }
        var educationYears = Set<Int>()
        for (index, item) in array(member(members, "continuingEducation"), "person.continuingEducation").enumerated() {
            let field = "person.continuingEducation[\(index)]"
            guard let hours = object(item, field, allowed: ["year", "publicHours", "professionalHours", "skillTrainingHours"]) else { continue }
            let year = self.year(member(hours, "year"), "\(field).year", notAfter: asOf)
            let publicHours = number(member(hours, "publicHours"), "\(field).publicHours", max: InputLimits.yearlyHours)
            let professionalHours = number(member(hours, "professionalHours"), "\(field).professionalHours", max: InputLimits.yearlyHours)
            let skillTraining = number(member(hours, "skillTrainingHours"), "\(field).skillTrainingHours", max: InputLimits.yearlyHours)
            guard let year else { continue }
            if !educationYears.insert(year).inserted { fail("\(field).year", "\(year) 年出现两次"); continue }
            person.continuingEducation.append(ContinuingEducationYear(
                year: year, publicHours: publicHours, professionalHours: professionalHours, skillTrainingHours: skillTraining))
        }
        if let value = member(members, "education"), let education = object(value, "person.education", allowed: ["level", "relatedToOccupation"]) {
            var level: EducationLevel?
            if let text = string(member(education, "level"), "person.education.level") {
                level = EducationLevel(name: text)
                if level == nil {
                    fail("person.education.level", "不认识的学历「\(text)」，可用：\(EducationLevel.allCases.map(\.rawValue).joined(separator: "、"))")
                }
            }
            person.education = Education(level: level, relatedToOccupation: bool(member(education, "relatedToOccupation"), "person.education.relatedToOccupation"))
        }
        person.currentOccupation = string(member(members, "currentOccupation"), "person.currentOccupation")
        person.occupationWorkYears = number(member(members, "occupationWorkYears"), "person.occupationWorkYears", max: InputLimits.workYears)
        person.inRelatedSkillWork = bool(member(members, "inRelatedSkillWork"), "person.inRelatedSkillWork")
        person.publicInstitutionStaff = bool(member(members, "publicInstitutionStaff"), "person.publicInstitutionStaff")
        return person
    }
}
