import Fluent
import Foundation
import SQLKit
import Workflow
import Domain

/// Writes one audit row of a case (a title or a skill application), in the transaction of the
/// action it records. Plain SQL: every action writes one.
struct AuditWriter {
    let caseType: String

    func write(case id: UUID, version: Int, actor: Actor?, actorName: String, organisationName: String, event: String,
               detail: [String: String], before: String, after: String, on day: CalendarDate, now: Date, database: any Database) async throws {
        let actorUser: UUID? = actor.flatMap { UUID(uuidString: $0.user) }
        let organisation: UUID? = actor.flatMap { UUID(uuidString: $0.organisation) }
        try await TitleApplicationService.sql(database).raw("""
            INSERT INTO \(ident: CaseTrail.events) (id, case_type, case_id, version, actor_user_id, actor_name, role, organisation_id,
                organisation_name, at, on_date, event, detail, stage_before, stage_after)
            VALUES (\(bind: UUID()), \(bind: caseType), \(bind: id), \(bind: version), \(bind: actorUser), \(bind: actorName),
                \(bind: actor?.role.rawValue ?? "public"), \(bind: organisation), \(bind: organisationName), \(bind: now), \(bind: day.description),
                \(bind: event), \(bind: try StoredJSON.encode(detail)), \(bind: before), \(bind: after))
            """).run()
    }
}
