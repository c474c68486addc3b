import PolicyData
import Workflow

/// Who takes part in one case, the one scope every decision about a case reads: its applicant
/// (a person, or the applying unit for a question-bank project) and the seats — a role in an
/// organisation — from which officers take part in it now. Each process says which seats
/// those are (a title's handlers fixed at submission, a skill application's providers, the
/// question-bank centres as the project goes up).
public struct CaseScope: Sendable, Hashable {
    public let applicant: Actor
    public let seats: [Seat]

    public init(applicant: Actor, seats: [Seat]) {
        self.applicant = applicant
        self.seats = seats
    }

    /// A person's own case.
    public init(person userID: String, seats: [Seat]) {
        self.init(applicant: Actor(user: userID, role: .applicant, organisation: ""), seats: seats)
    }

    /// The seat taking `role`'s part, if any.
    public func seat(for role: Role) -> Seat? { seats.first { $0.role == role } }
}

/// One policy per resource: may this user see or act on that? Every page and endpoint asks
/// here, and nowhere else.
public enum CasePolicy {
    /// The roles in which the user takes part in the case (the applicant's first).
    public static func roles(of principal: Principal, in scope: CaseScope) -> [Role] {
        var roles: [Role] = principal.owns(scope.applicant) ? [scope.applicant.role] : []
        for seat in scope.seats where principal.holds(seat) && !roles.contains(seat.role) {
            roles.append(seat.role)
        }
        return roles
    }

    /// The applicant and the seats taking part may see a case; nobody else.
    public static func mayView(_ principal: Principal, _ scope: CaseScope) -> Bool {
        !roles(of: principal, in: scope).isEmpty
    }

    /// The actor the user acts as for `role` in the case, if they may.
    public static func actor(_ principal: Principal, as role: Role, in scope: CaseScope) -> Actor? {
        if role == scope.applicant.role {
            return principal.owns(scope.applicant) ? Actor(user: principal.userID, role: role, organisation: scope.applicant.organisation) : nil
        }
        // A role may sit in two organisations (a provincial centre checks its own units and receives reports).
        guard let seat = scope.seats.first(where: { $0.role == role && principal.holds($0) }) else { return nil }
        return seat.actor(principal.userID)
    }

    /// Every actor the user takes part in the case as: its applicant, and each seat they hold.
    /// Pages offer what the kernel allows these now.
    public static func actors(_ principal: Principal, in scope: CaseScope) -> [Actor] {
        roles(of: principal, in: scope).compactMap { actor(principal, as: $0, in: scope) }
    }

    /// The (role, organisation) seats in which the user works title applications: a queue
    /// lists an application only where one of these is its handler, never by organisation
    /// alone (a question-bank role in an employer sees none of the employer's applications).
    public static func titleSeats(_ principal: Principal) -> [Seat] {
        principal.memberships.filter { $0.role != .applicant }.map { Seat($0.role, $0.organisation.id) }
    }

    // MARK: Taking an event's part

    /// Why a principal may not take an event's part.
    public enum Refusal: Error, Sendable, Hashable {
        /// Only the applicant (for a question-bank project, the applying unit) may.
        case notApplicant(Role)
        /// Nobody's turn now.
        case nobodyDue
        /// The role (in its organisation) whose turn it is, which the principal does not hold here.
        case notInRole(Role)
    }

    /// The actor a principal takes an event's part as, from the party the case type names for
    /// it: the case's applicant, the role and organisation whose turn it is, or an HR bureau.
    public static func actor(_ principal: Principal, as party: CaseType.Party, in scope: CaseScope, due: Seat?) throws(Refusal) -> Actor? {
        let applicant = scope.applicant
        switch party {
        case .anyone:
            return nil
        case .applicant:
            guard principal.owns(applicant) else { throw .notApplicant(applicant.role) }
            return Actor(user: principal.userID, role: applicant.role, organisation: applicant.organisation)
        case .due, .confirmer, .decider:
            guard let due, due.role != .applicant else { throw .nobodyDue }
            guard principal.holds(due) else { throw .notInRole(due.role) }
            return due.actor(principal.userID)
        case .hrBureau:
            guard let seat = principal.memberships.first(where: { Role.hrBureaus.contains($0.role) }) else { throw .notInRole(.cityHRBureau) }
            return Actor(user: principal.userID, role: seat.role, organisation: seat.organisation.id)
        }
    }

    /// Whether the principal acts for a skill provider: its evaluation officers, or a qualified
    /// employer's HR (自主评价企业).
    public static func actsFor(provider: OrganisationRef, _ principal: Principal) -> Bool {
        principal.holds(providerSeat(provider))
    }

    /// The seat from which a skill provider takes its steps.
    public static func providerSeat(_ provider: OrganisationRef) -> Seat {
        Seat(provider.kind == .employer ? .employer : .evaluationOrganisation, provider.id)
    }

    // MARK: Reads of personal data

    /// The seat in which an officer reads a case (nil for the applicant's own reads, which are
    /// not recorded).
    public static func readerSeat(_ principal: Principal, _ scope: CaseScope) -> Membership? {
        guard !principal.owns(scope.applicant) else { return nil }
        return seat(principal, among: scope.seats.map(\.organisation))
    }

    /// The membership through which the principal sees the case (the first in the case's
    /// organisations; otherwise their first).
    private static func seat(_ principal: Principal, among organisations: [String]) -> Membership? {
        principal.memberships.first { organisations.contains($0.organisation.id) } ?? principal.memberships.first
    }

    /// A committee's office publishes its plans and runs its review sessions.
    public static func mayManage(committee organisationID: String, _ principal: Principal) -> Bool {
        principal.holds(.committeeOffice, in: organisationID)
    }
}

/// Which organisation takes each role's part in an application, from its employer, the
/// plan's committee and the offices of the plan's jurisdiction. Pure: the store passes them in.
public enum HandlerResolver {
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case missing(Role)
        case ambiguous(Role, count: Int)

        public var description: String {
            switch self {
            case .missing(let role): return "本地区尚未设立办理「\(role.label)」环节的机构，暂不能提交，请联系人力社保部门"
            case .ambiguous(let role, let count): return "本地区有 \(count) 个「\(role.label)」，所在单位须在单位资料中指定其中一个，请联系单位"
            }
        }
    }

    /// `offices`: the organisations of the plan's jurisdiction.
    public static func resolve(roles: Set<Role>, employer: OrganisationRef?, committee: OrganisationRef,
                               offices: [OrganisationRef]) throws(Failure) -> [Role: String] {
        var handlers: [Role: String] = [.committeeOffice: committee.id]
        for role in roles.sorted(by: { $0.rawValue < $1.rawValue }) where role != .applicant && role != .committeeOffice {
            if role == .employer {
                guard let employer else { throw .missing(role) }
                handlers[role] = employer.id
                continue
            }
            if let chosen = employer?.handlers[role.rawValue], offices.contains(where: { $0.id == chosen && $0.admits(role) }) {
                handlers[role] = chosen
                continue
            }
            let candidates = offices.filter { $0.admits(role) && $0.jurisdiction == committee.jurisdiction }
            guard let only = candidates.first else { throw .missing(role) }
            guard candidates.count == 1 else { throw .ambiguous(role, count: candidates.count) }
            handlers[role] = only.id
        }
        return handlers
    }
}
