import Domain
import PolicyData
import Testing

/// Row counts and spot checks (start, middle, end of every table) against the documents' own text.
@Suite struct TableContentTests {
    let base: PolicyBase

    init() throws {
        base = try PolicyBase.bundled()
    }

    private func size(_ table: String) -> Int? {
        base.tableSizes.first { $0.table == table }?.rows
    }

    private func mappings(_ document: String, _ table: String) -> [SeriesMapping] {
        base.seriesMappings.filter { $0.source.document == document && $0.source.table == table }
    }

    @Test func everyTableHasTheDocumentsRowCount() {
        #expect(size("zhejiang/occupation-series.csv") == 883)
        #expect(size("quzhou/series.csv") == 25)
        #expect(size("quzhou/occupation-series.csv") == 881)
        #expect(size("quzhou/committees.csv") == 25) // 24 rows, 质量技术基础工程 split in two
        #expect(size("quzhou/providers.csv") == 130)
        #expect(size("shaoxing/skill-to-title-series.csv") == 13)
        #expect(size("shaoxing/title-to-skill-series.csv") == 8)
        #expect(size("shaoxing/skill-to-title.csv") == 130)
        #expect(size("shaoxing/title-to-skill.csv") == 31)
        #expect(Set(base.providers.filter { $0.jurisdiction == "shaoxing" }.map(\.source.row)).count == 24)
        #expect(size("hebei/occupation-series.csv") == 531)
        #expect(size("question-bank/2023-2024.csv") == 51)
        #expect(base.questionBank.reduce(0) { $0 + $1.count } == 120)
        #expect(base.documents.count == 6)
    }

    @Test func zhejiangTable() throws {
        let rows = mappings("zj-2022-77", "附件")
        #expect(rows.count == 883)
        #expect(rows[0].printedName == "保卫管理员" && rows[0].series == ["工程技术", "实验技术"])
        #expect(rows[441].printedName == "油气输送工" && rows[441].source.row == "442")
        #expect(rows[815].printedName == "花艺环境设计师" && rows[815].series == ["工艺美术"] && rows[815].specialty == "工业设计")
        #expect(rows[870].printedName == "影视置景制作员" && rows[870].specialty == "舞台技术")
        #expect(rows[882].occupation == nil && rows[882].series == ["技工院校教师"])
        #expect(rows[882].population == "在技工院校从事教育工作，且具有相应职业资格或职业技能等级的人员")
    }

    @Test func quzhouSeriesTable() {
        let rows = mappings("qz-2023-23", "附件1")
        #expect(rows.first?.printedName == "汽车维修工" && rows.first?.series == ["机电制造工程"])
        // Names broken across a page in the PDF are whole again.
        #expect(rows.contains { $0.printedName == "液晶显示器件制造工" && $0.series == ["机电制造工程"] })
        #expect(rows.contains { $0.printedName == "矿山安全设备监测检修工" && $0.series == ["自然资源工程"] })
        #expect(rows.contains { $0.printedName == "记号笔制造工" && $0.source.row == "5" && $0.source.item == 117 })
        #expect(rows.contains { $0.printedName == "农艺工" && $0.series == ["农业技术"] && $0.specialtyText?.hasPrefix("农学、园艺") == true })
        #expect(rows.last?.series == ["技工院校教师"] && rows.last?.occupation == nil)
    }

    @Test func quzhouCommittees() {
        let rows = base.committees
        #expect(rows.first?.name == "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会" && rows.first?.phone == "8758639")
        let quality = rows.filter { $0.source.row == "18" }
        #expect(quality.count == 2)
        #expect(quality.first { $0.specialtyText == "特种设备" }?.name == "衢州市特种设备专业中级职称评审委员会")
        #expect(quality.first { $0.specialtyText == "特种设备" }?.host == "市市场监管局")
        #expect(quality.first { $0.specialtyText != "特种设备" }?.name == nil)
        #expect(rows.first { $0.source.row == "10" }?.name == "衢州市交通工程专业中级职务评审委员会")
        #expect(rows.last?.name == "衢州市体育教练员中级专业技术资格评审委员会" && rows.last?.phone == "3856074")
    }

    @Test func quzhouProviders() {
        let rows = base.providers.filter { $0.jurisdiction == "quzhou" }
        #expect(rows.first?.name == "衢州市技师学院" && rows.first?.occupation == "保健按摩师" && rows.first?.workType == "脊柱按摩师")
        #expect(rows.first?.contactPhone == "0570-8768209" && rows.first?.levels == [.elementary, .intermediate, .advanced, .technician])
        #expect(rows.contains { $0.name == "衢州市技师学院" && $0.occupation == "西式烹调师" && $0.levels.count == 4 })
        #expect(rows.contains { $0.name == "衢州职业技术学院" && $0.workType == "汽车维修检验工" && $0.contactName == "王胜" })
        #expect(rows.last?.name == "开化县技工学校" && rows.last?.occupation == "中式烹调师" && rows.last?.contactPhone == "13735052916")
    }

    @Test func shaoxingTables() {
        let toTitle = mappings("sx-2019-64", "附件1")
        #expect(toTitle.first?.printedName == "钣金工" && toTitle.first?.series == ["机电制造工程"])
        #expect(toTitle.contains { $0.printedName == "维修电工" && $0.occupation == "电工" && $0.series == ["建设工程"] })
        #expect(toTitle.contains { $0.printedName == "染色师" && $0.series == ["轻纺工程"] })
        #expect(toTitle.last?.printedName == "品酒师" && toTitle.last?.series == ["黄酒工程"])
        #expect(toTitle.allSatisfy { $0.direction == .skillToTitle })
        let toSkill = mappings("sx-2019-64", "附件2")
        #expect(toSkill.first?.printedName == "焊工")
        #expect(toSkill.contains { $0.printedName == "安全评价师" && $0.series == ["安全工程"] })
        #expect(toSkill.last?.printedName == "架子工" && toSkill.last?.series == ["建设工程"])
        #expect(toSkill.allSatisfy { $0.direction == .titleToSkill })
    }

    @Test func shaoxingServicePoints() {
        let rows = base.providers.filter { $0.jurisdiction == "shaoxing" }
        #expect(rows.first?.name == "浙江工业职业技术学院（绍兴市公共实训基地）" && rows.first?.occupation == "车工")
        #expect(rows.first?.levels == [.advanced, .technician, .seniorTechnician] && rows.first?.contactName == "谢立春")
        #expect(rows.contains { $0.source.row == "11" && $0.name == "柯桥区人力资源培训指导中心" && $0.contactPhone == "84788080" })
        #expect(rows.contains { $0.source.row == "22" && $0.printedOccupation == "数车" && $0.occupation == "车工" })
        #expect(rows.last?.name == "新昌技师学院" && rows.last?.occupation == "磨工" && rows.last?.levels == [.advanced, .technician])
    }

    @Test func hebeiTableAndItsGaps() {
        let rows = base.seriesMappings.filter { $0.source.document == "hb-plan" }
        #expect(rows.first?.printedName == "电梯安装维护工" && rows.first?.code == "6-29-03-03" && rows.first?.source.row == "23")
        #expect(rows.contains { $0.printedName == "工业型煤工" && $0.code == "6-10-03-05" && $0.series == ["工程"] })
        #expect(rows.contains { $0.printedName == "弹簧工" && $0.code == nil })
        #expect(rows.contains { $0.printedName == "考古探掘工" && $0.code == "4-13-03-01" && $0.series == ["文物博物"] })
        #expect(rows.last?.printedName == "体育经纪人" && rows.last?.code == "4-13-05-02" && rows.last?.series == ["体育"])
        let missingPages = base.tableGaps.filter { $0.kind == .missingRows && $0.series == "工程" }
        #expect(missingPages.contains { $0.fromRow == 50 && $0.toRow == 76 })
        #expect(missingPages.contains { $0.fromRow == 401 && $0.toRow == nil })
        #expect(Set(base.tableGaps.filter { $0.kind == .missingCode }.map(\.fromRow)) == [175, 205, 311, 1])
    }

    @Test func questionBankCatalogue() {
        let rows = base.questionBank
        #expect(rows.first?.occupation == "增材制造设备操作员" && rows.first?.levels == "5-1" && rows.first?.remarks == ["绿色职业", "数字职业"])
        let semiconductor = rows[30]
        #expect(semiconductor.occupation == "半导体分立器件和集成电路装调工" && semiconductor.count == 6 && semiconductor.workTypes.count == 6)
        #expect(rows.first { $0.source.row == "42" }?.standardVersions == ["2019", "2022"])
        #expect(rows.last?.occupation == "变配电运行值班员" && rows.last?.count == 3 && rows.last?.workTypes.first == "变电站运行值班员（5-1）")
    }

    @Test func documentsCarryTheirDates() throws {
        let provincial = try #require(base.document("zj-2022-77"))
        #expect(provincial.issuedOn == CalendarDate(iso: "2022-11-17"))
        #expect(provincial.effectiveFrom == CalendarDate(iso: "2022-12-17"))
        #expect(provincial.supersedes.contains { $0.document == "sx-2019-64" })
        #expect(base.document("sx-2019-64")?.effectiveFrom == CalendarDate(iso: "2019-10-15"))
        #expect(base.document("qz-2023-23")?.effectiveFrom == CalendarDate(iso: "2023-05-10"))
        #expect(base.document("hb-plan")?.effectiveFrom == nil)
        let clause = try #require(provincial.clause("三（二）1（2）"))
        #expect(clause.text == "获得相关职业（工种）技师职业资格或职业技能等级后，从事技术技能工作满3年，可申报相应系列中级职称评审。")
    }

    @Test func parametersFollowTheDocuments() {
        let quzhouHours = base.parameters.continuingEducation.first { $0.document == "qz-2023-23" }
        #expect(quzhouHours?.bands.map(\.totalHours) == [90] && quzhouHours?.publicHours == 18 && quzhouHours?.professionalHours == 60)
        let shaoxingHours = base.parameters.continuingEducation.first { $0.document == "sx-2019-64" }
        #expect(shaoxingHours?.bands.map(\.totalHours) == [18, 90] && shaoxingHours?.bands.first?.certificateYearThrough == 2019)
        let technician = base.parameters.skillToTitle.filter { $0.skillLevels == [.technician] }
        #expect(technician.count == 4 && technician.allSatisfy { $0.titleLevel == .intermediate && $0.waitingYears == 3 })
        #expect(base.parameters.deferredTitleLevels.map(\.document) == ["sx-2019-64"])
        let hebeiGrants = base.honours.grants.filter { $0.document == "hb-plan" }
        #expect(hebeiGrants.filter { $0.route == .directRecognition }.count == 8)
        #expect(base.honours.grants.contains { $0.document == "qz-2023-23" && $0.level == .primary && $0.honour == "zj-young-craftsman" })
    }

    @Test func occupationsResolveByNameAliasAndCode() {
        #expect(base.resolveOccupation("维修电工")?.occupation.name == "电工")
        #expect(base.resolveOccupation("维修电工")?.via == .alias)
        #expect(base.resolveOccupation("计算机（微机）维修工")?.occupation.name == "计算机维修工")
        #expect(base.resolveOccupation("计算机(微机)维修工")?.occupation.name == "计算机维修工")
        #expect(base.resolveOccupation("6-20-04-00")?.occupation.name == "电梯装配调试工")
        #expect(base.resolveOccupation(" 车工 ")?.via == .name)
        #expect(base.resolveOccupation("不存在的职业") == nil)
    }
}
