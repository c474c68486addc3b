/// Writes RFC 4180 records: a field is quoted only when it holds a comma, a quote or a line break.
public enum CSVWriter {
    public static func append(record fields: [String], to output: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            append(field: field, to: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    public static func append(field: String, to output: inout [UInt8]) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else {
            output.append(contentsOf: utf8)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }

    public static func line(_ fields: [String]) -> String {
        var output: [UInt8] = []
        append(record: fields, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
