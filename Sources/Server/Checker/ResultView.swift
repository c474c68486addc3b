import Foundation
import Domain
import Engine
import PolicyData

/// A result shaped for the page: a plain summary per direction, then one card per option,
/// in plain Chinese.
struct ResultView: Encodable {
    struct Source: Encodable {
        let label: String
        let link: String
        let quote: String
    }

    /// A condition once, with every document that states it (province and city alike).
    struct ConditionView: Encodable {
        let icon: String
        let statusLabel: String
        let cssClass: String
        let text: String
        let sources: [Source]
    }

    struct ProviderView: Encodable {
        let name: String
        let contactName: String
        let phone: PhoneLink?
        let levels: String
    }

    struct CommitteeView: Encodable {
        let name: String
        let host: String
        let phone: PhoneLink?
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
        let committee: CommitteeView?
        let providers: [ProviderView]
        let hasProviders: Bool
        let exemptions: String
        let notes: [String]
        let hasNotes: Bool
        let nextStep: String
        /// 申报流程: each procedure of the documents in force, its steps in order.
        let procedures: [ProcedureView]
        let hasProcedures: Bool
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

    /// A fact the person could give that would settle an undetermined option, with the
    /// link to its field on the form.
    struct Fact: Encodable, Equatable {
        let label: String
        let link: String
    }

    /// One direction (职称, 技能评价) in a few sentences.
    struct DirectionSummary: Encodable {
        let heading: String
        let sentences: [String]
        let facts: [Fact]
        let hasFacts: Bool
        /// What others decide (a committee, the year's notice, a national standard).
        let decidedElsewhere: [String]
        let hasDecidedElsewhere: Bool
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
    let directions: [DirectionSummary]

    /// By the codes a saved check keeps.
    static let statusLabels = Dictionary(uniqueKeysWithValues: OptionStatus.allCases.map { ($0.rawValue, $0.label) })
    static let routeLabels = Dictionary(uniqueKeysWithValues: Route.allCases.map { ($0.rawValue, $0.label) })

    /// The form fields a fact is given in, and how the summary names them.
    static let factLabels: [String: String] = [
        "assessments": "近三年年度考核结果", "cePublic": "近三年每年的继续教育学时（公需科目、专业课、技能培训）",
        "relatedWork": "目前是否仍在与申报职业相关的技术技能领域工作", "currentOccupation": "现岗位对应的职业（工种）",
        "workYears": "累计从事本职业（工种）的年限", "education": "最高学历", "educationRelated": "毕业专业是否与申报职业相关",
        "titleSeries": "所持职称的系列", "skill1Date": "第一张证书的取得日期", "skill2Date": "第二张证书的取得日期",
        "titleDate": "职称取得日期",
    ]

    /// - Parameters:
    ///   - editLink: the form with these answers (`/check?…`); facts link to its fields.
    ///   - formField: the form field a request path was given in (nil: none on the form).
    init(result: EvaluationResult, base: PolicyBase, editLink: String = "/check", formField: (String) -> String? = { _ in nil }, notices: [String] = []) {
        jurisdiction = result.jurisdiction.name
        asOf = result.asOf.description
        let areaCode = base.jurisdiction(result.jurisdiction.code)?.areaCode
        func name(_ document: String) -> String { base.document(document)?.displayName ?? document }
        func conditions(_ list: [Condition]) -> [ConditionView] {
            var merged: [(condition: Condition, sources: [Source])] = []
            for condition in list {
                let source = Source(label: "\(name(condition.citation.policy)) \(condition.citation.clause)",
                                    link: "/documents/\(condition.citation.policy)#c-\(condition.citation.clause)", quote: condition.citation.quote)
                if let at = merged.firstIndex(where: { $0.condition.id == condition.id && $0.condition.text == condition.text && $0.condition.status == condition.status }) {
                    if !merged[at].sources.contains(where: { $0.label == source.label }) { merged[at].sources.append(source) }
                } else {
                    merged.append((condition, [source]))
                }
            }
            return merged.map { condition, sources in
                let (icon, label, css): (String, String, String) = switch condition.status {
                case .met: ("✓", "已满足", "met")
                case .unmet: ("✗", "未满足", "unmet")
                case .unknown: ("?", "待确认", "unknown")
                }
                return ConditionView(icon: icon, statusLabel: label, cssClass: css, text: condition.text, sources: sources)
            }
        }
        func timeline(_ earliest: CalendarDate?, _ status: OptionStatus) -> (Bool, String, Int) {
            guard let earliest else { return (false, "", 0) }
            let days = result.asOf.days(until: earliest)
            if days > 0 { return (true, "\(earliest) 起可申报（还需 \(days) 天）", max(5, min(95, 100 - days * 100 / 1461))) }
            return (true, status == .ineligible ? "" : "自 \(earliest) 起时间条件已满足", 100)
        }
        func nextStep(_ status: OptionStatus, _ earliest: CalendarDate?, recognition: Bool, hasContacts: Bool) -> String {
            let contacts = hasContacts ? "联系方式见下。" : "文件未列具体联系方式，以当年度通知为准。"
            switch status {
            case .eligible:
                return recognition ? "可按当年度通知申请直接认定，程序见下方申报流程；" + contacts : "可以准备材料，按当年度评审（评价）通知申报；" + contacts
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
            let recognition = option.route == .directRecognition
            let committee = option.committee.map { CommitteeView(name: $0.name, host: $0.host ?? "", phone: $0.phone.flatMap { PhoneLink($0, areaCode: areaCode) }) }
            let procedures = Self.procedures(option.procedures, base: base)
            return Card(
                heading: series + option.level.name, routeLabel: option.route.label,
                status: option.status.rawValue, statusLabel: option.status.label(for: option.route),
                basis: basis, hasEarliest: hasEarliest && !earliestText.isEmpty, earliestText: earliestText, timelinePercent: percent,
                conditions: conditions(option.conditions), committee: committee,
                providers: [], hasProviders: false, exemptions: "", notes: option.notes, hasNotes: !option.notes.isEmpty,
                nextStep: nextStep(option.status, option.earliestDate, recognition: recognition, hasContacts: committee != nil),
                procedures: procedures, hasProcedures: !procedures.isEmpty)
        }
        skillCards = result.skillOptions.map { option in
            let (hasEarliest, earliestText, percent) = timeline(option.earliestDate, option.status)
            let basis: String = switch option.basis.kind {
            case .title: "依据：\(option.basis.series ?? "") \(option.basis.level ?? "")职称"
            case .skill: "依据：\(option.basis.occupation ?? "") \(option.basis.level ?? "")证书"
            default: ""
            }
            let grade = option.level.grade.map { "（\($0)）" } ?? ""
            let providers = option.providers.map { provider in
                let (contactName, phone) = PhoneLink.split(provider.contact ?? "", areaCode: areaCode)
                return ProviderView(name: provider.name + (provider.workType.map { "（\($0)）" } ?? ""), contactName: contactName, phone: phone,
                                    levels: provider.levels.joined(separator: "、"))
            }
            let exemption = option.exemptions.contains("theory_exam") ? "可免理论知识考试"
                : option.possibleExemptions.contains("theory_exam") ? "若毕业专业与申报职业相关，可免理论知识考试" : ""
            let procedures = Self.procedures(option.procedures, base: base)
            return Card(
                heading: "\(option.occupation ?? "职业待定") · \(option.level.name)\(grade)",
                routeLabel: option.route.label,
                status: option.status.rawValue, statusLabel: option.status.label, basis: basis,
                hasEarliest: hasEarliest && !earliestText.isEmpty, earliestText: earliestText, timelinePercent: percent,
                conditions: conditions(option.conditions), committee: nil, providers: providers, hasProviders: !providers.isEmpty,
                exemptions: exemption, notes: option.notes, hasNotes: !option.notes.isEmpty,
                nextStep: nextStep(option.status, option.earliestDate, recognition: false, hasContacts: !providers.isEmpty),
                procedures: procedures, hasProcedures: !procedures.isEmpty)
        }
        hasTitleCards = !titleCards.isEmpty
        hasSkillCards = !skillCards.isEmpty
        // The engine's warnings name request fields; a person reads plain words.
        warnings = notices + result.warnings.map(Self.plain)
        hasWarnings = !warnings.isEmpty
        policies = result.policies.map { ($0.number ?? $0.title) + ($0.effectiveFrom.map { "（\($0) 起施行）" } ?? "（施行日期不详）") }
        let open = (result.titleOptions.map(\.status) + result.skillOptions.map(\.status)).filter { $0 == .eligible }.count
        summary = "共 \(result.titleOptions.count + result.skillOptions.count) 个方向，其中 \(open) 个现在即可申报。"
        func facts(_ conditions: [Condition]) -> (facts: [Fact], elsewhere: [String]) {
            var facts: [Fact] = [], elsewhere: [String] = []
            for condition in conditions where condition.status == .unknown {
                if condition.settledBy.isEmpty {
                    if !elsewhere.contains(condition.text) { elsewhere.append(condition.text) }
                    continue
                }
                for path in condition.settledBy {
                    guard let field = formField(path), let label = Self.factLabels[field] else { continue }
                    let fact = Fact(label: label, link: editLink + "#f-" + field)
                    if !facts.contains(fact) { facts.append(fact) }
                }
            }
            return (facts, elsewhere)
        }
        let titleFacts = facts(result.titleOptions.filter { $0.status == .undetermined }.flatMap(\.conditions))
        let skillFacts = facts(result.skillOptions.filter { $0.status == .undetermined }.flatMap(\.conditions))
        directions = [
            Self.summary(heading: "职称", options: zip(result.titleOptions, titleCards).map { ($0.status, $0.route == .directRecognition, $0.earliestDate, $1.heading) },
                         facts: titleFacts, none: "没有可申报的职称方向（高级工以上证书或文件所列荣誉方可申报）。"),
            Self.summary(heading: "技能评价", options: zip(result.skillOptions, skillCards).map { ($0.status, false, $0.earliestDate, $1.heading) },
                         facts: skillFacts, none: "没有可参加的技能评价方向（持有职称或技能证书方可评估）。"),
        ]
    }

    /// "现在即可申报：…；2025-06-01 起可申报：…；有待确认：…" for one direction.
    static func summary(heading: String, options: [(status: OptionStatus, recognition: Bool, earliest: CalendarDate?, name: String)],
                        facts: (facts: [Fact], elsewhere: [String]), none: String) -> DirectionSummary {
        var sentences: [String] = []
        func names(_ list: [(status: OptionStatus, recognition: Bool, earliest: CalendarDate?, name: String)]) -> String {
            var seen: [String] = []
            for item in list where !seen.contains(item.name) { seen.append(item.name) }
            return seen.joined(separator: "、")
        }
        let apply = options.filter { $0.status == .eligible && !$0.recognition }
        let recognise = options.filter { $0.status == .eligible && $0.recognition }
        if !apply.isEmpty { sentences.append("现在即可申报：\(names(apply))。") }
        if !recognise.isEmpty { sentences.append("可以申请直接认定：\(names(recognise))。") }
        let waiting = options.filter { $0.status == .notYet }
        for date in Set(waiting.compactMap(\.earliest)).sorted() {
            sentences.append("\(date) 起可申报：\(names(waiting.filter { $0.earliest == date }))。")
        }
        let open = options.filter { $0.status == .undetermined }
        if !open.isEmpty {
            sentences.append("有待确认：\(names(open))。" + (facts.facts.isEmpty ? "" : "补充下列信息即可判断："))
        }
        let closed = options.filter { $0.status == .ineligible }
        if !closed.isEmpty { sentences.append("暂不符合：\(names(closed))。") }
        if options.isEmpty { sentences.append(none) }
        return DirectionSummary(heading: heading, sentences: sentences, facts: facts.facts, hasFacts: !facts.facts.isEmpty,
                                decidedElsewhere: facts.elsewhere, hasDecidedElsewhere: !facts.elsewhere.isEmpty)
    }

    /// A warning without the request's field paths ("（person.honors[0]）") or English terms.
    static func plain(_ warning: String) -> String { RequestPaths.plain(warning) }

    static func procedures(_ refs: [ProcedureRef], base: PolicyBase) -> [ProcedureView] {
        refs.map { procedure in
            let name = base.document(procedure.policy)?.displayName ?? procedure.policy
            let deferral = procedure.deferral.map { "其余步骤（所需材料、时间）按当年度通知：“\($0.quote)”" }
                ?? (procedure.definedBy == "annual_notice" ? "文件未规定其余步骤、所需材料与时间，以当年度评审计划或通知为准。" : "")
            return ProcedureView(
                source: "\(name) \(procedure.clause)", link: "/documents/\(procedure.policy)#c-\(procedure.clause)",
                appliesTo: procedure.appliesTo.map { "适用于：\($0)" } ?? "",
                steps: procedure.steps.map { ProcedureView.Step(actor: $0.actor, act: $0.act, quote: $0.citation.quote) },
                deferral: deferral, notes: procedure.notes.map { "另（\($0.clause)）：“\($0.quote)”" })
        }
    }
}

/// A phone number as a page links it.
struct PhoneLink: Encodable, Equatable {
    let display: String
    let tel: String

    init?(_ printed: String, areaCode: String?) {
        guard let number = PhoneNumber(printed, areaCode: areaCode) else { return nil }
        display = number.display
        tel = number.international
    }

    static func split(_ contact: String, areaCode: String?) -> (name: String, phone: PhoneLink?) {
        let (name, number) = PhoneNumber.split(contact, areaCode: areaCode)
        return (name, number.flatMap { PhoneLink($0.display, areaCode: nil) })
    }
}
