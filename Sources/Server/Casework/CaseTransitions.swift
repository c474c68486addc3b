import Access
import Domain
import PolicyData
import Workflow

extension PolicyServices {
    /// The kernel of the case type version the case was opened under.
    func kernel<Process: CaseProcess>(for state: Process) throws -> CaseKernel {
        guard let kernel = CaseKernel(for: state, in: base.parameters.caseTypes) else {
            throw Problem(title: "不能办理", status: 500, detail: "缺少这份申请所依据的办理流程（\(Process.caseTypeID) 第 \(state.caseTypeVersion ?? 1) 版）。")
        }
        return kernel
    }

    /// The version of a case type a case opened today keeps.
    func caseTypeVersion<Process: CaseProcess>(of _: Process.Type, on day: CalendarDate) -> Int? {
        base.parameters.caseTypes.caseType(Process.caseTypeID, on: day)?.version
    }

    /// One event through the kernel, its refusals as the API's problems.
    func transition<Process: CaseProcess>(_ state: Process, _ event: Process.Event, actor: Actor?, version: Int, on day: CalendarDate) throws
        -> (Process, WorkflowAuditEntry<Process.Event, Process.Stage>) {
        let kernel = try kernel(for: state)
        do throws(CaseRefusal) {
            return try kernel.apply(event, by: actor, to: state, seenVersion: version, on: day)
        } catch {
            throw Problem(refusing: error)
        }
    }

    /// The actor a principal takes `event` as: the case type names the party, Access decides
    /// whether the principal is it (the applicant, or the role and organisation whose turn it is).
    func actor<Process: CaseProcess>(_ principal: Principal, for event: Process.Event, in state: Process, scope: CaseScope, due: Seat?) throws -> Actor {
        let notNow = Problem(title: "不能办理", status: 422, detail: CaseRefusal.notNow.description)
        guard let party = try kernel(for: state).caseType.event(event.code)?.by else { throw notNow }
        let found: Actor?
        do throws(CasePolicy.Refusal) {
            found = try CasePolicy.actor(principal, as: party, in: scope, due: due)
        } catch {
            switch error {
            case .nobodyDue: throw notNow
            case .notApplicant(.applicant): throw Problem(title: "无权办理", status: 403, detail: "只有申报人本人可以办理。")
            case .notApplicant(let role), .notInRole(let role):
                throw Problem(title: "无权办理", status: 403, detail: "这一步应由「\(role.label)」办理，您在这份申请中没有这个角色。")
            }
        }
        // The public's part (an objection) is taken on the public page, never as a signed-in actor here.
        guard let found else { throw notNow }
        return found
    }

    /// The action codes the actor may take now, as the kernel offers them.
    func actions<Process: CaseProcess>(_ state: Process, for actor: Actor?) -> [String] {
        (try? kernel(for: state).actions(for: actor, in: state, on: today())) ?? []
    }
}

extension Problem {
    init(refusing refusal: CaseRefusal) {
        switch refusal {
        case .conflict: self.init(title: "操作冲突", status: 409, detail: refusal.description)
        case .wrongActor: self.init(title: "无权办理", status: 403, detail: refusal.description)
        default: self.init(title: "不能办理", status: 422, detail: refusal.description)
        }
    }
}
