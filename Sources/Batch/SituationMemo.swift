import CSVCodec
import Domain
import Engine

/// A batch row's facts, decoded: occupations, title series and honours as references into
/// the memo's tables, so a row carries no text.
struct RowFacts {
    var skillOccupation: Int32 = -1
    var skillLevel: SkillLevel?
    var skillDate: CalendarDate?
    var titleLevel: TitleLevel?
    var titleSeries: Int32 = -1
    var honours: Int32 = -1
    var assessmentsPassed: Bool?
    var continuingEducationMet: Bool?
    var inRelatedSkillWork: Bool?
    var currentOccupation: Int32 = -1
    var workYears: Double?
    var education: EducationLevel?
    var educationRelated: Bool?
}

/// One option as far as choosing the best one needs it.
struct Candidate {
    enum Earliest: Equatable {
        case none
        case on(CalendarDate)
        /// "满N年" after the skill certificate, but not before the granting document's first
        /// day: the same rule for everyone in the situation.
        case afterSkillDate(years: Int, floor: CalendarDate?)
    }

    let level: Int
    let route: Route
    let status: OptionStatus
    let earliest: Earliest
    /// Title options: the series, as an index into `SituationMemo.seriesNames` (-1: none).
    let series: Int32
    /// Skill options: the occupation is the current one (a crossover), not the certificate's.
    let inCurrentOccupation: Bool
}

/// The best options for a row, as the batch writes them.
struct BestAnswer {
    var title: Candidate?
    var titleEarliest: CalendarDate?
    var skill: Candidate?
}

/// Answers batch rows by situation. A row's options come from three independent parts of
/// the person: the skill certificate (职称 by the regular route, and 晋级), the title held
/// (crossover into the current occupation) and the honours. Each part is answered by the
/// engine once per situation — the facts that part reads, with an occupation replaced by
/// the table rows it maps to and a date by which waiting periods it completes — and reused
/// for every row in that situation. Not shared between threads: each worker has its own.
struct SituationMemo {
    let engine: Engine
    let jurisdiction: String
    let asOf: CalendarDate
    /// By skill level's raw value.
    private let reads: [Engine.CertificateReads?]
    private let readsWorkYears: Bool

    struct Occupation {
        /// As the row writes it (trimmed); nil when the cell is empty.
        let text: String?
        let canonical: String?
        /// Occupations with the same table rows give the same options. 0: not recognised.
        let titleClass: Int32
        let skillClass: Int32
        /// The name an option shows, CSV-ready.
        let display: [UInt8]
    }

    private(set) var occupations: [Occupation] = []
    private var occupationIndex: [String: Int32] = [:]
    private var titleClasses: [[Engine.RowSignature]: Int32] = [:]
    private var skillClasses: [Engine.SkillSideSignature: Int32] = [:]
    /// Title series as rows write them, and honour cells split into names.
    private(set) var inputSeries: [String?] = []
    private var inputSeriesIndex: [String: Int32] = [:]
    private var honourLists: [[String]] = []
    private var honourIndex: [String: Int32] = [:]
    /// Series names of options, CSV-ready.
    private(set) var seriesNames: [[UInt8]] = []
    private var seriesIndex: [String: Int32] = [:]

    /// Every situation's candidates, one after another; a situation keeps where its run is.
    private var stored: [Candidate] = []
    private var skillSituations: [UInt64: Run] = [:]
    private var crossoverSituations: [CrossoverKey: Run] = [:]
    private var honourSituations: [Int32: Run] = [:]
    /// Certificate year → the continuing-education bands it falls in, numbered.
    private var bandKeys: [Int?: UInt64] = [:]
    private var bandIDs: [[Int]: UInt64] = [:]
    private var titleScratch: [(Candidate, CalendarDate?)] = []
    private var skillScratch: [(Candidate, CalendarDate?)] = []

    /// How many situations were answered by the engine (for tests and benchmarks).
    private(set) var situationsWorkedOut = 0

    /// A situation's candidates in `stored`: the 职称 ones, then the skill ones.
    private struct Run {
        let start: Int
        let titles: Int
        let skills: Int

        var titleRange: Range<Int> { start..<(start + titles) }
        var skillRange: Range<Int> { (start + titles)..<(start + titles + skills) }
    }

    private struct CrossoverKey: Hashable {
        let titleLevel: TitleLevel
        let series: Int32
        let occupationClass: Int32
        let sameOccupation: Bool
        let skillLevel: SkillLevel?
        let workYears: Double?
        let education: EducationLevel?
        let educationRelated: Bool?
    }

    init(engine: Engine, jurisdiction: String, asOf: CalendarDate) {
        self.engine = engine
        self.jurisdiction = jurisdiction
        self.asOf = asOf
        reads = [nil] + SkillLevel.allCases.map { engine.certificateReads(jurisdiction: jurisdiction, level: $0) }
        readsWorkYears = engine.readsWorkYears(jurisdiction: jurisdiction, asOf: asOf)
        precondition(reads.allSatisfy { ($0?.waitingYears.count ?? 0) <= 7 }, "a date's situation is kept in 7 bits")
    }

    // MARK: Tables

    /// The reference for an occupation cell's text (nil: the cell is empty).
    mutating func occupation(_ text: String?) -> Int32 {
        guard let text else { return -1 }
        if let known = occupationIndex[text] { return known }
        let profile = engine.occupationProfile(text, jurisdiction: jurisdiction)
        func classOf<Signature: Hashable>(_ signature: Signature, in classes: inout [Signature: Int32]) -> Int32 {
            guard profile.canonical != nil else { return 0 }
            if let known = classes[signature] { return known }
            let next = Int32(classes.count + 1)
            classes[signature] = next
            return next
        }
        var display: [UInt8] = []
        CSVWriter.append(field: profile.canonical ?? text, to: &display)
        let reference = Int32(occupations.count)
        occupations.append(Occupation(text: text, canonical: profile.canonical, titleClass: classOf(profile.titleSide, in: &titleClasses),
                                      skillClass: classOf(profile.skillSide, in: &skillClasses), display: display))
        occupationIndex[text] = reference
        return reference
    }

    mutating func titleSeries(_ text: String?) -> Int32 {
        guard let text else { return -1 }
        if let known = inputSeriesIndex[text] { return known }
        let reference = Int32(inputSeries.count)
        inputSeries.append(text)
        inputSeriesIndex[text] = reference
        return reference
    }

    /// The reference for an honours cell (names separated by ";"); -1 when it names none.
    mutating func honours(_ text: String?) -> Int32 {
        guard let text else { return -1 }
        if let known = honourIndex[text] { return known }
        let names = BatchRow.honourNames(text)
        let reference: Int32 = names.isEmpty ? -1 : Int32(honourLists.count)
        if !names.isEmpty { honourLists.append(names) }
        honourIndex[text] = reference
        return reference
    }

    private mutating func seriesName(_ name: String?) -> Int32 {
        guard let name else { return -1 }
        if let known = seriesIndex[name] { return known }
        var bytes: [UInt8] = []
        CSVWriter.append(field: name, to: &bytes)
        seriesNames.append(bytes)
        seriesIndex[name] = Int32(seriesNames.count - 1)
        return Int32(seriesNames.count - 1)
    }

    // MARK: Answers

    mutating func answer(_ facts: RowFacts) -> BestAnswer {
        titleScratch.removeAll(keepingCapacity: true)
        skillScratch.removeAll(keepingCapacity: true)
        let honourRun = facts.honours >= 0 ? honourSituation(facts.honours) : nil
        let crossoverRun = facts.titleLevel != nil ? crossoverSituation(facts) : nil
        // Worked out last, so a situation that cannot be kept is the last run and is dropped.
        let keptBefore = stored.count
        let skill = facts.skillLevel != nil ? skillSituation(facts) : nil
        // In the engine's order: regular before honour options, crossovers before promotions.
        if let skill { for index in skill.run.titleRange { titleScratch.append((stored[index], date(stored[index].earliest, facts.skillDate))) } }
        if let honourRun { for index in honourRun.titleRange { titleScratch.append((stored[index], date(stored[index].earliest, facts.skillDate))) } }
        if let crossoverRun { for index in crossoverRun.skillRange { skillScratch.append((stored[index], date(stored[index].earliest, facts.skillDate))) } }
        if let skill { for index in skill.run.skillRange { skillScratch.append((stored[index], date(stored[index].earliest, facts.skillDate))) } }
        var answer = BestAnswer()
        if let best = BatchRow.best(titleScratch, level: { $0.0.level }, status: { $0.0.status }, earliest: { $0.1 }) {
            answer.title = best.0
            answer.titleEarliest = best.1
        }
        answer.skill = BatchRow.best(skillScratch, level: { $0.0.level }, status: { $0.0.status }, earliest: { $0.1 })?.0
        if let skill, !skill.kept { stored.removeSubrange(keptBefore...) }
        return answer
    }

    private func date(_ earliest: Candidate.Earliest, _ skillDate: CalendarDate?) -> CalendarDate? {
        switch earliest {
        case .none: return nil
        case .on(let date): return date
        case .afterSkillDate(let years, let floor):
            guard let due = skillDate?.adding(years: years) else { return nil }
            return floor.map { max(due, $0) } ?? due
        }
    }

    /// Which waiting periods a certificate date has completed by `asOf` (127: no date).
    private func dateClass(_ date: CalendarDate?, _ waitingYears: [Int]) -> UInt64 {
        guard let date else { return 127 }
        var mask: UInt64 = 0
        for (bit, years) in waitingYears.enumerated() where date.adding(years: years) <= asOf { mask |= 1 << UInt64(bit) }
        return mask
    }

    private mutating func bandKey(_ year: Int?) -> UInt64 {
        if let known = bandKeys[year] { return known }
        let bands = engine.educationBands(jurisdiction: jurisdiction, certificateYear: year)
        let value = bandIDs[bands] ?? UInt64(bandIDs.count)
        precondition(value < 256, "continuing-education bands are kept in 8 bits")
        bandIDs[bands] = value
        bandKeys[year] = value
        return value
    }

    private static func tri(_ value: Bool?) -> UInt64 {
        switch value {
        case nil: return 0
        case false?: return 1
        case true?: return 2
        }
    }

    private mutating func skillSituation(_ facts: RowFacts) -> (run: Run, kept: Bool) {
        let occupation = facts.skillOccupation >= 0 ? occupations[Int(facts.skillOccupation)].titleClass : 0
        let level = facts.skillLevel!
        let reads = self.reads[level.rawValue]!
        // The certificate year picks a continuing-education band only when the hours are not given.
        let band = reads.continuingEducation && facts.continuingEducationMet == nil ? bandKey(facts.skillDate?.year) : 0
        var key = UInt64(UInt32(bitPattern: occupation + 1)) & 0xFF_FFFF
        key |= UInt64(level.rawValue) << 24
        key |= dateClass(facts.skillDate, reads.waitingYears) << 28
        key |= (reads.assessments ? Self.tri(facts.assessmentsPassed) : 3) << 35
        key |= (reads.continuingEducation ? Self.tri(facts.continuingEducationMet) : 3) << 37
        key |= (reads.relatedSkillWork ? Self.tri(facts.inRelatedSkillWork) : 3) << 39
        key |= band << 41
        if let known = skillSituations[key] { return (known, true) }
        var person = Person()
        person.skills = [SkillCertificate(occupation: facts.skillOccupation >= 0 ? occupations[Int(facts.skillOccupation)].text : nil,
                                          level: facts.skillLevel!, obtainedOn: facts.skillDate)]
        if let passed = facts.assessmentsPassed { person.annualAssessments = BatchRow.assessments(passed: passed, asOf: asOf) }
        person.continuingEducationMet = facts.continuingEducationMet
        person.inRelatedSkillWork = facts.inRelatedSkillWork
        let result = evaluate(person)
        var cacheable = true
        let start = stored.count
        for option in result.titleOptions {
            stored.append(candidate(level: option.level.rawValue, route: option.route, status: option.status, earliest: option.earliestDate, floor: option.grantedFrom, waited: option.conditions.lazy.compactMap(\.metOn).max(),
                                    skillDate: facts.skillDate, waitingYears: reads.waitingYears, series: seriesName(option.series), cacheable: &cacheable))
        }
        for option in result.skillOptions {
            stored.append(candidate(level: option.level.rawValue, route: option.route, status: option.status, earliest: option.earliestDate, floor: option.grantedFrom, waited: option.conditions.lazy.compactMap(\.metOn).max(),
                                    skillDate: facts.skillDate, waitingYears: reads.waitingYears, series: -1, cacheable: &cacheable))
        }
        let run = Run(start: start, titles: result.titleOptions.count, skills: result.skillOptions.count)
        if cacheable { skillSituations[key] = run }
        return (run, cacheable)
    }

    /// A date that is the certificate's plus a waiting period is kept as that period, so the
    /// answer holds for every date in the situation; any other date cannot be shared.
    private func candidate(level: Int, route: Route, status: OptionStatus, earliest: CalendarDate?, floor: CalendarDate?, waited: CalendarDate?, skillDate: CalendarDate?,
                           waitingYears: [Int] = [], series: Int32, cacheable: inout Bool) -> Candidate {
        var kept = Candidate.Earliest.none
        if let earliest {
            // The waiting time decides which period it is (a date moved up to the granting
            // document's first day no longer tells).
            if let skillDate, let waited, (floor.map { max(waited, $0) } ?? waited) == earliest,
               let years = waitingYears.first(where: { skillDate.adding(years: $0) == waited }) {
                kept = .afterSkillDate(years: years, floor: floor)
            } else {
                kept = .on(earliest)
                cacheable = false
            }
        }
        return Candidate(level: level, route: route, status: status, earliest: kept, series: series, inCurrentOccupation: route == .titleCrossover)
    }

    private mutating func crossoverSituation(_ facts: RowFacts) -> Run {
        let current = facts.currentOccupation >= 0 ? occupations[Int(facts.currentOccupation)] : nil
        let certificate = facts.skillOccupation >= 0 ? occupations[Int(facts.skillOccupation)] : nil
        let same = current?.canonical != nil && current?.canonical == certificate?.canonical
        let key = CrossoverKey(titleLevel: facts.titleLevel!, series: facts.titleSeries, occupationClass: current?.skillClass ?? -1,
                               sameOccupation: same, skillLevel: facts.skillLevel,
                               workYears: readsWorkYears ? facts.workYears : nil,
                               education: readsWorkYears ? facts.education : nil,
                               educationRelated: readsWorkYears ? facts.educationRelated : nil)
        if let known = crossoverSituations[key] { return known }
        var person = Person()
        person.titles = [TitleHeld(series: facts.titleSeries >= 0 ? inputSeries[Int(facts.titleSeries)] : nil, specialty: nil,
                                   level: facts.titleLevel!, obtainedOn: nil)]
        if let level = facts.skillLevel { person.skills = [SkillCertificate(occupation: certificate?.text, level: level, obtainedOn: nil)] }
        person.currentOccupation = current?.text
        person.occupationWorkYears = facts.workYears
        if facts.education != nil || facts.educationRelated != nil {
            person.education = Education(level: facts.education, relatedToOccupation: facts.educationRelated)
        }
        let start = stored.count
        var dated = true
        for option in evaluate(person).skillOptions where option.route == .titleCrossover {
            // A crossover's dates come from the years in the occupation and `asOf`, never a certificate.
            stored.append(candidate(level: option.level.rawValue, route: option.route, status: option.status, earliest: option.earliestDate, floor: option.grantedFrom, waited: option.conditions.lazy.compactMap(\.metOn).max(),
                                    skillDate: nil, series: -1, cacheable: &dated))
        }
        let run = Run(start: start, titles: 0, skills: stored.count - start)
        crossoverSituations[key] = run
        return run
    }

    private mutating func honourSituation(_ reference: Int32) -> Run {
        if let known = honourSituations[reference] { return known }
        var person = Person()
        person.honors = honourLists[Int(reference)].map { HonourHeld(name: $0, awardedOn: nil) }
        let start = stored.count
        var dated = true
        for option in evaluate(person).titleOptions {
            stored.append(candidate(level: option.level.rawValue, route: option.route, status: option.status, earliest: option.earliestDate, floor: option.grantedFrom, waited: option.conditions.lazy.compactMap(\.metOn).max(),
                                    skillDate: nil, series: seriesName(option.series), cacheable: &dated))
        }
        let run = Run(start: start, titles: stored.count - start, skills: 0)
        honourSituations[reference] = run
        return run
    }

    private mutating func evaluate(_ person: Person) -> EvaluationResult {
        situationsWorkedOut += 1
        return engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person))
    }
}
