/// Reads RFC 4180 CSV from UTF-8 bytes: comma-separated, fields optionally in double
/// quotes with "" for a quote, CRLF or LF line ends, a UTF-8 BOM skipped.
public struct CSVReader {
    private let bytes: [UInt8]
    private var offset: Int
    /// The 1-based line on which the record last returned starts.
    public private(set) var line: Int = 0
    private var nextLine: Int = 1

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The next record's fields, or nil at the end of input. A blank line is skipped.
    public mutating func nextRecord() throws(CSVError) -> [String]? {
        while offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") || bytes[offset] == UInt8(ascii: "\r") {
            if bytes[offset] == UInt8(ascii: "\n") { nextLine += 1 }
            offset += 1
        }
        guard offset < bytes.count else { return nil }
        line = nextLine
        var fields: [String] = []
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
                offset += 1
                var closed = false
                while offset < bytes.count {
                    let byte = bytes[offset]
                    offset += 1
                    if byte == UInt8(ascii: "\"") {
                        if offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") {
                            field.append(byte)
                            offset += 1
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        if byte == UInt8(ascii: "\n") { nextLine += 1 }
                        field.append(byte)
                    }
                }
                guard closed else { throw CSVError(line: line, message: "unterminated quoted field") }
                if offset < bytes.count, !Self.isDelimiterOrEnd(bytes[offset]) {
                    throw CSVError(line: line, message: "unexpected character after a closing quote")
                }
            } else {
                while offset < bytes.count, !Self.isDelimiterOrEnd(bytes[offset]) {
                    if bytes[offset] == UInt8(ascii: "\"") {
                        throw CSVError(line: line, message: "a quote inside an unquoted field")
                    }
                    field.append(bytes[offset])
                    offset += 1
                }
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: line, message: "not valid UTF-8")
            }
            fields.append(text)
            if offset >= bytes.count { return fields }
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "\r"), offset < bytes.count, bytes[offset] == UInt8(ascii: "\n") { offset += 1 }
            nextLine += 1
            return fields
        }
    }

    private static func isDelimiterOrEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
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
