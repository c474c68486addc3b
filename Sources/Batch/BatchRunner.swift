import CSVCodec
import Dispatch
import Domain
import Engine
import Foundation
import Synchronization

/// Evaluates a CSV of people row by row, streaming: it reads a block of rows, evaluates
/// them on every core, writes their results in input order, and moves on, so memory stays
/// flat however long the file is.
public struct BatchRunner: Sendable {
    public let engine: Engine
    public let jurisdiction: String
    public let asOf: CalendarDate
    /// Rows evaluated together (per block, split across the cores).
    public var blockRows = 16_384

    public init(engine: Engine, jurisdiction: String, asOf: CalendarDate) {
        self.engine = engine
        self.jurisdiction = jurisdiction
        self.asOf = asOf
    }

    public struct Summary: Sendable {
        public var rows = 0
        public var errors = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadable(String)
        case missingIDColumn
        case malformed(line: Int, message: String)

        public var description: String {
            switch self {
            case .unreadable(let reason): return "无法读取输入文件：\(reason)"
            case .missingIDColumn: return "表头缺少必需的 id 列"
            case .malformed(let line, let message): return "CSV 第 \(line) 行格式有误：\(message)"
            }
        }
    }

    /// Reads `input` to the end, calling `write` with output bytes in order and `progress`
    /// with the number of rows done after each block.
    public func run(input: FileHandle, write: (ArraySlice<UInt8>) throws -> Void, progress: ((Int) -> Void)? = nil) throws -> Summary {
        var reader = BlockReader(handle: input)
        var summary = Summary()
        var columns: [String: Int]?
        var lineOffset = 0
        var header: [UInt8] = []
        CSVWriter.append(record: BatchRow.outputColumns, to: &header)
        try write(header[...])
        while let block = try reader.nextBlock() {
            var records: [(line: Int, fields: [String])] = []
            var csv = CSVReader(bytes: block.bytes)
            do {
                while let fields = try csv.nextRecord() { records.append((lineOffset + csv.line, fields)) }
            } catch {
                throw Failure.malformed(line: lineOffset + error.line, message: error.message)
            }
            lineOffset += block.lines
            if columns == nil {
                guard let first = records.first else { continue }
                let names = first.fields.map { $0.trimmingWhitespace }
                guard names.contains("id") else { throw Failure.missingIDColumn }
                columns = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                records.removeFirst()
            }
            let output = evaluate(records, columns: columns!, summary: &summary)
            for chunk in output { try write(chunk[...]) }
            progress?(summary.rows)
        }
        return summary
    }

    /// Evaluates rows on every core, each worker writing its share into its own buffer.
    private func evaluate(_ records: [(line: Int, fields: [String])], columns: [String: Int], summary: inout Summary) -> [[UInt8]] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, (records.count + 255) / 256))
        let share = (records.count + workers - 1) / workers
        // Each worker fills its own slot once, at the end of its share.
        let results = Mutex<[(bytes: [UInt8], errors: Int)]>(Array(repeating: ([], 0), count: workers))
        let columnCount = columns.count
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(share * 64)
            var errors = 0
            let range = (worker * share)..<min(records.count, (worker + 1) * share)
            for index in range {
                let record = records[index]
                let id = columns["id"].map { $0 < record.fields.count ? record.fields[$0].trimmingWhitespace : "" } ?? ""
                let cells: [String]
                if record.fields.count != columnCount {
                    cells = BatchRow.errorCells(id: id, message: "第 \(record.line) 行有 \(record.fields.count) 个字段，表头有 \(columnCount) 个")
                } else if id.isEmpty {
                    cells = BatchRow.errorCells(id: "", message: "第 \(record.line) 行 id 为空")
                } else {
                    let cell: (String) -> String = { name in columns[name].map { record.fields[$0] } ?? "" }
                    switch BatchRow.person(cell, asOf: asOf) {
                    case .success(let person):
                        let result = engine.evaluate(EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf, person: person))
                        cells = BatchRow.cells(id: id, result: result)
                    case .failure(let error):
                        cells = BatchRow.errorCells(id: id, message: error.message)
                    }
                }
                if !cells[cells.count - 1].isEmpty { errors += 1 }
                CSVWriter.append(record: cells, to: &bytes)
            }
            let filled = (bytes, errors)
            results.withLock { $0[worker] = filled }
        }
        return results.withLock { slots in
            summary.rows += records.count
            summary.errors += slots.reduce(0) { $0 + $1.errors }
            return slots.map(\.bytes)
        }
    }
}

/// Reads a file in large blocks that end on a record boundary (a line break outside quotes).
struct BlockReader {
    let handle: FileHandle
    private var carry: [UInt8] = []
    private var finished = false
    private let blockSize = 4 << 20

    init(handle: FileHandle) {
        self.handle = handle
    }

    struct Block {
        let bytes: [UInt8]
        /// Line breaks in the block, so line numbers continue across blocks.
        let lines: Int
    }

    mutating func nextBlock() throws -> Block? {
        while !finished {
            let data: Data
            do {
                data = try handle.read(upToCount: blockSize) ?? Data()
            } catch {
                throw BatchRunner.Failure.unreadable("\(error)")
            }
            if data.isEmpty { finished = true; break }
            carry.append(contentsOf: data)
            if let end = Self.lastRecordEnd(carry) {
                let block = Array(carry[..<end])
                carry.removeFirst(end)
                return Block(bytes: block, lines: block.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
            }
        }
        guard !carry.isEmpty else { return nil }
        let block = carry
        carry = []
        return Block(bytes: block, lines: block.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) })
    }

    /// The index just past the last line break that is not inside quotes.
    static func lastRecordEnd(_ bytes: [UInt8]) -> Int? {
        var inQuotes = false
        var end: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if byte == UInt8(ascii: "\n"), !inQuotes { end = index + 1 }
        }
        return end
    }
}
