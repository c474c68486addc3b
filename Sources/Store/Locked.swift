import Foundation

/// A value behind a lock: what the in-memory stores keep.
final class Locked<Value>: @unchecked Sendable {
    /// Guarded by `lock`.
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
