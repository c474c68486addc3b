import Catalog
import Domain
import Engine
import Foundation
import PolicyData
import Server
import Testing
import Vapor
import VaporTesting

/// One routing answer: for every jurisdiction, every occupation its tables list, every level
/// and a date before and after 77号 came into force (2022-12-17), the committee and the
/// providers an evaluation's options name are the ones `catalog occupation` (CatalogService),
/// /api/v1/committees, /api/v1/providers and the occupation page give.
@Suite struct RoutingConsistencyTests {
    static let base = TestServer.base
    static let services = PolicyServices(base: base, today: { CalendarDate(iso: "2024-06-30")! })
    static let dates = ["2022-06-30", "2024-06-30"].map { CalendarDate(iso: $0)! }

    /// The occupations the tables of a jurisdiction's chain list (correspondence tables and providers).
    static func occupations(in jurisdiction: String) -> [String] {
        let chain = Set(base.jurisdictionChain(jurisdiction).map(\.code))
        let documents = Set(base.documents.filter { chain.contains($0.jurisdiction) }.map(\.id))
        let names = base.seriesMappings.filter { documents.contains($0.source.document) }.compactMap(\.occupation)
            + base.providers.filter { documents.contains($0.source.document) }.map(\.occupation)
        return Array(Set(names)).sorted()
    }

    struct TitleKey: Hashable { let level: String, series: String, specialty: String? }
    struct CommitteeValue: Hashable { let name: String, host: String?, phone: String? }
    struct ProviderKey: Hashable { let name: String, contact: String? }

    /// What the evaluations say: per (level, series) the committee of the regular options;
    /// per skill level the providers of the skill options.
    static func engineAnswer(jurisdiction: String, occupation: String, asOf: CalendarDate) -> (titles: [TitleKey: CommitteeValue?], skills: [String: [ProviderKey]]) {
        func evaluate(_ person: Person) -> EvaluationResult {
            var person = person
            person.currentOccupation = occupation
            return services.engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person))
        }
        let long = CalendarDate(iso: "2000-01-01")
        var titles: [TitleKey: CommitteeValue?] = [:]
        var skilled = Person()
        skilled.skills = [SkillLevel.advanced, .technician, .seniorTechnician, .principalTechnician].map { SkillCertificate(occupation: occupation, level: $0, obtainedOn: long) }
        for option in evaluate(skilled).titleOptions where option.route == .regular {
            guard let series = option.series else { continue }
            // updateValue: a nil committee is an answer too, kept as a key.
            titles.updateValue(option.committee.map { CommitteeValue(name: $0.name, host: $0.host, phone: $0.phone) },
                               forKey: TitleKey(level: option.level.name, series: series, specialty: option.specialty))
        }
        var people: [Person] = []
        var titled = Person()
        titled.titles = [TitleLevel.assistant, .intermediate, .associateSenior, .senior].map { TitleHeld(series: "工程", specialty: nil, level: $0, obtainedOn: long) }
        people.append(titled)
        for level in [SkillLevel.elementary, .intermediate, .advanced, .technician] {
            var promoted = Person()
            promoted.skills = [SkillCertificate(occupation: occupation, level: level, obtainedOn: long)]
            people.append(promoted)
        }
        var skills: [String: [ProviderKey]] = [:]
        for person in people {
            for option in evaluate(person).skillOptions {
                skills[option.level.name] = option.providers.map { ProviderKey(name: $0.name, contact: $0.contact) }
            }
        }
        return (titles, skills)
    }

    static func providerKeys(_ providers: [Provider]) -> [ProviderKey] {
        var keys: [ProviderKey] = []
        for provider in providers {
            let contact = [provider.contactName, provider.contactPhone].compactMap { $0 }.joined(separator: " ")
            let key = ProviderKey(name: provider.name, contact: contact.isEmpty ? nil : contact)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    @Test(arguments: TestServer.base.jurisdictions.map(\.code))
    func everySurfaceGivesTheEnginesRouting(jurisdiction: String) async throws {
        let occupations = Self.occupations(in: jurisdiction)
        #expect(occupations.count > 20)
        var compared = (titles: 0, skills: 0)
        try await TestServer.withServer { app in
            for date in Self.dates {
                for occupation in occupations {
                    let routing = try Self.services.catalog.routing(occupation: occupation, jurisdiction: jurisdiction, asOf: date)
                    let engine = Self.engineAnswer(jurisdiction: jurisdiction, occupation: occupation, asOf: date)
                    let place = "\(jurisdiction) \(occupation) \(date)"

                    // The engine's options against the routing answer.
                    for (key, committee) in engine.titles {
                        let route = routing.titles.first { $0.level == key.level && $0.series == key.series && $0.specialty == key.specialty }
                        #expect(route != nil, "\(place): no route for \(key)")
                        #expect(route?.committee.map { CommitteeValue(name: $0.name, host: $0.host, phone: $0.phone) } == committee, "\(place) \(key)")
                        compared.titles += 1
                    }
                    for level in Set(engine.titles.keys.map(\.level)) {
                        #expect(Set(routing.titles.filter { $0.level == level }.map { TitleKey(level: $0.level, series: $0.series, specialty: $0.specialty) })
                                == Set(engine.titles.keys.filter { $0.level == level }), "\(place) \(level): the series differ")
                    }
                    for (level, providers) in engine.skills {
                        #expect(Self.providerKeys(routing.skills.first { $0.level == level }?.providers ?? []) == providers, "\(place) \(level)")
                        compared.skills += 1
                    }

                    // `catalog occupation` prints the same report.
                    let report = try Self.services.catalog.occupation(occupation, jurisdiction: jurisdiction, asOf: date)
                    #expect(report.jurisdictions.map(\.routing) == [routing], "\(place): catalog occupation")

                    // The API.
                    let query = "jurisdiction=\(jurisdiction)&occupation=\(Self.encoded(occupation))&asOf=\(date)"
                    try await app.testing().test(.GET, "api/v1/committees?" + query) { response in
                        #expect(response.status == .ok)
                        let titles = try JSONDecoder().decode([RoutingReport.TitleRoute].self, from: response.body)
                        #expect(titles == routing.titles, "\(place): /api/v1/committees")
                    }
                    for (level, providers) in engine.skills {
                        try await app.testing().test(.GET, "api/v1/providers?" + query + "&level=" + Self.encoded(level)) { response in
                            #expect(response.status == .ok)
                            let listed = try JSONDecoder().decode([Provider].self, from: response.body)
                            #expect(Self.providerKeys(listed) == providers, "\(place) \(level): /api/v1/providers")
                        }
                    }
                }
            }
            // The occupation page, for a sample of each jurisdiction's occupations (every page
            // shows every jurisdiction, so the sample covers the others too).
            for occupation in stride(from: 0, to: occupations.count, by: 25).map({ occupations[$0] }) {
                for date in Self.dates {
                    let routing = try Self.services.catalog.routing(occupation: occupation, jurisdiction: jurisdiction, asOf: date)
                    try await app.testing().test(.GET, "occupations/\(Self.encoded(occupation))?asOf=\(date)") { response in
                        #expect(response.status == .ok)
                        let section = Self.section(of: response.body.string, jurisdiction: Self.base.jurisdiction(jurisdiction)!.name)
                        for route in routing.titles {
                            let expected = route.committee?.name ?? "未指定评审委员会"
                            #expect(section.contains("data-level=\"\(route.level)\" data-series=\"\(route.series)\"><strong>"), "\(occupation) \(route.level) \(route.series): page")
                            #expect(section.contains("<span class=\"committee\">\(expected)</span>"), "\(occupation) \(route.level): page committee")
                        }
                        for route in routing.skills {
                            for provider in route.providers {
                                #expect(section.contains("<span class=\"provider\">\(Self.escaped(provider.name))</span>"), "\(occupation) \(route.level): page provider")
                            }
                        }
                    }
                }
            }
        }
        #expect(compared.titles > 100 && compared.skills > 100, "compared \(compared)")
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The page's card for one jurisdiction.
    static func section(of page: String, jurisdiction name: String) -> String {
        guard let start = page.range(of: "<h2>\(name)</h2>") else { return "" }
        let rest = page[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }
}
