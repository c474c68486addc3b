import Domain
import Engine
import Foundation
import PolicyData
import Server
import Testing
import Vapor
import VaporTesting

/// A city added as data only (Tests/Fixtures/extra-city, 溪山市 under 浙江): the engine, the
/// catalogue and the API answer for it, from its own tables and its province's rules.
@Suite struct ExtraCityTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/extra-city")
    static let base = try! PolicyBase.load(from: try! DataSource.bundled(), adding: [DataSource.extra(fixture)])

    private func evaluate(_ json: String) throws -> [String: Any] {
        let services = PolicyServices(base: Self.base, today: { CalendarDate(iso: "2024-06-30")! })
        let request = try services.decoder.decode(try #require(JSONValue.parse(Data(json.utf8))), today: services.today())
        let bytes = services.engine.evaluate(request).json()
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func theEngineAnswersFromTheCitysTableAndItsProvincesRules() throws {
        let result = try evaluate(#"{"jurisdiction":"xishan","asOf":"2024-06-30","person":{"skills":[{"level":"技师","occupation":"车工","obtainedOn":"2020-01-01"}],"currentOccupation":"车工"}}"#)
        let policies = (result["policies"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(policies == ["xs-2024-1", "zj-2022-77"])
        let options = try #require(result["titleOptions"] as? [[String: Any]])
        let intermediate = try #require(options.first { $0["level"] as? String == "中级" })
        #expect(intermediate["series"] as? String == "机电制造工程")
        #expect((intermediate["committee"] as? [String: Any])?["name"] as? String == "溪山市工程技术中级职务评审委员会")
        let citations = (intermediate["conditions"] as? [[String: Any]])?.compactMap { ($0["citation"] as? [String: Any])?["policy"] as? String } ?? []
        #expect(citations.contains("zj-2022-77") && citations.contains("xs-2024-1"))
        // The city's procedure (二) for 中级 is carried with the option.
        let procedures = (intermediate["procedures"] as? [[String: Any]]) ?? []
        #expect(procedures.contains { $0["policy"] as? String == "xs-2024-1" })
    }

    @Test func theCitysCommitteesServeTheLevelsItsDataSays() throws {
        let result = try evaluate(#"{"jurisdiction":"xishan","asOf":"2024-06-30","person":{"skills":[{"level":"高级技师","occupation":"车工","obtainedOn":"2015-01-01"}],"currentOccupation":"车工"}}"#)
        let options = try #require(result["titleOptions"] as? [[String: Any]])
        let senior = try #require(options.first { $0["level"] as? String == "副高级" && $0["series"] as? String == "机电制造工程" })
        #expect(senior["committee"] == nil || senior["committee"] is NSNull)
        #expect((senior["notes"] as? [String])?.contains { $0.contains("溪人社〔2024〕1号 附件2所列均为中级职务评审委员会") } == true)
    }

    @Test func theCitysProvidersTakeTheLevelsItsRoutingLists() throws {
        let at技师 = try evaluate(#"{"jurisdiction":"xishan","asOf":"2024-06-30","person":{"skills":[{"level":"高级工","occupation":"溪山竹编工","obtainedOn":"2015-01-01"}],"currentOccupation":"溪山竹编工","occupationWorkYears":20}}"#)
        let promotion = try #require((at技师["skillOptions"] as? [[String: Any]])?.first { $0["level"] as? String == "技师" })
        #expect((promotion["providers"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["溪山竹艺研究院"])
        let at高级技师 = try evaluate(#"{"jurisdiction":"xishan","asOf":"2024-06-30","person":{"skills":[{"level":"技师","occupation":"溪山竹编工","obtainedOn":"2015-01-01"}],"currentOccupation":"溪山竹编工","occupationWorkYears":20}}"#)
        let higher = try #require((at高级技师["skillOptions"] as? [[String: Any]])?.first { $0["level"] as? String == "高级技师" })
        // 三 sends 高级工、技师 to the listed organisations: not 高级技师, though the row lists 一级.
        #expect((higher["providers"] as? [[String: Any]] ?? []).isEmpty)
    }

    @Test func beforeTheCitysNoticeOnlyTheProvinceApplies() throws {
        let result = try evaluate(#"{"jurisdiction":"xishan","asOf":"2024-01-31","person":{"skills":[{"level":"技师","occupation":"车工","obtainedOn":"2020-01-01"}],"currentOccupation":"车工"}}"#)
        let policies = (result["policies"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(policies == ["zj-2022-77"])
        let options = try #require(result["titleOptions"] as? [[String: Any]])
        #expect(!options.isEmpty && options.allSatisfy { $0["committee"] == nil || $0["committee"] is NSNull })
    }

    @Test func theCatalogueAndTheAPIAnswerForTheCity() async throws {
        try await TestServer.withServer(base: Self.base) { app in
            try await app.testing().test(.GET, "api/v1/occupations/" + "溪山竹编工".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "?jurisdiction=xishan") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("工艺美术") && response.body.string.contains("溪山市工艺美术专业中级职务评审委员会"))
            }
            try await app.testing().test(.GET, "api/v1/committees?jurisdiction=xishan&level=" + "中级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("溪山市工程技术中级职务评审委员会"))
            }
            try await app.testing().test(.GET, "api/v1/procedures?jurisdiction=xishan&direction=title&level=" + "中级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! + "&asOf=2024-06-30") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("经市人力社保部门审核后"))
            }
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/json"],
                                         body: ByteBuffer(string: #"{"jurisdiction":"溪山市","asOf":"2024-06-30","person":{"currentOccupation":"溪山竹编工"}}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains(#""code":"xishan""#))
            }
        }
    }
}
