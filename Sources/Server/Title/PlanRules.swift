import Domain
import Engine
import Foundation
import PolicyData
import Vapor

/// What the documents fix about a committee's review plan, whatever the office enters: the
/// series its committee reviews (衢州 附件3), and the settings a document prescribes rather
/// than permits (a 公示 step means at least one day of publicity; 河北 三（一）6 单独分组).
/// Where the documents leave a setting to the year's notice, the plan decides.
struct PlanRules {
    let base: PolicyBase
    let engine: Engine

    /// The series of a plan that its committee does not review, with the committee that does.
    /// Only for a committee a table lists; one the documents leave to the notice is unchecked.
    func seriesOutsideCommittee(_ series: [String], committee: String, jurisdiction: String) -> [FieldError] {
        let tabled = base.committees.filter { $0.jurisdiction == jurisdiction && $0.name != nil }
        let own = tabled.filter { $0.name == committee }
        guard let first = own.first else { return [] }
        let document = base.document(first.source.document)?.displayName ?? first.source.document
        return series.enumerated().compactMap { index, name in
            if own.contains(where: { $0.series == name }) { return nil }
            if let other = tabled.first(where: { $0.series == name }), let otherName = other.name {
                return FieldError(field: "series[\(index)]", message: "「\(name)」按\(document) \(other.source.location)由「\(otherName)」评审，不属本评审委员会")
            }
            let listed = own.map(\.series).joined(separator: "、")
            return FieldError(field: "series[\(index)]", message: "「\(name)」不在\(document) \(first.source.table)所列本评审委员会的系列中（\(listed)）")
        }
    }

    /// The settings the procedures of the plan's jurisdiction fix for its levels on `day`.
    func fixedSettings(publicityDays: Int, separateGroup: Bool, levels: [TitleLevel], jurisdiction: String, on day: CalendarDate) -> [FieldError] {
        var errors: [FieldError] = []
        var seen = Set<String>()
        for level in levels {
            for reference in engine.procedures(jurisdiction: jurisdiction, asOf: day, direction: .title, titleLevel: level) ?? []
            where reference.definedBy == Procedure.DefinedBy.document.rawValue && seen.insert(reference.policy + reference.clause).inserted {
                let document = base.document(reference.policy)?.displayName ?? reference.policy
                if publicityDays < 1, let step = reference.steps.first(where: { $0.act == Procedure.Act.publicity.rawValue }) {
                    errors.append(FieldError(field: "publicityDays", message:
                        "\(document) \(step.citation.clause)规定「\(step.citation.quote)」：\(step.actor)须公示，公示天数至少 1 天"))
                }
                let procedure = base.parameters.procedures.first { $0.document == reference.policy && $0.clause == reference.clause }
                for requirement in procedure?.planRequires ?? [] where requirement.setting == .separateGroup && !separateGroup {
                    errors.append(FieldError(field: "separateGroup", message:
                        "\(document) \(requirement.clause)规定「\(requirement.quote)」：本地区的评审计划须对高技能人才单独分组"))
                }
            }
        }
        return errors
    }
}
