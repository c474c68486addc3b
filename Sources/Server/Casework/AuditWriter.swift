import Domain
import Fluent
import Foundation
import Store
import Workflow

/// Writes one trail entry of a case, in the transaction of the action it records.
struct AuditWriter {
    let caseType: String

    func write(case id: UUID, version: Int, actor: Actor?, actorName: String, organisationName: String, event: String,
               detail: [String: String], before: String, after: String, on day: CalendarDate, now: Date, database: any Database) async throws {
        try await database.caseTrail.append(entry(case: id, version: version, actor: actor, actorName: actorName, organisationName: organisationName,
                                                  event: event, detail: detail, before: before, after: after, on: day, now: now))
    }

    /// The entry `write` appends, for writing several in one statement.
    func entry(case id: UUID, version: Int, actor: Actor?, actorName: String, organisationName: String, event: String,
               detail: [String: String], before: String, after: String, on day: CalendarDate, now: Date) -> TrailEntry {
        TrailEntry(caseType: caseType, caseID: id, version: version, actor: actor, actorName: actorName, organisationName: organisationName,
                   at: now, onDate: day, event: event, detail: detail, stageBefore: before, stageAfter: after)
    }
}
