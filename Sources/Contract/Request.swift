import Domain

/// A validated evaluation request: every person fact is optional, and a missing fact is
/// unknown, never assumed false.
public struct EvaluationRequest: Sendable, Hashable {
    public var jurisdiction: String
    public var asOf: CalendarDate
    public var person: Person

    public init(jurisdiction: String, asOf: CalendarDate, person: Person = Person()) {
        self.jurisdiction = jurisdiction
        self.asOf = asOf
        self.person = person
    }
}

public struct Person: Sendable, Hashable {
    public var skills: [SkillCertificate] = []
    public var titles: [TitleHeld] = []
    public var honors: [HonourHeld] = []
    public var annualAssessments: [AnnualAssessment] = []
    public var continuingEducation: [ContinuingEducationYear] = []
    public var education: Education?
    public var currentOccupation: String?
    public var occupationWorkYears: Double?
    public var inRelatedSkillWork: Bool?
    public var publicInstitutionStaff: Bool?
    /// The batch's `continuing_education_met`: whether the yearly hours the jurisdiction
    /// sets were met in every year it looks at, when the hours themselves are not given.
    public var continuingEducationMet: Bool?

    public init() {}
}

public struct SkillCertificate: Sendable, Hashable {
    /// As the person wrote it: a name, an alias or a national code.
    public var occupation: String?
    public var level: SkillLevel
    public var obtainedOn: CalendarDate?

    public init(occupation: String?, level: SkillLevel, obtainedOn: CalendarDate?) {
        self.occupation = occupation
        self.level = level
        self.obtainedOn = obtainedOn
    }
}

public struct TitleHeld: Sendable, Hashable {
    public var series: String?
    public var specialty: String?
    public var level: TitleLevel
    public var obtainedOn: CalendarDate?

    public init(series: String?, specialty: String?, level: TitleLevel, obtainedOn: CalendarDate?) {
        self.series = series
        self.specialty = specialty
        self.level = level
        self.obtainedOn = obtainedOn
    }
}

public struct HonourHeld: Sendable, Hashable {
    public var name: String
    public var awardedOn: CalendarDate?

    public init(name: String, awardedOn: CalendarDate?) {
        self.name = name
        self.awardedOn = awardedOn
    }
}

public struct AnnualAssessment: Sendable, Hashable {
    public var year: Int
    public var passed: Bool

    public init(year: Int, passed: Bool) {
        self.year = year
        self.passed = passed
    }
}

public struct ContinuingEducationYear: Sendable, Hashable {
    public var year: Int
    public var publicHours: Double?
    public var professionalHours: Double?
    public var skillTrainingHours: Double?

    public init(year: Int, publicHours: Double?, professionalHours: Double?, skillTrainingHours: Double?) {
        self.year = year
        self.publicHours = publicHours
        self.professionalHours = professionalHours
        self.skillTrainingHours = skillTrainingHours
    }
}

public struct Education: Sendable, Hashable {
    public var level: EducationLevel?
    /// Holds a diploma in a speciality related to the occupation (本专业/相关专业毕业证书).
    public var relatedToOccupation: Bool?

    public init(level: EducationLevel?, relatedToOccupation: Bool?) {
        self.level = level
        self.relatedToOccupation = relatedToOccupation
    }
}

/// One bad field of a request: the path as the contract writes it and a message in Chinese.
public struct FieldError: Error, Sendable, Hashable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The request could not be evaluated; every bad field is listed.
public struct RequestErrors: Error, Sendable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }
}

/// Request field paths as messages name them ("person.skills[0].obtainedOn"): what a page or
/// a report for people leaves out, keeping the words.
public enum RequestPaths {
    public static func plain(_ text: String) -> String {
        var text = text.replacing(/（person\.[A-Za-z\[\]0-9.]+）/, with: "")
        text = text.replacing(/person\.[A-Za-z\[\]0-9.]+/, with: "")
        return text.replacingOccurrences(of: "评估日期 asOf", with: "评估日期").replacingOccurrences(of: "asOf", with: "评估日期")
    }
}
