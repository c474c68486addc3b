import Domain
import Foundation
import PolicyData

/// An occupation (and 工种) at levels an evaluation organisation takes, or an employer is
/// qualified to evaluate itself (自主评价), with where that is written.
struct SkillCoverage: Codable, Sendable, Hashable {
    /// Where the coverage comes from: it decides which applications may come here.
    enum Basis: String, Codable, Sendable {
        /// A row of a providers or service-point table (衢州 附件4, 绍兴 附件3).
        case listed
        /// An access-type occupation's named department (河北 三（二）6).
        case accessType = "access_type"
        /// A procedure's named actor (绍兴 市职业技能鉴定中心).
        case procedure
        /// An employer qualified to evaluate its own staff, on the administrator's source.
        case qualified
    }

    /// The occupation's canonical name, or nil where the source names no occupation (a centre
    /// that takes a level of every occupation).
    let occupation: String?
    let workType: String?
    /// Level names (技师, 高级技师…); empty where the source names none.
    let levels: [String]
    let source: String
    /// Nil in coverage stored before the basis was kept: read as `listed`.
    var basis: Basis? = nil
    /// For `procedure`: the actor of the procedure's steps this organisation is.
    var actor: String? = nil

    /// Whether an application for this occupation, 工种 and level may come here. A source that
    /// names no levels (河北's access-type list) takes every level of its occupation.
    func covers(occupation wanted: String, workType wantedType: String?, level: SkillLevel) -> Bool {
        guard occupation == nil || occupation == wanted else { return false }
        guard workType == nil || wantedType == nil || workType == wantedType else { return false }
        return levels.isEmpty || levels.contains { SkillLevel(name: $0) == level }
    }

    var summary: String {
        [occupation ?? "各职业", workType.map { "（\($0)）" } ?? "", levels.isEmpty ? "（文件未列等级）" : " " + levels.joined(separator: "、")].joined()
    }
}

/// The evaluation organisations the data names, and what each covers: the rows of the
/// providers and service-point tables (衢州 附件4, 绍兴 附件3), the departments of the
/// access-type occupations (河北 三（二）6), and the named actors of the skill procedures
/// (绍兴 市职业技能鉴定中心).
struct ProviderCatalogue {
    let base: PolicyBase

    /// What `name` covers in `jurisdiction` (or the places above it), or nil when the data names no such provider.
    func coverage(of name: String, in jurisdiction: String) -> [SkillCoverage]? {
        let chain = Set(base.jurisdictionChain(jurisdiction).map(\.code))
        let number = { (document: String) in self.base.document(document)?.number ?? document }
        let rows = base.providers.filter { $0.name == name && chain.contains($0.jurisdiction) }
        if !rows.isEmpty {
            return rows.map { row in
                SkillCoverage(occupation: row.occupation, workType: row.workType, levels: row.levels.map(\.name),
                              source: "\(number(row.source.document)) \(row.source.table) 第 \(row.source.row) 行", basis: .listed)
            }
        }
        let access = base.parameters.accessTypeOccupations.filter { $0.departments.contains(name) && inForce($0.document, chain) }
        if !access.isEmpty {
            return access.map { SkillCoverage(occupation: $0.occupation, workType: nil, levels: [], source: "\(number($0.document)) \($0.clause)", basis: .accessType) }
        }
        // A centre a city's document names may sit above the city (绍兴's document names the provincial centre).
        let procedures = base.parameters.procedures.filter { procedure in
            procedure.direction == .skill && (inForce(procedure.document, chain) || isBelow(procedure.document, jurisdiction))
                && procedure.steps.contains { $0.actor == name && isProvider($0.actor) }
        }
        guard !procedures.isEmpty else { return nil }
        return procedures.map { SkillCoverage(occupation: nil, workType: nil, levels: ($0.skillLevels ?? []).map(\.name),
                                              source: "\(number($0.document)) \($0.clause)", basis: .procedure, actor: name) }
    }

    /// Every provider name the data gives for `jurisdiction`, for a message naming the choices.
    func names(in jurisdiction: String) -> [String] {
        let chain = Set(base.jurisdictionChain(jurisdiction).map(\.code))
        var names = Set(base.providers.filter { chain.contains($0.jurisdiction) }.map(\.name))
        for entry in base.parameters.accessTypeOccupations where inForce(entry.document, chain) { names.formUnion(entry.departments) }
        for procedure in base.parameters.procedures where procedure.direction == .skill && inForce(procedure.document, chain) {
            names.formUnion(procedure.steps.map(\.actor).filter(isProvider))
        }
        return names.sorted()
    }

    /// Whether `document` is of a place below `jurisdiction`.
    private func isBelow(_ document: String, _ jurisdiction: String) -> Bool {
        base.document(document).map { base.jurisdictionChain($0.jurisdiction).map(\.code).contains(jurisdiction) } ?? false
    }

    private func inForce(_ document: String, _ chain: Set<String>) -> Bool {
        base.document(document).map { chain.contains($0.jurisdiction) } ?? false
    }

    /// A procedure actor that names one evaluation organisation, not a kind whose members are
    /// listed elsewhere (procedures.yaml `members`).
    private func isProvider(_ actor: String) -> Bool {
        base.parameters.actorRoles.contains { $0.actor == actor && $0.role == "evaluation_organisation" && $0.members == nil }
    }
}
