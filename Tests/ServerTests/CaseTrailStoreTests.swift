import Domain
import Foundation
import SQLKit
import Server
import Store
import Testing
import Vapor
import Workflow

/// The case trail's one contract, held by both implementations: in memory, and in the database
/// (SQLite and PostgreSQL, migrated as the service migrates them).
@Suite(.serialized) struct CaseTrailStoreTests {
    @Test func inMemory() async throws {
        try await Self.holdsTheContract(InMemoryCaseTrail())
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func inTheDatabase(_ database: String) async throws {
        try await StoreContract.onDatabase(database) { _, sql in
            try await Self.holdsTheContract(SQLCaseTrail(sql))
        }
    }

    static func holdsTheContract(_ trail: any CaseTrail) async throws {
        let caseA = UUID(), caseB = UUID()
        let applicant = UUID().uuidString, officer = UUID().uuidString, office = UUID().uuidString
        let day = try #require(CalendarDate(iso: "2024-06-30"))
        // Whole seconds: both databases keep them exactly.
        let start = Date(timeIntervalSince1970: 1_719_700_000)
        func entry(_ id: UUID, _ version: Int, _ actor: Actor?, _ event: String, at offset: TimeInterval) -> TrailEntry {
            TrailEntry(caseType: "title-application", caseID: id, version: version, actor: actor, actorName: actor == nil ? "" : "某人",
                       organisationName: actor?.organisation.isEmpty == false ? "衢州市某局" : "", at: start + offset, onDate: day, event: event,
                       detail: event == "approve" ? ["note": "材料齐全", "reason": "依据 第三条"] : [:], stageBefore: "checking", stageAfter: "checking")
        }
        let submitted = entry(caseA, 1, Actor(user: applicant, role: .applicant, organisation: ""), "submit", at: 0)
        let approved = entry(caseA, 2, Actor(user: officer, role: .cityHRBureau, organisation: office), "approve", at: 60)
        let objection = entry(caseA, 3, nil, "object", at: 120)
        let other = entry(caseB, 1, Actor(user: officer, role: .cityHRBureau, organisation: office), "approve", at: 30)
        // Appended out of order: the trail is read by version.
        for item in [approved, submitted, objection, other] { try await trail.append(item) }
        #expect(try await trail.entries(of: caseA) == [submitted, approved, objection])
        #expect(try await trail.entries(of: UUID()).isEmpty)
        // One entry per version of a case: a second writer of the same version is refused.
        await #expect(throws: (any Error).self) { try await trail.append(entry(caseA, 2, nil, "object", at: 200)) }
        #expect(try await trail.entries(of: caseA).count == 3)
        // Several at once are kept all or none: a batch with a taken version leaves nothing.
        let caseC = UUID()
        await #expect(throws: (any Error).self) {
            try await trail.append([entry(caseC, 1, nil, "object", at: 300), entry(caseA, 1, nil, "object", at: 300)])
        }
        #expect(try await trail.entries(of: caseC).isEmpty)
        let created = entry(caseC, 0, nil, "create", at: 300), objected = entry(caseC, 1, nil, "object", at: 301)
        try await trail.append([objected, created])
        #expect(try await trail.entries(of: caseC) == [created, objected])

        // What the applicant is told: others' actions (the public's included), newest first.
        let told = try await trail.latest(of: [caseA, caseB], notBy: try #require(UUID(uuidString: applicant)), limit: 10)
        #expect(told == [objection, approved, other])
        #expect(try await trail.latest(of: [caseA, caseB], notBy: try #require(UUID(uuidString: applicant)), limit: 2) == [objection, approved])
        #expect(try await trail.latest(of: [], notBy: UUID(), limit: 10).isEmpty)

        // Reads, newest first.
        let reader = Actor(user: officer, role: .cityHRBureau, organisation: office)
        let first = CaseRead(caseType: "title-application", caseID: caseA, reader: reader, readerName: "王科长", organisationName: "衢州市某局",
                             what: .wholeCase, detail: "", at: start + 10, onDate: day)
        let second = CaseRead(caseType: "title-application", caseID: caseA, reader: reader, readerName: "王科长", organisationName: "衢州市某局",
                              what: .attachment, detail: "技能等级证书（cert.pdf）", at: start + 20, onDate: day)
        try await trail.record(first)
        try await trail.record(second)
        #expect(try await trail.reads(of: caseA, limit: 10) == [second, first])
        #expect(try await trail.reads(of: caseA, limit: 1) == [second])
        #expect(try await trail.reads(of: caseB, limit: 10).isEmpty)

        // Files: listed without their bytes, fetched with them, only through their own case.
        let bytes = Data("%PDF-1.4 demo".utf8)
        let file = CaseFile(caseType: "title-application", caseID: caseA, label: "技能等级证书", filename: "证书.pdf", contentType: "application/pdf",
                            size: bytes.count, sha256: "ab12", data: bytes, uploadedBy: try #require(UUID(uuidString: applicant)), createdAt: start + 5)
        try await trail.add(file)
        var listed = file
        listed.data = Data()
        #expect(try await trail.files(of: caseA) == [listed])
        #expect(try await trail.file(file.id, of: caseA) == file)
        #expect(try await trail.file(file.id, of: caseB) == nil)

        // Revisions are numbered per case.
        #expect(try await trail.revisionCount(of: caseA) == 0)
        #expect(try await trail.addRevision(of: caseA, caseType: "title-application", person: "{}", frozenEvaluation: "{}", at: start) == 1)
        #expect(try await trail.addRevision(of: caseA, caseType: "title-application", person: "{}", frozenEvaluation: "{}", at: start) == 2)
        #expect(try await trail.revisionCount(of: caseA) == 2)
        #expect(try await trail.revisionCount(of: caseB) == 0)
    }
}
