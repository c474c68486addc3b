import PolicyData
import Workflow

/// A case type's words for pages and trails: its stages' and events' labels, in its order.
struct CaseWords: Sendable {
    let stages: [CaseType.Stage]
    private let stageLabels: [String: String]
    private let eventLabels: [String: String]

    init(_ type: CaseType?) {
        stages = type?.stages ?? []
        stageLabels = Dictionary(stages.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        eventLabels = Dictionary((type?.events ?? []).map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
    }

    func stage(_ code: String) -> String { stageLabels[code] ?? code }
    func event(_ code: String) -> String { eventLabels[code] ?? code }
}

extension PolicyServices {
    /// The words of a case type's newest version (labels do not change a case's rules).
    func words<Process: CaseProcess>(_: Process.Type) -> CaseWords {
        CaseWords(base.parameters.caseTypes.filter { $0.id == Process.caseTypeID }.max { $0.version < $1.version })
    }
}
