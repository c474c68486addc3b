import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// Evaluation organisations set up from the data (衢州 附件4, 绍兴 附件3 and its city centre,
/// 河北's access-type departments) keep what the data says they cover; an employer is marked
/// as a 自主评价 enterprise on a source the administrator names.
@Suite(.serialized) struct ProviderOrganisationTests {
    static func failure(_ body: () async throws -> Void) async -> String {
        do { try await body(); return "" } catch { return String(describing: error) }
    }

    @Test(arguments: TestServer.databases.map(\.description))
    func providersKeepTheirCoverage(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        try await TestServer.withServer(database: choice) { app in
            let world = CaseworkWorld(app)
            let admin = world.admin
            func coverage(_ id: String) async throws -> [String] { try await admin.organisations().first { $0.id == id }?.coverage ?? [] }

            // 衢州 附件4: 衢州市技师学院's rows, 工种 and levels as printed, each citing its row.
            let college = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("衢州市技师学院"), jurisdiction: "quzhou",
                                                             provides: "衢州市技师学院")
            let rows = try await coverage(college)
            #expect(rows.contains { $0.hasPrefix("保健按摩师（脊柱按摩师） 初级工、中级工、高级工、技师") && $0.contains("附件4 第 1 行") })
            #expect(rows.allSatisfy { $0.contains("附件4") })

            // 绍兴 附件3: a service point lists occupations at 高级工 and 技师.
            let point = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("浙江工业职业技术学院"),
                                                           jurisdiction: "shaoxing", provides: "浙江工业职业技术学院（绍兴市公共实训基地）")
            #expect(try await coverage(point).contains { $0.hasPrefix("车工 高级工、技师、高级技师") && $0.contains("附件3") })

            // 绍兴 二（三）2: the city centre takes 高级技师 of every occupation.
            let centre = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("绍兴市职业技能鉴定中心"),
                                                            jurisdiction: "shaoxing", provides: "市职业技能鉴定中心")
            #expect(try await coverage(centre) == ["各职业 高级技师（绍市人社发〔2019〕64号 二（三）2）"])

            // 河北 三（二）6: 焊工 goes to the HR or environmental departments' appraisal bodies.
            let welding = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("河北焊工鉴定站"),
                                                             jurisdiction: "hebei", provides: "人力资源社会保障部门职业技能鉴定机构")
            #expect(try await coverage(welding).contains { $0.hasPrefix("焊工") && $0.contains("三（二）6") })

            // A name the data does not give is refused, naming the ones it does; a kind of provider is not one.
            let unknown = await Self.failure { _ = try await admin.createOrganisation(kind: "evaluation_organisation", name: "某培训学校", jurisdiction: "shaoxing") }
            #expect(unknown.contains("不在本地区文件所列评价机构中") && unknown.contains("市职业技能鉴定中心"))
            let generic = await Self.failure { _ = try await admin.createOrganisation(kind: "evaluation_organisation", name: "技能鉴定服务点", jurisdiction: "shaoxing") }
            #expect(generic.contains("不在本地区文件所列评价机构中"))
            // 衢州's providers are not 绍兴's.
            let elsewhere = await Self.failure { _ = try await admin.createOrganisation(kind: "evaluation_organisation", name: world.name("技师学院"),
                                                                                    jurisdiction: "shaoxing", provides: "衢州市技师学院") }
            #expect(elsewhere.contains("不在本地区文件所列评价机构中"))

            // Officers hold the evaluation-organisation role there, and nowhere else.
            let employer = try await admin.createOrganisation(kind: "employer", name: world.name("河北某钢铁公司"), jurisdiction: "hebei")
            _ = try await world.officer("p-officer", role: "evaluation_organisation", in: welding)
            try await admin.createUser(username: world.name("p-hr"), displayName: "人事", password: CaseworkWorld.password)
            let misplaced = await Self.failure { try await admin.grant(role: "evaluation_organisation", to: world.name("p-hr"), in: employer) }
            #expect(misplaced.contains("不能在用人单位"))

            // 河北 三（二）4: an employer qualified for 焊工 at 高级工 and 技师, on the administrator's source.
            let qualified = try await admin.qualify(organisation: employer, occupation: "焊工", levels: ["技师", "三级"], source: "河北省人社厅自主评价企业备案公告")
            #expect(qualified == ["焊工 高级工、技师（河北省人社厅自主评价企业备案公告）"])
            #expect(try await coverage(employer) == qualified)
            let noSource = await Self.failure { _ = try await admin.qualify(organisation: employer, occupation: "焊工", levels: ["技师"], source: " ") }
            #expect(noSource.contains("依据"))
            let badLevel = await Self.failure { _ = try await admin.qualify(organisation: employer, occupation: "焊工", levels: ["九级"], source: "公告") }
            #expect(badLevel.contains("等级应为"))
            let notEmployer = await Self.failure { _ = try await admin.qualify(organisation: welding, occupation: "焊工", levels: ["技师"], source: "公告") }
            #expect(notEmployer.contains("只有用人单位"))
        }
    }
}
