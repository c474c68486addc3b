import Workflow

/// A role a user holds in an organisation.
public struct Membership: Sendable, Hashable, Codable {
    public let role: Role
    public let organisation: OrganisationRef

    public init(role: Role, organisation: OrganisationRef) {
        self.role = role
        self.organisation = organisation
    }
}

/// Who is asking: a signed-in user and the roles they hold. Everyone who signs in is an
/// applicant for themselves; officers hold roles granted by an administrator.
public struct Principal: Sendable, Hashable {
    public let userID: String
    public let displayName: String
    public let memberships: [Membership]

    public init(userID: String, displayName: String, memberships: [Membership]) {
        self.userID = userID
        self.displayName = displayName
        self.memberships = memberships
    }

    public var isOfficer: Bool { !memberships.isEmpty }

    /// The organisations in which this user holds `role`.
    public func organisations(holding role: Role) -> [OrganisationRef] {
        memberships.filter { $0.role == role }.map(\.organisation)
    }

    public func holds(_ role: Role, in organisationID: String) -> Bool {
        memberships.contains { $0.role == role && $0.organisation.id == organisationID }
    }

    public func holds(_ seat: Seat) -> Bool { holds(seat.role, in: seat.organisation) }

    /// Whether the user is the case's applicant: the person, or a member of the applying unit.
    public func owns(_ applicant: Actor) -> Bool {
        applicant.role == .applicant ? userID == applicant.user : holds(applicant.role, in: applicant.organisation)
    }
}
