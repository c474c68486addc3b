import Foundation
import PolicyData
import Testing

/// A fictional city (Tests/Fixtures/extra-city) added to the bundled data as a folder of
/// data files: it loads, validated with the rest, and a broken copy is refused by name.
@Suite struct ExtraDataTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/extra-city")

    /// Copies the fixture, applies `edit` to one of its files (or adds one) and loads it.
    private func loadAfterEditing(_ file: String, _ edit: (String) -> String) throws -> PolicyDataErrors? {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-extra-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: Self.fixture, to: scratch)
        let url = scratch.appendingPathComponent(file)
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        try edit(text).write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try PolicyBase.load(from: try DataSource.bundled(), adding: [DataSource.extra(scratch)])
            return nil
        } catch let errors as PolicyDataErrors {
            return errors
        }
    }

    @Test func theCityLoadsWithItsTablesUnderItsProvince() throws {
        let base = try PolicyBase.load(from: try DataSource.bundled(), adding: [DataSource.extra(Self.fixture)])
        let city = try #require(base.jurisdiction("xishan"))
        #expect(city.name == "溪山市" && city.parent == "zhejiang")
        #expect(base.jurisdictionChain("xishan").map(\.code) == ["xishan", "zhejiang"])
        #expect(base.document("xs-2024-1")?.clause("附件1") != nil)
        let rows = base.seriesMappings.filter { $0.source.document == "xs-2024-1" }
        #expect(rows.count == 3)
        #expect(rows.first { $0.occupation == "溪山竹编工" }?.series == ["工艺美术"])
        #expect(base.committees.filter { $0.jurisdiction == "xishan" }.map(\.source.table) == ["附件2", "附件2"])
        #expect(base.providers.filter { $0.jurisdiction == "xishan" }.count == 2)
        #expect(base.resolveOccupation("溪山竹编工") != nil)
        #expect(base.parameters.procedures.contains { $0.document == "xs-2024-1" })
        // The bundled data is all still there.
        let bundled = try PolicyBase.bundled()
        #expect(base.seriesMappings.count == bundled.seriesMappings.count + 3)
        #expect(base.documents.count == bundled.documents.count + 1)
    }

    @Test func aTableNotInTheManifestIsRefused() throws {
        let errors = try #require(try loadAfterEditing("xishan/extra.csv") { _ in "row,series\n1,工程\n" })
        #expect(errors.errors.contains { $0.file.hasSuffix("/xishan/extra.csv") && $0.message.contains("not listed in tables.yaml") })
    }

    @Test func aManifestEntryNamingAnotherCitysDocumentIsRefused() throws {
        let errors = try #require(try loadAfterEditing("tables.yaml") {
            $0.replacingOccurrences(of: "document: xs-2024-1, table: 附件2, jurisdiction: xishan", with: "document: qz-2023-23, table: 附件3, jurisdiction: xishan")
        })
        #expect(errors.errors.contains { $0.file.hasSuffix("/tables.yaml") && $0.message.contains("qz-2023-23 is a document of quzhou, not xishan") })
    }

    @Test func aManifestTableThatIsNotAClauseIsRefused() throws {
        let errors = try #require(try loadAfterEditing("tables.yaml") { $0.replacingOccurrences(of: "table: 附件3", with: "table: 附件9") })
        #expect(errors.errors.contains { $0.message.contains("xs-2024-1 has no clause 附件9") })
    }

    @Test func anUnknownOccupationInTheCitysTableNamesItsFileAndLine() throws {
        let errors = try #require(try loadAfterEditing("xishan/occupation-series.csv") { $0.replacingOccurrences(of: "2,2,钳工", with: "2,2,钳猫") })
        #expect(errors.errors.contains { $0.file.hasSuffix("/xishan/occupation-series.csv") && $0.line == 4 && $0.message.contains("钳猫") })
    }

    @Test func anOccupationTheBundledCatalogueHasIsADuplicate() throws {
        let errors = try #require(try loadAfterEditing("occupations.csv") { $0 + "车工,,\n" })
        #expect(errors.errors.contains { $0.file.hasSuffix("/occupations.csv") && $0.message.contains("duplicate row: occupation") })
    }

    @Test func aRoutingQuoteNotInTheClauseIsRefused() throws {
        let errors = try #require(try loadAfterEditing("parameters.yaml") { $0.replacingOccurrences(of: "所列机构申请评价}", with: "所列机构申请鉴定}") })
        #expect(errors.errors.contains { $0.message.contains("quote is not in xs-2024-1 三") })
    }
}
