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

/// The refusals both workflows give in the same words.
enum WorkflowWords {
    static let conflict = "这份申请刚被他人处理过，请刷新后再操作"
    static let reasonRequired = "请写明理由"
    static let unknownItem = "没有这项待确认事项"
    static func confirmationsOpen(_ count: Int) -> String { "还有 \(count) 项待确认的事项，确认后才能办理这一步" }
}
