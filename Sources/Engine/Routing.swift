import Domain
import PolicyData

/// Where an occupation's applications go in a jurisdiction on a date, level by level: the
/// committee each regular title option names and the providers each skill option lists.
/// Worked out by the functions the options themselves use, so the catalogue, the API and
/// the pages that ask it give the answer an evaluation gives.
public struct OccupationRouting: Sendable {
    public struct TitleRoute: Sendable, Hashable {
        public let level: TitleLevel
        public let series: String
        public let specialty: String?
        public let committee: CommitteeRef?
        /// The table's and the documents' words on where to apply, as the option carries them.
        public let notes: [String]
    }

    public struct SkillRoute: Sendable, Hashable {
        public let level: SkillLevel
        /// The table rows of the providers (one per occupation and work type), in table order.
        public let providers: [Provider]
    }

    public let jurisdiction: String
    public let occupation: String
    public let asOf: CalendarDate
    public let titles: [TitleRoute]
    public let skills: [SkillRoute]
}

extension Engine {
    /// The routing of an occupation (a catalogue name, alias or code) in a jurisdiction on a
    /// date; nil for an unknown jurisdiction or occupation.
    public func routing(jurisdiction: String, occupation: String, asOf: CalendarDate) -> OccupationRouting? {
        guard let book = core.book(jurisdiction), let name = base.resolveOccupation(occupation)?.occupation.name else { return nil }
        let context = EvaluationContext(engine: core, book: book, request: EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf))
        let entry = book.occupations[name]
        return OccupationRouting(
            jurisdiction: jurisdiction, occupation: name, asOf: asOf,
            titles: book.titleLevels.flatMap { context.titleRoutes(entry, level: $0) },
            skills: SkillLevel.allCases.map { .init(level: $0, providers: context.providers(entry, level: $0).map(\.row)) })
    }
}

extension EvaluationContext {
    /// Per series of the nearest table in force: the committee a regular option at `level` names.
    func titleRoutes(_ entry: RuleBook.OccupationEntry?, level: TitleLevel) -> [OccupationRouting.TitleRoute] {
        seriesRows(for: entry, titleSide: true).rows.flatMap { row in
            row.mapping.series.enumerated().map { position, series in
                let (committee, notes) = self.committee(rows: row.committees[position], level: level, includeScoped: row.scoped)
                return OccupationRouting.TitleRoute(level: level, series: series, specialty: row.mapping.specialty, committee: committee, notes: notes)
            }
        }
    }

    /// The providers in force that take `level` for the occupation, each listed once.
    func providers(_ entry: RuleBook.OccupationEntry?, level: SkillLevel) -> [RuleBook.ProviderEntry] {
        var providers: [RuleBook.ProviderEntry] = []
        // A provider listed under two names of one occupation is listed once.
        for provider in entry?.providers ?? [] where isActive(provider.doc) && provider.levels.contains(level)
            && !providers.contains(where: { $0.ref.name == provider.ref.name && $0.ref.contact == provider.ref.contact }) {
            providers.append(provider)
        }
        return providers
    }
}
