import CSVCodec
import Testing

@Suite struct CSVTests {
    @Test func readsQuotedFieldsBomAndCrlf() throws {
        var reader = CSVReader(text: "\u{FEFF}id,name\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,\r\n")
        #expect(try reader.nextRecord() == ["id", "name"])
        #expect(try reader.nextRecord() == ["1", "a, \"b\"\nc"])
        #expect(reader.line == 2)
        #expect(try reader.nextRecord() == ["2", ""])
        #expect(reader.line == 5)
        #expect(try reader.nextRecord() == nil)
    }

    @Test func rejectsMalformedQuoting() {
        var unterminated = CSVReader(text: "a,\"b\n")
        #expect(throws: CSVError.self) { try unterminated.nextRecord() }
        var stray = CSVReader(text: "a,b\"c\n")
        #expect(throws: CSVError.self) { try stray.nextRecord() }
    }

    @Test func tableNamesTheLineOfARaggedRecord() {
        #expect(throws: CSVError(line: 3, message: "1 fields where the header has 2")) {
            _ = try CSVTable(text: "a,b\n1,2\n3\n")
        }
    }

    @Test func writerRoundTrips() throws {
        let fields = ["plain", "with,comma", "with \"quote\"", "two\nlines", "中文"]
        var reader = CSVReader(text: CSVWriter.line(fields))
        #expect(try reader.nextRecord() == fields)
    }
}
