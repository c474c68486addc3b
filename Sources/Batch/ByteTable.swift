#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns the distinct byte strings of a column (occupation names, levels, …) so each one
/// is decoded once however many rows repeat it. Open addressing over a flat key arena.
struct ByteTable<Value> {
    private var slots: [Int32] = Array(repeating: -1, count: 256)
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var arena: [UInt8] = []
    private(set) var values: [Value] = []

    var count: Int { values.count }

    /// The value for `key`, made by `make` the first time the key is seen.
    mutating func value(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
        let hash = Self.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let index = Int(entry)
            if hashes[index] == hash, lengths[index] == key.count, equals(index, key) { return values[index] }
            slot = (slot + 1) & mask
        }
        let value = make(key)
        let index = values.count
        hashes.append(hash)
        starts.append(arena.count)
        lengths.append(key.count)
        arena.append(contentsOf: key)
        values.append(value)
        slots[slot] = Int32(index)
        if values.count * 2 > slots.count { grow() }
        return value
    }

    private func equals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        guard let base = key.baseAddress else { return true }
        return arena.withUnsafeBytes { stored in memcmp(stored.baseAddress! + starts[index], base, key.count) == 0 }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// A fast non-cryptographic hash: eight bytes at a time, then a final mix.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        var offset = 0
        while offset + 8 <= key.count {
            hash = (hash ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < key.count {
            tail |= UInt64(key[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }
}
