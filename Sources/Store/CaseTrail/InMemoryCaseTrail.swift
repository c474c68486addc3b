import Foundation

/// The case trail in memory: the same contract as `SQLCaseTrail` (the store's tests run both),
/// for the kernel's tests and anything else that needs no database.
public final class InMemoryCaseTrail: CaseTrail {
    private struct Contents {
        var entries: [TrailEntry] = []
        var reads: [CaseRead] = []
        var files: [CaseFile] = []
        var revisions: [UUID: Int] = [:]
    }

    private let kept = Locked(Contents())

    public init() {}

    public func append(_ entries: [TrailEntry]) async throws {
        try kept.withLock { contents in
            // As the database's unique (case_id, version): one entry per version of a case.
            var kept = contents.entries
            for entry in entries {
                guard !kept.contains(where: { $0.caseID == entry.caseID && $0.version == entry.version }) else {
                    throw StoreFailure("这份申请的第 \(entry.version) 版已有记录")
                }
                kept.append(entry)
            }
            contents.entries = kept
        }
    }

    public func entries(of caseID: UUID) async throws -> [TrailEntry] {
        kept.withLock { $0.entries.filter { $0.caseID == caseID }.sorted { $0.version < $1.version } }
    }

    public func latest(of caseIDs: [UUID], notBy user: UUID, limit: Int) async throws -> [TrailEntry] {
        let cases = Set(caseIDs)
        return kept.withLock { contents in
            Array(contents.entries.filter { cases.contains($0.caseID) && $0.actor?.user != user.uuidString }
                .sorted { ($0.at, $0.version) > ($1.at, $1.version) }.prefix(limit))
        }
    }

    public func record(_ read: CaseRead) async throws {
        kept.withLock { $0.reads.append(read) }
    }

    public func reads(of caseID: UUID, limit: Int) async throws -> [CaseRead] {
        kept.withLock { Array($0.reads.filter { $0.caseID == caseID }.reversed().stableSorted { $0.at > $1.at }.prefix(limit)) }
    }

    public func add(_ file: CaseFile) async throws {
        kept.withLock { $0.files.append(file) }
    }

    public func files(of caseID: UUID) async throws -> [CaseFile] {
        kept.withLock { contents in
            contents.files.filter { $0.caseID == caseID }.map { file in
                var listed = file
                listed.data = Data()
                return listed
            }
        }
    }

    public func file(_ id: UUID, of caseID: UUID) async throws -> CaseFile? {
        kept.withLock { $0.files.first { $0.id == id && $0.caseID == caseID } }
    }

    public func addRevision(of caseID: UUID, caseType: String, person: String, frozenEvaluation: String, at now: Date) async throws -> Int {
        kept.withLock { contents in
            let number = (contents.revisions[caseID] ?? 0) + 1
            contents.revisions[caseID] = number
            return number
        }
    }

    public func revisionCount(of caseID: UUID) async throws -> Int {
        kept.withLock { $0.revisions[caseID] ?? 0 }
    }
}

extension Array {
    /// Sorted, keeping the order of equal elements.
    fileprivate func stableSorted(by before: (Element, Element) -> Bool) -> [Element] {
        enumerated().sorted { before($0.element, $1.element) || !before($1.element, $0.element) && $0.offset < $1.offset }.map(\.element)
    }
}
