import Domain
import PolicyData
import Testing
import Workflow

/// The 申报表's checks on cases written from the call's own words: 附件1's rows (a 工种 only of
/// its row, levels only in its range, 4-1 meaning 四级 to 一级), row 40's reading, 一（一）2–3 and
/// 一（二）1–6.
@Suite struct QuestionBankFormTests {
    static let base = try! PolicyBase.bundled()
    static let call = base.parameters.questionBankCalls.first { $0.id == "qb-2023-2024" }!
    static let check = QuestionBankFormCheck(
        call: call,
        choices: QuestionBankProjectChoice.choices(base.questionBank.filter { $0.source.document == call.document && $0.source.table == call.catalogue },
                                                   call: call) { base.resolveOccupation($0)?.occupation.code },
        callYear: 2023, today: CalendarDate(year: 2023, month: 6, day: 1)!)

    static func project(_ occupation: String, _ levels: [Int]) -> [String] { project(occupation, "", levels) }

    static func project(_ occupation: String, _ workType: String, _ levels: [Int], basis: String = "catalogue") -> [String] {
        var form = QuestionBankForm()
        form.occupation = occupation
        form.workType = workType
        form.levels = levels
        form.basis = basis
        return check.problems(form, submitting: false).filter { ["occupation", "workType", "levels", "basis"].contains($0.field) }.map(\.message)
    }

    @Test func aRowsRangeBoundsItsLevels() {
        // 2 密码技术应用员 4-1: 四级 to 一级, not 五级.
        #expect(Self.project("密码技术应用员", [4, 3, 2, 1]).isEmpty)
        #expect(Self.project("密码技术应用员", [5]).contains { $0.contains("不含 五级") })
        // 17 社群健康助理员 4-2: not 一级.
        #expect(Self.project("社群健康助理员", [1]).contains { $0.contains("不含 一级") })
        // 11 职业培训师 3-1.
        #expect(Self.project("职业培训师", [3, 2, 1]).isEmpty && !Self.project("职业培训师", [4]).isEmpty)
    }

    @Test func aWorkTypeCarriesItsOwnRange() {
        // 4 互联网营销师: 选品员（5-1）、平台管理员（5-3）.
        #expect(Self.project("互联网营销师", "选品员", [1]).isEmpty)
        #expect(Self.project("互联网营销师", "平台管理员", [2]).contains { $0.contains("不含 二级") })
        // 51 变配电运行值班员: 换流站运行值班员（4-1）; 配电房（所、室）运行值班员（5-1）.
        #expect(Self.project("变配电运行值班员", "换流站运行值班员", [5]).contains { $0.contains("不含 五级") })
        #expect(Self.project("变配电运行值班员", "配电房（所、室）运行值班员", [5, 4]).isEmpty)
        // 38 铸造工: 铸件清理工（5-4）.
        #expect(Self.project("铸造工", "铸件清理工", [5, 4]).isEmpty && !Self.project("铸造工", "铸件清理工", [3]).isEmpty)
    }

    @Test func aRowWithWorkTypesAsksForOneOfThem() {
        // 18 保健按摩师: 脊柱按摩师、足部按摩师、反射疗法师.
        #expect(Self.project("保健按摩师", [5]).contains { $0.contains("须选择工种") && $0.contains("足部按摩师") })
        #expect(Self.project("保健按摩师", "推拿师", [5]).contains { $0.contains("的工种为") })
        #expect(Self.project("保健按摩师", "足部按摩师", [5, 4, 3, 2, 1]).isEmpty)
        // A row without 工种 takes none.
        #expect(!Self.project("磨工", "外圆磨工", [5]).isEmpty && Self.project("磨工", [5, 1]).isEmpty)
    }

    /// Row 40: "本职业 5-4 级不细分工种，3-1 级细分为机械零部件热处理工、表面（化学）热处理工、工程热处理工三个工种".
    @Test func metalHeatTreatmentSplitsItsLevels() {
        #expect(Self.project("金属热处理工", [5, 4]).isEmpty)
        #expect(Self.project("金属热处理工", [3]).contains { $0.contains("不含 三级") })
        #expect(Self.project("金属热处理工", "工程热处理工", [3, 2, 1]).isEmpty)
        #expect(Self.project("金属热处理工", "工程热处理工", [4]).contains { $0.contains("不含 四级") })
    }

    /// 一（一）2–3: outside the catalogue, with the standard's year (2018 or later) or the bank's age (5 years) or unfitness.
    @Test func outsideTheCatalogueWithItsEvidence() {
        var form = QuestionBankForm()
        form.occupation = "焊工"
        form.levels = [5]
        #expect(Self.check.problems(form, submitting: false).contains { $0.field == "occupation" && $0.message.contains("一（一）2 或 一（一）3") })
        form.basis = "recent_standard"
        form.standardYear = 2017
        #expect(Self.check.problems(form, submitting: false).contains { $0.field == "standardYear" })
        form.standardYear = 2018
        #expect(!Self.check.problems(form, submitting: false).contains { $0.field == "standardYear" })
        form.basis = "aged_bank"
        form.bankSince = 2019
        #expect(Self.check.problems(form, submitting: false).contains { $0.field == "bankSince" && $0.message.contains("4 年") })
        form.bankSince = 2018
        #expect(!Self.check.problems(form, submitting: false).contains { $0.field == "bankSince" })
        form.bankSince = 2021
        form.bankUnfit = "原题库未含新工艺"
        #expect(!Self.check.problems(form, submitting: false).contains { $0.field == "bankSince" })
        // A catalogue occupation is applied for under 一（一）1.
        form.occupation = "磨工"
        #expect(Self.check.problems(form, submitting: false).contains { $0.field == "basis" && $0.message.contains("一（一）1") })
    }

    /// 一（二）: 1–4 must be met, 5 is answered, 6 bars the unit with its words.
    @Test func theUnitConditions() {
        var form = QuestionBankForm()
        form.selfCheck = ["legal_person": true, "staff": true, "experts": false, "funding": true, "experience": false, "barred": false]
        let problems = Self.check.problems(form, submitting: true)
        #expect(problems.contains { $0.field == "selfCheck.experts" && $0.message.contains("一（二）3") })
        #expect(!problems.contains { $0.field == "selfCheck.experience" })
        #expect(Self.check.bar(form) == nil)
        form.selfCheck["barred"] = true
        #expect(Self.check.bar(form)?.contains("一（二）6") == true && Self.check.bar(form)?.contains("不得申报") == true)
        form.selfCheck["experience"] = nil
        #expect(Self.check.problems(form, submitting: true).contains { $0.field == "selfCheck.experience" })
    }

    /// 二（二）and 三（二）: the workflow's turns — the city centre reports, the provincial centre decides;
    /// a provincial unit's opinion is its report.
    @Test func theTurnsOfTheCall() throws {
        let day = CalendarDate(year: 2023, month: 6, day: 1)!
        let unit = Actor(user: "u", role: .questionBankUnit, organisation: "unit")
        let city = Actor(user: "c", role: .cityEvaluationCentre, organisation: "city")
        let province = Actor(user: "p", role: .provincialEvaluationCentre, organisation: "province")
        var state = QuestionBankProject(unit: "unit", centre: "city", provincialCentre: "province")
        state = try state.applying(.submit, by: unit, seenVersion: 0, on: day).0
        #expect(throws: CaseRefusal.wrongActor(expected: .cityEvaluationCentre)) {
            try state.applying(.recommend(as: .lead, reason: "自荐"), by: province, seenVersion: state.version, on: day)
        }
        #expect(throws: CaseRefusal.reasonRequired) { try state.applying(.returnForCorrection(reason: ""), by: city, seenVersion: state.version, on: day) }
        state = try state.applying(.recommend(as: .participant, reason: "团队完整"), by: city, seenVersion: state.version, on: day).0
        #expect(state.stage == .recommended)
        #expect(throws: CaseRefusal.notNow) { try state.applying(.decide(.lead, reason: "x"), by: province, seenVersion: state.version, on: day) }
        state = try state.applying(.report(id: "r1"), by: city, seenVersion: state.version, on: day).0
        state = try state.applying(.decide(.participant, reason: "参与"), by: province, seenVersion: state.version, on: day).0
        #expect(state.stage == .decided && state.decision?.outcome == .participant)
        #expect(throws: CaseRefusal.conflict(current: state.version)) { try state.applying(.withdraw, by: unit, seenVersion: 0, on: day) }

        var provincial = QuestionBankProject(unit: "unit", centre: "province", provincialCentre: "province")
        provincial = try provincial.applying(.submit, by: unit, seenVersion: 0, on: day).0
        provincial = try provincial.applying(.recommend(as: .lead, reason: "省直"), by: province, seenVersion: provincial.version, on: day).0
        #expect(provincial.stage == .reported)
    }
}
