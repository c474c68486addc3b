import Foundation

/// One entry of an organisation's own trail (`organisation_audit_events`, migration 011,
/// append-only): a batch set up, a call's settings, a call published.
public struct OrganisationEvent: Codable, Sendable, Hashable {
    public var id: UUID
    public var organisationID: UUID
    public var actorUserID: UUID
    public var actorName: String
    public var role: String
    public var at: Date
    public var onDate: String
    public var event: String
    /// JSON object of what was done.
    public var detail: String

    public init(id: UUID = UUID(), organisationID: UUID, actorUserID: UUID, actorName: String, role: String, at: Date, onDate: String, event: String,
                detail: String) {
        self.id = id
        self.organisationID = organisationID
        self.actorUserID = actorUserID
        self.actorName = actorName
        self.role = role
        self.at = at
        self.onDate = onDate
        self.event = event
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, role, at, event, detail
        case organisationID = "organisation_id", actorUserID = "actor_user_id", actorName = "actor_name", onDate = "on_date"
    }
}
