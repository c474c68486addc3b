import PolicyData
import Workflow

/// What access decisions need of an application: whose it is, and which organisation takes
/// each role's part in it (fixed at submission from the plan and the employer).
public struct ApplicationScope: Sendable, Hashable {
    public let applicantID: String
    /// Role → the organisation acting in that role for this application.
    public let handlers: [Role: String]

    public init(applicantID: String, handlers: [Role: String]) {
        self.applicantID = applicantID
        self.handlers = handlers
    }
}

/// What access decisions need of a skill application: whose it is, and the providers taking
/// its steps (two for 绍兴 高级技师: the city centre, then the provincial centre).
public struct SkillScope: Sendable, Hashable {
    public let applicantID: String
    public let organisations: [String]

    public init(applicantID: String, organisations: [String]) {
        self.applicantID = applicantID
        self.organisations = organisations
    }
}

/// What access decisions need of a question-bank application: the unit, the centre that
/// checks it, the provincial centre, and how far it has gone.
public struct QuestionBankScope: Sendable, Hashable {
    public let unit: String
    public let centre: String
    public let provincialCentre: String
    /// Submitted at least once: the centre takes part from then on.
    public let submitted: Bool
    /// Reported to (or checked by) the provincial centre.
    public let reported: Bool

    public init(unit: String, centre: String, provincialCentre: String, submitted: Bool, reported: Bool) {
        self.unit = unit
        self.centre = centre
        self.provincialCentre = provincialCentre
        self.submitted = submitted
        self.reported = reported
    }
}

/// One policy per resource: may this user see or act on that? Every page and endpoint asks
/// here, and nowhere else.
public enum CasePolicy {
    /// The roles in which the user takes part in the application (applicant included).
    public static func roles(of principal: Principal, in scope: ApplicationScope) -> [Role] {
        var roles: [Role] = principal.userID == scope.applicantID ? [.applicant] : []
        for (role, organisation) in scope.handlers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where principal.holds(role, in: organisation) {
            roles.append(role)
        }
        return roles
    }

    /// The applicant and the offices handling it may see an application; nobody else.
    public static func mayView(_ principal: Principal, _ scope: ApplicationScope) -> Bool {
        !roles(of: principal, in: scope).isEmpty
    }

    /// The actor the user acts as for `role` in this application, if they may.
    public static func actor(_ principal: Principal, as role: Role, in scope: ApplicationScope) -> Actor? {
        if role == .applicant {
            return principal.userID == scope.applicantID ? Actor(user: principal.userID, role: .applicant, organisation: "") : nil
        }
        guard let organisation = scope.handlers[role], principal.holds(role, in: organisation) else { return nil }
        return Actor(user: principal.userID, role: role, organisation: organisation)
    }

    /// Attachments are seen by whoever may see the application.
    public static func mayReadAttachments(_ principal: Principal, _ scope: ApplicationScope) -> Bool {
        mayView(principal, scope)
    }

    /// The applicant and the providers taking a step may see a skill application; nobody else.
    /// A provider's officers hold the evaluation role there (a qualified employer's, the employer role).
    public static func mayView(_ principal: Principal, _ scope: SkillScope) -> Bool {
        principal.userID == scope.applicantID || scope.organisations.contains { organisation in
            principal.holds(.evaluationOrganisation, in: organisation) || principal.holds(.employer, in: organisation)
        }
    }

    /// The unit sees its own applications; its centre from their submission; the provincial
    /// centre once reported (or, for a provincial unit, from submission, as its centre).
    public static func mayView(_ principal: Principal, _ scope: QuestionBankScope) -> Bool {
        if principal.holds(.questionBankUnit, in: scope.unit) { return true }
        guard scope.submitted else { return false }
        if principal.holds(.cityEvaluationCentre, in: scope.centre) || principal.holds(.provincialEvaluationCentre, in: scope.centre) { return true }
        return scope.reported && principal.holds(.provincialEvaluationCentre, in: scope.provincialCentre)
    }

    /// The (role, organisation) seats in which the user works title applications: a queue
    /// lists an application only where one of these is its handler, never by organisation
    /// alone (a question-bank role in an employer sees none of the employer's applications).
    public static func titleSeats(_ principal: Principal) -> [(role: Role, organisation: String)] {
        principal.memberships.filter { $0.role != .applicant }.map { ($0.role, $0.organisation.id) }
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
    public static func actor(_ principal: Principal, as party: CaseType.Party, applicant: Actor,
                             due: (role: Role, organisation: String)?) throws(Refusal) -> Actor? {
        switch party {
        case .anyone:
            return nil
        case .applicant:
            let own = applicant.role == .applicant ? principal.userID == applicant.user : principal.holds(applicant.role, in: applicant.organisation)
            guard own else { throw .notApplicant(applicant.role) }
            return Actor(user: principal.userID, role: applicant.role, organisation: applicant.organisation)
        case .due, .confirmer, .decider:
            guard let due, due.role != .applicant else { throw .nobodyDue }
            guard principal.holds(due.role, in: due.organisation) else { throw .notInRole(due.role) }
            return Actor(user: principal.userID, role: due.role, organisation: due.organisation)
        case .hrBureau:
            guard let seat = principal.memberships.first(where: { Role.hrBureaus.contains($0.role) }) else { throw .notInRole(.cityHRBureau) }
            return Actor(user: principal.userID, role: seat.role, organisation: seat.organisation.id)
        }
    }

    /// Whether the principal acts for a skill provider: its evaluation officers, or a qualified
    /// employer's HR (自主评价企业).
    public static func actsFor(provider: OrganisationRef, _ principal: Principal) -> Bool {
        principal.holds(provider.kind == .employer ? .employer : .evaluationOrganisation, in: provider.id)
    }

    // MARK: Reads of personal data

    /// The seat in which an officer reads an application (nil for the applicant's own reads,
    /// which are not recorded).
    public static func readerSeat(_ principal: Principal, _ scope: ApplicationScope) -> Membership? {
        guard principal.userID != scope.applicantID else { return nil }
        return seat(principal, among: Array(scope.handlers.values))
    }

    public static func readerSeat(_ principal: Principal, _ scope: SkillScope) -> Membership? {
        guard principal.userID != scope.applicantID else { return nil }
        return seat(principal, among: scope.organisations)
    }

    /// The unit's own members read their own application: not recorded.
    public static func readerSeat(_ principal: Principal, _ scope: QuestionBankScope) -> Membership? {
        guard !principal.holds(.questionBankUnit, in: scope.unit) else { return nil }
        return seat(principal, among: [scope.centre, scope.provincialCentre])
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
