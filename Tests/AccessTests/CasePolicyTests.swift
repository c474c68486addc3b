import Access
import PolicyData
import Testing
import Workflow

/// Who may see and act on an application, from the roles people hold in organisations.
@Suite struct CasePolicyTests {
    static let employer = OrganisationRef(id: "E", kind: .employer, name: "某机械厂", jurisdiction: "shaoxing", handlers: ["competent_department": "D"])
    static let otherEmployer = OrganisationRef(id: "E2", kind: .employer, name: "另一厂", jurisdiction: "shaoxing")
    static let department = OrganisationRef(id: "D", kind: .competentDepartment, name: "市经信局", jurisdiction: "shaoxing")
    static let otherDepartment = OrganisationRef(id: "D2", kind: .competentDepartment, name: "市建设局", jurisdiction: "shaoxing")
    static let county = OrganisationRef(id: "C", kind: .hrBureau, name: "越城区人力社保局", jurisdiction: "shaoxing", level: .county)
    static let city = OrganisationRef(id: "S", kind: .hrBureau, name: "绍兴市人力社保局", jurisdiction: "shaoxing", level: .city)
    static let committee = OrganisationRef(id: "K", kind: .committee, name: "中级评委会", jurisdiction: "shaoxing", committee: "中级评委会")
    static let hebeiCity = OrganisationRef(id: "H", kind: .hrBureau, name: "石家庄市人社局", jurisdiction: "hebei", level: .city)

    static let scope = CaseScope(person: "u-applicant", seats: [Seat(.committeeOffice, "K"), Seat(.competentDepartment, "D"), Seat(.countyHRBureau, "C"), Seat(.employer, "E")])

    static func person(_ id: String, _ role: Role, _ organisation: OrganisationRef) -> Principal {
        Principal(userID: id, displayName: id, memberships: [Membership(role: role, organisation: organisation)])
    }

    @Test func theApplicantAndTheHandlingOfficesSeeIt() {
        #expect(CasePolicy.mayView(Principal(userID: "u-applicant", displayName: "张三", memberships: []), Self.scope))
        #expect(CasePolicy.mayView(Self.person("hr", .employer, Self.employer), Self.scope))
        #expect(CasePolicy.mayView(Self.person("dept", .competentDepartment, Self.department), Self.scope))
        #expect(CasePolicy.mayView(Self.person("office", .committeeOffice, Self.committee), Self.scope))
    }

    @Test func othersDoNot() {
        #expect(!CasePolicy.mayView(Principal(userID: "u-other", displayName: "李四", memberships: []), Self.scope))
        #expect(!CasePolicy.mayView(Self.person("hr2", .employer, Self.otherEmployer), Self.scope))
        #expect(!CasePolicy.mayView(Self.person("dept2", .competentDepartment, Self.otherDepartment), Self.scope))
        // The city bureau takes no part in this application's steps.
        #expect(!CasePolicy.mayView(Self.person("city", .cityHRBureau, Self.city), Self.scope))
    }

    @Test func anActorNeedsTheRoleInTheHandlingOrganisation() {
        #expect(CasePolicy.actor(Self.person("hr", .employer, Self.employer), as: .employer, in: Self.scope)?.organisation == "E")
        #expect(CasePolicy.actor(Self.person("hr", .employer, Self.employer), as: .competentDepartment, in: Self.scope) == nil)
        #expect(CasePolicy.actor(Principal(userID: "u-other", displayName: "", memberships: []), as: .applicant, in: Self.scope) == nil)
        #expect(CasePolicy.actor(Principal(userID: "u-applicant", displayName: "", memberships: []), as: .applicant, in: Self.scope) != nil)
    }

    @Test func rolesFitTheirOrganisations() {
        #expect(Self.county.admits(.countyHRBureau) && !Self.county.admits(.cityHRBureau))
        #expect(Self.city.admits(.cityHRBureau) && !Self.city.admits(.countyHRBureau))
        #expect(!Self.employer.admits(.committeeOffice) && Self.committee.admits(.committeeOffice))
        #expect(!Self.employer.admits(.applicant))
    }

    @Test func handlersComeFromTheEmployerAndTheJurisdiction() throws {
        let handlers = try HandlerResolver.resolve(roles: [.employer, .competentDepartment, .countyHRBureau, .cityHRBureau, .committeeOffice],
                                                   employer: Self.employer, committee: Self.committee,
                                                   offices: [Self.department, Self.otherDepartment, Self.county, Self.city, Self.hebeiCity])
        #expect(handlers == [.employer: "E", .competentDepartment: "D", .countyHRBureau: "C", .cityHRBureau: "S", .committeeOffice: "K"])
    }

    @Test func anUnnamedChoiceAmongSeveralIsRefused() {
        #expect(throws: HandlerResolver.Failure.ambiguous(.competentDepartment, count: 2)) {
            try HandlerResolver.resolve(roles: [.competentDepartment], employer: Self.otherEmployer, committee: Self.committee,
                                        offices: [Self.department, Self.otherDepartment])
        }
        #expect(throws: HandlerResolver.Failure.missing(.titleReformOffice)) {
            try HandlerResolver.resolve(roles: [.titleReformOffice], employer: Self.employer, committee: Self.committee, offices: [Self.hebeiCity])
        }
    }

    /// The party the case type names for an event decides who may take it: the applicant
    /// (or, for a question-bank project, the unit), the role and organisation whose turn it
    /// is, or an HR bureau.
    @Test func thePartyOfAnEventDecidesItsActor() throws {
        let owner = Principal(userID: "u-applicant", displayName: "张三", memberships: [])
        #expect(try CasePolicy.actor(owner, as: .applicant, in: Self.scope, due: nil)?.role == .applicant)
        #expect(throws: CasePolicy.Refusal.notApplicant(.applicant)) {
            try CasePolicy.actor(Self.person("hr", .employer, Self.employer), as: .applicant, in: Self.scope, due: nil)
        }
        let hr = Self.person("hr", .employer, Self.employer)
        #expect(try CasePolicy.actor(hr, as: .due, in: Self.scope, due: Seat(.employer, "E"))?.organisation == "E")
        #expect(throws: CasePolicy.Refusal.notInRole(.employer)) {
            try CasePolicy.actor(Self.person("hr2", .employer, Self.otherEmployer), as: .due, in: Self.scope, due: Seat(.employer, "E"))
        }
        #expect(throws: CasePolicy.Refusal.nobodyDue) { try CasePolicy.actor(hr, as: .due, in: Self.scope, due: nil) }
        #expect(try CasePolicy.actor(Self.person("city", .cityHRBureau, Self.city), as: .hrBureau, in: Self.scope, due: nil)?.organisation == "S")
        // A unit applies as an organisation: any of its members, nobody else.
        let project = CaseScope(applicant: Actor(user: "", role: .questionBankUnit, organisation: "U"), seats: [])
        let member = Principal(userID: "m", displayName: "m", memberships: [Membership(role: .questionBankUnit, organisation: Self.unit)])
        #expect(try CasePolicy.actor(member, as: .applicant, in: project, due: nil)?.organisation == "U")
        #expect(throws: CasePolicy.Refusal.notApplicant(.questionBankUnit)) { try CasePolicy.actor(owner, as: .applicant, in: project, due: nil) }
    }

    static let unit = OrganisationRef(id: "U", kind: .employer, name: "单位", jurisdiction: "zhejiang")
    static let cityCentre = OrganisationRef(id: "QC", kind: .evaluationCentre, name: "衢州市技能评价中心", jurisdiction: "quzhou")
    static let provinceCentre = OrganisationRef(id: "PC", kind: .evaluationCentre, name: "省技能人才评价管理服务中心", jurisdiction: "zhejiang")

    /// The same scope serves a question-bank project: the unit's members always, its city
    /// centre once submitted, the provincial centre once reported — each only in its role.
    @Test func aProjectIsSeenAsItGoesUp() {
        let applicant = Actor(user: "", role: .questionBankUnit, organisation: "U")
        let draft = CaseScope(applicant: applicant, seats: [])
        let submitted = CaseScope(applicant: applicant, seats: [Seat(.cityEvaluationCentre, "QC"), Seat(.provincialEvaluationCentre, "QC")])
        let reported = CaseScope(applicant: applicant, seats: submitted.seats + [Seat(.provincialEvaluationCentre, "PC")])
        let member = Self.person("m", .questionBankUnit, Self.unit)
        let city = Self.person("qc", .cityEvaluationCentre, Self.cityCentre)
        let province = Self.person("pc", .provincialEvaluationCentre, Self.provinceCentre)
        #expect(CasePolicy.mayView(member, draft) && CasePolicy.mayView(member, reported))
        #expect(!CasePolicy.mayView(city, draft) && CasePolicy.mayView(city, submitted))
        #expect(!CasePolicy.mayView(province, submitted) && CasePolicy.mayView(province, reported))
        // The unit's HR (employer role) is not the applying unit.
        #expect(!CasePolicy.mayView(Self.person("hr", .employer, Self.unit), reported))
        #expect(CasePolicy.roles(of: member, in: reported) == [.questionBankUnit])
        #expect(CasePolicy.actors(province, in: reported) == [Actor(user: "pc", role: .provincialEvaluationCentre, organisation: "PC")])
        #expect(CasePolicy.readerSeat(member, reported) == nil)
        #expect(CasePolicy.readerSeat(province, reported)?.organisation.id == "PC")
    }

    /// The actors a page offers actions for: the applicant's own part, then each seat held.
    @Test func actorsAreTheApplicantAndTheSeatsHeld() {
        let owner = Principal(userID: "u-applicant", displayName: "张三", memberships: [])
        #expect(CasePolicy.actors(owner, in: Self.scope) == [Actor(user: "u-applicant", role: .applicant, organisation: "")])
        let both = Principal(userID: "x", displayName: "x", memberships: [Membership(role: .employer, organisation: Self.employer),
                                                                         Membership(role: .competentDepartment, organisation: Self.otherDepartment)])
        #expect(CasePolicy.actors(both, in: Self.scope) == [Actor(user: "x", role: .employer, organisation: "E")])
        #expect(CasePolicy.actors(Self.person("city", .cityHRBureau, Self.city), in: Self.scope).isEmpty)
    }

    /// An officer's read is recorded in the seat they see the case through; the applicant's is not.
    @Test func readsAreAnOfficersInTheirSeat() {
        #expect(CasePolicy.readerSeat(Principal(userID: "u-applicant", displayName: "张三", memberships: []), Self.scope) == nil)
        let both = Principal(userID: "dept", displayName: "dept", memberships: [Membership(role: .employer, organisation: Self.otherEmployer),
                                                                              Membership(role: .competentDepartment, organisation: Self.department)])
        #expect(CasePolicy.readerSeat(both, Self.scope)?.organisation.id == "D")
    }
}
