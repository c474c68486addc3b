import Access
import Contract
import Domain
import Engine
import Fluent
import Foundation
import PolicyData
import Store
import Vapor
import Workflow

/// A review plan as the API takes and gives it.
struct PlanInput: Content {
    var year: Int
    var title: String
    var series: [String]
    var levels: [String]
    var opensOn: String
    var closesOn: String
    var checksDueOn: String
    var reviewOn: String
    /// Only where the documents leave the steps to the year's notice: role and act, in order.
    var steps: [PlanStep]?
    var separateGroup: Bool
    var materials: [String]
    var publicityDays: Int
    var resultPublicityDays: Int?
    var members: Int
    var votingRule: VotingRule
    /// The year's notice the plan implements (its number or title).
    var notice: String
}

struct PlanStep: Content, Hashable {
    var role: String
    var act: String
}

struct PlanView: Content {
    let id: String
    let committee: String
    let committeeOrganisation: String
    let jurisdiction: String
    let year: Int
    let title: String
    let series: [String]
    let levels: [String]
    let opensOn: String
    let closesOn: String
    let checksDueOn: String
    let reviewOn: String
    let steps: [PlanStep]
    let separateGroup: Bool
    let materials: [String]
    let publicityDays: Int
    let resultPublicityDays: Int
    let members: Int
    let votingRule: VotingRule
    let votingRuleText: String
    let notice: String
    let open: Bool
}

extension ReviewPlan {
    func view(today: CalendarDate) -> PlanView {
        PlanView(id: id.uuidString, committee: committee, committeeOrganisation: committeeOrgID.uuidString, jurisdiction: jurisdiction,
                 year: year, title: title, series: (try? StoredJSON.decode([String].self, series)) ?? [],
                 levels: (try? StoredJSON.decode([String].self, levels)) ?? [], opensOn: opensOn, closesOn: closesOn,
                 checksDueOn: checksDueOn, reviewOn: reviewOn, steps: planSteps, separateGroup: separateGroup,
                 materials: (try? StoredJSON.decode([String].self, materials)) ?? [], publicityDays: publicityDays,
                 resultPublicityDays: resultPublicityDays, members: members, votingRule: rule, votingRuleText: rule.text, notice: notice,
                 open: isOpen(on: today))
    }

    var planSteps: [PlanStep] { (try? StoredJSON.decode([PlanStep].self, steps)) ?? [] }
    var rule: VotingRule {
        (try? StoredJSON.decode(VotingRule.self, votingRule)) ?? VotingRule(quorumNumerator: 1, quorumDenominator: 1, passNumerator: 1, passDenominator: 1, source: "")
    }
    var seriesList: [String] { (try? StoredJSON.decode([String].self, series)) ?? [] }
    var levelList: [TitleLevel] { ((try? StoredJSON.decode([String].self, levels)) ?? []).compactMap(TitleLevel.init(name:)) }

    /// Open for submissions from the opening to the closing day, both included.
    func isOpen(on day: CalendarDate) -> Bool {
        guard let opens = CalendarDate(iso: opensOn), let closes = CalendarDate(iso: closesOn) else { return false }
        return opens <= day && day <= closes
    }
}

/// Review plans: a committee's office publishes them; applicants apply against an open one.
struct PlanService: Sendable {
    let db: CaseDatabase
    let policy: PolicyServices
    var database: any Database { db.database }

    func create(_ input: PlanInput, committee organisation: Organisation) async throws -> ReviewPlan {
        let committee = organisation.ref
        var errors: [FieldError] = []
        func date(_ text: String, _ field: String) -> CalendarDate? {
            guard let day = CalendarDate(iso: text), CalendarDate.inputRange.contains(day) else {
                errors.append(FieldError(field: field, message: "应为 1900-01-01 至 2100-12-31 之间的日期，如 2024-06-30"))
                return nil
            }
            return day
        }
        let opens = date(input.opensOn, "opensOn"), closes = date(input.closesOn, "closesOn")
        let checksDue = date(input.checksDueOn, "checksDueOn"), review = date(input.reviewOn, "reviewOn")
        if let opens, let closes, closes < opens { errors.append(FieldError(field: "closesOn", message: "截止日期不能早于开始日期")) }
        if let closes, let checksDue, checksDue < closes { errors.append(FieldError(field: "checksDueOn", message: "审核截止日期不能早于申报截止日期")) }
        if let checksDue, let review, review < checksDue { errors.append(FieldError(field: "reviewOn", message: "评审日期不能早于审核截止日期")) }
        if !(1900...2100).contains(input.year) { errors.append(FieldError(field: "year", message: "年度应在 1900–2100 之间")) }
        if input.title.trimmingWhitespace.isEmpty || input.title.count > 100 { errors.append(FieldError(field: "title", message: "请填写计划名称（不超过 100 个字）")) }
        if input.notice.trimmingWhitespace.isEmpty || input.notice.count > 200 { errors.append(FieldError(field: "notice", message: "请写明所依据的当年度评审通知（文号或标题）")) }
        let levels = input.levels.compactMap(TitleLevel.init(name:))
        if levels.isEmpty || levels.count != input.levels.count { errors.append(FieldError(field: "levels", message: "请选择层级：助理级、中级、副高级或正高级")) }
        let series = input.series.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        if series.isEmpty || series.count > 30 || series.contains(where: { $0.count > 64 }) { errors.append(FieldError(field: "series", message: "请填写系列（1–30 个）")) }
        if !(0...60).contains(input.publicityDays) { errors.append(FieldError(field: "publicityDays", message: "公示天数应在 0–60 之间")) }
        if !(0...60).contains(input.resultPublicityDays ?? 0) { errors.append(FieldError(field: "resultPublicityDays", message: "结果公示天数应在 0–60 之间")) }
        if !(1...200).contains(input.members) { errors.append(FieldError(field: "members", message: "评委人数应在 1–200 之间")) }
        if input.materials.count > 30 || input.materials.contains(where: { $0.count > 200 }) { errors.append(FieldError(field: "materials", message: "材料清单不超过 30 项、每项 200 字")) }
        do { try input.votingRule.validate() } catch { errors.append(FieldError(field: "votingRule", message: error.description)) }
        for (index, step) in (input.steps ?? []).enumerated() {
            guard let role = Role(rawValue: step.role), role != .applicant, role != .committeeOffice || index == (input.steps ?? []).count - 1,
                  !step.act.trimmingWhitespace.isEmpty, step.act.count <= 20 else {
                errors.append(FieldError(field: "steps[\(index)]", message: "每一步须写明办理角色（如 employer、city_hr_bureau）和事项"))
                continue
            }
            _ = role
        }
        let rules = PlanRules(base: policy.base, engine: policy.engine)
        errors += rules.seriesOutsideCommittee(series, committee: committee.committee ?? committee.name, jurisdiction: committee.jurisdiction)
        errors += rules.fixedSettings(publicityDays: input.publicityDays, separateGroup: input.separateGroup, levels: levels,
                                      jurisdiction: committee.jurisdiction, on: opens ?? policy.today())
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        let plan = ReviewPlan(committeeOrgID: try organisation.id.orThrow(), committee: committee.committee ?? committee.name,
                              jurisdiction: committee.jurisdiction, year: input.year, title: input.title.trimmingWhitespace,
                              series: try StoredJSON.encode(series), levels: try StoredJSON.encode(levels.map(\.name)), opensOn: input.opensOn,
                              closesOn: input.closesOn, checksDueOn: input.checksDueOn, reviewOn: input.reviewOn,
                              steps: try StoredJSON.encode(input.steps ?? []), separateGroup: input.separateGroup,
                              materials: try StoredJSON.encode(input.materials), publicityDays: input.publicityDays,
                              resultPublicityDays: input.resultPublicityDays ?? 0, members: input.members,
                              votingRule: try StoredJSON.encode(input.votingRule), notice: input.notice.trimmingWhitespace, createdAt: policy.clock.now())
        try await db.write { try await $0.titleCases.add(plan) }
        return plan
    }

    func find(_ id: String) async throws -> ReviewPlan {
        guard let uuid = UUID(uuidString: id), let plan = try await database.titleCases.plan(uuid) else {
            throw Problem.notFound("没有编号为「\(id)」的评审计划。")
        }
        return plan
    }
}
