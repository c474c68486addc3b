import Catalog
import Domain
import Engine
import PolicyData
import Vapor

/// Read endpoints over the policy data: occupations, series, committees, providers, documents.
struct CatalogController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("occupations", use: searchOccupations)
        api.get("occupations", ":name", use: occupation)
        api.get("series", use: series)
        api.get("committees", use: committees)
        api.get("providers", use: providers)
        api.get("documents", use: documents)
        api.get("documents", ":id", use: document)
        api.get("procedures", use: procedures)
    }

    /// GET /api/v1/procedures?jurisdiction=&direction=title|skill&level=&asOf=: how to apply.
    func procedures(_ request: Request) async throws -> Response {
        let services = request.policy
        guard let code = try request.query.jurisdiction(services) else { throw Problem.invalid(field: "jurisdiction", "必填") }
        guard let directionText: String = request.query["direction"], let direction = Procedure.Direction(rawValue: directionText) else {
            throw Problem.invalid(field: "direction", "应为 title（职称评审）或 skill（技能评价）")
        }
        var titleLevel: TitleLevel?, skillLevel: SkillLevel?
        if let text: String = request.query["level"] {
            switch direction {
            case .title:
                guard let level = TitleLevel(name: text) else { throw Problem.invalid(field: "level", "不认识的职称层级「\(text)」，可用：\(TitleLevel.acceptedNames.joined(separator: "、"))") }
                titleLevel = level
            case .skill:
                guard let level = SkillLevel(name: text) else { throw Problem.invalid(field: "level", "不认识的技能等级「\(text)」，可用：\(SkillLevel.acceptedNames.joined(separator: "、"))") }
                skillLevel = level
            }
        }
        let date = try request.query.asOf() ?? services.today()
        let found = services.engine.procedures(jurisdiction: code, asOf: date, direction: direction, titleLevel: titleLevel, skillLevel: skillLevel) ?? []
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (index, procedure) in found.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body += procedure.json()
        }
        body.append(UInt8(ascii: "]"))
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: body)))
    }

    struct SearchResult: Encodable {
        let query: String
        let hits: [OccupationSearch.Hit]
    }

    func searchOccupations(_ request: Request) async throws -> Response {
        guard let query: String = request.query["q"], !query.isEmpty else { throw Problem.invalid(field: "q", "必填") }
        try Problem.checkName(query, field: "q")
        let limit = try request.query.integer("limit", in: 1...50) ?? 10
        return try Response.json(SearchResult(query: query, hits: request.policy.search.search(query, limit: limit)))
    }

    func occupation(_ request: Request) async throws -> Response {
        let name = request.parameters.get("name") ?? ""
        let jurisdiction = try request.query.jurisdiction(request.policy)
        return try Response.json(try request.policy.occupationReport(name, jurisdiction: jurisdiction, asOf: try request.query.asOf()))
    }

    struct SeriesRow: Encodable {
        let jurisdiction: String
        let document: String
        let table: String
        let series: String
        let specialtyText: String?
        let occupations: [String]
    }

    func series(_ request: Request) async throws -> Response {
        let services = request.policy
        let code = try request.query.jurisdiction(services)
        var rows: [String: SeriesRow] = [:]
        var order: [String] = []
        for mapping in services.base.seriesMappings where code == nil || mapping.jurisdiction == code {
            for series in mapping.series {
                let key = "\(mapping.source.document) \(mapping.source.table) \(series)"
                let existing = rows[key]
                if existing == nil { order.append(key) }
                rows[key] = SeriesRow(
                    jurisdiction: mapping.jurisdiction, document: mapping.source.document, table: mapping.source.table, series: series,
                    specialtyText: existing?.specialtyText ?? mapping.specialtyText,
                    occupations: (existing?.occupations ?? []) + [mapping.occupation ?? mapping.printedName])
            }
        }
        return try Response.json(order.compactMap { rows[$0] })
    }

    /// GET /api/v1/committees: the committee tables (by jurisdiction, series, level); with
    /// `occupation` (and `jurisdiction`), the committee an evaluation's option names at each
    /// level on `asOf` — the engine's own answer.
    func committees(_ request: Request) async throws -> Response {
        let services = request.policy
        let code = try request.query.jurisdiction(services)
        let series: String? = request.query["series"]
        let level = try request.query.titleLevel()
        // Checked whether or not it is used: a malformed date is never silently ignored.
        let asOf = try request.query.asOf()
        if let occupation = try request.query.occupation(services) {
            guard let code else { throw Problem.invalid(field: "jurisdiction", "按职业查询评审委员会时必填") }
            let routing = try services.catalog.routing(occupation: occupation, jurisdiction: code, asOf: asOf ?? services.today())
            return try Response.json(routing.titles.filter { (level == nil || $0.level == level!.name) && (series == nil || $0.series == series) })
        }
        return try Response.json(services.catalog.committees(jurisdiction: code, series: series, level: level))
    }

    /// GET /api/v1/providers: the provider tables; with `occupation` and `jurisdiction`, the
    /// providers an evaluation's skill option lists at the level (any level when none) on `asOf`.
    func providers(_ request: Request) async throws -> Response {
        let services = request.policy
        let code = try request.query.jurisdiction(services)
        let occupation = try request.query.occupation(services)
        let level = try request.query.skillLevel()
        let asOf = try request.query.asOf()
        if let occupation, let code {
            let routing = try services.catalog.routing(occupation: occupation, jurisdiction: code, asOf: asOf ?? services.today())
            var providers: [Provider] = []
            for route in routing.skills where level == nil || route.level == level!.name {
                for provider in route.providers where !providers.contains(provider) { providers.append(provider) }
            }
            return try Response.json(providers)
        }
        let chain = code.map { Set(services.base.jurisdictionChain($0).map(\.code)) }
        return try Response.json(services.base.providers.filter { provider in
            (chain == nil || chain!.contains(provider.jurisdiction))
                && (occupation == nil || provider.occupation == occupation)
                && (level == nil || provider.levels.contains(level!))
        })
    }

    func documents(_ request: Request) async throws -> Response {
        let date = try request.query.asOf()
        let documents = request.policy.catalog.documents(asOf: date)
        return try Response.json(date == nil ? documents : documents.filter { $0.status != .notYet })
    }

    struct DocumentWithClauses: Encodable {
        let document: DocumentStatus
        let clauses: [Clause]
    }

    func document(_ request: Request) async throws -> Response {
        let (status, clauses) = try request.policy.documentWithClauses(request.parameters.get("id") ?? "")
        return try Response.json(DocumentWithClauses(document: status, clauses: clauses))
    }
}

extension URLQueryContainer {
    /// A required, non-empty text parameter.
    func requiredText(_ name: String) throws -> String {
        guard let text: String = self[name], !text.trimmingWhitespace.isEmpty else {
            throw Problem.invalid(field: name, "必填")
        }
        return text
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text: String = self[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.invalid(field: name, "应为 \(range.lowerBound)–\(range.upperBound) 之间的整数")
        }
        return value
    }

    /// An optional date (`asOf`), held to the range every input date is held to.
    func asOf() throws -> CalendarDate? {
        guard let text: String = self["asOf"] else { return nil }
        do { return try CalendarDate.input(text) } catch { throw Problem.invalid(field: "asOf", error.message(text)) }
    }

    func titleLevel() throws -> TitleLevel? {
        guard let text: String = self["level"] else { return nil }
        guard let level = TitleLevel(name: text) else {
            throw Problem.invalid(field: "level", "不认识的职称层级「\(text)」，可用：\(TitleLevel.acceptedNames.joined(separator: "、"))")
        }
        return level
    }

    func skillLevel() throws -> SkillLevel? {
        guard let text: String = self["level"] else { return nil }
        guard let level = SkillLevel(name: text) else {
            throw Problem.invalid(field: "level", "不认识的技能等级「\(text)」，可用：\(SkillLevel.acceptedNames.joined(separator: "、"))")
        }
        return level
    }

    /// An optional occupation (name, alias or code), resolved to its catalogue name.
    func occupation(_ services: PolicyServices) throws -> String? {
        guard let text: String = self["occupation"] else { return nil }
        try Problem.checkName(text, field: "occupation")
        guard let match = services.base.resolveOccupation(text) else {
            throw Problem.unknownOccupation(text, suggestions: services.base.closestOccupations(to: text))
        }
        return match.occupation.name
    }

    /// An optional jurisdiction code (or Chinese name), checked against the supported ones.
    func jurisdiction(_ services: PolicyServices) throws -> String? {
        guard let text: String = self["jurisdiction"] else { return nil }
        guard let code = RequestDecoder.jurisdictionCode(text, in: services.base.jurisdictions) else {
            throw Problem.invalid(field: "jurisdiction", "不支持的地区「\(text)」，可用：\(services.base.jurisdictions.map(\.code).joined(separator: ", "))")
        }
        return code
    }
}
