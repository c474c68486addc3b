import Domain

/// Why a case may not take an event, in the words the person is shown: one set for every case
/// type. The kernel's own are the first three (a stale version, an event the stage does not
/// have, another party's event); the rest come from the processes' effects.
public enum CaseRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The actor saw an older version: another action came first.
    case conflict(current: Int)
    /// The event does not belong to this stage (skipped, repeated, late).
    case notNow
    /// Someone else's step (or no step of this role's now).
    case wrongActor(expected: Role?)
    /// The option is not open: `not_yet` or `ineligible` at submission.
    case notSubmittable(status: String)
    case reasonRequired
    /// Items assigned to this role are still to be confirmed.
    case confirmationsOpen(count: Int)
    case unknownItem
    case publicityNotOver(until: CalendarDate)
    /// Results must cover each component the batch sets (the theory exam not when exempt).
    case resultsIncomplete(missing: [String])
    case unknownComponent(String)

    public var description: String {
        switch self {
        case .conflict: "这份申请刚被他人处理过，请刷新后再操作"
        case .notNow: "申请当前所处的阶段不能进行这项操作"
        case .wrongActor(let role): role.map { "这一步应由「\($0.label)」办理" } ?? "当前没有您可以办理的步骤"
        case .notSubmittable(let status): status == "not_yet" ? "尚未到可申报的时间，不能提交" : "条件未满足，不能提交"
        case .reasonRequired: "请写明理由"
        case .confirmationsOpen(let count): "还有 \(count) 项待确认的事项，确认后才能办理这一步"
        case .unknownItem: "没有这项待确认事项"
        case .publicityNotOver(let until): "公示期至 \(until) 才结束"
        case .resultsIncomplete(let missing): "还缺以下考核项目的成绩：" + missing.joined(separator: "、")
        case .unknownComponent(let name): "本批次没有「\(name)」这一考核项目"
        }
    }
}
