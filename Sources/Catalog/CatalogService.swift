import Domain
import Engine
import PolicyData

/// Read-only questions about the policy data, shared by the CLI and the server. Where an
/// answer is also part of an evaluation (which committee, which providers), it is asked of
/// the engine, so the two never differ.
public struct CatalogService: Sendable {
    public let base: PolicyBase
    let engine: Engine

    public init(base: PolicyBase, engine: Engine? = nil) {
        self.base = base
        self.engine = engine ?? Engine(base: base)
    }

    public enum RoutingFailure: Error, Equatable {
        case unknownOccupation(String)
    }

    /// Level by level, the committee and providers for an occupation in a jurisdiction on a date.
    public func routing(occupation: String, jurisdiction code: String, asOf: CalendarDate) throws -> RoutingReport {
        let place = try jurisdiction(code)
        guard let routing = engine.routing(jurisdiction: place.code, occupation: occupation, asOf: asOf) else {
            throw UnknownOccupation(query: occupation, suggestions: closestOccupations(to: occupation))
        }
        return RoutingReport(
            jurisdiction: routing.jurisdiction, occupation: routing.occupation, asOf: routing.asOf,
            titles: routing.titles.map { route in
                RoutingReport.TitleRoute(
                    level: route.level.name, series: route.series, specialty: route.specialty,
                    committee: route.committee.map { RoutingReport.CommitteeName(name: $0.name, host: $0.host, phone: $0.phone) }, notes: route.notes)
            },
            skills: routing.skills.map { RoutingReport.SkillRoute(level: $0.level.name, providers: $0.providers) })
    }

    public enum Failure: Error, Equatable {
        case unknownJurisdiction(String, supported: [String])
    }

    /// Resolves a jurisdiction code or Chinese name.
    public func jurisdiction(_ text: String) throws(Failure) -> Jurisdiction {
        guard let jurisdiction = base.jurisdiction(text.trimmingWhitespace) else {
            throw .unknownJurisdiction(text, supported: base.jurisdictions.map(\.code))
        }
        return jurisdiction
    }

    /// The occupation named by a name, alias or national code, with its series, committees,
    /// providers and question-bank entry in each jurisdiction (or the one asked).
    public func occupation(_ query: String, jurisdiction code: String? = nil, asOf: CalendarDate) throws -> OccupationReport {
        let selected = try code.map { try jurisdiction($0) }
        guard let match = base.resolveOccupation(query) else {
            throw UnknownOccupation(query: query, suggestions: closestOccupations(to: query))
        }
        let name = match.occupation.name
        let mappings = base.mappings(forOccupation: name)
        let providers = base.providers(forOccupation: name)
        let accessType = base.parameters.accessTypeOccupations.filter { base.resolveOccupation($0.occupation)?.occupation.name == name }
        let jurisdictions = selected.map { [$0] } ?? base.jurisdictions
        let entries = try jurisdictions.map { jurisdiction in
            try entry(for: jurisdiction, name: name, asOf: asOf, mappings: mappings, providers: providers, accessType: accessType)
        }
        let bank = base.questionBankEntry(forOccupation: name)
        var sources = mappings.map(\.source) + providers.map(\.source) + (bank.map { [$0.source] } ?? [])
        sources += accessType.map { SourceRef(document: $0.document, table: $0.clause, row: "") }
        var seen = Set<OccupationReport.ListedIn>()
        let listedIn = sources.compactMap { source -> OccupationReport.ListedIn? in
            let table = Self.tableName(source, in: base)
            let entry = OccupationReport.ListedIn(
                document: source.document, number: base.document(source.document)?.displayName ?? source.document, table: table)
            return seen.insert(entry).inserted ? entry : nil
        }
        return OccupationReport(
            query: query, occupation: match.occupation, matchedVia: match.via.rawValue, matchedAlias: match.alias,
            aliases: base.aliases(of: name), listedIn: listedIn, jurisdictions: entries, questionBank: bank)
    }

    private func entry(for jurisdiction: Jurisdiction, name: String, asOf: CalendarDate, mappings: [SeriesMapping], providers: [Provider],
                       accessType: [AccessTypeOccupation]) throws -> OccupationReport.JurisdictionEntry {
        let chain = Set(base.jurisdictionChain(jurisdiction.code).map(\.code))
        let documents = base.documents.filter { chain.contains($0.jurisdiction) }
        let documentIDs = Set(documents.map(\.id))
        let series = mappings.filter { documentIDs.contains($0.source.document) }.map { mapping in
            OccupationReport.SeriesEntry(
                document: mapping.source.document, documentNumber: base.document(mapping.source.document)?.displayName ?? mapping.source.document,
                location: mapping.source.location, printedName: mapping.printedName, series: mapping.series,
                specialty: mapping.specialty, specialtyText: mapping.specialtyText, direction: mapping.direction,
                code: mapping.code, note: mapping.note)
        }
        let ownSeries = Set(series.filter { $0.document == documents.first { $0.jurisdiction == jurisdiction.code }?.id }.flatMap(\.series))
        let committees = base.committees.filter { $0.jurisdiction == jurisdiction.code && ownSeries.contains($0.series) }
        var notes: [String] = []
        if series.isEmpty {
            for provision in base.parameters.unlistedOccupations where documentIDs.contains(provision.document) {
                let number = base.document(provision.document)?.displayName ?? provision.document
                notes.append("\(number) \(provision.clause)：\(provision.quote)")
            }
            notes += gapNotes(documentIDs)
            if notes.isEmpty { notes.append("本地区文件的对应表未列此职业（工种），文件亦未规定由谁确定。") }
        }
        return OccupationReport.JurisdictionEntry(
            code: jurisdiction.code, name: jurisdiction.name, series: series, committees: committees,
            providers: providers.filter { chain.contains($0.jurisdiction) },
            accessType: accessType.filter { documentIDs.contains($0.document) }, notes: notes,
            routing: try routing(occupation: name, jurisdiction: jurisdiction.code, asOf: asOf))
    }

    /// Where a table is known to lack pages, an occupation missing from it may be on them.
    private func gapNotes(_ documentIDs: Set<String>) -> [String] {
        let gaps = base.tableGaps.filter { documentIDs.contains($0.document) && $0.kind == .missingRows }
        guard !gaps.isEmpty, let document = base.document(gaps[0].document) else { return [] }
        let ranges = Dictionary(grouping: gaps, by: \.series).sorted { $0.key < $1.key }.map { series, gaps in
            series + "系列第" + gaps.map { gap in gap.toRow.map { "\(gap.fromRow)–\($0)行" } ?? "\(gap.fromRow)行以后" }.joined(separator: "、")
        }
        return ["\(document.displayName)附件有缺页（\(ranges.joined(separator: "；"))缺失），此职业可能列于缺失部分，无法据现有文本确定。"]
    }

    /// Catalogue names (and aliases, shown as their canonical name) closest to the query.
    public func closestOccupations(to query: String, limit: Int = 5) -> [String] {
        base.closestOccupations(to: query, limit: limit)
    }

    /// Every document with whether it is in force on `date` (all of them, when nil).
    public func documents(asOf date: CalendarDate?) -> [DocumentStatus] {
        base.documents.map { document in
            let status: DocumentStatus.InForce
            if let effective = document.effectiveFrom {
                status = date.map { effective <= $0 ? .inForce : .notYet } ?? .inForce
            } else if let earliest = document.notBefore, let date, date < earliest {
                status = .notYet
            } else {
                status = .unknown
            }
            let superseding = base.documents.flatMap { later in
                later.supersedes.filter { $0.document == document.id }.map {
                    DocumentStatus.Superseding(document: later.id, number: later.number, from: later.effectiveFrom, clause: $0.clause, scope: $0.scope, overrides: $0.overrides)
                }
            }
            return DocumentStatus(
                id: document.id, number: document.number, title: document.title, issuer: document.issuer,
                jurisdiction: document.jurisdiction, issuedOn: document.issuedOn, effectiveFrom: document.effectiveFrom,
                effectiveNote: document.effectiveNote, status: status, supersededBy: superseding)
        }
    }

    /// The row count of every table.
    public func stats() -> [TableCount] {
        base.tableSizes.map { TableCount(table: $0.table, rows: $0.rows) } + [
            TableCount(table: "occupation catalogue (names)", rows: base.occupations.count),
            TableCount(table: "occupation catalogue (with national code)", rows: base.occupations.filter { $0.code != nil }.count),
            TableCount(table: "series mappings (all tables)", rows: base.seriesMappings.count),
            TableCount(table: "providers and service points (per occupation)", rows: base.providers.count),
            TableCount(table: "question-bank occupation-types (sum of counts)", rows: base.questionBank.reduce(0) { $0 + $1.count }),
        ]
    }

    /// A committee with the title levels it serves where the data says (committeeLevels).
    public struct CommitteeListing: Encodable, Sendable {
        public let committee: Committee
        public let titleLevels: [TitleLevel]?

        enum Keys: String, CodingKey { case titleLevels }

        public func encode(to encoder: any Encoder) throws {
            try committee.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeIfPresent(titleLevels?.map(\.name), forKey: .titleLevels)
        }
    }

    /// The committees of a jurisdiction (all when nil), a series and a title level: a committee
    /// a table names for some levels only is left out at the others — the same answer the
    /// engine gives an option.
    public func committees(jurisdiction: String?, series: String?, level: TitleLevel?) -> [CommitteeListing] {
        let served = Dictionary(base.parameters.committeeLevels.map { ("\($0.document)\u{1F}\($0.table)", $0.titleLevels) }, uniquingKeysWith: { first, _ in first })
        return base.committees.compactMap { committee in
            guard jurisdiction == nil || committee.jurisdiction == jurisdiction, series == nil || committee.series == series else { return nil }
            let levels = served["\(committee.source.document)\u{1F}\(committee.source.table)"]
            if let level, let levels, !levels.contains(level) { return nil }
            return CommitteeListing(committee: committee, titleLevels: levels)
        }
    }

    /// A table as its document names it: a table printed in parts (河北 附件, by series) is
    /// named by the attachment clause its parts begin with.
    static func tableName(_ source: SourceRef, in base: PolicyBase) -> String {
        guard let document = base.document(source.document), document.clause(source.table) == nil else { return source.table }
        return document.clauses.map(\.id).filter { source.table.hasPrefix($0) }.max { $0.count < $1.count } ?? source.table
    }
}
