import Access
import Contract
import Domain
import Fluent
import Foundation
import Store
import Vapor

/// The person's record: checked by the contract's own request checks, kept as the contract's `person`.
struct RecordStore: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices

    /// `jurisdiction`: the region chosen with the record (kept when nil).
    func save(_ person: JSONValue, for principal: Principal, jurisdiction: String? = nil) async throws {
        guard case .object = person else { throw Problem.invalid(field: "person", "应为评估契约中的 person 对象") }
        let today = policy.today()
        let probe: JSONValue = .object(["jurisdiction": .string(policy.defaultJurisdiction), "asOf": .string(today.description), "person": person])
        do throws(RequestErrors) {
            _ = try policy.decoder.decode(probe, today: today)
        } catch {
            throw Problem.invalid(error.errors)
        }
        guard let userID = UUID(uuidString: principal.userID) else { return }
        let text = try StoredJSON.encode(person)
        let region = jurisdiction.flatMap { policy.base.jurisdiction($0) != nil ? $0 : nil }
        let now = policy.clock.now()
        try await db.write { database in try await database.personRecords.save(text, jurisdiction: region, for: userID, at: now) }
    }
}

/// What a person already holds and where they are: their options are offered above what they
/// hold, in their own region.
struct PersonStanding {
    /// The highest title level held in each series (record and titles issued here).
    let held: [String: TitleLevel]

    init(_ person: JSONValue) {
        var held: [String: TitleLevel] = [:]
        if case .object(let fields) = person, case .array(let titles)? = fields["titles"] {
            for case .object(let title) in titles {
                guard case .string(let series)? = title["series"], case .string(let name)? = title["level"], let level = TitleLevel(name: name) else { continue }
                held[series] = max(held[series] ?? level, level)
            }
        }
        self.held = held
    }

    /// An option at or below a title held in the same series is not one to apply for.
    func alreadyHeld(series: String?, level: TitleLevel) -> TitleLevel? {
        guard let series, let top = held[series], level <= top else { return nil }
        return top
    }
}

/// The public publicity page's list: what the documents publicise and nothing more personal.
struct PublicityList: Content {
    struct Entry: Content {
        let application: String
        let name: String
        let employer: String
        let series: String?
        let level: String
        let route: String
        let until: String
        /// qualification (申报公示) or result (评审结果公示).
        let kind: String
    }

    let plan: String
    let title: String
    let committee: String
    let entries: [Entry]
    let note: String

    static func of(_ plan: ReviewPlan, database: any Database, today: CalendarDate) async throws -> PublicityList {
        let rows = try await database.titleCases.applications(in: plan.id, stages: ["publicity", "objected", "result_publicity"], limit: 5000)
        let entries = rows.compactMap { row -> Entry? in
            // The last day of publicity is the day before `dueBy`.
            guard let end = CalendarDate(iso: row.dueBy)?.adding(days: -1), end >= today else { return nil }
            return Entry(application: row.id, name: row.applicantName, employer: row.employerName, series: row.series, level: row.level,
                         route: Contract.Route(rawValue: row.route)?.label ?? row.route, until: end.description, kind: row.stage == "result_publicity" ? "result" : "qualification")
        }
        return PublicityList(plan: plan.id.uuidString, title: plan.title, committee: plan.committee, entries: entries,
                             note: "公示期内，对公示对象有异议的，可实名或留下联系方式提出，由公示单位核实处理。")
    }
}
