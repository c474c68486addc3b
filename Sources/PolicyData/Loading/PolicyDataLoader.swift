import CSVCodec
import Domain
import Foundation
import Synchronization
import Yams

/// Reads every data file, checks it against the others and builds the `PolicyBase`.
/// Problems are collected rather than thrown one at a time, each naming its file and line.
struct PolicyDataLoader {
    let source: DataSource
    private var problems: [PolicyDataError] = []
    private var sizes: [(table: String, rows: Int)] = []

    init(source: DataSource) {
        self.source = source
    }

    func load() throws -> PolicyBase {
        var loader = self
        return try loader.run()
    }

    private mutating func run() throws -> PolicyBase {
        // The two largest YAML files are decoded on another core while the rest loads here.
        let side = PolicyDataLoader(source: source)
        let decodedAside = Mutex<(honours: HonourCatalog?, parameters: PolicyParameters?, problems: [PolicyDataError])?>(nil)
        let aside = DispatchGroup()
        DispatchQueue.global().async(group: aside) {
            var loader = side
            let honours: HonourCatalog? = loader.decodeYAML("honours.yaml")
            var parameters: PolicyParameters? = loader.decodeYAML("parameters.yaml")
            let procedures: ProcedureCatalog? = loader.decodeYAML("procedures.yaml")
            parameters?.procedures = procedures?.procedures ?? []
            decodedAside.withLock { $0 = (honours, parameters, loader.problems) }
        }
        let jurisdictions: [Jurisdiction] = decodeYAML("jurisdictions.yaml") ?? []
        var documents: [PolicyDocument] = decodeYAML("documents.yaml") ?? []
        attachClauses(to: &documents)
        let catalogue = loadCatalogue()
        let names = OccupationNames(occupations: catalogue.occupations, aliases: catalogue.aliases)

        var mappings: [SeriesMapping] = []
        mappings += loadFlatMapping(
            "zhejiang/occupation-series.csv", document: "zj-2022-77", table: "附件", jurisdiction: "zhejiang", names: names)
        mappings += loadSeriesTable(
            "quzhou", "occupation-series", document: "qz-2023-23", table: "附件1", direction: .both, names: names)
        mappings += loadSeriesTable(
            "shaoxing", "skill-to-title", document: "sx-2019-64", table: "附件1", direction: .skillToTitle, names: names)
        mappings += loadSeriesTable(
            "shaoxing", "title-to-skill", document: "sx-2019-64", table: "附件2", direction: .titleToSkill, names: names)
        mappings += loadHebeiMapping(names: names)
        let gaps = loadGaps()
        let committees = loadCommittees()
        let providers = loadQuzhouProviders(names: names) + loadShaoxingServicePoints(names: names)
        let questionBank = loadQuestionBank(names: names)
        aside.wait()
        let decoded = decodedAside.withLock { $0! }
        problems += decoded.problems
        let honours = decoded.honours ?? HonourCatalog(honours: [], grants: [])
        let parameters = decoded.parameters

        let base = PolicyBase(
            jurisdictions: jurisdictions, documents: documents, occupations: catalogue.occupations,
            aliases: catalogue.aliases, seriesMappings: mappings, committees: committees, providers: providers,
            questionBank: questionBank, tableGaps: gaps, honours: honours,
            parameters: parameters ?? PolicyParameters.empty, pinyinInitials: loadPinyin(), tableSizes: sizes + [
                ("documents.yaml", documents.count),
                ("clauses/*.yaml", documents.reduce(0) { $0 + $1.clauses.count }),
                ("honours.yaml (honours)", honours.honours.count),
                ("honours.yaml (grants)", honours.grants.count),
            ])
        var checker = CrossReferenceChecker(base: base)
        checker.check()
        problems += checker.problems
        guard problems.isEmpty else { throw PolicyDataErrors(errors: problems) }
        return base
    }

    // MARK: YAML

    private mutating func decodeYAML<T: Codable>(_ file: String) -> T? {
        do {
            let text = try source.text(file)
            // Parsed once: the same tree is decoded and searched for keys the model lacks.
            guard let node = try Yams.compose(yaml: text) else { throw PolicyDataError(file: file, "empty file") }
            let value = try YAMLDecoder().decode(T.self, from: node)
            // A key the model does not know (a typo, or an unquoted ", " splitting a flow
            // mapping) would otherwise be dropped without a word.
            let known = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
            for path in Self.unknownKeys(raw: node, known: known, path: "") {
                problems.append(PolicyDataError(file: file, "unknown key at \(path)"))
            }
            return value
        } catch let error as PolicyDataError {
            problems.append(error)
        } catch let error as DecodingError {
            problems.append(PolicyDataError(file: file, Self.describe(error)))
        } catch {
            problems.append(PolicyDataError(file: file, "\(error)"))
        }
        return nil
    }

    /// Paths of keys present in the file but absent from the decoded model.
    static func unknownKeys(raw: Node, known: Any, path: String) -> [String] {
        if let rawMap = raw.mapping {
            let knownMap = known as? [String: Any] ?? [:]
            return rawMap.flatMap { key, value -> [String] in
                let name = key.string ?? "\(key)"
                guard let next = knownMap[name] else { return ["\(path).\(name)"] }
                return unknownKeys(raw: value, known: next, path: "\(path).\(name)")
            }.sorted()
        }
        if let rawList = raw.sequence, let knownList = known as? [Any] {
            return zip(rawList, knownList).enumerated().flatMap { index, pair in
                unknownKeys(raw: pair.0, known: pair.1, path: "\(path)[\(index)]")
            }
        }
        return []
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
        }
        switch error {
        case .dataCorrupted(let context): return "at \(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context): return "at \(path(context.codingPath)): missing \(key.stringValue)"
        case .typeMismatch(_, let context): return "at \(path(context.codingPath)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    private struct ClauseFile: Codable {
        let document: String
        let title: String?
        let clauses: [Clause]
    }

    private mutating func attachClauses(to documents: inout [PolicyDocument]) {
        for file in source.files(in: "clauses", withExtension: "yaml") {
            guard let clauseFile: ClauseFile = decodeYAML(file) else { continue }
            guard let index = documents.firstIndex(where: { $0.id == clauseFile.document }) else {
                problems.append(PolicyDataError(file: file, "clauses for a document not in documents.yaml: \(clauseFile.document)"))
                continue
            }
            var seen = Set<String>()
            for (position, clause) in clauseFile.clauses.enumerated() where !seen.insert(clause.id).inserted {
                problems.append(PolicyDataError(file: file, "clause [\(position)] repeats the id \(clause.id)"))
            }
            documents[index].clauses = clauseFile.clauses
        }
        sizes.append(("clauses", documents.reduce(0) { $0 + $1.clauses.count }))
        sizes.removeLast()
    }

    // MARK: CSV

    private mutating func table(_ file: String, columns: [String]) -> CSVTable? {
        do {
            let table = try CSVTable(text: try source.text(file))
            let missing = columns.filter { !table.header.contains($0) }
            let extra = table.header.filter { !columns.contains($0) }
            if !missing.isEmpty || !extra.isEmpty {
                problems.append(PolicyDataError(file: file, line: 1,
                    "columns must be \(columns.joined(separator: ",")); missing: \(missing), unexpected: \(extra)"))
                return nil
            }
            sizes.append((file, table.records.count))
            return table
        } catch let error as CSVError {
            problems.append(PolicyDataError(file: file, line: error.line, error.message))
        } catch let error as PolicyDataError {
            problems.append(error)
        } catch {
            problems.append(PolicyDataError(file: file, "\(error)"))
        }
        return nil
    }

    private mutating func problem(_ file: String, _ record: CSVTable.Record, _ message: String) {
        problems.append(PolicyDataError(file: file, line: record.line, message))
    }

    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func list(_ text: String) -> [String] {
        text.split(separator: "|").map { String($0) }.filter { !$0.isEmpty }
    }

    private mutating func integer(_ file: String, _ record: CSVTable.Record, _ column: String) -> Int? {
        guard let value = Int(record[column]) else {
            problem(file, record, "\(column) is not a whole number: «\(record[column])»")
            return nil
        }
        return value
    }

    private mutating func levels(_ file: String, _ record: CSVTable.Record, _ column: String) -> [SkillLevel] {
        var result: [SkillLevel] = []
        for name in Self.list(record[column]) {
            guard let level = SkillLevel(name: name) else {
                problem(file, record, "unknown skill level «\(name)» in \(column)")
                continue
            }
            result.append(level)
        }
        if result.isEmpty { problem(file, record, "no skill level in \(column)") }
        return result
    }

    /// Resolves a printed occupation name, reporting an unknown one.
    private mutating func occupation(_ file: String, _ record: CSVTable.Record, _ printed: String, _ names: OccupationNames) -> String? {
        guard let name = names.canonical(printed) else {
            problem(file, record, "unknown occupation «\(printed)»: add it to occupations.csv or aliases.csv")
            return nil
        }
        return name
    }

    private mutating func checkUnique<Key: Hashable>(_ file: String, _ records: [(CSVTable.Record, Key)], describe: (Key) -> String) {
        var seen: [Key: Int] = [:]
        for (record, key) in records {
            if let first = seen[key] {
                problem(file, record, "duplicate row: \(describe(key)) already on line \(first)")
            } else {
                seen[key] = record.line
            }
        }
    }

    private mutating func loadCatalogue() -> (occupations: [Occupation], aliases: [OccupationAlias]) {
        var occupations: [Occupation] = []
        var aliases: [OccupationAlias] = []
        let occupationsFile = "occupations.csv"
        if let table = table(occupationsFile, columns: ["name", "code", "code_source"]) {
            for record in table.records {
                let code = Self.optional(record["code"])
                if record["name"].isEmpty { problem(occupationsFile, record, "empty name") }
                if let code, !NameKey.isOccupationCode(code) {
                    problem(occupationsFile, record, "malformed national occupation code «\(code)»")
                }
                if (code == nil) != record["code_source"].isEmpty {
                    problem(occupationsFile, record, "a code needs its code_source, and a code_source its code")
                }
                occupations.append(Occupation(name: record["name"], code: code, codeSource: Self.optional(record["code_source"])))
            }
            checkUnique(occupationsFile, table.records.map { ($0, NameKey.normalize($0["name"])) }) { "occupation \($0)" }
            checkUnique(occupationsFile, table.records.filter { !$0["code"].isEmpty }.map { ($0, $0["code"]) }) { "code \($0)" }
        }
        let aliasesFile = "aliases.csv"
        if let table = table(aliasesFile, columns: ["alias", "occupation", "reason"]) {
            let known = Set(occupations.map { NameKey.normalize($0.name) })
            for record in table.records {
                if !known.contains(NameKey.normalize(record["occupation"])) {
                    problem(aliasesFile, record, "alias «\(record["alias"])» names an unknown occupation «\(record["occupation"])»")
                }
                if known.contains(NameKey.normalize(record["alias"])) {
                    problem(aliasesFile, record, "«\(record["alias"])» is itself a catalogue occupation, so it cannot be an alias")
                }
                if record["reason"].isEmpty { problem(aliasesFile, record, "an alias needs its reason") }
                aliases.append(OccupationAlias(alias: record["alias"], occupation: record["occupation"], reason: record["reason"]))
            }
            checkUnique(aliasesFile, table.records.map { ($0, NameKey.normalize($0["alias"])) }) { "alias \($0)" }
        }
        return (occupations, aliases)
    }

    /// A table of one row per occupation (浙江 附件).
    private mutating func loadFlatMapping(_ file: String, document: String, table name: String, jurisdiction: String, names: OccupationNames) -> [SeriesMapping] {
        guard let table = table(file, columns: ["row", "occupation", "population", "series", "specialty", "printed_series", "note"]) else { return [] }
        var result: [SeriesMapping] = []
        for record in table.records {
            let printed = record["occupation"]
            let population = Self.optional(record["population"])
            guard (printed.isEmpty) != (population == nil) else {
                problem(file, record, "a row names either an occupation or a population, not both or neither")
                continue
            }
            let canonical = printed.isEmpty ? nil : occupation(file, record, printed, names)
            if !printed.isEmpty && canonical == nil { continue }
            let series = Self.list(record["series"])
            if series.isEmpty { problem(file, record, "no series") }
            result.append(SeriesMapping(
                source: SourceRef(document: document, table: name, row: record["row"]), jurisdiction: jurisdiction,
                direction: .both, occupation: canonical, printedName: printed.isEmpty ? (population ?? "") : printed,
                population: population, series: series, specialty: Self.optional(record["specialty"]),
                specialtyText: nil, code: nil, note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, $0["row"]) }) { "row \($0)" }
        checkUnique(file, table.records.filter { !$0["occupation"].isEmpty }.map { ($0, NameKey.normalize($0["occupation"])) }) { "occupation \($0)" }
        return result
    }

    /// A pair of files: the series rows, and the occupations listed in each (衢州 附件1, 绍兴 附件1/2).
    private mutating func loadSeriesTable(_ folder: String, _ stem: String, document: String, table name: String, direction: SeriesMapping.Direction, names: OccupationNames) -> [SeriesMapping] {
        let seriesFile = stem == "occupation-series" ? "\(folder)/series.csv" : "\(folder)/\(stem)-series.csv"
        let rowsFile = "\(folder)/\(stem).csv"
        let jurisdiction = folder
        guard let seriesTable = table(seriesFile, columns: ["row", "series", "specialty_text", "note"]),
              let rowsTable = table(rowsFile, columns: ["series_row", "position", "occupation", "population", "note"]) else { return [] }
        checkUnique(seriesFile, seriesTable.records.map { ($0, $0["row"]) }) { "row \($0)" }
        let seriesByRow = Dictionary(seriesTable.records.map { ($0["row"], $0) }, uniquingKeysWith: { first, _ in first })
        var result: [SeriesMapping] = []
        for record in rowsTable.records {
            guard let series = seriesByRow[record["series_row"]] else {
                problem(rowsFile, record, "series_row \(record["series_row"]) is not a row of \(seriesFile)")
                continue
            }
            let printed = record["occupation"]
            let population = Self.optional(record["population"])
            guard printed.isEmpty != (population == nil) else {
                problem(rowsFile, record, "a row names either an occupation or a population, not both or neither")
                continue
            }
            let canonical = printed.isEmpty ? nil : occupation(rowsFile, record, printed, names)
            if !printed.isEmpty && canonical == nil { continue }
            result.append(SeriesMapping(
                source: SourceRef(document: document, table: name, row: record["series_row"], item: Int(record["position"])),
                jurisdiction: jurisdiction, direction: direction, occupation: canonical,
                printedName: printed.isEmpty ? (population ?? "") : printed, population: population,
                series: [series["series"]], specialty: nil, specialtyText: Self.optional(series["specialty_text"]),
                code: nil, note: Self.optional(record["note"])))
        }
        checkUnique(rowsFile, rowsTable.records.map { ($0, "\($0["series_row"])-\($0["position"])") }) { "position \($0)" }
        checkUnique(rowsFile, rowsTable.records.filter { !$0["occupation"].isEmpty }.map { ($0, "\($0["series_row"]) \(NameKey.normalize($0["occupation"]))") }) { "occupation in series row \($0)" }
        return result
    }

    private mutating func loadHebeiMapping(names: OccupationNames) -> [SeriesMapping] {
        let file = "hebei/occupation-series.csv"
        guard let table = table(file, columns: ["series", "row", "occupation", "code", "note"]) else { return [] }
        var result: [SeriesMapping] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names) else { continue }
            let code = Self.optional(record["code"])
            if let code, !NameKey.isOccupationCode(code) { problem(file, record, "malformed national occupation code «\(code)»") }
            _ = integer(file, record, "row")
            result.append(SeriesMapping(
                source: SourceRef(document: "hb-plan", table: "附件（\(record["series"])系列）", row: record["row"]),
                jurisdiction: "hebei", direction: .both, occupation: canonical, printedName: record["occupation"],
                population: nil, series: [record["series"]], specialty: nil, specialtyText: nil, code: code,
                note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, "\($0["series"]) \($0["row"])") }) { "row \($0)" }
        return result
    }

    /// `char,initials`: each character's pinyin initials, several for a polyphonic one.
    private mutating func loadPinyin() -> [Character: String] {
        let file = "pinyin.csv"
        guard let table = table(file, columns: ["char", "initials"]) else { return [:] }
        var result: [Character: String] = [:]
        for record in table.records {
            guard record["char"].count == 1, let character = record["char"].first else {
                problem(file, record, "char must be one character")
                continue
            }
            let initials = record["initials"].split(separator: "|").joined()
            if initials.isEmpty || !initials.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                problem(file, record, "initials must be lowercase letters separated by |")
            }
            result[character] = initials
        }
        return result
    }

    private mutating func loadGaps() -> [TableGap] {
        let file = "hebei/gaps.csv"
        guard let table = table(file, columns: ["series", "from_row", "to_row", "kind", "note"]) else { return [] }
        var result: [TableGap] = []
        for record in table.records {
            guard let from = integer(file, record, "from_row") else { continue }
            let to = record["to_row"].isEmpty ? nil : integer(file, record, "to_row")
            if !record["to_row"].isEmpty && to == nil { continue }
            guard let kind = TableGap.Kind(rawValue: record["kind"]) else {
                problem(file, record, "kind must be missing_rows or missing_code, not «\(record["kind"])»")
                continue
            }
            if let to, from > to { problem(file, record, "from_row \(from) is after to_row \(to)") }
            result.append(TableGap(document: "hb-plan", series: record["series"], fromRow: from, toRow: to, kind: kind, note: Self.optional(record["note"])))
        }
        return result
    }

    private mutating func loadCommittees() -> [Committee] {
        let file = "quzhou/committees.csv"
        guard let table = table(file, columns: ["row", "series", "specialty_text", "committee", "host", "phone", "note"]) else { return [] }
        checkUnique(file, table.records.map { ($0, "\($0["row"]) \($0["specialty_text"])") }) { "row \($0)" }
        return table.records.map { record in
            Committee(
                source: SourceRef(document: "qz-2023-23", table: "附件3", row: record["row"]), jurisdiction: "quzhou",
                series: record["series"], specialtyText: record["specialty_text"], name: Self.optional(record["committee"]),
                host: Self.optional(record["host"]), phone: Self.optional(record["phone"]), note: Self.optional(record["note"]))
        }
    }

    private mutating func loadQuzhouProviders(names: OccupationNames) -> [Provider] {
        let file = "quzhou/providers.csv"
        guard let table = table(file, columns: ["row", "org", "contact_name", "contact_phone", "occupation", "work_type", "levels", "note"]) else { return [] }
        var result: [Provider] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names) else { continue }
            if record["org"].isEmpty { problem(file, record, "no organisation") }
            result.append(Provider(
                source: SourceRef(document: "qz-2023-23", table: "附件4", row: record["row"]), jurisdiction: "quzhou",
                name: record["org"], contactName: Self.optional(record["contact_name"]), contactPhone: Self.optional(record["contact_phone"]),
                occupation: canonical, printedOccupation: record["occupation"], workType: Self.optional(record["work_type"]),
                levels: levels(file, record, "levels"), note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, $0["row"]) }) { "row \($0)" }
        checkUnique(file, table.records.map { ($0, [$0["org"], $0["contact_name"], $0["occupation"], $0["work_type"], $0["levels"]]) }) { "entry \($0.joined(separator: " "))" }
        return result
    }

    private mutating func loadShaoxingServicePoints(names: OccupationNames) -> [Provider] {
        let file = "shaoxing/service-points.csv"
        guard let table = table(file, columns: ["row", "org", "occupations", "levels", "contact_name", "contact_phone", "note"]) else { return [] }
        var result: [Provider] = []
        var keys: [(CSVTable.Record, String)] = []
        for record in table.records {
            let levels = levels(file, record, "levels")
            for printed in Self.list(record["occupations"]) {
                keys.append((record, "\(record["row"]) \(printed)"))
                guard let canonical = occupation(file, record, printed, names) else { continue }
                result.append(Provider(
                    source: SourceRef(document: "sx-2019-64", table: "附件3", row: record["row"]), jurisdiction: "shaoxing",
                    name: record["org"], contactName: Self.optional(record["contact_name"]), contactPhone: Self.optional(record["contact_phone"]),
                    occupation: canonical, printedOccupation: printed, workType: nil, levels: levels, note: Self.optional(record["note"])))
            }
        }
        checkUnique(file, keys) { "service point and occupation \($0)" }
        return result
    }

    private mutating func loadQuestionBank(names: OccupationNames) -> [QuestionBankEntry] {
        let file = "question-bank/2023-2024.csv"
        guard let table = table(file, columns: ["row", "occupation", "work_types", "work_type_text", "count", "levels", "standard_versions", "remarks", "note"]) else { return [] }
        var result: [QuestionBankEntry] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names),
                  let count = integer(file, record, "count") else { continue }
            let levels = Self.optional(record["levels"])
            if let levels, !Self.isLevelRange(levels) { problem(file, record, "levels must read like 5-1, not «\(levels)»") }
            result.append(QuestionBankEntry(
                source: SourceRef(document: "qb-2023", table: "附件1", row: record["row"]), occupation: canonical,
                printedOccupation: record["occupation"], workTypes: Self.list(record["work_types"]),
                workTypeText: Self.optional(record["work_type_text"]), count: count, levels: levels,
                standardVersions: Self.list(record["standard_versions"]), remarks: Self.list(record["remarks"]),
                note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, $0["row"]) }) { "row \($0)" }
        checkUnique(file, table.records.map { ($0, NameKey.normalize($0["occupation"])) }) { "occupation \($0)" }
        return result
    }

    /// "5-1": from 五级 up to 一级.
    static func isLevelRange(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]) else { return false }
        return (1...5).contains(low) && (1...5).contains(high) && low >= high
    }
}

/// Canonical names and aliases, for resolving the names tables print.
struct OccupationNames {
    private let canonicalByKey: [String: String]

    init(occupations: [Occupation], aliases: [OccupationAlias]) {
        var map: [String: String] = [:]
        for occupation in occupations { map[NameKey.normalize(occupation.name)] = occupation.name }
        for alias in aliases where map[NameKey.normalize(alias.alias)] == nil {
            map[NameKey.normalize(alias.alias)] = map[NameKey.normalize(alias.occupation)]
        }
        canonicalByKey = map
    }

    func canonical(_ printed: String) -> String? { canonicalByKey[NameKey.normalize(printed)] }
}
