import Catalog
import Clients
import Domain
import Engine
import Foundation
import PolicyData
import Vapor

/// What the handlers need, built once at start-up and passed in (no globals).
public struct PolicyServices: Sendable {
    public let base: PolicyBase
    public let engine: Engine
    public let catalog: CatalogService
    public let search: OccupationSearch
    public let decoder: RequestDecoder
    /// The time, and the random tokens of links and forms: live, or fixed and seeded in tests.
    public let clock: Clock
    public let tokens: TokenGenerator
    /// Names the policy data an evaluation was made with (kept with each application).
    public let dataVersion: String
    /// Today's date where the documents apply.
    public var today: @Sendable () -> CalendarDate { clock.today }
    /// The region the checker form opens with: the first city of the data (its province's
    /// measures apply there too), unless a deployment names another.
    var defaultJurisdiction: String {
        if let code = Environment.get("GUANTONG_DEFAULT_JURISDICTION"), base.jurisdiction(code) != nil { return code }
        return base.jurisdictions.first { $0.parent != nil }?.code ?? base.jurisdictions.first?.code ?? ""
    }

    public init(base: PolicyBase, clock: Clock = .live, tokens: TokenGenerator = .live) {
        self.base = base
        engine = Engine(base: base)
        catalog = CatalogService(base: base, engine: engine)
        search = OccupationSearch(base: base)
        decoder = RequestDecoder(base: base)
        self.clock = clock
        self.tokens = tokens
        dataVersion = Self.version(of: base)
    }

    /// A digest of the documents, clauses and table sizes: changes whenever the data does.
    static func version(of base: PolicyBase) -> String {
        var text = base.documents.map { "\($0.id):\($0.clauses.count)" }.joined(separator: ",")
        text += "|" + base.tableSizes.map { "\($0.table)=\($0.rows)" }.joined(separator: ",")
        text += "|\(base.parameters.procedures.count)|\(base.parameters.confirmers.count)"
        return SHA256.hash(data: Data(text.utf8)).prefix(6).hexDigits
    }

    /// Services whose "today" is the given function (the instant follows it, at noon).
    public init(base: PolicyBase, today: @escaping @Sendable () -> CalendarDate, tokens: TokenGenerator = .live) {
        self.init(base: base, clock: Clock(now: { ChinaCalendar.noon(of: today()) }, today: today), tokens: tokens)
    }
}

extension PolicyServices {
    /// A document with its status and clauses, or a 404 problem.
    func documentWithClauses(_ id: String) throws -> (status: DocumentStatus, clauses: [Clause]) {
        guard let document = base.document(id), let status = catalog.documents(asOf: nil).first(where: { $0.id == id }) else {
            throw Problem.notFound("没有编号为「\(id)」的文件。")
        }
        return (status, document.clauses)
    }

    /// The occupation report, or a 404 problem naming the closest names.
    /// The occupation with its routing on `asOf` (today where the documents apply, unless given).
    func occupationReport(_ name: String, jurisdiction: String? = nil, asOf: CalendarDate? = nil) throws -> OccupationReport {
        // A name past the limit is no occupation: answered at once, without a search for look-alikes.
        guard InputLimits.isWithin(name, characters: InputLimits.nameCharacters) else { throw Problem.unknownOccupation(String(name.prefix(InputLimits.nameCharacters)) + "…", suggestions: []) }
        do {
            return try catalog.occupation(name, jurisdiction: jurisdiction, asOf: asOf ?? today())
        } catch let unknown as UnknownOccupation {
            throw Problem.unknownOccupation(name, suggestions: unknown.suggestions)
        }
    }
}

extension Application {
    private struct PolicyServicesKey: StorageKey {
        typealias Value = PolicyServices
    }

    /// The services this application was configured with.
    public var policy: PolicyServices {
        get {
            guard let services = storage[PolicyServicesKey.self] else { fatalError("configure(_:services:) was not called") }
            return services
        }
        set { storage[PolicyServicesKey.self] = newValue }
    }
}

extension Request {
    var policy: PolicyServices { application.policy }
}
