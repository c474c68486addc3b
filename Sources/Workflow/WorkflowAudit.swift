import Domain

/// What the audit trail keeps for each action of a workflow: who, in which role and
/// organisation, when, what, and the stage before and after.
public struct WorkflowAuditEntry<Event: Sendable & Hashable & Codable, Stage: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public let version: Int
    public let actor: Actor?
    public let date: CalendarDate
    public let event: Event
    public let before: Stage
    public let after: Stage
}
