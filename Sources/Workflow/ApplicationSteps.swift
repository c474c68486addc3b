import PolicyData

/// The checks an application passes, from a procedure the documents prescribe: every step
/// after the applicant's own 申报 and before the committee's 评审 / 认定, with its role.
public enum ApplicationSteps {
    public enum Failure: Error, Sendable, Hashable {
        /// A procedure's actor that `actors.yaml` does not map to a role.
        case unknownActor(String)
        /// The document leaves the steps to the year's notice: the review plan must give them.
        case definedByPlan
    }

    public static func steps(of procedure: Procedure, roles: [String: String]) throws(Failure) -> [TitleApplication.Step] {
        guard procedure.definedBy == .document else { throw .definedByPlan }
        var steps: [TitleApplication.Step] = []
        for step in procedure.steps where step.act != .apply && step.act != .review && step.act != .recognise && step.act != .publicity {
            guard let name = roles[step.actor], let role = Role(rawValue: name) else { throw .unknownActor(step.actor) }
            steps.append(TitleApplication.Step(role: role, act: step.act.rawValue, source: "\(procedure.document) \(step.clause ?? procedure.clause)"))
        }
        return steps
    }

    /// The role that publicises, where the procedure has a 公示 step (the plan sets its days).
    public static func publicityRole(of procedure: Procedure, roles: [String: String]) -> Role? {
        procedure.steps.first { $0.act == .publicity }.flatMap { roles[$0.actor] }.flatMap(Role.init(rawValue:))
    }
}
