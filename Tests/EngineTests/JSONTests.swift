import Engine
import Foundation
import Testing

@Suite struct JSONParserTests {
    @Test func parsesWhatFoundationParses() throws {
        let text = #"{"a":[1,-2.5,3e2,true,false,null],"b":"车工 \"引号\" \\ \/ \u4e2d\ud83d\ude00","c":{},"d":[]}"#
        let value = try #require(JSONValue.parse(Array(text.utf8)))
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members["a"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(members["b"] == .string("车工 \"引号\" \\ / 中😀"))
        #expect(members["c"] == .object([:]) && members["d"] == .array([]))
    }

    @Test func rejectsWhatIsNotJson() {
        for text in ["", "{", "{\"a\":}", "[1,]", "01", "1.", "\"\\x\"", "\"a\u{1}\"", "tru", "{} x", "\"\\udc00\"", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            #expect(JSONValue.parse(Array(text.utf8)) == nil, "accepted \(text)")
        }
    }

    @Test func writerOutputParsesBack() throws {
        var writer = JSONWriter(pretty: true)
        writer.object { w in
            w.key("text"); w.string("换行\n制表\t\u{1}")
            w.key("list"); w.array([1, 2]) { w, n in w.number(n) }
            w.key("none"); w.null()
            w.key("empty"); w.object { _ in }
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        #expect(parsed["text"] as? String == "换行\n制表\t\u{1}")
        #expect(parsed["list"] as? [Int] == [1, 2])
        #expect(parsed["none"] is NSNull)
    }
}
