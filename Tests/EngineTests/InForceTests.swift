import Domain
import Engine
import Foundation
import PolicyData
import Testing

/// Every part of an answer comes from the documents in force on `asOf`; no answer repeats
/// itself; no date in the accepted range, nor any arithmetic on it, stops the engine.
@Suite struct InForceTests {
    static let base = try! PolicyBase.bundled()
    static let engine = Engine(base: base)

    static func dayBefore(_ date: CalendarDate) -> CalendarDate {
        if date.day > 1 { return CalendarDate(year: date.year, month: date.month, day: date.day - 1)! }
        if date.month > 1 { return CalendarDate(year: date.year, month: date.month - 1, day: CalendarDate.daysIn(month: date.month - 1, year: date.year))! }
        return CalendarDate(year: date.year - 1, month: 12, day: 31)!
    }

    /// The chain's documents, and the day before and the first day of each.
    static func sweep(_ code: String) -> (documents: [PolicyDocument], dates: [CalendarDate]) {
        let chain = base.jurisdictionChain(code).map(\.code)
        let documents = base.documents.filter { chain.contains($0.jurisdiction) }
        let starts = documents.compactMap { $0.effectiveFrom ?? $0.notBefore }
        return (documents, Array(Set(starts.flatMap { [dayBefore($0), $0] })).sorted())
    }

    /// What one answer may say, given the documents it applied.
    struct InForce {
        let active: Set<String>
        let silent: [PolicyDocument]
        let series: Set<String>
        let listed: Set<String>
        let printedNames: Set<String>

        init(result: EvaluationResult, documents: [PolicyDocument]) {
            let active = Set(result.policies.map(\.id))
            self.active = active
            silent = documents.filter { !active.contains($0.id) }
            let mappings = InForceTests.base.seriesMappings.filter { active.contains($0.source.document) }
            series = Set(mappings.flatMap(\.series))
            listed = Set(mappings.compactMap(\.occupation))
            printedNames = Set(mappings.map { "\($0.source.document)\u{1F}\($0.source.table)\u{1F}\($0.printedName)" })
        }

        func check(_ citation: Citation, _ context: String) {
            #expect(active.contains(citation.policy), "\(context) cites \(citation.policy), not in force")
            let clause = InForceTests.base.document(citation.policy)?.clause(citation.clause)
            let verbatim = clause?.text.contains(citation.quote) == true
                || printedNames.contains("\(citation.policy)\u{1F}\(citation.clause)\u{1F}\(citation.quote)")
            #expect(verbatim, "\(context): «\(citation.quote)» is not in \(citation.policy) \(citation.clause)")
        }

        func check(text: String, _ context: String) {
            for document in silent {
                #expect(!text.contains(document.displayName) && !text.contains(document.id), "\(context) names \(document.displayName), not in force: \(text)")
            }
            if let range = text.range(of: "对应表所列相近职业：") {
                let names = text[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "。")).split(separator: "、").map(String.init)
                for name in names { #expect(listed.contains(name), "\(context) suggests \(name), which no table in force lists") }
            }
        }

        func check(_ procedures: [ProcedureRef], _ context: String) {
            for procedure in procedures {
                #expect(active.contains(procedure.policy), "\(context): a procedure of \(procedure.policy), not in force")
                for citation in procedure.steps.map(\.citation) + procedure.notes + (procedure.deferral.map { [$0] } ?? []) { check(citation, context) }
            }
        }

        func check(_ result: EvaluationResult, _ context: String) {
            #expect(Set(result.titleOptions).count == result.titleOptions.count, "\(context): a title option twice")
            #expect(Set(result.skillOptions).count == result.skillOptions.count, "\(context): a skill option twice")
            for option in result.titleOptions {
                if let series = option.series { #expect(series.isEmpty || self.series.contains(series), "\(context): series \(series) from no table in force") }
                for condition in option.conditions { check(condition.citation, context); check(text: condition.text, context) }
                for note in option.notes { check(text: note, context) }
                check(option.procedures, context)
            }
            for option in result.skillOptions {
                check(option.procedures, context)
                let names = option.providers.map { "\($0.name)|\($0.contact ?? "")" }
                #expect(Set(names).count == names.count, "\(context): a provider twice in one option")
                for condition in option.conditions { check(condition.citation, context); check(text: condition.text, context) }
                for note in option.notes { check(text: note, context) }
            }
        }
    }

    /// Every jurisdiction, the day before and the first day of each of its documents, every
    /// occupation its tables list: as a certificate holder, as a title holder working in it.
    @Test(arguments: ["zhejiang", "quzhou", "zhoushan", "shaoxing", "hebei"])
    func onlyDocumentsInForceSpeak(jurisdiction: String) {
        let (documents, dates) = Self.sweep(jurisdiction)
        let ids = Set(documents.map(\.id))
        let occupations = Set(Self.base.seriesMappings.filter { ids.contains($0.source.document) }.compactMap(\.occupation)
            + Self.base.providers.filter { ids.contains($0.source.document) }.map(\.occupation)).sorted()
        #expect(occupations.count > 100)
        var evaluated = 0
        for asOf in dates {
            var honoured = Person()
            honoured.honors = Self.base.honours.honours.map { HonourHeld(name: $0.name, awardedOn: nil) }
            let result = Self.engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: honoured))
            InForce(result: result, documents: documents).check(result, "\(jurisdiction) \(asOf) honours")
            for occupation in occupations {
                var person = Person()
                person.skills = [SkillCertificate(occupation: occupation, level: .technician, obtainedOn: CalendarDate(year: 2010, month: 1, day: 1)!)]
                person.titles = [TitleHeld(series: "工程", specialty: nil, level: .intermediate, obtainedOn: CalendarDate(year: 2010, month: 1, day: 1)!)]
                person.currentOccupation = occupation
                person.education = Education(level: .juniorCollege, relatedToOccupation: true)
                let result = Self.engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person))
                InForce(result: result, documents: documents).check(result, "\(jurisdiction) \(asOf) \(occupation)")
                evaluated += 1
            }
        }
        #expect(evaluated >= occupations.count * 2)
    }

    /// Generated persons on dates across the whole accepted range, and the range's ends: each
    /// answer is given, encoded, and opens no option before a document in force.
    @Test func noDateInTheAcceptedRangeStopsTheEngine() throws {
        var generator = PersonGenerator(base: Self.base, random: SplitMix64(state: 21001231))
        let range = CalendarDate.inputRange
        for index in 0..<600 {
            var request = generator.request()
            let asOf = index == 0 ? range.upperBound : generator.date(range.lowerBound.year...range.upperBound.year)
            request.asOf = asOf
            request.person.skills = request.person.skills.map { skill in
                var skill = skill
                skill.obtainedOn = index == 1 ? range.lowerBound : generator.date(range.lowerBound.year...asOf.year).clamped(to: range.lowerBound...asOf)
                return skill
            }
            request.person.annualAssessments = []
            request.person.continuingEducation = []
            let result = Self.engine.evaluate(request)
            let json = result.json()
            #expect(!json.isEmpty)
            let floor = result.policies.compactMap(\.effectiveFrom).min()
            for date in result.titleOptions.compactMap(\.earliestDate) + result.skillOptions.compactMap(\.earliestDate) {
                if let floor { #expect(date >= floor, "\(request.jurisdiction) \(asOf): an option opens on \(date), before \(floor)") }
            }
        }
    }

    /// Decoding never traps, whatever the date text: a date outside the range is a field error.
    @Test func everyDateTextIsAnsweredOrRefused() throws {
        let decoder = RequestDecoder(base: Self.base)
        var random = SplitMix64(state: 99991231)
        var refused = 0
        for index in 0..<2_000 {
            let year = index < 2 ? [0, 9999][index] : Int.random(in: 0...9999, using: &random)
            let text = String(format: "%04d-%02d-%02d", year, Int.random(in: 0...13, using: &random), Int.random(in: 0...32, using: &random))
            let body: JSONValue = .object(["jurisdiction": .string("quzhou"), "asOf": .string(text),
                                           "person": .object(["skills": .array([.object(["level": .string("技师"), "obtainedOn": .string(text)])])])])
            do {
                let request = try decoder.decode(body, today: CalendarDate(year: 2026, month: 11, day: 28)!)
                #expect(CalendarDate.inputRange.contains(request.asOf))
                _ = Self.engine.evaluate(request).json()
            } catch {
                refused += 1
                #expect(error.errors.contains { $0.field == "asOf" })
            }
        }
        #expect(refused > 1_000)
    }
}

extension CalendarDate {
    func clamped(to range: ClosedRange<CalendarDate>) -> CalendarDate { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
