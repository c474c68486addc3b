/// Writes JSON straight into bytes: the result of an evaluation is written this way on the
/// server's hot path, where a generic encoder cost more than the evaluation itself.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var depth = 0
    /// Whether the current container already holds an element (a comma is due).
    private var hasElement: [Bool] = []

    public init(pretty: Bool = false, capacity: Int = 8192) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Separates this element from the previous one in its container.
    private mutating func element() {
        guard !hasElement.isEmpty else { return }
        if hasElement[hasElement.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElement[hasElement.count - 1] = true
        newline()
    }

    /// Before a value: separated from the previous element, unless it follows its key.
    private mutating func beginValue() {
        if pendingValue {
            pendingValue = false
        } else {
            element()
        }
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    public mutating func array<S: Sequence>(_ items: S, _ write: (inout JSONWriter, S.Element) -> Void) {
        array { writer in for item in items { write(&writer, item) } }
    }

    private mutating func open(_ byte: UInt8) {
        bytes.append(byte)
        depth += 1
        hasElement.append(false)
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        let hadElements = hasElement.removeLast()
        if hadElements { newline() }
        bytes.append(byte)
    }

    /// A key inside an object; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        element()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: pretty ? [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")] : [UInt8(ascii: "\""), UInt8(ascii: ":")])
        pendingValue = true
    }

    private var pendingValue = false

    private mutating func value(_ write: (inout [UInt8]) -> Void) {
        beginValue()
        write(&bytes)
    }

    public mutating func string(_ text: String) {
        value { bytes in
            bytes.append(UInt8(ascii: "\""))
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    public mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    public mutating func null() {
        value { $0.append(contentsOf: "null".utf8) }
    }

    public mutating func bool(_ flag: Bool) {
        value { $0.append(contentsOf: (flag ? "true" : "false").utf8) }
    }

    public mutating func number(_ number: Int) {
        value { $0.append(contentsOf: String(number).utf8) }
    }
}
