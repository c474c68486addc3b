import CSVCodec
import Domain
import Foundation
import Synchronization
import Yams

/// Reads every data file, checks it against the others and builds the `PolicyBase`.
/// Problems are collected rather than thrown one at a time, each naming its file and line.
struct PolicyDataLoader {
    /// The folders read, in order: the bundled data (or the deployment's copy of it) first,
    /// then any extra folders whose entries are added to it.
    let sources: [DataSource]
    private var source: DataSource
    private var problems: [PolicyDataError] = []
    private var sizes: [(table: String, rows: Int)] = []

    init(sources: [DataSource]) {
        self.sources = sources
        source = sources[0]
    }

    func load() throws -> PolicyBase {
        var loader = self
        return try loader.run()
    }

    /// What one folder holds besides its tables.
    private struct Layer {
        var jurisdictions: [Jurisdiction] = []
        var documents: [PolicyDocument] = []
        var clauseFiles: [(file: String, content: ClauseFile)] = []
        var occupations: [Listed<Occupation>] = []
        var aliases: [Listed<OccupationAlias>] = []
        var manifest: [TableFile] = []
        var honours = HonourCatalog(honours: [], grants: [])
        var parameters: PolicyParameters?
        var procedures: [Procedure] = []
        var actorRoles: [ActorRole] = []
        var confirmers: [Confirmer] = []
        var questionBankCalls: [QuestionBankCall] = []
        var caseTypeFiles: [String] = []
        var caseTypes: [CaseType] = []
    }

    private mutating func run() throws -> PolicyBase {
        // Each folder's YAML and catalogue are read first (the first folder's two largest
        // YAML files on another core); the tables need every folder's occupation names.
        let primary = sources[0]
        // The clauses go aside too: the tables, read here meanwhile, are the larger half.
        let decodedAside = Mutex<(honours: HonourCatalog?, parameters: PolicyParameters?, procedures: ProcedureCatalog?,
                                  clauses: [(file: String, content: ClauseFile)], problems: [PolicyDataError])?>(nil)
        let aside = DispatchGroup()
        DispatchQueue.global().async(group: aside) {
            var loader = PolicyDataLoader(sources: [primary])
            let honours: HonourCatalog? = loader.decodeYAML("honours.yaml")
            let parameters: PolicyParameters? = loader.decodeYAML("parameters.yaml")
            let procedures: ProcedureCatalog? = loader.decodeYAML("procedures.yaml")
            let clauses = loader.readClauses()
            decodedAside.withLock { $0 = (honours, parameters, procedures, clauses, loader.problems) }
        }
        var layers: [Layer] = []
        for (position, layerSource) in sources.enumerated() {
            source = layerSource
            layers.append(readLayer(required: position == 0))
        }
        checkCatalogue(occupations: layers.flatMap(\.occupations), aliases: layers.flatMap(\.aliases))
        let occupations = layers.flatMap(\.occupations).map(\.value)
        let aliases = layers.flatMap(\.aliases).map(\.value)
        let names = OccupationNames(occupations: occupations, aliases: aliases)

        var tables = LoadedTables()
        for (layerSource, layer) in zip(sources, layers) {
            source = layerSource
            for entry in layer.manifest { loadTable(entry, names: names, into: &tables) }
        }
        // The side decoding ran while the tables loaded.
        aside.wait()
        let decoded = decodedAside.withLock { $0! }
        problems += decoded.problems
        layers[0].honours = decoded.honours ?? HonourCatalog(honours: [], grants: [])
        layers[0].parameters = decoded.parameters
        layers[0].procedures = decoded.procedures?.procedures ?? []
        layers[0].actorRoles = decoded.procedures?.actors ?? []
        layers[0].confirmers = decoded.procedures?.confirmers ?? []
        layers[0].clauseFiles = decoded.clauses
        var documents = layers.flatMap(\.documents)
        attachClauses(layers.flatMap(\.clauseFiles), to: &documents)
        for (layerSource, layer) in zip(sources, layers) {
            source = layerSource
            checkManifest(layer.manifest, caseTypeFiles: layer.caseTypeFiles, documents: documents, jurisdictions: layers.flatMap(\.jurisdictions))
        }
        source = primary
        if source.exists("question-bank/calls.yaml") { layers[0].questionBankCalls = (decodeYAML("question-bank/calls.yaml") as QuestionBankCallFile?)?.calls ?? [] }
        var parameters = layers.compactMap(\.parameters).reduce(PolicyParameters.empty) { $0.adding($1) }
        parameters.procedures = layers.flatMap(\.procedures)
        parameters.actorRoles = layers.flatMap(\.actorRoles)
        parameters.confirmers = layers.flatMap(\.confirmers)
        parameters.questionBankCalls = layers.flatMap(\.questionBankCalls)
        parameters.caseTypes = layers.flatMap(\.caseTypes)
        let honours = HonourCatalog(honours: layers.flatMap(\.honours.honours), grants: layers.flatMap(\.honours.grants))

        let base = PolicyBase(
            jurisdictions: layers.flatMap(\.jurisdictions), documents: documents, occupations: occupations,
            aliases: aliases, seriesMappings: tables.mappings, committees: tables.committees, providers: tables.providers,
            questionBank: tables.questionBank, tableGaps: tables.gaps, honours: honours,
            parameters: parameters, pinyinInitials: loadPinyin(), tableSizes: sizes + [
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

    /// One folder's YAML files and catalogue; an extra folder may leave any of them out.
    private mutating func readLayer(required: Bool) -> Layer {
        var layer = Layer()
        func present(_ file: String) -> Bool { required || source.exists(file) }
        if present("jurisdictions.yaml") { layer.jurisdictions = decodeYAML("jurisdictions.yaml") ?? [] }
        if present("documents.yaml") { layer.documents = decodeYAML("documents.yaml") ?? [] }
        if !required { layer.clauseFiles = readClauses() }
        if present("occupations.csv") { layer.occupations = loadOccupations() }
        if present("aliases.csv") { layer.aliases = loadAliases() }
        if present("tables.yaml"), let manifest: TableManifest = decodeYAML("tables.yaml") {
            layer.manifest = manifest.tables
            layer.caseTypeFiles = manifest.caseTypes ?? []
            layer.caseTypes = layer.caseTypeFiles.compactMap { decodeYAML($0) }
        }
        if !required {
            if source.exists("honours.yaml") { layer.honours = decodeYAML("honours.yaml") ?? layer.honours }
            if source.exists("parameters.yaml") { layer.parameters = decodeYAML("parameters.yaml") }
            if source.exists("procedures.yaml"), let catalog: ProcedureCatalog = decodeYAML("procedures.yaml") {
                layer.procedures = catalog.procedures
                layer.actorRoles = catalog.actors ?? []
                layer.confirmers = catalog.confirmers ?? []
            }
            if source.exists("question-bank/calls.yaml") { layer.questionBankCalls = (decodeYAML("question-bank/calls.yaml") as QuestionBankCallFile?)?.calls ?? [] }
        }
        return layer
    }

    private mutating func readClauses() -> [(file: String, content: ClauseFile)] {
        source.files(in: "clauses", withExtension: "yaml").compactMap { file in
            (decodeYAML(file) as ClauseFile?).map { (source.label + file, $0) }
        }
    }

    /// The tables of every folder, gathered.
    private struct LoadedTables {
        var mappings: [SeriesMapping] = []
        var committees: [Committee] = []
        var providers: [Provider] = []
        var gaps: [TableGap] = []
        var questionBank: [QuestionBankEntry] = []
    }

    private mutating func loadTable(_ entry: TableFile, names: OccupationNames, into tables: inout LoadedTables) {
        switch entry.kind {
        case .occupationSeries: tables.mappings += loadFlatMapping(entry, names: names)
        case .seriesOccupations: tables.mappings += loadSeriesTable(entry, names: names)
        case .perSeriesRows: tables.mappings += loadPerSeriesRows(entry, names: names)
        case .gaps: tables.gaps += loadGaps(entry)
        case .committees: tables.committees += loadCommittees(entry)
        case .providers: tables.providers += loadProviders(entry, names: names)
        case .servicePoints: tables.providers += loadServicePoints(entry, names: names)
        case .questionBank: tables.questionBank += loadQuestionBank(entry, names: names)
        }
    }

    /// Each listed file exists once, with what its kind needs; every CSV file in a
    /// jurisdiction's folder is listed.
    private mutating func checkManifest(_ manifest: [TableFile], caseTypeFiles: [String], documents: [PolicyDocument], jurisdictions: [Jurisdiction]) {
        let file = "tables.yaml"
        var listed = Set<String>()
        for (index, entry) in manifest.enumerated() {
            let name = "tables[\(index)] \(entry.file)"
            if let document = documents.first(where: { $0.id == entry.document }) {
                if document.jurisdiction != entry.jurisdiction {
                    problems.append(PolicyDataError(file: source.label + file, "\(name): \(entry.document) is a document of \(document.jurisdiction), not \(entry.jurisdiction)"))
                }
                if entry.kind != .perSeriesRows, document.clause(entry.table) == nil {
                    problems.append(PolicyDataError(file: source.label + file, "\(name): \(entry.document) has no clause \(entry.table)"))
                }
            } else {
                problems.append(PolicyDataError(file: source.label + file, "\(name): unknown document \(entry.document)"))
            }
            if !jurisdictions.contains(where: { $0.code == entry.jurisdiction }) {
                problems.append(PolicyDataError(file: source.label + file, "\(name): unknown jurisdiction \(entry.jurisdiction)"))
            }
            for path in [entry.file] + (entry.seriesFile.map { [$0] } ?? []) where !listed.insert(path).inserted {
                problems.append(PolicyDataError(file: source.label + file, "\(name): \(path) is listed twice"))
            }
            if entry.kind == .seriesOccupations, entry.seriesFile == nil || entry.direction == nil {
                problems.append(PolicyDataError(file: source.label + file, "\(name): a series-occupations table needs seriesFile and direction"))
            }
            if entry.kind != .seriesOccupations, entry.seriesFile != nil || entry.direction != nil {
                problems.append(PolicyDataError(file: source.label + file, "\(name): only a series-occupations table has seriesFile and direction"))
            }
            if (entry.kind == .perSeriesRows) != entry.table.contains("{series}") {
                problems.append(PolicyDataError(file: source.label + file, "\(name): the table name holds {series} exactly when the kind is per-series-rows"))
            }
        }
        for folder in source.folders() where folder != "clauses" {
            for path in source.files(in: folder, withExtension: "csv") where !listed.contains(path) {
                problems.append(PolicyDataError(file: source.label + path, "not listed in tables.yaml, so it would not be read"))
            }
        }
        for path in source.files(in: "casework", withExtension: "yaml") where !caseTypeFiles.contains(path) {
            problems.append(PolicyDataError(file: source.label + path, "not listed under caseTypes in tables.yaml, so it would not be read"))
        }
    }

    // MARK: YAML

    private mutating func decodeYAML<T: Codable>(_ file: String) -> T? {
        do {
            let text = try source.text(file)
            // Parsed once: the same tree is decoded and searched for keys the model lacks.
            guard let node = try Yams.compose(yaml: text) else { throw PolicyDataError(file: source.label + file, "empty file") }
            let value = try YAMLDecoder().decode(T.self, from: node)
            // A key the model does not know (a typo, or an unquoted ", " splitting a flow
            // mapping) would otherwise be dropped without a word.
            let known = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
            for path in Self.unknownKeys(raw: node, known: known, path: "") {
                problems.append(PolicyDataError(file: source.label + file, "unknown key at \(path)"))
            }
            return value
        } catch let error as PolicyDataError {
            problems.append(error)
        } catch let error as DecodingError {
            problems.append(PolicyDataError(file: source.label + file, Self.describe(error)))
        } catch {
            problems.append(PolicyDataError(file: source.label + file, "\(error)"))
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

    struct ClauseFile: Codable {
        let document: String
        let title: String?
        let clauses: [Clause]
    }

    private mutating func attachClauses(_ files: [(file: String, content: ClauseFile)], to documents: inout [PolicyDocument]) {
        for (file, clauseFile) in files {
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
    }

    // MARK: CSV

    private mutating func table(_ file: String, columns: [String]) -> CSVTable? {
        do {
            let table = try CSVTable(text: try source.text(file))
            let missing = columns.filter { !table.header.contains($0) }
            let extra = table.header.filter { !columns.contains($0) }
            if !missing.isEmpty || !extra.isEmpty {
                problems.append(PolicyDataError(file: source.label + file, line: 1,
                    "columns must be \(columns.joined(separator: ",")); missing: \(missing), unexpected: \(extra)"))
                return nil
            }
            sizes.append((source.label + file, table.records.count))
            return table
        } catch let error as CSVError {
            problems.append(PolicyDataError(file: source.label + file, line: error.line, error.message))
        } catch let error as PolicyDataError {
            problems.append(error)
        } catch {
            problems.append(PolicyDataError(file: source.label + file, "\(error)"))
        }
        return nil
    }

    private mutating func problem(_ file: String, _ record: CSVTable.Record, _ message: String) {
        problems.append(PolicyDataError(file: source.label + file, line: record.line, message))
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

    /// A catalogue entry with the file and line it came from.
    private struct Listed<Value> {
        let value: Value
        let file: String
        let line: Int
    }

    private mutating func loadOccupations() -> [Listed<Occupation>] {
        let file = "occupations.csv"
        guard let table = table(file, columns: ["name", "code", "code_source"]) else { return [] }
        var occupations: [Listed<Occupation>] = []
        for record in table.records {
            let code = Self.optional(record["code"])
            if record["name"].isEmpty { problem(file, record, "empty name") }
            if let code, !NameKey.isOccupationCode(code) {
                problem(file, record, "malformed national occupation code «\(code)»")
            }
            if (code == nil) != record["code_source"].isEmpty {
                problem(file, record, "a code needs its code_source, and a code_source its code")
            }
            occupations.append(Listed(value: Occupation(name: record["name"], code: code, codeSource: Self.optional(record["code_source"])),
                                      file: source.label + file, line: record.line))
        }
        return occupations
    }

    private mutating func loadAliases() -> [Listed<OccupationAlias>] {
        let file = "aliases.csv"
        guard let table = table(file, columns: ["alias", "occupation", "reason"]) else { return [] }
        return table.records.map { record in
            if record["reason"].isEmpty { problem(file, record, "an alias needs its reason") }
            return Listed(value: OccupationAlias(alias: record["alias"], occupation: record["occupation"], reason: record["reason"]),
                          file: source.label + file, line: record.line)
        }
    }

    /// Names, codes and aliases of every folder together: each unique, each alias naming a
    /// catalogue occupation and none shadowing one.
    private mutating func checkCatalogue(occupations: [Listed<Occupation>], aliases: [Listed<OccupationAlias>]) {
        var names: [String: Listed<Occupation>] = [:]
        var codes: [String: Listed<Occupation>] = [:]
        func place(_ listed: Listed<some Any>) -> String { "\(listed.file):\(listed.line)" }
        for listed in occupations {
            let occupation = listed.value
            if let first = names.updateValue(listed, forKey: NameKey.normalize(occupation.name)) {
                problems.append(PolicyDataError(file: listed.file, line: listed.line, "duplicate row: occupation \(NameKey.normalize(occupation.name)) already at \(place(first))"))
            }
            if let code = occupation.code, let first = codes.updateValue(listed, forKey: code) {
                problems.append(PolicyDataError(file: listed.file, line: listed.line, "duplicate row: code \(code) already at \(place(first))"))
            }
        }
        var seen: [String: Listed<OccupationAlias>] = [:]
        for listed in aliases {
            let alias = listed.value
            if names[NameKey.normalize(alias.occupation)] == nil {
                problems.append(PolicyDataError(file: listed.file, line: listed.line, "alias «\(alias.alias)» names an unknown occupation «\(alias.occupation)»"))
            }
            if names[NameKey.normalize(alias.alias)] != nil {
                problems.append(PolicyDataError(file: listed.file, line: listed.line, "«\(alias.alias)» is itself a catalogue occupation, so it cannot be an alias"))
            }
            if let first = seen.updateValue(listed, forKey: NameKey.normalize(alias.alias)) {
                problems.append(PolicyDataError(file: listed.file, line: listed.line, "duplicate row: alias \(NameKey.normalize(alias.alias)) already at \(place(first))"))
            }
        }
    }

    /// A table of one row per occupation (浙江 附件).
    private mutating func loadFlatMapping(_ entry: TableFile, names: OccupationNames) -> [SeriesMapping] {
        let file = entry.file
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
                source: SourceRef(document: entry.document, table: entry.table, row: record["row"]), jurisdiction: entry.jurisdiction,
                direction: .both, occupation: canonical, printedName: printed.isEmpty ? (population ?? "") : printed,
                population: population, series: series, specialty: Self.optional(record["specialty"]),
                specialtyText: nil, code: nil, note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, $0["row"]) }) { "row \($0)" }
        checkUnique(file, table.records.filter { !$0["occupation"].isEmpty }.map { ($0, NameKey.normalize($0["occupation"])) }) { "occupation \($0)" }
        return result
    }

    /// A pair of files: the series rows, and the occupations listed in each (衢州 附件1, 绍兴 附件1/2).
    private mutating func loadSeriesTable(_ entry: TableFile, names: OccupationNames) -> [SeriesMapping] {
        guard let seriesFile = entry.seriesFile, let direction = entry.direction else { return [] }
        let rowsFile = entry.file
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
                source: SourceRef(document: entry.document, table: entry.table, row: record["series_row"], item: Int(record["position"])),
                jurisdiction: entry.jurisdiction, direction: direction, occupation: canonical,
                printedName: printed.isEmpty ? (population ?? "") : printed, population: population,
                series: [series["series"]], specialty: nil, specialtyText: Self.optional(series["specialty_text"]),
                code: nil, note: Self.optional(record["note"])))
        }
        checkUnique(rowsFile, rowsTable.records.map { ($0, "\($0["series_row"])-\($0["position"])") }) { "position \($0)" }
        checkUnique(rowsFile, rowsTable.records.filter { !$0["occupation"].isEmpty }.map { ($0, "\($0["series_row"]) \(NameKey.normalize($0["occupation"]))") }) { "occupation in series row \($0)" }
        return result
    }

    /// One table per series, rows numbered within it.
    private mutating func loadPerSeriesRows(_ entry: TableFile, names: OccupationNames) -> [SeriesMapping] {
        let file = entry.file
        guard let table = table(file, columns: ["series", "row", "occupation", "code", "note"]) else { return [] }
        var result: [SeriesMapping] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names) else { continue }
            let code = Self.optional(record["code"])
            if let code, !NameKey.isOccupationCode(code) { problem(file, record, "malformed national occupation code «\(code)»") }
            _ = integer(file, record, "row")
            result.append(SeriesMapping(
                source: SourceRef(document: entry.document, table: entry.tableName(series: record["series"]), row: record["row"]),
                jurisdiction: entry.jurisdiction, direction: .both, occupation: canonical, printedName: record["occupation"],
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

    private mutating func loadGaps(_ entry: TableFile) -> [TableGap] {
        let file = entry.file
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
            result.append(TableGap(document: entry.document, series: record["series"], fromRow: from, toRow: to, kind: kind, note: Self.optional(record["note"])))
        }
        return result
    }

    private mutating func loadCommittees(_ entry: TableFile) -> [Committee] {
        let file = entry.file
        guard let table = table(file, columns: ["row", "series", "specialty_text", "committee", "host", "phone", "note"]) else { return [] }
        checkUnique(file, table.records.map { ($0, "\($0["row"]) \($0["specialty_text"])") }) { "row \($0)" }
        return table.records.map { record in
            Committee(
                source: SourceRef(document: entry.document, table: entry.table, row: record["row"]), jurisdiction: entry.jurisdiction,
                series: record["series"], specialtyText: record["specialty_text"], name: Self.optional(record["committee"]),
                host: Self.optional(record["host"]), phone: Self.optional(record["phone"]), note: Self.optional(record["note"]))
        }
    }

    private mutating func loadProviders(_ entry: TableFile, names: OccupationNames) -> [Provider] {
        let file = entry.file
        guard let table = table(file, columns: ["row", "org", "contact_name", "contact_phone", "occupation", "work_type", "levels", "note"]) else { return [] }
        var result: [Provider] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names) else { continue }
            if record["org"].isEmpty { problem(file, record, "no organisation") }
            result.append(Provider(
                source: SourceRef(document: entry.document, table: entry.table, row: record["row"]), jurisdiction: entry.jurisdiction,
                name: record["org"], contactName: Self.optional(record["contact_name"]), contactPhone: Self.optional(record["contact_phone"]),
                occupation: canonical, printedOccupation: record["occupation"], workType: Self.optional(record["work_type"]),
                levels: levels(file, record, "levels"), note: Self.optional(record["note"])))
        }
        checkUnique(file, table.records.map { ($0, $0["row"]) }) { "row \($0)" }
        checkUnique(file, table.records.map { ($0, [$0["org"], $0["contact_name"], $0["occupation"], $0["work_type"], $0["levels"]]) }) { "entry \($0.joined(separator: " "))" }
        return result
    }

    private mutating func loadServicePoints(_ entry: TableFile, names: OccupationNames) -> [Provider] {
        let file = entry.file
        guard let table = table(file, columns: ["row", "org", "occupations", "levels", "contact_name", "contact_phone", "note"]) else { return [] }
        var result: [Provider] = []
        var keys: [(CSVTable.Record, String)] = []
        for record in table.records {
            let levels = levels(file, record, "levels")
            for printed in Self.list(record["occupations"]) {
                keys.append((record, "\(record["row"]) \(printed)"))
                guard let canonical = occupation(file, record, printed, names) else { continue }
                result.append(Provider(
                    source: SourceRef(document: entry.document, table: entry.table, row: record["row"]), jurisdiction: entry.jurisdiction,
                    name: record["org"], contactName: Self.optional(record["contact_name"]), contactPhone: Self.optional(record["contact_phone"]),
                    occupation: canonical, printedOccupation: printed, workType: nil, levels: levels, note: Self.optional(record["note"])))
            }
        }
        checkUnique(file, keys) { "service point and occupation \($0)" }
        return result
    }

    private mutating func loadQuestionBank(_ entry: TableFile, names: OccupationNames) -> [QuestionBankEntry] {
        let file = entry.file
        guard let table = table(file, columns: ["row", "occupation", "work_types", "work_type_text", "count", "levels", "standard_versions", "remarks", "note"]) else { return [] }
        var result: [QuestionBankEntry] = []
        for record in table.records {
            guard let canonical = occupation(file, record, record["occupation"], names),
                  let count = integer(file, record, "count") else { continue }
            let levels = Self.optional(record["levels"])
            if let levels, !Self.isLevelRange(levels) { problem(file, record, "levels must read like 5-1, not «\(levels)»") }
            result.append(QuestionBankEntry(
                source: SourceRef(document: entry.document, table: entry.table, row: record["row"]), occupation: canonical,
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
