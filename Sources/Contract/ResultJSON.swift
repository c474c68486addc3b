import Domain

/// The result as JSON, in the contract's field order. The one encoding of a result: the
/// server, the CLI and the tests all use it.
extension EvaluationResult {
    public func json(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        write(to: &writer)
        return writer.bytes
    }

    public func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("jurisdiction")
            w.object { w in
                w.key("code"); w.string(jurisdiction.code)
                w.key("name"); w.string(jurisdiction.name)
            }
            w.key("asOf"); w.string(asOf.description)
            w.key("policies")
            w.array(policies) { w, policy in
                w.object { w in
                    w.key("id"); w.string(policy.id)
                    w.key("number"); w.string(policy.number)
                    w.key("title"); w.string(policy.title)
                    w.key("effectiveFrom"); w.string(policy.effectiveFrom?.description)
                }
            }
            w.key("titleOptions")
            w.array(titleOptions) { w, option in option.write(to: &w) }
            w.key("skillOptions")
            w.array(skillOptions) { w, option in option.write(to: &w) }
            w.key("warnings")
            w.array(warnings) { w, warning in w.string(warning) }
        }
    }
}

extension TitleOption {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("series"); w.string(series)
            if let specialty { w.key("specialty"); w.string(specialty) }
            w.key("level"); w.string(level.name)
            w.key("route"); w.string(route.rawValue)
            w.key("status"); w.string(status.rawValue)
            w.key("earliestDate"); w.string(earliestDate?.description)
            w.key("basis"); basis.write(to: &w)
            w.key("conditions"); w.array(conditions) { w, condition in condition.write(to: &w) }
            w.key("committee")
            if let committee { committee.write(to: &w) } else { w.null() }
            w.key("notes"); w.array(notes) { w, note in w.string(note) }
            w.key("procedures"); w.array(procedures) { w, procedure in procedure.write(to: &w) }
        }
    }
}

extension SkillOption {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("occupation"); w.string(occupation)
            w.key("level"); w.string(level.name)
            w.key("route"); w.string(route.rawValue)
            w.key("status"); w.string(status.rawValue)
            w.key("earliestDate"); w.string(earliestDate?.description)
            w.key("basis"); basis.write(to: &w)
            w.key("conditions"); w.array(conditions) { w, condition in condition.write(to: &w) }
            w.key("exemptions"); w.array(exemptions) { w, exemption in w.string(exemption) }
            if !possibleExemptions.isEmpty { w.key("possibleExemptions"); w.array(possibleExemptions) { w, exemption in w.string(exemption) } }
            w.key("providers"); w.array(providers) { w, provider in provider.write(to: &w) }
            w.key("notes"); w.array(notes) { w, note in w.string(note) }
            w.key("procedures"); w.array(procedures) { w, procedure in procedure.write(to: &w) }
        }
    }
}

extension Condition {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("id"); w.string(id)
            w.key("text"); w.string(text)
            w.key("status"); w.string(status.rawValue)
            w.key("citation"); citation.write(to: &w)
            if let metOn { w.key("metOn"); w.string(metOn.description) }
            if !settledBy.isEmpty { w.key("settledBy"); w.array(settledBy) { w, path in w.string(path) } }
        }
    }
}

extension Basis {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("kind"); w.string(kind.rawValue)
            if let occupation { w.key("occupation"); w.string(occupation) }
            if let series { w.key("series"); w.string(series) }
            if let level { w.key("level"); w.string(level) }
            if let name { w.key("name"); w.string(name) }
        }
    }
}

extension CommitteeRef {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("name"); w.string(name)
            w.key("host"); w.string(host)
            w.key("phone"); w.string(phone)
        }
    }
}

extension ProviderRef {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("name"); w.string(name)
            w.key("contact"); w.string(contact)
            w.key("levels"); w.array(levels) { w, level in w.string(level) }
            if let workType { w.key("workType"); w.string(workType) }
        }
    }
}

extension Citation {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("policy"); w.string(policy)
            w.key("clause"); w.string(clause)
            w.key("quote"); w.string(quote)
        }
    }
}

extension ProcedureRef {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("policy"); w.string(policy)
            w.key("clause"); w.string(clause)
            w.key("definedBy"); w.string(definedBy)
            if let appliesTo { w.key("appliesTo"); w.string(appliesTo) }
            if let deferral { w.key("deferral"); deferral.write(to: &w) }
            w.key("steps")
            w.array(steps) { w, step in
                w.object { w in
                    w.key("actor"); w.string(step.actor)
                    w.key("act"); w.string(step.act)
                    w.key("citation"); step.citation.write(to: &w)
                }
            }
            w.key("notes"); w.array(notes) { w, note in note.write(to: &w) }
        }
    }
}

extension ProcedureRef {
    /// The procedure as JSON, as the evaluation result writes it.
    public func json() -> [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}
