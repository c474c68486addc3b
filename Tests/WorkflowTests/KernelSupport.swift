import Domain
import PolicyData
import Workflow

enum KernelSupport {
    static let base = try! PolicyBase.bundled()
}

extension CaseProcess {
    /// One event through the kernel of the case type version the case keeps.
    func applying(_ event: Event, by actor: Actor?, seenVersion: Int, on date: CalendarDate) throws(CaseRefusal) -> (Self, WorkflowAuditEntry<Event, Stage>) {
        try CaseKernel(for: self, in: KernelSupport.base.parameters.caseTypes)!.apply(event, by: actor, to: self, seenVersion: seenVersion, on: date)
    }
}
