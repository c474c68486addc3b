/// A streaming scanner for the XML of a spreadsheet package: it is fed the bytes of a part
/// as they are inflated, and reports start tags, end tags and text, so a sheet of a million
/// rows is read without holding it. It knows what SpreadsheetML needs and no more: no DTDs,
/// and names are compared without their namespace prefix (`x:row` is `row`).
struct XMLScanner {
    enum Event {
        /// A start tag: its local name, its raw attributes, and whether it closes itself.
        case start(name: ArraySlice<UInt8>, attributes: ArraySlice<UInt8>, selfClosing: Bool)
        case end(name: ArraySlice<UInt8>)
        /// Character data, entities already decoded.
        case text([UInt8])
    }

    private var pending: [UInt8] = []
    /// Where the scan of the unfinished text or tag at the start of `pending` stopped, and the
    /// quote it was in: the next feed goes on from there instead of from the start.
    private var resumeAt = 0
    private var resumeQuote: UInt8?

    /// The longest text run or tag kept while waiting for its end: no cell of a real sheet
    /// comes near, and the bound keeps scanning linear in the part.
    static let maximumPending = 1 << 20

    /// Scans as far as the bytes fed so far allow, keeping an unfinished tag for the next call.
    mutating func feed(_ bytes: some Sequence<UInt8>, _ handle: (Event) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        var index = 0
        let count = pending.count
        while index < count {
            if pending[index] != UInt8(ascii: "<") {
                var end = index == 0 ? max(index, resumeAt) : index
                while end < count, pending[end] != UInt8(ascii: "<") { end += 1 }
                // Text may continue in the next chunk; an entity must not be cut in two.
                if end == count {
                    resumeAt = end - index
                    resumeQuote = nil
                    break
                }
                try handle(.text(try Self.decode(pending[index..<end])))
                index = end
                continue
            }
            guard let close = tagEnd(from: index, resume: index == 0) else { break }
            let tag = pending[(index + 1)..<close]
            index = close + 1
            guard let first = tag.first else { throw XLSXError.malformed("空的 XML 标记") }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") {
                if tag.starts(with: Self.cdataOpen) {
                    try handle(.text(Array(tag.dropFirst(Self.cdataOpen.count).dropLast(2))))
                }
                continue
            }
            if first == UInt8(ascii: "/") {
                try handle(.end(name: Self.localName(tag.dropFirst().prefix { !Self.isSpace($0) })))
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let body = selfClosing ? tag.dropLast() : tag
            let name = body.prefix { !Self.isSpace($0) }
            try handle(.start(name: Self.localName(name), attributes: body[name.endIndex...], selfClosing: selfClosing))
        }
        if index > 0 {
            pending.removeFirst(index)
            // What is left starts a new construct: a tag is scanned afresh once, text from its end.
            resumeAt = pending.first == UInt8(ascii: "<") ? 0 : pending.count
            resumeQuote = nil
        }
        if pending.isEmpty { resumeAt = 0; resumeQuote = nil }
        if pending.count > Self.maximumPending {
            throw XLSXError.malformed("单元格内容或 XML 标记超过 \(Self.maximumPending >> 20) MB")
        }
    }

    /// Whatever is left when the part ends must be only whitespace.
    func finish() throws {
        if pending.contains(where: { !Self.isSpace($0) }) { throw XLSXError.malformed("XML 在标记中途结束") }
    }

    private static let cdataOpen = Array("![CDATA[".utf8)
    private static let commentOpen = Array("!--".utf8)

    /// The index of the `>` that ends the tag starting at `start`, or nil if it is not all here.
    /// `resume`: the tag is the one left unfinished by the last feed; go on where it stopped.
    private mutating func tagEnd(from start: Int, resume: Bool) -> Int? {
        let rest = pending[(start + 1)...]
        // Comments and CDATA may hold `>`: they end at their own closers (a closer may straddle feeds: back off 2).
        let from = resume ? max(rest.startIndex, resumeAt - 2) : rest.startIndex
        if rest.starts(with: Self.cdataOpen) || rest.starts(with: Self.commentOpen) {
            let closer = rest.starts(with: Self.cdataOpen) ? Array("]]>".utf8) : Array("-->".utf8)
            if let found = Self.find(closer, in: pending[from...]) { return found + 2 }
            resumeAt = pending.count
            return nil
        }
        var quote: UInt8? = resume ? resumeQuote : nil
        var index = resume ? max(rest.startIndex, resumeAt) : rest.startIndex
        while index < pending.count {
            let byte = pending[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        if start == 0 {
            resumeAt = pending.count
            resumeQuote = quote
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func localName(_ name: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let colon = name.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return name[(colon + 1)...]
    }

    /// The value of attribute `name` (local name) among a tag's raw attributes, decoded.
    static func attribute(_ name: String, in attributes: ArraySlice<UInt8>) throws -> [UInt8]? {
        let wanted = Array(name.utf8)
        var index = attributes.startIndex
        while index < attributes.endIndex {
            while index < attributes.endIndex, isSpace(attributes[index]) { index += 1 }
            let nameStart = index
            while index < attributes.endIndex, attributes[index] != UInt8(ascii: "="), !isSpace(attributes[index]) { index += 1 }
            let key = localName(attributes[nameStart..<index])
            while index < attributes.endIndex, attributes[index] != UInt8(ascii: "\""), attributes[index] != UInt8(ascii: "'") { index += 1 }
            guard index < attributes.endIndex else { return nil }
            let quote = attributes[index]
            let valueStart = index + 1
            guard let valueEnd = attributes[valueStart...].firstIndex(of: quote) else { throw XLSXError.malformed("属性值缺少引号") }
            index = valueEnd + 1
            if key.elementsEqual(wanted) { return try decode(attributes[valueStart..<valueEnd]) }
        }
        return nil
    }

    /// Replaces the five named entities and numeric character references.
    static func decode(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else { output.append(byte); index += 1; continue }
            guard let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw XLSXError.malformed("未结束的 XML 实体")
            }
            let entity = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch entity {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
            }
            guard let scalar else { throw XLSXError.malformed("未知的 XML 实体 &\(entity);") }
            output.append(contentsOf: String(Character(scalar)).utf8)
            index = semicolon + 1
        }
        return output
    }
}

extension ArraySlice<UInt8> {
    /// Whether these bytes spell `name` (ASCII).
    func `is`(_ name: StaticString) -> Bool {
        count == name.utf8CodeUnitCount && elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }
}
