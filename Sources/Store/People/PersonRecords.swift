import Contract
import Domain
import Foundation
import SQLKit

/// A person's record (个人档案) as kept: the contract's `person` object, entered once and used
/// by every self-check and application, and the region it was saved for.
public struct PersonRecord: Sendable, Hashable {
    /// The contract's `person` object, as JSON text.
    public var person: String
    public var jurisdiction: String?

    public init(person: String, jurisdiction: String? = nil) {
        self.person = person
        self.jurisdiction = jurisdiction
    }
}

/// A title issued through the system: added to the holder's record with its source.
public struct IssuedTitle: Sendable, Hashable {
    public var holder: UUID
    public var application: UUID
    public var series: String?
    public var specialty: String?
    public var level: String
    public var issuedOn: CalendarDate
    /// The decision's 文号.
    public var decision: String
    public var committee: String

    public init(holder: UUID, application: UUID, series: String?, specialty: String?, level: String, issuedOn: CalendarDate, decision: String, committee: String) {
        self.holder = holder
        self.application = application
        self.series = series
        self.specialty = specialty
        self.level = level
        self.issuedOn = issuedOn
        self.decision = decision
        self.committee = committee
    }
}

/// A skill certificate issued through the system, as the holder's record reads it.
public struct HeldCertificate: Sendable, Hashable {
    public var occupation: String
    public var level: String
    public var issuedOn: CalendarDate

    public init(occupation: String, level: String, issuedOn: CalendarDate) {
        self.occupation = occupation
        self.level = level
        self.issuedOn = issuedOn
    }
}

/// People's records, the titles issued to them and the certificates they hold: one interface,
/// kept in SQL (`SQLPersonRecords`) or in memory (`InMemoryPersonRecords`).
public protocol PersonRecords: Sendable {
    func record(of user: UUID) async throws -> PersonRecord?
    /// Saves the record; a nil `jurisdiction` keeps the one saved before.
    func save(_ person: String, jurisdiction: String?, for user: UUID, at now: Date) async throws
    /// By date of issue.
    func issuedTitles(of user: UUID) async throws -> [IssuedTitle]
    /// One title per application: a second for the same application is refused by the store.
    func add(_ title: IssuedTitle) async throws
    /// By date of issue.
    func certificates(of user: UUID) async throws -> [HeldCertificate]
}

extension PersonRecords {
    /// The person as the contract's `person`: the record with the titles issued and the
    /// certificates held through the system added, so they count at once (promotion and the
    /// skill → title routes use them).
    public func person(of user: UUID) async throws -> JSONValue {
        var object: [String: JSONValue] = [:]
        if let record = try await record(of: user), case .object(let stored)? = JSONValue.parse(Data(record.person.utf8)) {
            object = stored
        }
        let issued = try await issuedTitles(of: user)
        if !issued.isEmpty {
            var titles: [JSONValue] = []
            if case .array(let given)? = object["titles"] { titles = given }
            for title in issued {
                var entry: [String: JSONValue] = ["level": .string(title.level), "obtainedOn": .string(title.issuedOn.description)]
                if let series = title.series { entry["series"] = .string(series) }
                if let specialty = title.specialty { entry["specialty"] = .string(specialty) }
                titles.append(.object(entry))
            }
            object["titles"] = .array(titles)
        }
        let held = try await certificates(of: user)
        if !held.isEmpty {
            var skills: [JSONValue] = []
            if case .array(let given)? = object["skills"] { skills = given }
            for certificate in held {
                skills.append(.object(["occupation": .string(certificate.occupation), "level": .string(certificate.level),
                                       "obtainedOn": .string(certificate.issuedOn.description)]))
            }
            object["skills"] = .array(skills)
        }
        return .object(object)
    }
}

/// The records in `person_records` (migrations 003, 016), the titles in `issued_titles` (003)
/// and the certificates in `skill_certificates` (010), through SQLKit.
public struct SQLPersonRecords: PersonRecords {
    public static let records = "person_records"
    public static let titles = "issued_titles"
    static let certificates = "skill_certificates"
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) {
        self.sql = sql
    }

    public func record(of user: UUID) async throws -> PersonRecord? {
        guard let row = try await sql.select().columns("person", "jurisdiction").from(Self.records).where("user_id", .equal, SQLBind(user)).first() else {
            return nil
        }
        return PersonRecord(person: try row.decode(column: "person", as: String.self), jurisdiction: try row.decode(column: "jurisdiction", as: String?.self))
    }

    public func save(_ person: String, jurisdiction: String?, for user: UUID, at now: Date) async throws {
        if try await record(of: user) != nil {
            var update = sql.update(Self.records).set("person", to: SQLBind(person)).set("updated_at", to: SQLBind(now))
            if let jurisdiction { update = update.set("jurisdiction", to: SQLBind(jurisdiction)) }
            try await update.where("user_id", .equal, SQLBind(user)).run()
        } else {
            try await sql.insert(into: Self.records).columns("id", "user_id", "person", "jurisdiction", "updated_at")
                .values(SQLBind(UUID()), SQLBind(user), SQLBind(person), SQLBind(jurisdiction), SQLBind(now)).run()
        }
    }

    public func issuedTitles(of user: UUID) async throws -> [IssuedTitle] {
        try await sql.select().columns("user_id", "application_id", "series", "specialty", "level", "issued_on", "decision", "committee")
            .from(Self.titles).where("user_id", .equal, SQLBind(user)).orderBy("issued_on").all().map { row in
                IssuedTitle(holder: try row.decode(column: "user_id", as: UUID.self), application: try row.decode(column: "application_id", as: UUID.self),
                            series: try row.decode(column: "series", as: String?.self), specialty: try row.decode(column: "specialty", as: String?.self),
                            level: try row.decode(column: "level", as: String.self), issuedOn: try row.day("issued_on"),
                            decision: try row.decode(column: "decision", as: String.self), committee: try row.decode(column: "committee", as: String.self))
            }
    }

    public func add(_ title: IssuedTitle) async throws {
        try await sql.insert(into: Self.titles).columns("id", "user_id", "application_id", "series", "specialty", "level", "issued_on", "decision", "committee")
            .values(SQLBind(UUID()), SQLBind(title.holder), SQLBind(title.application), SQLBind(title.series), SQLBind(title.specialty), SQLBind(title.level),
                    SQLBind(title.issuedOn.description), SQLBind(title.decision), SQLBind(title.committee))
            .run()
    }

    public func certificates(of user: UUID) async throws -> [HeldCertificate] {
        try await sql.select().columns("occupation", "level", "issued_on").from(Self.certificates).where("user_id", .equal, SQLBind(user))
            .orderBy("issued_on").all().map { row in
                HeldCertificate(occupation: try row.decode(column: "occupation", as: String.self), level: try row.decode(column: "level", as: String.self),
                                issuedOn: try row.day("issued_on"))
            }
    }
}

/// The records in memory: the same contract, for tests. Certificates are given to it, as the
/// skill casework would issue them.
public final class InMemoryPersonRecords: PersonRecords {
    private struct Kept {
        var records: [UUID: PersonRecord] = [:]
        var titles: [IssuedTitle] = []
        var certificates: [UUID: [HeldCertificate]] = [:]
    }

    private let kept = Locked(Kept())

    public init() {}

    public func hold(_ certificate: HeldCertificate, for user: UUID) {
        kept.withLock { $0.certificates[user, default: []].append(certificate) }
    }

    public func record(of user: UUID) async throws -> PersonRecord? { kept.withLock { $0.records[user] } }

    public func save(_ person: String, jurisdiction: String?, for user: UUID, at now: Date) async throws {
        kept.withLock { kept in
            kept.records[user] = PersonRecord(person: person, jurisdiction: jurisdiction ?? kept.records[user]?.jurisdiction)
        }
    }

    public func issuedTitles(of user: UUID) async throws -> [IssuedTitle] {
        kept.withLock { kept in kept.titles.filter { $0.holder == user }.sorted { $0.issuedOn < $1.issuedOn } }
    }

    public func add(_ title: IssuedTitle) async throws {
        try kept.withLock { kept in
            guard !kept.titles.contains(where: { $0.application == title.application }) else { throw StoreFailure("这份申请已颁发过职称") }
            kept.titles.append(title)
        }
    }

    public func certificates(of user: UUID) async throws -> [HeldCertificate] {
        kept.withLock { kept in (kept.certificates[user] ?? []).sorted { $0.issuedOn < $1.issuedOn } }
    }
}
