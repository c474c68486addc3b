import Domain
import Foundation
import ZIPFoundation

public enum XLSXError: Error, CustomStringConvertible {
    case notAWorkbook(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .notAWorkbook(let reason): return "不是可读的 .xlsx 工作簿：\(reason)"
        case .malformed(let reason): return ".xlsx 内容有误：\(reason)"
        }
    }
}

/// Reads the first worksheet of an .xlsx workbook row by row, as text cells, streaming the
/// sheet so memory does not grow with it.
///
/// Cells come back as their text: shared and inline strings as written, booleans as `true` /
/// `false`, numbers as stored. A number in one of `dateColumns` (named by the header row) is
/// an Excel date serial and comes back as `YYYY-MM-DD`, so a date typed into Excel reads the
/// same as one typed as text.
public struct XLSXReader {
    private let archive: Archive
    /// The package's bytes (mapped, not read) and where each entry's packed bytes lie.
    private let file: Data
    private let packed: [String: (offset: Int, size: Int, method: UInt16)]
    private let sheetPath: String
    private let sharedStrings: [String]
    private let date1904: Bool
    public let dateColumns: Set<String>

    public init(url: URL, dateColumns: Set<String> = []) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw XLSXError.notAWorkbook("无法作为 ZIP 打开（\(error)）")
        }
        self.archive = archive
        self.dateColumns = dateColumns
        do { file = try Data(contentsOf: url, options: .alwaysMapped) } catch { throw XLSXError.notAWorkbook("无法读取（\(error)）") }
        guard let packed = file.withUnsafeBytes({ DeflateCheck.entries(of: $0) }) else {
            throw XLSXError.notAWorkbook("ZIP 目录无法读取")
        }
        self.packed = packed
        guard let workbook = archive["xl/workbook.xml"] else { throw XLSXError.notAWorkbook("缺少 xl/workbook.xml") }
        var firstSheet: String?
        var date1904 = false
        try Self.scan(archive, workbook, file: self.file, packed: self.packed) { event in
            guard case .start(let name, let attributes, _) = event else { return }
            if name.is("sheet"), firstSheet == nil {
                firstSheet = try XMLScanner.attribute("id", in: attributes).map { String(decoding: $0, as: UTF8.self) }
            } else if name.is("workbookPr"), let value = try XMLScanner.attribute("date1904", in: attributes) {
                date1904 = value == Array("1".utf8) || value == Array("true".utf8)
            }
        }
        guard let firstSheet else { throw XLSXError.notAWorkbook("工作簿中没有工作表") }
        var targets: [String: String] = [:]
        var sharedPath: String?
        if let relations = archive["xl/_rels/workbook.xml.rels"] {
            try Self.scan(archive, relations, file: file, packed: packed) { event in
                guard case .start(let name, let attributes, _) = event, name.is("Relationship"),
                      let id = try XMLScanner.attribute("Id", in: attributes), let target = try XMLScanner.attribute("Target", in: attributes) else { return }
                let path = Self.partPath(String(decoding: target, as: UTF8.self))
                targets[String(decoding: id, as: UTF8.self)] = path
                if let type = try XMLScanner.attribute("Type", in: attributes), String(decoding: type, as: UTF8.self).hasSuffix("/sharedStrings") {
                    sharedPath = path
                }
            }
        }
        guard let sheetPath = targets[firstSheet] else { throw XLSXError.notAWorkbook("找不到第一个工作表的位置") }
        self.sheetPath = sheetPath
        self.date1904 = date1904
        let (mapped, places) = (file, packed)
        sharedStrings = try (sharedPath ?? (archive["xl/sharedStrings.xml"] != nil ? "xl/sharedStrings.xml" : nil)).map { path in
            guard let entry = archive[path] else { throw XLSXError.notAWorkbook("缺少共享字符串表 \(path)") }
            return try Self.readSharedStrings(archive, entry, file: mapped, packed: places)
        } ?? []
    }

    /// A relationship target, relative to `xl/` unless it starts with `/`.
    private static func partPath(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The most a part may unpack to, and how many times its packed size: a spreadsheet's XML
    /// packs 5 to 30 times; far more is a file built to overwhelm the reader.
    public static let maximumPartBytes: UInt64 = 1 << 30
    public static let maximumRatio: UInt64 = 100

    private static func scan(_ archive: Archive, _ entry: Entry, file: Data, packed: [String: (offset: Int, size: Int, method: UInt16)],
                             _ handle: (XMLScanner.Event) throws -> Void) throws {
        let declared = entry.uncompressedSize
        guard declared <= maximumPartBytes else {
            throw XLSXError.malformed("\(entry.path) 解压后超过 \(maximumPartBytes >> 20) MB")
        }
        guard declared / maximumRatio <= max(entry.compressedSize, 1 << 14) else {
            throw XLSXError.malformed("\(entry.path) 的压缩比超过 \(maximumRatio) 倍，不像是正常的工作簿")
        }
        // A deflated part must end within its packed bytes: the unpacker would otherwise wait at
        // the end of the file for ever.
        if entry.type == .file, let place = packed[entry.path] {
            // Stored (0) parts are read by their size; every other method is unpacked as deflate,
            // so only deflate (8) is accepted, and checked.
            guard place.method == 0 || place.method == 8 else { throw XLSXError.malformed("\(entry.path) 的压缩方法（\(place.method)）不受支持") }
            if place.method == 8, !file.withUnsafeBytes({ DeflateCheck.ends($0, offset: place.offset, size: place.size, limit: declared) }) {
                throw XLSXError.malformed("\(entry.path) 的压缩数据不完整或与声明不符")
            }
        } else {
            throw XLSXError.malformed("\(entry.path) 不在 ZIP 目录中")
        }
        var scanner = XMLScanner()
        var failure: Error?
        var unpacked: UInt64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                unpacked += UInt64(data.count)
                // A part that unpacks to more than it declares is refused as soon as it does.
                if unpacked > declared {
                    let error = XLSXError.malformed("\(entry.path) 解压后的大小与声明不符")
                    failure = error
                    throw error
                }
                do { try scanner.feed(data, handle) } catch {
                    failure = error
                    throw error
                }
            }
        } catch {
            throw failure ?? XLSXError.notAWorkbook("无法解压 \(entry.path)（\(error)）")
        }
        try scanner.finish()
    }

    /// `<si>` items: their `<t>` texts joined, phonetic runs (`<rPh>`) left out.
    private static func readSharedStrings(_ archive: Archive, _ entry: Entry, file: Data, packed: [String: (offset: Int, size: Int, method: UInt16)]) throws -> [String] {
        var strings: [String] = []
        var current: [UInt8] = []
        var total = 0
        var inText = false, inPhonetic = false
        try scan(archive, entry, file: file, packed: packed) { event in
            if strings.count > maximumSharedStrings || total > maximumSharedBytes {
                throw XLSXError.malformed("共享字符串表超过 \(maximumSharedStrings) 项或 \(maximumSharedBytes >> 20) MB")
            }
            switch event {
            case .start(let name, _, let selfClosing):
                if name.is("si") { current.removeAll(keepingCapacity: true); if selfClosing { strings.append("") } }
                else if name.is("rPh") { inPhonetic = !selfClosing }
                else if name.is("t") { inText = !selfClosing && !inPhonetic }
            case .end(let name):
                if name.is("si") { strings.append(Self.unescape(current)) }
                else if name.is("rPh") { inPhonetic = false }
                else if name.is("t") { inText = false }
            case .text(let bytes):
                if inText {
                    current.append(contentsOf: bytes)
                    total += bytes.count
                    if current.count > maximumCellBytes { throw XLSXError.malformed("单元格内容超过 \(maximumCellBytes >> 20) MB") }
                }
            }
        }
        return strings
    }

    /// Calls `body` with each non-empty row of the first sheet: its row number and its cells
    /// (empty cells between filled ones are empty strings; trailing empties are dropped).
    public func forEachRow(_ body: (_ row: Int, _ cells: [String]) throws -> Void) throws {
        guard let entry = archive[sheetPath] else { throw XLSXError.notAWorkbook("缺少工作表 \(sheetPath)") }
        var header: [String]?
        var rowNumber = 0
        var cells: [String] = []
        var column = 0
        var type: [UInt8] = []
        var value: [UInt8] = []
        var collecting = false, inInline = false, inPhonetic = false
        func finishRow() throws {
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if header == nil, !cells.isEmpty { header = cells.map { $0.trimmingCharacters(in: .whitespaces) } }
            if !cells.isEmpty { try body(rowNumber, cells) }
            cells.removeAll(keepingCapacity: true)
        }
        func finishCell() throws {
            guard column < Self.maximumColumns else { throw XLSXError.malformed("列数超出工作表的范围") }
            let text = try cellText(type: type, value: value, column: column, header: header)
            if column >= cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count + 1)) }
            cells[column] = text
            column += 1
        }
        try Self.scan(archive, entry, file: file, packed: packed) { event in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if name.is("row") {
                    rowNumber = try XMLScanner.attribute("r", in: attributes).flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? rowNumber + 1
                    guard (1...Self.maximumRows).contains(rowNumber) else { throw XLSXError.malformed("行号 \(rowNumber) 超出工作表的范围") }
                    column = 0
                    if selfClosing { try finishRow() }
                } else if name.is("c") {
                    if let reference = try XMLScanner.attribute("r", in: attributes) {
                        guard let index = Self.columnIndex(reference) else {
                            throw XLSXError.malformed("单元格引用「\(String(decoding: reference, as: UTF8.self))」无效")
                        }
                        column = index
                    }
                    type = try XMLScanner.attribute("t", in: attributes) ?? []
                    value.removeAll(keepingCapacity: true)
                    if selfClosing {
                        column += 1
                        guard column <= Self.maximumColumns else { throw XLSXError.malformed("列数超出工作表的范围") }
                    }
                } else if name.is("v") {
                    collecting = !selfClosing
                } else if name.is("is") {
                    inInline = !selfClosing
                } else if name.is("rPh") {
                    inPhonetic = !selfClosing
                } else if name.is("t") {
                    collecting = inInline && !inPhonetic && !selfClosing
                }
            case .end(let name):
                if name.is("row") { try finishRow() }
                else if name.is("c") { try finishCell() }
                else if name.is("v") || name.is("t") { collecting = false }
                else if name.is("is") { inInline = false }
                else if name.is("rPh") { inPhonetic = false }
            case .text(let bytes):
                if collecting {
                    value.append(contentsOf: bytes)
                    if value.count > Self.maximumCellBytes { throw XLSXError.malformed("单元格内容超过 \(Self.maximumCellBytes >> 20) MB") }
                }
            }
        }
    }

    private func cellText(type: [UInt8], value: [UInt8], column: Int, header: [String]?) throws -> String {
        switch String(decoding: type, as: UTF8.self) {
        case "s":
            guard let index = Int(String(decoding: value, as: UTF8.self)), sharedStrings.indices.contains(index) else {
                throw XLSXError.malformed("共享字符串编号「\(String(decoding: value, as: UTF8.self))」不存在")
            }
            return sharedStrings[index]
        case "inlineStr", "str":
            return Self.unescape(value)
        case "b":
            return value == [UInt8(ascii: "1")] ? "true" : value == [UInt8(ascii: "0")] ? "false" : String(decoding: value, as: UTF8.self)
        case "d":
            // An ISO 8601 date (and perhaps time): the date is what the columns ask for.
            let text = String(decoding: value, as: UTF8.self)
            return isDateColumn(column, header) ? String(text.prefix(10)) : text
        default:
            let text = String(decoding: value, as: UTF8.self)
            if isDateColumn(column, header), let serial = Double(text), let date = ExcelDate.iso(serial: serial, date1904: date1904) {
                return date
            }
            return text
        }
    }

    private func isDateColumn(_ column: Int, _ header: [String]?) -> Bool {
        guard let header, column < header.count else { return false }
        return dateColumns.contains(header[column])
    }

    /// A sheet's bounds (Excel's own): 16,384 columns, 1,048,576 rows.
    static let maximumColumns = 16_384
    static let maximumRows = 1_048_576
    /// The most shared strings, and their total bytes, a workbook may hold.
    static let maximumSharedStrings = 2_000_000
    static let maximumSharedBytes = 256 << 20
    /// The most a cell may hold once its text runs are joined.
    static let maximumCellBytes = 1 << 20

    /// "B12" → 1 (the letters, zero-based).
    static func columnIndex(_ reference: [UInt8]) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            letters += 1
            // Excel's last column is XFD: more than three letters is no cell of a sheet.
            guard letters <= 3 else { return nil }
            index = index * 26 + Int(upper - UInt8(ascii: "A")) + 1
        }
        guard letters > 0, index <= maximumColumns else { return nil }
        return index - 1
    }

    /// OOXML writes characters XML cannot carry as `_xHHHH_`.
    static func unescape(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("_x") else { return text }
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            output += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(4)
            if hex.count == 4, after.dropFirst(4).first == "_", let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                output.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                output += "_x"
                rest = after
            }
        }
        return output + rest
    }
}

/// Excel's date serials: days since 1899-12-30 (the 1900 system, whose day 60 is the
/// non-existent 1900-02-29), or since 1904-01-01.
enum ExcelDate {
    static func iso(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        if !date1904 {
            if days == 60 { return nil }
            if days < 60 { days += 1 }
        }
        let epoch = date1904 ? 1_462 : 0
        // Days from 1899-12-30 to a civil date (proleptic Gregorian).
        return CalendarDate(dayNumber: days + epoch + daysFrom1970To1899_12_30).description
    }

    private static let daysFrom1970To1899_12_30 = -25_569
}
