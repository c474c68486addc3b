import Contract
import Domain
import Foundation
import SQLKit
import Server
import Store
import Testing

/// People's records' one contract, held in memory and in the database alike.
@Suite(.serialized) struct PersonRecordsTests {
    @Test func inMemory() async throws {
        let records = InMemoryPersonRecords()
        let holder = try await Self.holdsTheContract(records, user: UUID())
        // Certificates issued through the system join the record's own skills, by date.
        records.hold(HeldCertificate(occupation: "车工", level: "技师", issuedOn: try #require(CalendarDate(iso: "2024-05-20"))), for: holder)
        records.hold(HeldCertificate(occupation: "车工", level: "高级工", issuedOn: try #require(CalendarDate(iso: "2019-05-20"))), for: holder)
        let person = try await records.person(of: holder)
        guard case .object(let fields) = person, case .array(let skills)? = fields["skills"] else { Issue.record("no skills in \(person)"); return }
        #expect(skills == [.object(["occupation": .string("焊工"), "level": .string("中级工"), "obtainedOn": .string("2015-07-01")]),
                           .object(["occupation": .string("车工"), "level": .string("高级工"), "obtainedOn": .string("2019-05-20")]),
                           .object(["occupation": .string("车工"), "level": .string("技师"), "obtainedOn": .string("2024-05-20")])])
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            let account = Account(username: "record-\(UUID().uuidString.prefix(8).lowercased())", displayName: "李师傅", passwordHash: "x")
            try await SQLAccountStore(sql).add(account, at: Date(timeIntervalSince1970: 1_719_700_000))
            let records = SQLPersonRecords(sql)
            _ = try await Self.holdsTheContract(records, user: account.id)
            // No certificate issued here: the record's own skills stay as entered.
            #expect(try await records.certificates(of: account.id).isEmpty)
        }
    }

    /// Returns the user whose record it kept.
    static func holdsTheContract(_ records: any PersonRecords, user: UUID) async throws -> UUID {
        let now = Date(timeIntervalSince1970: 1_719_700_000)
        #expect(try await records.record(of: user) == nil)
        #expect(try await records.person(of: user) == .object([:]))

        let entered = #"{"skills":[{"level":"中级工","obtainedOn":"2015-07-01","occupation":"焊工"}],"titles":[{"level":"助理级","obtainedOn":"2016-01-01","series":"工程"}]}"#
        try await records.save(entered, jurisdiction: "quzhou", for: user, at: now)
        #expect(try await records.record(of: user) == PersonRecord(person: entered, jurisdiction: "quzhou"))
        // Saved again without a region: the region chosen before stays.
        try await records.save(entered, jurisdiction: nil, for: user, at: now)
        #expect(try await records.record(of: user)?.jurisdiction == "quzhou")
        try await records.save(entered, jurisdiction: "shaoxing", for: user, at: now)
        #expect(try await records.record(of: user)?.jurisdiction == "shaoxing")

        // Titles issued here, listed by date whatever the order they were added in; one per application.
        let later = IssuedTitle(holder: user, application: UUID(), series: "工程", specialty: "机械", level: "副高级",
                                issuedOn: try #require(CalendarDate(iso: "2024-12-01")), decision: "衢人社〔2024〕9号", committee: "某评委会")
        let earlier = IssuedTitle(holder: user, application: UUID(), series: "工程", specialty: nil, level: "中级",
                                  issuedOn: try #require(CalendarDate(iso: "2020-12-01")), decision: "衢人社〔2020〕3号", committee: "某评委会")
        try await records.add(later)
        try await records.add(earlier)
        await #expect(throws: (any Error).self) { try await records.add(later) }
        #expect(try await records.issuedTitles(of: user) == [earlier, later])
        #expect(try await records.issuedTitles(of: UUID()).isEmpty)

        // The person as the contract reads it: the record's titles, then those issued here.
        let person = try await records.person(of: user)
        guard case .object(let fields) = person, case .array(let titles)? = fields["titles"] else { Issue.record("no titles in \(person)"); return user }
        #expect(titles == [.object(["level": .string("助理级"), "obtainedOn": .string("2016-01-01"), "series": .string("工程")]),
                           .object(["level": .string("中级"), "obtainedOn": .string("2020-12-01"), "series": .string("工程")]),
                           .object(["level": .string("副高级"), "obtainedOn": .string("2024-12-01"), "series": .string("工程"), "specialty": .string("机械")])])
        return user
    }
}
