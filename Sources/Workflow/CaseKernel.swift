import Domain
import PolicyData

/// A process the kernel runs: its state names its stage and version, and it resolves the
/// parties and conditions its case type names. What only this process does (step order,
/// publicity dates, batches and results, the centre's opinion) is its `effect`.
public protocol CaseProcess: Sendable, Hashable, Codable {
    associatedtype Event: Sendable & Hashable & Codable & CaseCoded
    associatedtype Stage: Sendable & Hashable & Codable & CaseCoded

    static var caseTypeID: String { get }
    var stage: Stage { get }
    var version: Int { get set }
    /// The case type's version the case was opened under (nil: opened before versions were kept, 1).
    var caseTypeVersion: Int? { get }
    /// The role the applicant acts in (a question-bank project's applicant is a unit).
    static var applicantRole: Role { get }
    /// The role whose turn it is, if any.
    var dueRole: Role? { get }
    /// Whether the actor is the case's applicant, the one whose turn it is, one with items to
    /// confirm now, or one who may enter the deciding body's outcome (the parties only the
    /// case can tell; `anyone` and `hr_bureau` the kernel decides).
    func takes(_ party: CaseType.Party, actor: Actor) -> Bool
    /// A condition an event's `when` names.
    func holds(_ condition: String) -> Bool
    /// Whether the event can be taken on this day (a publicity period must be over before it is
    /// closed): what is offered; the effect refuses it in its own words all the same.
    func opens(_ event: CaseType.Event, on date: CalendarDate) -> Bool
    /// The next state after an admitted event, or this process's own refusal.
    func effect(_ event: Event, by actor: Actor?, on date: CalendarDate) throws(CaseRefusal) -> Self
}

/// The one machine every case type runs on: it admits an event only where the case type
/// declares it for the current stage and for the actor's party, checks that the process
/// moved to a stage the type allows, counts the version and writes the audit entry.
public struct CaseKernel: Sendable {
    public let caseType: CaseType

    public init(caseType: CaseType) {
        self.caseType = caseType
    }

    /// The kernel for the version a case was opened under, from the case types of the data.
    public init?<Process: CaseProcess>(for process: Process, in caseTypes: [CaseType]) {
        guard let type = caseTypes.caseType(Process.caseTypeID, version: process.caseTypeVersion ?? 1) else { return nil }
        caseType = type
    }

    /// The events the actor may take on this day, in the case type's order.
    public func availableEvents<Process: CaseProcess>(for actor: Actor?, in process: Process, on date: CalendarDate) -> [CaseType.Event] {
        caseType.events(at: process.stageCode).filter { event in
            Self.is(actor, event.by, of: process) && (event.when.map(process.holds) ?? true) && process.opens(event, on: date)
        }
    }

    static func `is`<Process: CaseProcess>(_ actor: Actor?, _ party: CaseType.Party, of process: Process) -> Bool {
        guard let actor else { return party == .anyone }
        switch party {
        case .anyone: return true
        case .hrBureau: return Role.hrBureaus.contains(actor.role)
        case .applicant, .due, .confirmer, .decider: return process.takes(party, actor: actor)
        }
    }

    static func expectedRole<Process: CaseProcess>(for party: CaseType.Party, of process: Process) -> Role? {
        switch party {
        case .applicant: Process.applicantRole
        case .hrBureau: .cityHRBureau
        case .anyone: nil
        case .due, .confirmer, .decider: process.dueRole
        }
    }

    /// The action codes the actor may take on this day (the events pages and the API offer).
    public func actions<Process: CaseProcess>(for actor: Actor?, in process: Process, on date: CalendarDate) -> [String] {
        availableEvents(for: actor, in: process, on: date).compactMap(\.action)
    }

    /// The case after `event`, and the audit entry recording it.
    public func apply<Process: CaseProcess>(_ event: Process.Event, by actor: Actor?, to process: Process, seenVersion: Int,
                                            on date: CalendarDate) throws(CaseRefusal) -> (Process, WorkflowAuditEntry<Process.Event, Process.Stage>) {
        guard seenVersion == process.version else { throw .conflict(current: process.version) }
        guard let declared = caseType.events(at: process.stageCode).first(where: { $0.code == event.code }),
              declared.when.map(process.holds) ?? true else { throw .notNow }
        guard Self.is(actor, declared.by, of: process) else { throw .wrongActor(expected: Self.expectedRole(for: declared.by, of: process)) }
        var next = try process.effect(event, by: actor, on: date)
        // The process may only go where its case type says this event leads.
        guard declared.to.isEmpty ? next.stageCode == process.stageCode : declared.to.contains(next.stageCode) else { throw .notNow }
        next.version = process.version + 1
        return (next, WorkflowAuditEntry(version: next.version, actor: actor, date: date, event: event, before: process.stage, after: next.stage))
    }
}

/// A stage or event, by the code its case type gives it.
public protocol CaseCoded {
    var code: String { get }
}

extension CaseProcess {
    /// The stage's code in the case type.
    public var stageCode: String { stage.code }
    public static var applicantRole: Role { .applicant }
    public func holds(_ condition: String) -> Bool { false }
    public func opens(_ event: CaseType.Event, on date: CalendarDate) -> Bool { true }
}
