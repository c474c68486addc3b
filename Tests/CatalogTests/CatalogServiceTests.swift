import Catalog
import Domain
import PolicyData
import Testing

@Suite struct CatalogServiceTests {
    let catalog: CatalogService

    init() throws {
        catalog = CatalogService(base: try PolicyBase.bundled())
    }

    @Test func anOldCertificateNameFindsTheOccupationAndItsRoutesInQuzhou() throws {
        let report = try catalog.occupation("电焊工", jurisdiction: "quzhou", asOf: CalendarDate(iso: "2024-06-30")!)
        #expect(report.occupation.name == "焊工")
        #expect(report.matchedVia == "alias")
        let quzhou = try #require(report.jurisdictions.first)
        #expect(quzhou.code == "quzhou")
        #expect(quzhou.series.contains { $0.series == ["机电制造工程"] && $0.document == "qz-2023-23" })
        #expect(quzhou.series.contains { $0.series == ["工程技术", "实验技术"] && $0.document == "zj-2022-77" })
        #expect(quzhou.committees.map(\.name) == ["衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"])
        // Level by level, as the engine's options: 附件3's committee is a 中级 committee.
        #expect(quzhou.routing.titles.first { $0.level == "中级" && $0.series == "机电制造工程" }?.committee?.name == "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会")
        #expect(quzhou.routing.titles.contains { $0.level == "副高级" && $0.series == "机电制造工程" && $0.committee == nil })
        #expect(quzhou.providers.contains { $0.name == "浙江省衢州应用技术学校" && $0.workType == "电焊工" })
        let listed = Set(report.listedIn.map { "\($0.document) \($0.table)" })
        #expect(listed.isSuperset(of: ["zj-2022-77 附件", "qz-2023-23 附件1", "qz-2023-23 附件4", "sx-2019-64 附件1", "sx-2019-64 附件2", "sx-2019-64 附件3", "hb-plan 三（二）6"]))
        #expect(!listed.contains("hb-plan 附件")) // 焊工 is not on the Hebei pages that survive
    }

    @Test func aNationalCodeResolvesAndChineseJurisdictionNamesWork() throws {
        let report = try catalog.occupation("4-13-03-01", jurisdiction: "河北省", asOf: CalendarDate(iso: "2024-06-30")!)
        #expect(report.occupation.name == "考古探掘工" && report.matchedVia == "code")
        #expect(report.jurisdictions.first?.series.first?.series == ["文物博物"])
    }

    @Test func hebeiAccessTypeOccupationShowsItsDepartment() throws {
        let report = try catalog.occupation("焊工", jurisdiction: "hebei", asOf: CalendarDate(iso: "2024-06-30")!)
        #expect(report.jurisdictions.first?.accessType.first?.departments == ["人力资源社会保障部门职业技能鉴定机构", "环境保护部门职业技能鉴定机构"])
    }

    @Test func anUnlistedOccupationCarriesTheCommitteeNote() throws {
        let report = try catalog.occupation("咖啡师", jurisdiction: "zhejiang", asOf: CalendarDate(iso: "2024-06-30")!)
        #expect(report.jurisdictions.first?.series.isEmpty == true)
        #expect(report.jurisdictions.first?.notes.first?.contains("职称评审委员会可根据实际予以确定") == true)
        #expect(report.questionBank?.source.row == "26")
    }

    @Test func anOccupationMissingFromHebeiPointsAtTheMissingPages() throws {
        let report = try catalog.occupation("车工", jurisdiction: "hebei", asOf: CalendarDate(iso: "2024-06-30")!)
        let note = try #require(report.jurisdictions.first?.notes.first)
        #expect(note.contains("工程系列第1–22行、50–76行"))
        #expect(note.contains("401行以后"))
    }

    @Test func anUnknownNameSuggestsTheClosest() {
        #expect(throws: UnknownOccupation.self) { try catalog.occupation("电焊", asOf: CalendarDate(iso: "2024-06-30")!) }
        #expect(catalog.closestOccupations(to: "电焊").contains("焊工"))
        #expect(catalog.closestOccupations(to: "数控铣").contains("铣工"))
    }

    @Test func anUnknownJurisdictionListsTheSupportedOnes() {
        #expect(throws: CatalogService.Failure.unknownJurisdiction("beijing", supported: ["zhejiang", "quzhou", "zhoushan", "shaoxing", "hebei"])) {
            try catalog.occupation("车工", jurisdiction: "beijing", asOf: CalendarDate(iso: "2024-06-30")!)
        }
    }

    @Test func documentsInForceFollowTheirDates() {
        let before = catalog.documents(asOf: CalendarDate(iso: "2022-12-16"))
        #expect(before.first { $0.id == "zj-2022-77" }?.status == .notYet)
        #expect(before.first { $0.id == "sx-2019-64" }?.status == .inForce)
        #expect(before.first { $0.id == "hb-plan" }?.status == .unknown)
        let onTheDay = catalog.documents(asOf: CalendarDate(iso: "2022-12-17"))
        #expect(onTheDay.first { $0.id == "zj-2022-77" }?.status == .inForce)
        #expect(onTheDay.first { $0.id == "sx-2019-64" }?.supersededBy.first?.from == CalendarDate(iso: "2022-12-17"))
    }

    @Test func statsCountEveryTable() {
        let stats = Dictionary(catalog.stats().map { ($0.table, $0.rows) }, uniquingKeysWith: { first, _ in first })
        #expect(stats["zhejiang/occupation-series.csv"] == 883)
        #expect(stats["question-bank/2023-2024.csv"] == 51)
        #expect(stats["question-bank occupation-types (sum of counts)"] == 120)
    }
}
