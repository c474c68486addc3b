import Domain
import Engine
import PolicyData

/// A result shaped for the page: one card per option, in plain Chinese.
struct ResultView: Encodable {
    struct ConditionView: Encodable {
        let icon: String
        let statusLabel: String
        let cssClass: String
        let text: String
        let quote: String
        let source: String
        let link: String
    }

    struct ProviderView: Encodable {
        let name: String
        let contact: String
        let levels: String
    }

    struct Card: Encodable {
        let heading: String
        let routeLabel: String
        let status: String
        let statusLabel: String
        let basis: String
        let hasEarliest: Bool
        let earliestText: String
        let timelinePercent: Int
        let conditions: [ConditionView]
        let hasCommittee: Bool
        let committee: String
        let providers: [ProviderView]
        let hasProviders: Bool
        let exemptions: String
        let notes: [String]
        let hasNotes: Bool
        let nextStep: String
        /// 申报流程: each procedure of the documents in force, its steps in order.
        var procedures: [ProcedureView] = []
        var hasProcedures = false

        /// The card with its procedures.
        func with(_ refs: [ProcedureRef], base: PolicyBase) -> Card {
            var card = self
            card.procedures = ResultView.procedures(refs, base: base)
            card.hasProcedures = !card.procedures.isEmpty
            return card
        }
    }

    /// A procedure as the page shows it: where it comes from, for whom, its steps.
    struct ProcedureView: Encodable {
        struct Step: Encodable {
            let actor: String
            let act: String
            let quote: String
        }
        let source: String
        let link: String
        let appliesTo: String
        let steps: [Step]
        let deferral: String
        let notes: [String]
    }

    static func procedures(_ refs: [ProcedureRef], base: PolicyBase) -> [ProcedureView] {
        refs.map { procedure in
            let name = base.document(procedure.policy)?.displayName ?? procedure.policy
            let deferral = procedure.deferral.map { "其余步骤按当年度通知：“\($0.quote)”" }
                ?? (procedure.definedBy == "annual_notice" ? "其余步骤文件未作规定，以当年度评审计划为准。" : "")
            return ProcedureView(
                source: "\(name) \(procedure.clause)", link: "/documents/\(procedure.policy)#c-\(procedure.clause)",
                appliesTo: procedure.appliesTo.map { "适用于：\($0)" } ?? "",
                steps: procedure.steps.map { ProcedureView.Step(actor: $0.actor, act: $0.act, quote: $0.citation.quote) },
                deferral: deferral, notes: procedure.notes.map { "另（\($0.clause)）：“\($0.quote)”" })
        }
    }

    let jurisdiction: String
    let asOf: String
    let titleCards: [Card]
    let skillCards: [Card]
    let hasTitleCards: Bool
    let hasSkillCards: Bool
    let warnings: [String]
    let hasWarnings: Bool
    let policies: [String]
    let summary: String

    static let statusLabels = ["eligible": "可以申报", "not_yet": "尚需等待", "ineligible": "暂不符合", "undetermined": "有待确认"]
    static let routeLabels = ["regular": "常规申报", "direct_apply": "直接申报", "direct_recognition": "直接认定", "title_crossover": "职称人员参加技能评价", "promotion": "技能等级晋级"]

    init(result: EvaluationResult, base: PolicyBase) {
        jurisdiction = result.jurisdiction.name
        asOf = result.asOf.description
        func name(_ document: String) -> String { base.document(document)?.displayName ?? document }
        func conditions(_ list: [Condition]) -> [ConditionView] {
            list.map { condition in
                let (icon, label, css): (String, String, String) = switch condition.status {
                case .met: ("✓", "已满足", "met")
                case .unmet: ("✗", "未满足", "unmet")
                case .unknown: ("?", "待确认", "unknown")
                }
                return ConditionView(icon: icon, statusLabel: label, cssClass: css, text: condition.text, quote: condition.citation.quote,
                                     source: "\(name(condition.citation.policy)) \(condition.citation.clause)",
                                     link: "/documents/\(condition.citation.policy)#c-\(condition.citation.clause)")
            }
        }
        func timeline(_ earliest: CalendarDate?, _ status: OptionStatus) -> (Bool, String, Int) {
            guard let earliest else { return (false, "", 0) }
            let days = result.asOf.days(until: earliest)
            if days > 0 { return (true, "\(earliest) 起可申报（还需 \(days) 天）", max(5, min(95, 100 - days * 100 / 1461))) }
            return (true, status == .ineligible ? "" : "自 \(earliest) 起时间条件已满足", 100)
        }
        func nextStep(_ status: OptionStatus, _ earliest: CalendarDate?) -> String {
            switch status {
            case .eligible: return "可以准备材料，按当年度评审（评价）通知申报；联系方式见下。"
            case .notYet: return "到 \(earliest.map { "\($0)" } ?? "规定年限届满") 即可申报；届时请再核对其他条件。"
            case .ineligible: return "标为“未满足”的条件不会随时间自动满足，请对照原文了解要求。"
            case .undetermined: return "标为“待确认”的条件需补充信息，或由评审委员会 / 评价机构确定；可带着本页咨询。"
            }
        }
        titleCards = result.titleOptions.map { option in
            let (hasEarliest, earliestText, percent) = timeline(option.earliestDate, option.status)
            let basis: String = switch option.basis.kind {
            case .skill: "依据：\(option.basis.occupation ?? "（职业未填）") \(option.basis.level ?? "")证书"
            case .honor: "依据：荣誉「\(option.basis.name ?? "")」"
            default: ""
            }
            let series = option.series.map { $0 + (option.specialty.map { "（\($0)）" } ?? "") + " · " } ?? "系列待定 · "
            return Card(
                heading: series + option.level.name, routeLabel: Self.routeLabels[option.route.rawValue] ?? option.route.rawValue,
                status: option.status.rawValue, statusLabel: Self.statusLabels[option.status.rawValue] ?? "", basis: basis,
                hasEarliest: hasEarliest && !earliestText.isEmpty, earliestText: earliestText, timelinePercent: percent,
                conditions: conditions(option.conditions), hasCommittee: option.committee != nil,
                committee: option.committee.map { [$0.name, $0.host, $0.phone].compactMap { $0 }.joined(separator: "，") } ?? "",
                providers: [], hasProviders: false, exemptions: "", notes: option.notes, hasNotes: !option.notes.isEmpty,
                nextStep: nextStep(option.status, option.earliestDate)).with(option.procedures, base: base)
        }
        skillCards = result.skillOptions.map { option in
            let (hasEarliest, earliestText, percent) = timeline(option.earliestDate, option.status)
            let basis: String = switch option.basis.kind {
            case .title: "依据：\(option.basis.series ?? "") \(option.basis.level ?? "")职称"
            case .skill: "依据：\(option.basis.occupation ?? "") \(option.basis.level ?? "")证书"
            default: ""
            }
            let grade = option.level.grade.map { "（\($0)）" } ?? ""
            return Card(
                heading: "\(option.occupation ?? "职业待定") · \(option.level.name)\(grade)",
                routeLabel: Self.routeLabels[option.route.rawValue] ?? option.route.rawValue,
                status: option.status.rawValue, statusLabel: Self.statusLabels[option.status.rawValue] ?? "", basis: basis,
                hasEarliest: hasEarliest && !earliestText.isEmpty, earliestText: earliestText, timelinePercent: percent,
                conditions: conditions(option.conditions), hasCommittee: false, committee: "",
                providers: option.providers.map { ProviderView(name: $0.name + ($0.workType.map { "（\($0)）" } ?? ""), contact: $0.contact ?? "", levels: $0.levels.joined(separator: "、")) },
                hasProviders: !option.providers.isEmpty,
                exemptions: option.exemptions.contains("theory_exam") ? "可免理论知识考试" : "",
                notes: option.notes, hasNotes: !option.notes.isEmpty, nextStep: nextStep(option.status, option.earliestDate))
                .with(option.procedures, base: base)
        }
        hasTitleCards = !titleCards.isEmpty
        hasSkillCards = !skillCards.isEmpty
        warnings = result.warnings
        hasWarnings = !result.warnings.isEmpty
        policies = result.policies.map { ($0.number ?? $0.title) + ($0.effectiveFrom.map { "（\($0) 起施行）" } ?? "（施行日期不详）") }
        let open = (result.titleOptions.map(\.status) + result.skillOptions.map(\.status)).filter { $0 == .eligible }.count
        summary = "共 \(result.titleOptions.count + result.skillOptions.count) 个方向，其中 \(open) 个现在即可申报。"
    }
}
