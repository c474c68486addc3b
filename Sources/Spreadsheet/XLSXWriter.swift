import Foundation
import ZIPFoundation

/// Writes one worksheet of text cells as an .xlsx workbook. Rows are streamed to a
/// temporary file and compressed into the package at `finish()`, so memory stays flat
/// however many rows there are. The first row is the header: bold and frozen.
public final class XLSXWriter {
    private let destination: URL
    private let sheetURL: URL
    private let sheet: FileHandle
    private var buffer: [UInt8] = []
    private var rows = 0
    private var columns = 0
    private let layout: Layout

    /// How a form-like sheet differs from a plain table: its name, the rows at the top that are
    /// bold and stay in view, and its merged ranges ("A1:H1").
    public struct Layout: Sendable {
        public var sheetName: String
        public var headingRows: Int
        public var merges: [String]

        public init(sheetName: String = "评估结果", headingRows: Int = 1, merges: [String] = []) {
            self.sheetName = sheetName
            self.headingRows = headingRows
            self.merges = merges
        }
    }

    /// - Parameter scratch: where the sheet is spooled while rows come (the system's temporary
    ///   folder unless given: a job with personal data passes its own private folder).
    public init(url: URL, scratch: URL? = nil, layout: Layout = Layout()) throws {
        destination = url
        self.layout = layout
        sheetURL = (scratch ?? FileManager.default.temporaryDirectory).appendingPathComponent("guantong-sheet-\(UUID().uuidString).xml")
        // Readable by the owner only: the rows may be people's.
        guard FileManager.default.createFile(atPath: sheetURL.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw XLSXError.notAWorkbook("无法创建临时文件 \(sheetURL.path)")
        }
        sheet = try FileHandle(forWritingTo: sheetURL)
    }

    deinit {
        try? sheet.close()
        try? FileManager.default.removeItem(at: sheetURL)
    }

    public func append(row cells: [String]) throws {
        columns = max(columns, cells.count)
        rows += 1
        let number = String(rows)
        buffer.append(contentsOf: "<row r=\"\(number)\">".utf8)
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            buffer.append(contentsOf: "<c r=\"\(Self.columnName(index))\(number)\" t=\"inlineStr\"\(rows <= layout.headingRows ? " s=\"1\"" : "")><is><t xml:space=\"preserve\">".utf8)
            Self.appendEscaped(cell, to: &buffer)
            buffer.append(contentsOf: "</t></is></c>".utf8)
        }
        buffer.append(contentsOf: "</row>".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Closes the sheet and writes the package to the destination, replacing any file there.
    public func finish() throws {
        try flush()
        try sheet.close()
        try? FileManager.default.removeItem(at: destination)
        let archive: Archive
        do {
            archive = try Archive(url: destination, accessMode: .create)
        } catch {
            throw XLSXError.notAWorkbook("无法写入 \(destination.path)（\(error)）")
        }
        for (path, text) in Self.fixedParts(sheetName: layout.sheetName) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        // The head names the sheet's extent, known only now: head, the rows from the file, tail.
        let head = Data(Self.sheetHead(rows: rows, columns: columns, frozen: layout.headingRows).utf8)
        let merges = layout.merges.isEmpty ? ""
            : "<mergeCells count=\"\(layout.merges.count)\">" + layout.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        let tail = Data("</sheetData>\(merges)</worksheet>".utf8)
        let rowsFile = try FileHandle(forReadingFrom: sheetURL)
        defer { try? rowsFile.close() }
        let rowBytes = Int64(try rowsFile.seekToEnd())
        try rowsFile.seek(toOffset: 0)
        let total = Int64(head.count) + rowBytes + Int64(tail.count)
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: total, compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, size in
            var chunk = Data()
            var at = position
            if at < Int64(head.count) {
                chunk.append(head.subdata(in: Int(at)..<min(head.count, Int(at) + size)))
                at += Int64(chunk.count)
            }
            let fromFile = min(Int64(size - chunk.count), Int64(head.count) + rowBytes - at)
            if fromFile > 0 {
                chunk.append(try rowsFile.read(upToCount: Int(fromFile)) ?? Data())
                at = position + Int64(chunk.count)
            }
            if chunk.count < size {
                let offset = Int(at - Int64(head.count) - rowBytes)
                chunk.append(tail.subdata(in: offset..<min(tail.count, offset + size - chunk.count)))
            }
            return chunk
        }
    }

    private func flush() throws {
        try sheet.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// "A", …, "Z", "AA", …
    public static func columnName(_ index: Int) -> String {
        var name: [UInt8] = []
        var rest = index + 1
        while rest > 0 {
            let remainder = (rest - 1) % 26
            name.insert(UInt8(ascii: "A") + UInt8(remainder), at: 0)
            rest = (rest - 1) / 26
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// XML's reserved characters as entities; control characters XML 1.0 cannot carry as
    /// OOXML's `_xHHHH_`, and a literal `_x` that would read as one escaped itself.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        let escapeUnderscores = text.contains("_x") && text.range(of: "_x[0-9A-Fa-f]{4}_", options: .regularExpression) != nil
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "<": output.append(contentsOf: "&lt;".utf8)
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "\t", "\n", "\r": output.append(UInt8(scalar.value))
            case "_" where escapeUnderscores: output.append(contentsOf: "_x005F_".utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    output.append(contentsOf: "_x\(String(format: "%04X", scalar.value))_".utf8)
                } else {
                    output.append(contentsOf: String(scalar).utf8)
                }
            }
        }
    }

    private static func sheetHead(rows: Int, columns: Int, frozen: Int) -> String {
        let widths = columns > 0 ? "<cols><col min=\"1\" max=\"\(columns)\" width=\"18\" customWidth=\"1\"/></cols>" : ""
        let extent = rows > 0 && columns > 0 ? "<dimension ref=\"A1:\(columnName(columns - 1))\(rows)\"/>" : ""
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            \(extent)<sheetViews><sheetView workbookViewId="0"><pane ySplit="\(frozen)" topLeftCell="A\(frozen + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            \(widths)<sheetData>
            """
    }

    private static func fixedParts(sheetName: String) -> [(String, String)] { [
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """),
        ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="\(sheetName)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """),
        ("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """),
    ] }
}
