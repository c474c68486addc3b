import Access
import Contract
import Domain
import PolicyData
import Workflow

/// An organisation that may take skill applications, with what it covers.
struct SkillProvider: Sendable {
    let organisation: OrganisationRef
    let coverage: [SkillCoverage]
}

/// Where a skill option goes: the procedure the documents give for it, the provider that takes
/// it, and each provider's step (绍兴 高级技师: the city centre, then the provincial centre).
struct SkillRoute: Sendable {
    let procedure: Procedure
    /// "绍市人社发〔2019〕64号 二（三）2": shown to the applicant and the providers.
    let citation: String
    let steps: [SkillEvaluation.Step]
    let organisations: [OrganisationRef]
}

/// Chooses the procedure and checks the provider for a skill option, from the procedure data
/// alone: a procedure marked `own_employer` or `access_type` is for those cases; otherwise the
/// most local procedure applies, and its first provider's step says who may take it (one named
/// centre, or any organisation whose listed coverage includes the occupation and level).
struct SkillRouting {
    let base: PolicyBase

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `others`: the evaluation organisations of the jurisdiction's chain, for the later steps.
    func route(_ option: SkillOption, occupation: String, workType: String?, jurisdiction: String, to provider: SkillProvider,
               employer: OrganisationRef?, others: [SkillProvider]) throws(Failure) -> SkillRoute {
        let chain = base.jurisdictionChain(jurisdiction).map(\.code)
        let procedures = option.procedures.compactMap { ref in
            base.parameters.procedures.first { $0.direction == .skill && $0.document == ref.policy && $0.clause == ref.clause }
        }
        let access = base.parameters.accessTypeOccupations.filter { entry in
            entry.occupation == occupation && base.document(entry.document).map { chain.contains($0.jurisdiction) } == true
        }
        let level = option.level
        let procedure: Procedure
        if let entry = access.first, let accessProcedure = procedures.first(where: { $0.provider == .accessType }) {
            // 就业准入类: only the departments the list names, whoever the applicant's employer is.
            guard provider.coverage.contains(where: { $0.basis == .accessType && $0.covers(occupation: occupation, workType: workType, level: level) }) else {
                throw Failure(description: "「\(entry.printedName)」属就业准入类职业，只能向\(entry.departments.joined(separator: "、"))申请鉴定（\(cite(entry.document, entry.clause))）")
            }
            procedure = accessProcedure
        } else if provider.organisation.kind == .employer {
            guard provider.organisation.id == employer?.id else {
                throw Failure(description: "用人单位只评价本单位职工：请选择本人所在单位，或选择社会评价组织")
            }
            guard provider.coverage.contains(where: { $0.basis == .qualified && $0.covers(occupation: occupation, workType: workType, level: level) }) else {
                throw Failure(description: "「\(provider.organisation.name)」没有「\(occupation) \(level.name)」的职业技能等级认定资质")
            }
            guard let own = procedures.first(where: { $0.provider == .ownEmployer }) ?? procedures.first(where: { $0.provider == nil && !named(firstProviderActor($0)) })
            else { throw Failure(description: "文件未规定所在单位可自主评价这一等级，请选择社会评价组织") }
            procedure = own
        } else {
            guard let local = procedures.filter({ $0.provider == nil }).max(by: { depth($0) < depth($1) }) else {
                throw Failure(description: "文件没有这一等级的评价流程")
            }
            let first = firstProviderActor(local)
            if named(first) {
                guard provider.coverage.contains(where: { $0.basis == .procedure && $0.actor == first && $0.covers(occupation: occupation, workType: workType, level: level) })
                else { throw Failure(description: "\(level.name)应向「\(first ?? "")」申请（\(cite(local.document, local.clause))）") }
            } else {
                // A kind of provider the tables list (服务点, 社会培训评价组织): a listed row must cover it.
                guard provider.coverage.contains(where: { ($0.basis ?? .listed) == .listed && $0.covers(occupation: occupation, workType: workType, level: level) })
                else { throw Failure(description: "「\(provider.organisation.name)」不承担「\(occupation)\(workType.map { "（\($0)）" } ?? "") \(level.name)」的评价（见其所列职业、工种和等级）") }
            }
            procedure = local
        }
        return try steps(of: procedure, provider: provider, occupation: occupation, level: level, others: others)
    }

    /// The providers' steps of the procedure, one per actor in turn: the first is the provider
    /// chosen; a later one (a centre the document names) is the organisation set up as it.
    private func steps(of procedure: Procedure, provider: SkillProvider, occupation: String, level: SkillLevel, others: [SkillProvider]) throws(Failure) -> SkillRoute {
        var steps: [SkillEvaluation.Step] = []
        var organisations: [OrganisationRef] = []
        var previous: String?
        for step in procedure.steps where isProviderActor(step.actor) && step.actor != previous {
            previous = step.actor
            let source = cite(procedure.document, step.clause ?? procedure.clause)
            if steps.isEmpty {
                steps.append(.init(role: provider.organisation.kind == .employer ? .employer : .evaluationOrganisation,
                                   organisation: provider.organisation.id, act: step.act.rawValue, source: source))
                organisations.append(provider.organisation)
                continue
            }
            let actor = step.actor
            var found = others.filter { other in other.coverage.contains { $0.basis == .procedure && $0.actor == actor && $0.covers(occupation: occupation, workType: nil, level: level) } }
            // The organisation before names the one it reports to, where there are several.
            if let named = organisations.last?.handlers[Role.evaluationOrganisation.rawValue], let chosen = found.first(where: { $0.organisation.id == named.uppercased() }) {
                found = [chosen]
            }
            guard let next = found.first else { throw Failure(description: "尚未设立「\(actor)」（\(source)），暂不能提交，请联系人力社保部门") }
            guard found.count == 1 else {
                throw Failure(description: "设立了 \(found.count) 个「\(actor)」，而「\(organisations.last?.name ?? "")」未指定上报哪一个，请联系人力社保部门")
            }
            steps.append(.init(role: .evaluationOrganisation, organisation: next.organisation.id, act: step.act.rawValue, source: source))
            organisations.append(next.organisation)
        }
        guard !steps.isEmpty else { throw Failure(description: "流程数据中没有评价机构的步骤") }
        return SkillRoute(procedure: procedure, citation: cite(procedure.document, procedure.clause), steps: steps, organisations: organisations)
    }

    private func firstProviderActor(_ procedure: Procedure) -> String? {
        procedure.steps.first { isProviderActor($0.actor) }?.actor
    }

    /// An actor that names one organisation (procedures.yaml `actors` without `members`).
    private func named(_ actor: String?) -> Bool {
        base.parameters.actorRoles.contains { $0.actor == actor && $0.members == nil }
    }

    private func isProviderActor(_ actor: String) -> Bool {
        base.parameters.actorRoles.contains { $0.actor == actor && $0.role == Role.evaluationOrganisation.rawValue }
    }

    /// How far down the jurisdictions the procedure's document is: a city's beats the province's.
    private func depth(_ procedure: Procedure) -> Int {
        base.document(procedure.document).map { base.jurisdictionChain($0.jurisdiction).count } ?? 0
    }

    func cite(_ document: String, _ clause: String) -> String {
        "\(base.document(document)?.number ?? document) \(clause)"
    }
}
