import Domain
import Testing
import Workflow

/// The skill evaluation's life, on cases written from the documents' words.
@Suite struct SkillEvaluationTests {
    static let day = CalendarDate(year: 2026, month: 5, day: 6)!
    static let applicant = Actor(user: "worker", role: .applicant, organisation: "")
    static let cityCentre = Actor(user: "centre-officer", role: .evaluationOrganisation, organisation: "sx-centre")
    static let provincialCentre = Actor(user: "province-officer", role: .evaluationOrganisation, organisation: "zj-centre")
    static let servicePoint = Actor(user: "point-officer", role: .evaluationOrganisation, organisation: "sx-point")

    /// 绍兴 二（三）2: "定期向市职业技能鉴定中心提交申请，由其统一报省职业技能鉴定指导中心".
    static func shaoxingSeniorTechnician(exempt: Bool = false) -> SkillEvaluation {
        SkillEvaluation(applicant: "worker", steps: [
            .init(role: .evaluationOrganisation, organisation: "sx-centre", act: "上报", source: "sx-2019-64 二（三）2"),
            .init(role: .evaluationOrganisation, organisation: "zj-centre", act: "受理", source: "sx-2019-64 二（三）2"),
        ], theoryExempt: exempt)
    }

    static func run(_ start: SkillEvaluation, _ events: [(SkillEvaluation.Event, Actor)]) throws -> SkillEvaluation {
        var state = start
        for (event, actor) in events { state = try state.applying(event, by: actor, seenVersion: state.version, on: day).0 }
        return state
    }

    @Test func shaoxingSeniorTechnicianPassesBothCentresInTurn() throws {
        var state = try Self.run(Self.shaoxingSeniorTechnician(), [(.submit(status: "eligible"), Self.applicant)])
        #expect(state.stage == .checking(step: 0))
        // The provincial centre may not take the city centre's step.
        #expect(throws: CaseRefusal.wrongActor(expected: .evaluationOrganisation)) {
            try state.applying(.approve, by: Self.provincialCentre, seenVersion: state.version, on: Self.day)
        }
        state = try Self.run(state, [(.approve, Self.cityCentre)])
        #expect(state.stage == .checking(step: 1))
        // Once forwarded, the city centre has no further turn.
        #expect(throws: CaseRefusal.wrongActor(expected: .evaluationOrganisation)) {
            try state.applying(.approve, by: Self.cityCentre, seenVersion: state.version, on: Self.day)
        }
        state = try Self.run(state, [(.approve, Self.provincialCentre), (.assign(batch: "b1", components: [SkillEvaluation.theoryExam]), Self.provincialCentre)])
        #expect(state.stage == .scheduled(batch: "b1"))
        // 注重操作技能考核: the practical assessment is always a component.
        #expect(state.components == [SkillEvaluation.practicalAssessment, SkillEvaluation.theoryExam])
    }

    @Test func relatedDiplomaSkipsTheTheoryExam() throws {
        // 77号 三（四）2 / 绍兴 二（四）: 相关专业毕业证书 → 免于理论知识考试.
        let state = try Self.run(Self.shaoxingSeniorTechnician(exempt: true), [
            (.submit(status: "eligible"), Self.applicant), (.approve, Self.cityCentre), (.approve, Self.provincialCentre),
            (.assign(batch: "b1", components: [SkillEvaluation.theoryExam, "业绩评审"]), Self.provincialCentre),
        ])
        #expect(state.components == [SkillEvaluation.practicalAssessment, "业绩评审"])
        #expect(throws: CaseRefusal.unknownComponent(SkillEvaluation.theoryExam)) {
            try state.applying(.recordResults([.init(component: SkillEvaluation.theoryExam, score: "80", passed: true)]),
                               by: Self.provincialCentre, seenVersion: state.version, on: Self.day)
        }
        #expect(throws: CaseRefusal.resultsIncomplete(missing: ["业绩评审"])) {
            try state.applying(.recordResults([.init(component: SkillEvaluation.practicalAssessment, score: "85", passed: true)]),
                               by: Self.provincialCentre, seenVersion: state.version, on: Self.day)
        }
        let passed = try Self.run(state, [
            (.recordResults([.init(component: SkillEvaluation.practicalAssessment, score: "85", passed: true), .init(component: "业绩评审", score: "合格", passed: true)]),
             Self.provincialCentre),
            (.issueCertificate(number: "S330600202605001"), Self.provincialCentre),
        ])
        #expect(passed.stage == .certified(number: "S330600202605001"))
        #expect(!passed.isOpen)
    }

    @Test func aFailedComponentFailsTheAssessmentAndNoCertificateIssues() throws {
        let point = SkillEvaluation(applicant: "worker", steps: [.init(role: .evaluationOrganisation, organisation: "sx-point", act: "受理", source: "sx-2019-64 二（三）1")],
                                    theoryExempt: false)
        let state = try Self.run(point, [
            (.submit(status: "undetermined"), Self.applicant), (.approve, Self.servicePoint), (.assign(batch: "b", components: []), Self.servicePoint),
            (.recordResults([.init(component: SkillEvaluation.practicalAssessment, score: "52", passed: false)]), Self.servicePoint),
        ])
        #expect(state.stage == .assessed(passed: false))
        #expect(throws: CaseRefusal.notNow) {
            try state.applying(.issueCertificate(number: "X"), by: Self.servicePoint, seenVersion: state.version, on: Self.day)
        }
    }

    @Test func notYetAndIneligibleOptionsCannotBeSubmitted() {
        for status in ["not_yet", "ineligible"] {
            #expect(throws: CaseRefusal.notSubmittable(status: status)) {
                try Self.shaoxingSeniorTechnician().applying(.submit(status: status), by: Self.applicant, seenVersion: 0, on: Self.day)
            }
        }
    }

    @Test func anActionOnAnOlderVersionIsAConflict() throws {
        let state = try Self.run(Self.shaoxingSeniorTechnician(), [(.submit(status: "eligible"), Self.applicant)])
        #expect(throws: CaseRefusal.conflict(current: 1)) {
            try state.applying(.approve, by: Self.cityCentre, seenVersion: 0, on: Self.day)
        }
    }

    @Test func returnedApplicationsResumeAtTheStepThatReturnedThem() throws {
        var state = try Self.run(Self.shaoxingSeniorTechnician(), [(.submit(status: "eligible"), Self.applicant), (.approve, Self.cityCentre)])
        #expect(throws: CaseRefusal.reasonRequired) {
            try state.applying(.returnForRevision(reason: " "), by: Self.provincialCentre, seenVersion: state.version, on: Self.day)
        }
        state = try Self.run(state, [(.returnForRevision(reason: "请补充本职业工作年限证明"), Self.provincialCentre)])
        #expect(state.stage == .returned(step: 1))
        state = try Self.run(state, [(.resubmit, Self.applicant)])
        #expect(state.stage == .checking(step: 1))
    }
}
