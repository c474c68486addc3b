import SystemZlib
import Foundation

/// Checks, before an entry is unpacked, that its deflate stream ends within the bytes the
/// package gives it. The unpacker reads a stream that never ends on to the end of the file
/// and then waits for more forever; a stream that ends in time cannot do that.
enum DeflateCheck {
    /// Where each entry's packed bytes are, read from the central directory and the local
    /// headers: name → (offset, packed size, method). Nil when the directory cannot be read.
    static func entries(of bytes: UnsafeRawBufferPointer) -> [String: (offset: Int, size: Int, method: UInt16)]? {
        func u16(_ at: Int) -> Int? { at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : nil }
        func u32(_ at: Int) -> Int? {
            guard let low = u16(at), let high = u16(at + 2) else { return nil }
            return low | high << 16
        }
        // The end-of-directory record: its signature within the last 64 KB + 22 bytes.
        var end: Int?
        var index = bytes.count - 22
        while index >= 0, index >= bytes.count - 65_557 {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 { end = index; break }
            index -= 1
        }
        guard bytes.count >= 22, let end, let count = u16(end + 10), let directory = u32(end + 16) else { return nil }
        var entries: [String: (offset: Int, size: Int, method: UInt16)] = [:]
        var at = directory
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let method = u16(at + 10), let packed = u32(at + 20), let nameLength = u16(at + 28),
                  let extraLength = u16(at + 30), let commentLength = u16(at + 32), let local = u32(at + 42),
                  at + 46 + nameLength <= bytes.count else { return nil }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // ZIP64 sizes live in an extra field: not read here (a workbook never needs them).
            guard packed != 0xFFFF_FFFF, local != 0xFFFF_FFFF, u32(local) == 0x0403_4B50,
                  let localName = u16(local + 26), let localExtra = u16(local + 28) else { return nil }
            // A name twice: which one the unpacker takes is not this check's to guess.
            guard entries[name] == nil else { return nil }
            entries[name] = (local + 30 + localName + localExtra, packed, UInt16(method))
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Whether the deflate stream in `bytes[range]` ends (Z_STREAM_END) within it, unpacking
    /// at most `limit` bytes on the way (into a scratch buffer that is thrown away).
    static func ends(_ bytes: UnsafeRawBufferPointer, offset: Int, size: Int, limit: UInt64) -> Bool {
        guard offset >= 0, size >= 0, offset + size <= bytes.count, let base = bytes.baseAddress else { return false }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return false }
        defer { inflateEnd(&stream) }
        var scratch = [UInt8](repeating: 0, count: 64 << 10)
        var produced: UInt64 = 0
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
        stream.avail_in = UInt32(clamping: size)
        do {
            while true {
                let result = scratch.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                produced += UInt64(scratch.count) - UInt64(stream.avail_out)
                if result == Z_STREAM_END { return true }
                if produced > limit { return false }
                // No progress possible: the stream needs bytes the entry does not have, or is broken.
                if result != Z_OK || (stream.avail_in == 0 && stream.avail_out != 0) { return false }
            }
        }
    }
}
