import Contract
import Domain
import Foundation

/// The option an application was submitted with, as the engine answered it then: every
/// condition with its status, clause and words, the committee and the steps, and the data
/// version. Kept unchanged beside a live re-check.
struct FrozenOption: Codable, Sendable, Hashable {
    struct FrozenCondition: Codable, Sendable, Hashable {
        let id: String
        let text: String
        let status: String
        let policy: String
        let clause: String
        let quote: String
        let settledBy: [String]
    }

    struct FrozenStep: Codable, Sendable, Hashable {
        let actor: String
        let act: String
        let policy: String
        let clause: String
        let quote: String
    }

    struct FrozenProcedure: Codable, Sendable, Hashable {
        let policy: String
        let clause: String
        let definedBy: String
        let deferral: String?
        let steps: [FrozenStep]
    }

    let jurisdiction: String
    let asOf: String
    let dataVersion: String
    var series: String? = nil
    var specialty: String? = nil
    let level: String
    let route: String
    let status: String
    let earliestDate: String?
    let basis: String
    let conditions: [FrozenCondition]
    var committee: String? = nil
    let notes: [String]
    let procedures: [FrozenProcedure]

    /// For a skill option: the occupation, and the exemptions it carried (theory_exam).
    var occupation: String? = nil
    var exemptions: [String]? = nil

    init(_ option: TitleOption, jurisdiction: String, asOf: CalendarDate, dataVersion: String) {
        self.init(jurisdiction: jurisdiction, asOf: asOf, dataVersion: dataVersion, level: option.level.name, route: option.route, status: option.status,
                  earliestDate: option.earliestDate, basis: option.basis, conditions: option.conditions, notes: option.notes, procedures: option.procedures)
        series = option.series
        specialty = option.specialty
        committee = option.committee?.name
    }

    init(_ option: SkillOption, jurisdiction: String, asOf: CalendarDate, dataVersion: String) {
        self.init(jurisdiction: jurisdiction, asOf: asOf, dataVersion: dataVersion, level: option.level.name, route: option.route, status: option.status,
                  earliestDate: option.earliestDate, basis: option.basis, conditions: option.conditions, notes: option.notes, procedures: option.procedures)
        occupation = option.occupation
        exemptions = option.exemptions
    }

    private init(jurisdiction: String, asOf: CalendarDate, dataVersion: String, level: String, route: Contract.Route, status: OptionStatus,
                 earliestDate: CalendarDate?, basis: Basis, conditions: [Condition], notes: [String], procedures: [ProcedureRef]) {
        self.jurisdiction = jurisdiction
        self.asOf = asOf.description
        self.dataVersion = dataVersion
        self.level = level
        self.route = route.rawValue
        self.status = status.rawValue
        self.earliestDate = earliestDate?.description
        self.basis = [basis.occupation, basis.series, basis.level, basis.name].compactMap { $0 }.joined(separator: " ")
        self.conditions = conditions.map {
            FrozenCondition(id: $0.id, text: $0.text, status: $0.status.rawValue, policy: $0.citation.policy, clause: $0.citation.clause,
                            quote: $0.citation.quote, settledBy: $0.settledBy)
        }
        self.notes = notes
        self.procedures = procedures.map { procedure in
            FrozenProcedure(policy: procedure.policy, clause: procedure.clause, definedBy: procedure.definedBy, deferral: procedure.deferral?.quote,
                            steps: procedure.steps.map { FrozenStep(actor: $0.actor, act: $0.act, policy: $0.citation.policy, clause: $0.citation.clause, quote: $0.citation.quote) })
        }
    }

    var routeLabel: String { Contract.Route(rawValue: route)?.label ?? route }
    var statusLabel: String {
        guard let status = OptionStatus(rawValue: status) else { return status }
        return status.label(for: Contract.Route(rawValue: route) ?? .regular)
    }
    /// What stands in the way, for a refusal: the unmet conditions.
    var blocking: [FrozenCondition] { conditions.filter { $0.status == "unmet" } }
}
