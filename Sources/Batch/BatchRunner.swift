import CSVCodec
import Dispatch
import Domain
import Engine
import Foundation
import Spreadsheet
import Synchronization

/// Evaluates a CSV of people row by row, streaming: it reads a block of rows, evaluates
/// them on every core, writes their results in input order, and moves on, so memory stays
/// flat however long the file is.
public struct BatchRunner: Sendable {
    public let engine: Engine
    public let jurisdiction: String
    public let asOf: CalendarDate
    /// How much of the file is read, and evaluated across the cores, at a time.
    public var blockBytes = 4 << 20
    /// CSV to CSV: answer plain rows by situation (`RowScanner`); off, every row is evaluated
    /// on its own. Both give the same bytes; the switch exists so tests can compare them.
    public var answersBySituation = true

    public init(engine: Engine, jurisdiction: String, asOf: CalendarDate) {
        self.engine = engine
        self.jurisdiction = jurisdiction
        self.asOf = asOf
    }

    public struct Summary: Sendable {
        public var rows = 0
        public var errors = 0
        /// Situations the engine worked out when rows were answered by situation (0 when
        /// each row was evaluated on its own).
        public var situations = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case missingIDColumn
        case duplicateColumn(String)
        case malformed(line: Int, message: String)

        public var description: String {
            switch self {
            case .unreadable(let reason): return "无法读取输入文件：\(reason)"
            case .missingIDColumn: return "表头缺少必需的 id 列"
            case .duplicateColumn(let name): return "表头中 \(name) 列出现了不止一次"
            case .malformed(let line, let message): return "CSV 第 \(line) 行格式有误：\(message)"
            }
        }
    }

    /// Where the rows come from: a CSV stream, or the first sheet of an .xlsx workbook.
    public enum Input {
        case csv(FileHandle)
        case xlsx(URL)

        public var isWorkbook: Bool {
            if case .xlsx = self { return true }
            return false
        }
    }

    /// Opens a file by what it holds: a ZIP package is read as a workbook, anything else as CSV.
    public static func open(path: String) throws -> Input {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Failure.unreadable("无法打开「\(path)」") }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        if magic.elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
            try? handle.close()
            return .xlsx(URL(fileURLWithPath: path))
        }
        do { try handle.seek(toOffset: 0) } catch { throw Failure.unreadable("\(error)") }
        return .csv(handle)
    }

    /// Where the results go: CSV bytes, in order, or rows of cells, in order.
    public enum Output {
        case csv((ArraySlice<UInt8>) throws -> Void)
        case rows(([String]) throws -> Void)
    }

    /// Reads `input` to the end, writing the header and then each row's result in input
    /// order, and calling `progress` with the number of rows done after each block.
    public func run(input: Input, output: Output, progress: ((Int) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        switch output {
        case .csv(let write):
            var header: [UInt8] = []
            CSVWriter.append(record: BatchRow.outputColumns, to: &header)
            try write(header[...])
        case .rows(let append):
            try append(BatchRow.outputColumns)
        }
        if case .csv(let handle) = input, case .csv(let write) = output, answersBySituation {
            // Reading the next block and writing the last one's results overlap the scanning,
            // in order, on one queue; a write that fails stops the run at the next block.
            let io = DispatchQueue(label: "guantong.batch.io")
            let writeFailure = Mutex<(any Error)?>(nil)
            nonisolated(unsafe) let writeInOrder = write
            var scanners: [ScannerSlot] = []
            defer { io.sync {} }
            try forEachCSVChunk(handle, readAheadOn: io) { bytes, firstLine, columns in
                if let failure = writeFailure.withLock({ $0 }) { throw failure }
                if scanners.isEmpty {
                    scanners = (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in ScannerSlot(RowScanner(runner: self, columns: columns)) }
                }
                let done: (rows: Int, errors: Int)
                if let scanned = try Self.scanInParallel(bytes, firstLine: firstLine, scanners: scanners) {
                    let chunks = scanned.chunks
                    io.async {
                        do { for chunk in chunks { try writeInOrder(chunk[...]) } } catch { writeFailure.withLock { $0 = $0 ?? error } }
                    }
                    done = (scanned.rows, scanned.errors)
                } else {
                    io.sync {}
                    let records = try Self.parseInParallel(bytes, firstLine: firstLine)
                    done = (records.count, try writeCSV(records, columns: columns, write))
                }
                summary.rows += done.rows
                summary.errors += done.errors
                progress?(summary.rows)
            }
            io.sync {}
            if let failure = writeFailure.withLock({ $0 }) { throw failure }
            summary.situations = scanners.reduce(0) { $0 + $1.scanner.memo.situationsWorkedOut }
            return summary
        }
        try forEachBlock(input) { records, columns in
            let errors: Int
            switch output {
            case .csv(let write):
                errors = try writeCSV(records, columns: columns, write)
            case .rows(let append):
                let chunks = Self.parallelChunks(records.count) { range in range.map { self.cells(records[$0], columns: columns) } }
                var count = 0
                for chunk in chunks {
                    for cells in chunk {
                        if !cells[cells.count - 1].isEmpty { count += 1 }
                        try append(cells)
                    }
                }
                errors = count
            }
            summary.rows += records.count
            summary.errors += errors
            progress?(summary.rows)
        }
        return summary
    }

    /// Each core turns its share of the records straight into CSV bytes; returns the rows in error.
    private func writeCSV(_ records: [Record], columns: Columns, _ write: (ArraySlice<UInt8>) throws -> Void) throws -> Int {
        let chunks = Self.parallelChunks(records.count) { range -> (bytes: [UInt8], errors: Int) in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(range.count * 64)
            var errors = 0
            for index in range {
                let cells = self.cells(records[index], columns: columns)
                if !cells[cells.count - 1].isEmpty { errors += 1 }
                CSVWriter.append(record: cells, to: &bytes)
            }
            return (bytes, errors)
        }
        for chunk in chunks { try write(chunk.bytes[...]) }
        return chunks.reduce(0) { $0 + $1.errors }
    }

    /// One core's scanner, kept for the whole run so its situations carry over between blocks.
    /// Unchecked: share i of a block is always scanned by slot i, and blocks run one at a time.
    final class ScannerSlot: @unchecked Sendable {
        var scanner: RowScanner

        init(_ scanner: RowScanner) {
            self.scanner = scanner
        }
    }

    /// Scans the bytes on every core, cut at line breaks; nil when a share needs the general
    /// CSV reader (then the whole block goes to it).
    private static func scanInParallel(_ bytes: ArraySlice<UInt8>, firstLine: Int, scanners: [ScannerSlot]) throws -> (chunks: [[UInt8]], rows: Int, errors: Int)? {
        try bytes.withUnsafeBytes { raw -> (chunks: [[UInt8]], rows: Int, errors: Int)? in
            let cuts = lineCuts(raw, parts: scanners.count)
            var firstLines = [firstLine]
            for part in 1..<max(1, cuts.count) {
                firstLines.append(firstLines[part - 1] + lineBreaks(UnsafeRawBufferPointer(rebasing: raw[cuts[part - 1]])))
            }
            nonisolated(unsafe) let shared = raw
            let starts = firstLines
            let outcomes = Mutex<[RowScanner.Outcome?]>(Array(repeating: nil, count: cuts.count))
            DispatchQueue.concurrentPerform(iterations: cuts.count) { part in
                let outcome = scanners[part].scanner.scan(UnsafeRawBufferPointer(rebasing: shared[cuts[part]]), firstLine: starts[part])
                outcomes.withLock { $0[part] = outcome }
            }
            var chunks: [[UInt8]] = []
            var rows = 0, errors = 0
            for outcome in outcomes.withLock({ $0 }) {
                switch outcome! {
                case .needsCSVReader: return nil
                case .written(let bytes, let count, let inError):
                    chunks.append(bytes)
                    rows += count
                    errors += inError
                }
            }
            return (chunks, rows, errors)
        }
    }

    /// About `parts` runs of whole lines.
    private static func lineCuts(_ bytes: UnsafeRawBufferPointer, parts: Int) -> [Range<Int>] {
        var cuts: [Range<Int>] = []
        var start = 0
        let target = max(1, bytes.count / max(1, parts))
        while start < bytes.count, cuts.count < parts - 1 {
            var end = min(bytes.count, start + target)
            while end < bytes.count, bytes[end - 1] != UInt8(ascii: "\n") { end += 1 }
            cuts.append(start..<end)
            start = end
        }
        if start < bytes.count || cuts.isEmpty { cuts.append(start..<bytes.count) }
        return cuts
    }

    static func lineBreaks(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        for byte in bytes { count &+= byte == UInt8(ascii: "\n") ? 1 : 0 }
        return count
    }

    /// Reads `input` once and evaluates each row under this runner's engine and `other`'s,
    /// handing both rows of output cells to `compare` in input order.
    public func runPaired(input: Input, with other: BatchRunner, compare: ([String], [String]) -> Void) throws {
        try forEachBlock(input) { records, columns in
            let chunks = Self.parallelChunks(records.count) { range in
                range.map { (self.cells(records[$0], columns: columns), other.cells(records[$0], columns: columns)) }
            }
            for chunk in chunks { for (mine, theirs) in chunk { compare(mine, theirs) } }
        }
    }

    /// A row as read: its fields, or why it could not be read.
    struct Record: Sendable {
        let line: Int
        let fields: [String]
        var problem: String?
    }

    /// Calls `body` with each block of records and the header's column positions.
    private func forEachBlock(_ input: Input, _ body: ([Record], Columns) throws -> Void) throws {
        switch input {
        case .csv(let handle): try forEachCSVBlock(handle, body)
        case .xlsx(let url): try forEachSheetBlock(url, body)
        }
    }

    private func forEachCSVBlock(_ input: FileHandle, _ body: ([Record], Columns) throws -> Void) throws {
        try forEachCSVChunk(input) { bytes, firstLine, columns in
            try body(try Self.parseInParallel(bytes, firstLine: firstLine), columns)
        }
    }

    /// Calls `body` with each block's bytes after the header, the line its first byte is on,
    /// and the header's column positions.
    private func forEachCSVChunk(_ input: FileHandle, readAheadOn queue: DispatchQueue? = nil, _ body: (ArraySlice<UInt8>, Int, Columns) throws -> Void) throws {
        let reader = ReadAhead(BlockReader(handle: input, blockSize: blockBytes))
        var columns: Columns?
        var lineOffset = 0
        var next = try reader.next()
        defer { reader.finish() }
        while let block = next {
            if let queue { reader.start(on: queue) }
            var bytes = block.bytes[...]
            var firstLine = lineOffset + 1
            if columns == nil {
                // The header is the first record: read it alone, then the rest as rows.
                var csv = CSVReader(bytes: Array(bytes))
                let header: [String]?
                do { header = try csv.nextRecord() } catch { throw Failure.malformed(line: lineOffset + error.line, message: error.message) }
                guard let header else {
                    lineOffset += block.lines
                    next = try reader.next()
                    continue
                }
                columns = try Self.columns(header: header)
                let (end, headerLines) = bytes.withUnsafeBytes { raw -> (Int, Int) in
                    let start = CSVReader.firstRecordStart(raw)
                    let record = CSVReader.recordEnd(raw, from: start.offset, atEnd: true) ?? (raw.count, 0)
                    return (record.end, start.lines + record.lines)
                }
                firstLine += headerLines
                bytes = bytes[end...]
            }
            lineOffset += block.lines
            try body(bytes, firstLine, columns!)
            next = try reader.next()
        }
    }

    /// A block reader that can read the next block on another queue while this one is worked.
    /// Unchecked: between `start` and the `next` that waits for it, only that queue touches it.
    private final class ReadAhead: @unchecked Sendable {
        private var reader: BlockReader
        private var pending: Result<BlockReader.Block?, any Error>?
        private var started = false
        private let ready = DispatchSemaphore(value: 0)

        init(_ reader: BlockReader) {
            self.reader = reader
        }

        func start(on queue: DispatchQueue) {
            started = true
            queue.async {
                self.pending = Result { try self.reader.nextBlock() }
                self.ready.signal()
            }
        }

        func next() throws -> BlockReader.Block? {
            guard started else { return try reader.nextBlock() }
            ready.wait()
            started = false
            return try pending!.get()
        }

        /// Waits for a read still under way (the run stopped early).
        func finish() {
            if started { ready.wait(); started = false }
        }
    }

    /// Parses whole records on every core: the bytes are cut at record boundaries. A bad
    /// record becomes its line's error; the others are read on.
    private static func parseInParallel(_ bytes: ArraySlice<UInt8>, firstLine: Int) throws -> [Record] {
        let parts = BlockReader.split(bytes, into: ProcessInfo.processInfo.activeProcessorCount)
        let parsed = parallelChunks(parts.count, minimumShare: 1) { range -> [Record] in
            var records: [Record] = []
            for part in range {
                let (slice, lines) = parts[part]
                var csv = CSVReader(bytes: Array(slice))
                while let outcome = csv.nextOutcome() {
                    let line = firstLine + lines + csv.line - 1
                    switch outcome {
                    case .success(let fields): records.append(Record(line: line, fields: fields))
                    case .failure(let error): records.append(Record(line: line, fields: [], problem: error.message))
                    }
                }
            }
            return records
        }
        return parsed.flatMap { $0 }
    }

    /// The first sheet, in blocks of rows; a row's short tail of empty cells is filled in.
    private func forEachSheetBlock(_ url: URL, _ body: ([Record], Columns) throws -> Void) throws {
        let reader: XLSXReader
        do {
            reader = try XLSXReader(url: url, dateColumns: BatchRow.dateColumns)
        } catch {
            throw Failure.unreadable("\(error)")
        }
        var columns: Columns?
        var records: [Record] = []
        let blockRows = max(1, blockBytes / 128)
        do {
            try reader.forEachRow { row, cells in
                guard let known = columns else {
                    columns = try Self.columns(header: cells)
                    return
                }
                let fields = cells.count < known.width ? cells + repeatElement("", count: known.width - cells.count) : cells
                records.append(Record(line: row, fields: fields))
                if records.count >= blockRows {
                    try body(records, known)
                    records.removeAll(keepingCapacity: true)
                }
            }
        } catch let error as XLSXError {
            throw Failure.unreadable(error.description)
        }
        if let columns, !records.isEmpty { try body(records, columns) }
    }

    /// Where each contract column sits in the file, read from its header row.
    struct Columns: Sendable {
        /// The header's number of fields: every row must have as many.
        let width: Int
        let positions: [Int?]

        subscript(column: BatchRow.Column) -> Int? { positions[column.rawValue] }
    }

    /// The header must name `id`, and no contract column twice; other columns are ignored.
    private static func columns(header: [String]) throws -> Columns {
        let names = header.map { $0.trimmingWhitespace }
        guard names.contains("id") else { throw Failure.missingIDColumn }
        let positions = try BatchRow.Column.allCases.map { column -> Int? in
            let found = names.indices.filter { names[$0] == column.name }
            if found.count > 1 { throw Failure.duplicateColumn(column.name) }
            return found.first
        }
        return Columns(width: names.count, positions: positions)
    }

    /// One row's output cells: its best options, or its error.
    func cells(_ record: Record, columns: Columns) -> [String] {
        if let problem = record.problem { return BatchRow.errorCells(id: "", message: BatchRow.unreadable(line: record.line, problem)) }
        let id = columns[.id].map { $0 < record.fields.count ? record.fields[$0].trimmingWhitespace : "" } ?? ""
        guard record.fields.count == columns.width else {
            return BatchRow.errorCells(id: id, message: "第 \(record.line) 行有 \(record.fields.count) 个字段，表头有 \(columns.width) 个")
        }
        guard !id.isEmpty else { return BatchRow.errorCells(id: "", message: "第 \(record.line) 行 id 为空") }
        let cell: (BatchRow.Column) -> String = { column in columns[column].map { record.fields[$0] } ?? "" }
        switch BatchRow.person(cell, asOf: asOf) {
        case .success(let person):
            return BatchRow.cells(id: id, result: engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person)))
        case .failure(let error):
            return BatchRow.errorCells(id: id, message: "第 \(record.line) 行：\(error.message)")
        }
    }

    /// Splits `count` items into one contiguous share per core and works them at once; the
    /// shares come back in order.
    static func parallelChunks<T: Sendable>(_ count: Int, minimumShare: Int = 256, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, (count + minimumShare - 1) / minimumShare))
        let share = (count + workers - 1) / workers
        let results = Mutex<[T?]>(Array(repeating: nil, count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let value = work((worker * share)..<min(count, (worker + 1) * share))
            results.withLock { $0[worker] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// Reads a file in large blocks that end on a record boundary, as `CSVReader` reads records.
/// A line longer than `CSVReader.maximumRecordBytes` is not kept: it is dropped as it
/// streams past and `CSVReader.overlongMarker` stands in its place, so memory stays flat.
struct BlockReader {
    let handle: FileHandle
    private var carry: [UInt8] = []
    private var finished = false
    /// Dropping an over-long line until its end.
    private var skipping = false
    /// The dropped line ended in a CR at the end of a read: an LF first in the next one is its.
    private var dropLF = false
    private let blockSize: Int

    init(handle: FileHandle, blockSize: Int) {
        self.handle = handle
        self.blockSize = max(1, blockSize)
    }

    struct Block {
        let bytes: [UInt8]
        /// Line ends in the block, so line numbers continue across blocks.
        let lines: Int
    }

    mutating func nextBlock() throws -> Block? {
        while !finished {
            // The carried tail and the next read go into one new buffer: no other copy.
            let carried = carry
            var failure: Int32 = 0
            var block = [UInt8](unsafeUninitializedCapacity: carried.count + blockSize) { buffer, count in
                _ = buffer.initialize(fromContentsOf: carried)
                count = carried.count
                while count < buffer.count {
                    let got = read(handle.fileDescriptor, buffer.baseAddress! + count, buffer.count - count)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 { break }
                    count += got
                }
            }
            if failure != 0 { throw BatchRunner.Failure.unreadable(String(cString: strerror(failure))) }
            if block.count == carried.count { finished = true; break }
            if dropLF {
                dropLF = false
                if carried.isEmpty, block.first == UInt8(ascii: "\n") { block.removeFirst() }
            }
            if skipping {
                // The rest of an over-long line: dropped up to its line end (CRLF counts as one).
                guard let end = block.firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
                    carry = []
                    continue
                }
                skipping = false
                var next = end + 1
                if block[end] == UInt8(ascii: "\r") {
                    if next < block.count { if block[next] == UInt8(ascii: "\n") { next += 1 } } else { dropLF = true }
                }
                block.removeSubrange(..<next)
                carry = block
                continue
            }
            let end = Self.lastRecordEnd(block, atEnd: false)
            if block.count - end > CSVReader.maximumRecordBytes {
                // The next record's first line has no end within a whole record's length; blank
                // lines before it stay, so that line numbers keep counting them.
                let start = block.withUnsafeBytes { CSVReader.skipBlankLinesBefore($0, from: end) }
                block.removeSubrange(start...)
                block += CSVReader.overlongMarker + [UInt8(ascii: "\n")]
                carry = []
                skipping = true
                return Block(bytes: block, lines: Self.lineBreaks(block))
            }
            guard end > 0 else {
                carry = block
                continue
            }
            carry = Array(block[end...])
            block.removeSubrange(end...)
            return Block(bytes: block, lines: Self.lineBreaks(block))
        }
        guard !carry.isEmpty else { return nil }
        let block = carry
        carry = []
        return Block(bytes: block, lines: Self.lineBreaks(block))
    }

    static func lineBreaks(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes(CSVReader.lineEnds)
    }

    /// Cuts the bytes into about `count` runs of whole records, each with the number of line
    /// ends before it.
    static func split(_ bytes: ArraySlice<UInt8>, into count: Int) -> [(bytes: ArraySlice<UInt8>, lines: Int)] {
        let target = max(1, bytes.count / max(1, count))
        return bytes.withUnsafeBytes { raw -> [(bytes: ArraySlice<UInt8>, lines: Int)] in
            var parts: [(ArraySlice<UInt8>, Int)] = []
            var start = 0, index = 0, lines = 0, linesBefore = 0
            while index < raw.count {
                let next = CSVReader.lastRecordEnd(raw, from: index, atEnd: true, most: 1)
                guard next.end > index else { break }
                index = next.end
                lines += next.lines
                if index - start >= target, parts.count < count - 1 {
                    parts.append((bytes[(bytes.startIndex + start)..<(bytes.startIndex + index)], linesBefore))
                    start = index
                    linesBefore = lines
                }
            }
            if start < raw.count || parts.isEmpty { parts.append((bytes[(bytes.startIndex + start)...], linesBefore)) }
            return parts
        }
    }

    /// The index just past the last record the bytes decide.
    static func lastRecordEnd(_ bytes: [UInt8], atEnd: Bool) -> Int {
        bytes.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            // Without a quote or a CR, every LF ends a record: take the last one.
            if memchr(base, Int32(UInt8(ascii: "\"")), raw.count) == nil, memchr(base, Int32(UInt8(ascii: "\r")), raw.count) == nil {
                return raw.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? (atEnd ? raw.count : 0)
            }
            return CSVReader.lastRecordEnd(raw, atEnd: atEnd).end
        }
    }
}
