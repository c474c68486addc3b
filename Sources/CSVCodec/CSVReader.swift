#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RFC 4180 CSV from UTF-8 bytes: comma-separated, fields optionally in double
/// quotes with "" for a quote, LF, CRLF or lone CR line ends, a UTF-8 BOM skipped.
///
/// A bad record does not stop the reading: `nextOutcome()` reports it with its line, and
/// reading goes on. A record whose structure is broken (a stray quote, a quote never
/// closed, text after a closing quote) or that is longer than `maximumRecordBytes` is its
/// first line alone; the next line is read afresh. A record with bytes that are not UTF-8
/// is reported whole. Every step moves forward, so reading is linear in the input.
public struct CSVReader {
    private let bytes: [UInt8]
    private var offset: Int
    /// The 1-based line on which the record last returned starts.
    public private(set) var line: Int = 0
    private var nextLine: Int = 1

    /// The longest record read: longer ones are reported, not read.
    public static let maximumRecordBytes = 64 << 10
    /// What a block reader puts in place of a line too long to keep (bytes never valid in UTF-8).
    public static let overlongMarker: [UInt8] = [0xFF, 0xFE, 0xFF, 0xFE]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The next record's fields, or nil at the end of input; the first bad record throws.
    public mutating func nextRecord() throws(CSVError) -> [String]? {
        guard let outcome = nextOutcome() else { return nil }
        return try outcome.get()
    }

    /// The next record or what is wrong with it (nil at the end of input). Blank lines are skipped.
    public mutating func nextOutcome() -> Result<[String], CSVError>? {
        let skipped = bytes.withUnsafeBufferPointer { Self.skipBlankLines(UnsafeRawBufferPointer($0), from: offset) }
        offset = skipped.offset
        nextLine += skipped.lines
        guard offset < bytes.count else { return nil }
        line = nextLine
        // At the end of input every record is decided: the fallback only keeps this total.
        let scan = bytes.withUnsafeBufferPointer { Self.scanRecord(UnsafeRawBufferPointer($0), from: offset, atEnd: true, collect: true) }
            ?? Scan(end: bytes.count, lines: 0, problem: "无法读取")
        offset = max(scan.end, offset + 1)
        nextLine += scan.lines
        if let problem = scan.problem { return .failure(CSVError(line: line, message: problem)) }
        return .success(scan.fields)
    }

    /// Where the record after the blank lines at `start` begins.
    public static func skipBlankLinesBefore(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        skipBlankLines(bytes, from: start).offset
    }

    /// Skips line ends (blank lines) from `start`: where the next record starts and how many lines were passed.
    static func skipBlankLines(_ bytes: UnsafeRawBufferPointer, from start: Int) -> (offset: Int, lines: Int) {
        var index = start, lines = 0
        while index < bytes.count {
            if bytes[index] == lf { lines += 1; index += 1 } else if bytes[index] == cr {
                lines += 1
                index += index + 1 < bytes.count && bytes[index + 1] == lf ? 2 : 1
            } else { break }
        }
        return (index, lines)
    }

    public static let notUTF8 = "含有不是 UTF-8 编码的文字"

    /// Line ends as the reader counts them: LF, CRLF and a lone CR each end one line.
    public static func lineEnds(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0, crs = 0
        for byte in bytes {
            count &+= byte == lf ? 1 : 0
            crs &+= byte == cr ? 1 : 0
        }
        guard crs > 0 else { return count }
        for index in bytes.indices where bytes[index] == cr && (index + 1 >= bytes.count || bytes[index + 1] != lf) { count += 1 }
        return count
    }

    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")

    struct Scan {
        var end: Int
        /// Line ends consumed, the record's own included.
        var lines: Int
        var fields: [String] = []
        var problem: String?
    }

    /// The record starting at `start`: where it ends, its fields (when `collect`) or its problem.
    /// Nil when the bytes stop before that is known and more may follow (`atEnd` false).
    static func scanRecord(_ bytes: UnsafeRawBufferPointer, from start: Int, atEnd: Bool, collect: Bool) -> Scan? {
        let count = bytes.count
        let limit = start + maximumRecordBytes
        /// A broken record is its first line alone.
        func firstLineOnly(_ problem: String) -> Scan? {
            var index = start
            while index < count, bytes[index] != lf, bytes[index] != cr { index += 1 }
            if index >= count { return atEnd ? Scan(end: count, lines: 0, problem: problem) : nil }
            let end = bytes[index] == cr && index + 1 < count && bytes[index + 1] == lf ? index + 2 : index + 1
            if bytes[index] == cr && index + 1 >= count && !atEnd { return nil }
            return Scan(end: end, lines: 1, problem: problem)
        }
        if count - start >= overlongMarker.count, overlongMarker.indices.allSatisfy({ bytes[start + $0] == overlongMarker[$0] }) {
            return firstLineOnly("该行超过 \(maximumRecordBytes >> 10) KB，未读取")
        }
        var scan = Scan(end: start, lines: 0)
        var index = start
        var field: [UInt8] = []
        var valid = true
        while true {
            field.removeAll(keepingCapacity: true)
            if index < count, bytes[index] == quote {
                index += 1
                var closed = false
                while index < count {
                    if index > limit { return firstLineOnly("记录超过 \(maximumRecordBytes >> 10) KB 或引号未闭合") }
                    let byte = bytes[index]
                    index += 1
                    if byte == quote {
                        if index < count, bytes[index] == quote {
                            if collect { field.append(byte) }
                            index += 1
                        } else if index < count || atEnd {
                            closed = true
                            break
                        } else {
                            return nil
                        }
                    } else {
                        if byte == lf || (byte == cr && (index >= count || bytes[index] != lf)) { scan.lines += 1 }
                        if collect { field.append(byte) }
                    }
                }
                guard closed else { return atEnd ? firstLineOnly("引号未闭合") : (index > limit ? firstLineOnly("记录超过 \(maximumRecordBytes >> 10) KB 或引号未闭合") : nil) }
                if index < count, bytes[index] != comma, bytes[index] != lf, bytes[index] != cr {
                    scan.lines = 0
                    return firstLineOnly("右引号后还有其他字符")
                }
            } else {
                let fieldStart = index
                while index < count {
                    let byte = bytes[index]
                    if byte == comma || byte == lf || byte == cr { break }
                    if byte == quote { return firstLineOnly("未加引号的字段中出现引号") }
                    index += 1
                    if index > limit { return firstLineOnly("该行超过 \(maximumRecordBytes >> 10) KB，未读取") }
                }
                if index >= count, !atEnd { return nil }
                if collect { field.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[fieldStart..<index])) }
            }
            if collect {
                if let text = String(validating: field, as: UTF8.self) { scan.fields.append(text) } else { valid = false }
            }
            if index >= count {
                if !atEnd { return nil }
                scan.end = index
                break
            }
            let byte = bytes[index]
            index += 1
            if byte == comma {
                // Separators count towards the record's length too (a line of commas is a long line).
                if index > limit { return firstLineOnly("该行超过 \(maximumRecordBytes >> 10) KB，未读取") }
                continue
            }
            if byte == cr {
                if index < count, bytes[index] == lf { index += 1 } else if index >= count, !atEnd { return nil }
            }
            scan.lines += 1
            scan.end = index
            break
        }
        if !valid { scan.problem = notUTF8; scan.fields = [] }
        return scan
    }

    /// Where the record starting at `start` ends, by the same rules as reading it; nil when
    /// the bytes stop first and more may follow.
    public static func recordEnd(_ bytes: UnsafeRawBufferPointer, from start: Int, atEnd: Bool) -> (end: Int, lines: Int)? {
        scanRecord(bytes, from: start, atEnd: atEnd, collect: false).map { ($0.end, $0.lines) }
    }

    /// The first record's start (after a BOM and blank lines), with the line ends skipped.
    public static func firstRecordStart(_ bytes: UnsafeRawBufferPointer) -> (offset: Int, lines: Int) {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return skipBlankLines(bytes, from: bom)
    }

    /// The record boundaries of `bytes` from `start`: the end of the last record decided, and
    /// the line ends before it. A tail not yet decided is left for the next read.
    public static func lastRecordEnd(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, atEnd: Bool, most: Int = .max) -> (end: Int, lines: Int) {
        var index = start, lines = 0, records = 0
        while index < bytes.count, records < most {
            records += 1
            let blank = skipBlankLines(bytes, from: index)
            if blank.offset >= bytes.count {
                // Trailing line ends: a CR at the very end may be half of a CRLF, so it waits for
                // the next read; the blank lines before it are passed.
                if !atEnd, bytes[bytes.count - 1] == cr {
                    let kept = skipBlankLines(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 1)]), from: index)
                    return (kept.offset, lines + kept.lines)
                }
                return (blank.offset, lines + blank.lines)
            }
            guard let record = recordEnd(bytes, from: blank.offset, atEnd: atEnd) else { return (index, lines) }
            index = record.end
            lines += blank.lines + record.lines
        }
        return (index, lines)
    }
}

public struct CSVError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// A CSV file with a header row, read into records addressed by column name.
public struct CSVTable: Sendable {
    public let header: [String]
    public let records: [Record]

    public struct Record: Sendable {
        /// The 1-based line in the file where the record starts.
        public let line: Int
        public let fields: [String: String]

        public subscript(column: String) -> String { fields[column] ?? "" }
    }

    public init(text: String) throws(CSVError) {
        var reader = CSVReader(text: text)
        guard let header = try reader.nextRecord() else {
            throw CSVError(line: 1, message: "no header row")
        }
        if Set(header).count != header.count {
            throw CSVError(line: reader.line, message: "duplicate column in the header")
        }
        var records: [Record] = []
        while let fields = try reader.nextRecord() {
            guard fields.count == header.count else {
                throw CSVError(line: reader.line, message: "\(fields.count) fields where the header has \(header.count)")
            }
            records.append(Record(line: reader.line, fields: Dictionary(uniqueKeysWithValues: zip(header, fields))))
        }
        self.header = header
        self.records = records
    }
}
