import Foundation
@testable import Spreadsheet
import Testing
import ZIPFoundation

@Suite struct SpreadsheetTests {
    func temporary(_ ext: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sheet-\(UUID().uuidString).\(ext)")
    }

    func rows(of url: URL, dateColumns: Set<String> = []) throws -> [(Int, [String])] {
        var rows: [(Int, [String])] = []
        try XLSXReader(url: url, dateColumns: dateColumns).forEachRow { rows.append(($0, $1)) }
        return rows
    }

    @Test func whatTheWriterWritesTheReaderReadsBack() throws {
        let url = temporary("xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let written = [
            ["id", "best_title_level", "error"],
            ["P1", "中级", ""],
            ["A&B <x> \"q\"", "", "第 3 行：occupation_work_years 应为数字"],
            ["tab\there", "line\nbreak", "bell\u{7}and _x0041_ literal"],
        ]
        let writer = try XLSXWriter(url: url)
        for row in written { try writer.append(row: row) }
        try writer.finish()
        let read = try rows(of: url)
        #expect(read.map(\.0) == [1, 2, 3, 4])
        // Trailing empty cells are not written, so they come back dropped.
        #expect(read[1].1 == ["P1", "中级"])
        #expect(read[2].1 == written[2])
        #expect(read[3].1 == written[3])
        #expect(read[0].1 == written[0])
    }

    @Test func anEmptySheetIsStillAWorkbook() throws {
        let url = temporary("xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try XLSXWriter(url: url)
        try writer.finish()
        #expect(try rows(of: url).isEmpty)
    }

    /// A workbook as Excel and others write them: shared strings with rich-text and phonetic
    /// runs, prefixed names, numbers, booleans, date serials, gaps between cells and rows.
    func makeWorkbook(date1904: Bool, sheetTarget: String = "worksheets/sheet1.xml") throws -> URL {
        let url = temporary("xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let parts: [(String, String)] = [
            ("xl/workbook.xml", """
                <?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:workbookPr date1904="\(date1904 ? 1 : 0)"/>\
                <x:sheets><x:sheet name="人员" sheetId="7" r:id="rId3"/><x:sheet name="其他" sheetId="8" r:id="rId4"/></x:sheets></x:workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/other.xml"/>\
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="\(sheetTarget)"/>\
                <Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
                </Relationships>
                """),
            ("xl/sharedStrings.xml", """
                <?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5">\
                <si><t>id</t></si><si><t>skill_obtained_on</t></si><si><t>occupation</t></si>\
                <si><r><rPr><b/></rPr><t>车</t></r><r><t xml:space="preserve">工 </t></r><rPh sb="0" eb="1"><t>チェ</t></rPh></si>\
                <si><t>A&amp;B</t></si><si/><si><t>honors</t></si></sst>
                """),
            ("xl/worksheets/sheet1.xml", """
                <?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>6</v></c></row>\
                <row r="2"><c r="A2"><v>1001</v></c><c r="B2" s="3"><v>45292</v></c><c r="C2" t="s"><v>3</v></c><c r="D2" t="b"><v>1</v></c></row>\
                <row r="4" spans="1:4"><c r="A4" t="inlineStr"><is><t>P&lt;4&gt;</t></is></c><c r="C4" t="s"><v>4</v></c><c r="F4" s="2"/></row>\
                <row r="5"><c t="str"><f>A4</f><v>P5</v></c><c t="d"><v>2020-05-01T00:00:00</v></c><c><v>2.5</v></c></row>\
                <row r="6"/></sheetData></worksheet>
                """),
            ("xl/worksheets/other.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>9</v></c></row></sheetData></worksheet>"),
        ]
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url
    }

    @Test func readsTheFirstSheetAsExcelWritesIt() throws {
        let url = try makeWorkbook(date1904: false)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try rows(of: url, dateColumns: ["skill_obtained_on"])
        #expect(read.map(\.0) == [1, 2, 4, 5])
        #expect(read[0].1 == ["id", "skill_obtained_on", "occupation", "honors"])
        // Phonetic runs are left out; a date serial in a date column reads as a date.
        #expect(read[1].1 == ["1001", "2024-01-01", "车工 ", "true"])
        #expect(read[2].1 == ["P<4>", "", "A&B"])
        #expect(read[3].1 == ["P5", "2020-05-01", "2.5"])
    }

    @Test func theNineteenFourDateSystemIsHonoured() throws {
        let url = try makeWorkbook(date1904: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try rows(of: url, dateColumns: ["skill_obtained_on"])
        // 45292 days after 1904-01-01.
        #expect(read[1].1[1] == "2028-01-02")
        // Outside a date column a number stays a number.
        #expect(try rows(of: url)[1].1[1] == "45292")
    }

    @Test func excelDateSerials() {
        #expect(ExcelDate.iso(serial: 45292, date1904: false) == "2024-01-01")
        #expect(ExcelDate.iso(serial: 45292.75, date1904: false) == "2024-01-01")
        #expect(ExcelDate.iso(serial: 43830, date1904: true) == "2024-01-01")
        #expect(ExcelDate.iso(serial: 1, date1904: false) == "1900-01-01")
        #expect(ExcelDate.iso(serial: 59, date1904: false) == "1900-02-28")
        #expect(ExcelDate.iso(serial: 61, date1904: false) == "1900-03-01")
        #expect(ExcelDate.iso(serial: 60, date1904: false) == nil)
        #expect(ExcelDate.iso(serial: 60_000, date1904: false) == "2064-04-08")
        #expect(ExcelDate.iso(serial: -3, date1904: false) == nil)
    }

    /// References and row numbers beyond a sheet's bounds are refused, never overflowed.
    @Test func referencesBeyondTheSheetAreRefused() throws {
        #expect(XLSXReader.columnIndex(Array("ZZZZZZZZZZZZZZ1".utf8)) == nil)
        #expect(XLSXReader.columnIndex(Array("XFD1".utf8)) == 16_383)
        #expect(XLSXReader.columnIndex(Array("XFE1".utf8)) == nil)
        let sheet = Data(#"<worksheet><sheetData><row r="9223372036854775807"/><row/></sheetData></worksheet>"#.utf8)
        let url = try workbook(sheet: sheet)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: XLSXError.self) { _ = try rows(of: url) }
    }

    @Test func columnLetters() {
        #expect(XLSXReader.columnIndex(Array("A1".utf8)) == 0)
        #expect(XLSXReader.columnIndex(Array("Z9".utf8)) == 25)
        #expect(XLSXReader.columnIndex(Array("AA10".utf8)) == 26)
        #expect(XLSXReader.columnIndex(Array("XFD1".utf8)) == 16_383)
        #expect(XLSXReader.columnIndex(Array("12".utf8)) == nil)
        #expect(XLSXWriter.columnName(0) == "A" && XLSXWriter.columnName(25) == "Z" && XLSXWriter.columnName(26) == "AA" && XLSXWriter.columnName(16_383) == "XFD")
    }

    @Test func aFileThatIsNotAWorkbookIsRefusedWithAReason() throws {
        let url = temporary("xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("id,occupation\n1,车工\n".utf8).write(to: url)
        #expect(throws: XLSXError.self) { try XLSXReader(url: url) }
    }

    @Test func aSheetTheRelationsDoNotReachIsRefused() throws {
        let url = try makeWorkbook(date1904: false, sheetTarget: "worksheets/missing.xml")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: XLSXError.self) { try rows(of: url) }
    }

    @Test func theScannerCopesWithTagsCutAcrossChunks() throws {
        let xml = Array("<a x=\"1>2\"><b>&#x8F66;&amp;<![CDATA[<raw>]]></b><!-- <c> --></a>".utf8)
        for cut in 1..<xml.count {
            var scanner = XMLScanner()
            var texts: [UInt8] = []
            var names: [String] = []
            let handle: (XMLScanner.Event) throws -> Void = { event in
                switch event {
                case .start(let name, _, _): names.append(String(decoding: name, as: UTF8.self))
                case .end(let name): names.append("/" + String(decoding: name, as: UTF8.self))
                case .text(let bytes): texts += bytes
                }
            }
            try scanner.feed(xml[..<cut], handle)
            try scanner.feed(xml[cut...], handle)
            try scanner.finish()
            #expect(names == ["a", "b", "/b", "/a"])
            #expect(String(decoding: texts, as: UTF8.self) == "车&<raw>")
        }
    }

    /// A workbook with one sheet whose XML is `sheet` (deflated).
    func workbook(sheet: Data) throws -> URL {
        let url = temporary("xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        let parts: [(String, Data)] = [
            ("xl/workbook.xml", Data(#"<workbook><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Data(#"<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url
    }

    /// Packed far beyond what a spreadsheet packs to: refused from the sizes the package
    /// declares, before anything is unpacked.
    @Test func aPartThatUnpacksBeyondAnyRealSheetIsRefused() throws {
        var sheet = Data("<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row>".utf8)
        sheet.append(Data(repeating: 0x20, count: 64 << 20))
        sheet.append(Data("</sheetData></worksheet>".utf8))
        let url = try workbook(sheet: sheet)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: XLSXError.self) { _ = try rows(of: url) }
        do { _ = try rows(of: url) } catch { #expect("\(error)".contains("压缩比")) }
    }

    /// One cell of 3 MB: refused as over the cell limit, not scanned again and again.
    @Test func aCellBeyondTheLimitIsRefused() throws {
        var sheet = Data("<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>".utf8)
        // Letters in no pattern, so the part packs like real text.
        var state: UInt32 = 12_345
        for _ in 0..<(3 << 20) {
            state = state &* 1_103_515_245 &+ 12_345
            sheet.append(UInt8(ascii: "A") + UInt8((state >> 16) % 26))
        }
        sheet.append(Data("</t></is></c></row></sheetData></worksheet>".utf8))
        let url = try workbook(sheet: sheet)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try rows(of: url)
            Issue.record("a 3 MB cell was read")
        } catch {
            #expect("\(error)".contains("超过 1 MB"))
        }
    }
}
