import Domain
import Engine
import PolicyData
import Testing

/// A small seeded generator, so every run checks the same persons.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but plausible persons drawn from the catalogue.
struct PersonGenerator {
    let base: PolicyBase
    var random: SplitMix64

    mutating func date(_ years: ClosedRange<Int>) -> CalendarDate {
        let year = Int.random(in: years, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &random)
        return CalendarDate(year: year, month: month, day: day)!
    }

    mutating func request() -> EvaluationRequest {
        let jurisdictions = ["zhejiang", "quzhou", "zhoushan", "shaoxing", "hebei"]
        let asOf = date(2019...2026)
        var person = Person()
        let listed = base.seriesMappings.compactMap(\.occupation)
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            person.skills.append(SkillCertificate(
                occupation: listed.randomElement(using: &random), level: SkillLevel.allCases.randomElement(using: &random)!,
                obtainedOn: Bool.random(using: &random) ? date(2008...(asOf.year - 1)) : nil))
        }
        if Bool.random(using: &random) {
            person.titles.append(TitleHeld(series: ["工程", "农业", nil].randomElement(using: &random)!, specialty: nil,
                                           level: TitleLevel.allCases.randomElement(using: &random)!, obtainedOn: date(2005...(asOf.year - 1))))
            person.currentOccupation = listed.randomElement(using: &random)
        }
        for _ in 0..<Int.random(in: 0...1, using: &random) {
            person.honors.append(HonourHeld(name: base.honours.honours.randomElement(using: &random)!.name, awardedOn: nil))
        }
        for year in (asOf.year - 4)..<asOf.year where Int.random(in: 0...4, using: &random) > 0 {
            person.annualAssessments.append(AnnualAssessment(year: year, passed: Int.random(in: 0...9, using: &random) > 0))
            person.continuingEducation.append(ContinuingEducationYear(
                year: year, publicHours: Double(Int.random(in: 10...30, using: &random)),
                professionalHours: Double(Int.random(in: 40...90, using: &random)), skillTrainingHours: 0))
        }
        person.inRelatedSkillWork = [true, false, nil].randomElement(using: &random)!
        person.occupationWorkYears = Bool.random(using: &random) ? Double(Int.random(in: 0...12, using: &random)) : nil
        person.education = Education(level: EducationLevel.allCases.randomElement(using: &random), relatedToOccupation: [true, false, nil].randomElement(using: &random)!)
        return EvaluationRequest(jurisdiction: jurisdictions.randomElement(using: &random)!, asOf: asOf, person: person)
    }
}

/// What identifies an option across two evaluations of nearly the same person.
struct OptionKey: Hashable {
    let route: Route
    let level: String
    let series: String?
    let basis: Basis

    init(_ option: TitleOption) {
        route = option.route
        level = option.level.name
        series = option.series
        basis = option.basis
    }

    init(_ option: SkillOption) {
        route = option.route
        level = option.level.name
        series = option.occupation
        basis = option.basis
    }
}

@Suite struct PropertyTests {
    static let base = try! PolicyBase.bundled()
    static let engine = Engine(base: base)

    private func statuses(_ result: EvaluationResult) -> [OptionKey: [OptionStatus]] {
        var map: [OptionKey: [OptionStatus]] = [:]
        for option in result.titleOptions { map[OptionKey(option), default: []].append(option.status) }
        for option in result.skillOptions { map[OptionKey(option), default: []].append(option.status) }
        return map
    }

    /// More time since each certificate never turns an eligible option into anything else.
    @Test func moreWaitingTimeKeepsEligibleOptionsEligible() {
        var generator = PersonGenerator(base: Self.base, random: SplitMix64(state: 20221217))
        var compared = 0
        for _ in 0..<400 {
            let request = generator.request()
            var earlier = request
            let shift = Int.random(in: 1...6, using: &generator.random)
            earlier.person.skills = request.person.skills.map { skill in
                var skill = skill
                skill.obtainedOn = skill.obtainedOn?.adding(years: -shift)
                return skill
            }
            let before = statuses(Self.engine.evaluate(request))
            let after = statuses(Self.engine.evaluate(earlier))
            for (key, list) in before where list.contains(.eligible) {
                compared += 1
                #expect(after[key]?.contains(.eligible) == true, "\(key.route) \(key.level) \(key.series ?? "-") was eligible, then \(after[key] ?? [])")
            }
        }
        #expect(compared > 50, "too few eligible options were compared: \(compared)")
    }

    /// Adding an honour never removes an option, nor changes the status of one that does not rest on an honour.
    @Test func addingAnHonourNeverRemovesAnOption() {
        var generator = PersonGenerator(base: Self.base, random: SplitMix64(state: 20230510))
        var compared = 0
        for _ in 0..<400 {
            let request = generator.request()
            var honoured = request
            honoured.person.honors.append(HonourHeld(name: Self.base.honours.honours.randomElement(using: &generator.random)!.name, awardedOn: nil))
            let before = statuses(Self.engine.evaluate(request))
            let after = statuses(Self.engine.evaluate(honoured))
            for (key, list) in before {
                compared += 1
                #expect(after[key] != nil, "\(key.route) \(key.level) \(key.series ?? "-") disappeared")
                if key.basis.kind != .honor { #expect(after[key] == list) }
            }
        }
        #expect(compared > 200)
    }
}
