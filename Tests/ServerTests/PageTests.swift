import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct PageTests {
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }.joined(separator: "&")
    }

    @Test func theCheckerAsksInChinese() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "/") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("职业发展贯通自测"))
                #expect(response.body.string.contains("name=\"skill1Occupation\""))
                #expect(response.body.string.contains("width=device-width"))
            }
        }
    }

    @Test func aResultShowsCardsConditionsAndLinksToClauses() async throws {
        let query = Self.query([("j", "quzhou"), ("asOf", "2024-06-30"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2020-05-01"), ("assessments", "yes"), ("cePublic", "20"), ("ceProfessional", "70")])
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "result?" + query) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("机电制造工程 · 中级"))
                #expect(page.contains("可以申报"))
                #expect(page.contains("/documents/zj-2022-77#c-三（二）1（2）"))
                #expect(page.contains("衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"))
                // How to apply, under the card: the platform and the year's notice (衢州 二).
                #expect(page.contains("申报流程") && page.contains("/documents/qz-2023-23#c-二"))
                #expect(page.contains("具体申报要求和操作方法按当年度该专业职称评审申报通知文件执行"))
            }
            try await app.testing().test(.GET, "result/print?" + query) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("class=\"print\""))
            }
        }
    }

    @Test func badInputReshowsTheFormWithTheErrorBesideTheField() async throws {
        let query = Self.query([("j", "quzhou"), ("asOf", "2024-06-30"), ("skill1Level", "技师"), ("skill1Date", "2025-01-01"), ("workYears", "很多")])
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "result?" + query) { response in
                let page = response.body.string
                #expect(response.status == .ok)
                // A summary at the top links to each field; each error is tied to its field.
                #expect(page.contains("请修改以下 2 处"))
                #expect(page.contains("<a href=\"#f-skill1Date\">第一张证书的取得日期："))
                #expect(page.contains("晚于评估日期"))
                #expect(!page.contains("asOf（"))
                #expect(page.contains("应为数字（年）"))
                #expect(page.contains("value=\"2025-01-01\""))
                #expect(page.contains("id=\"f-workYears\" name=\"workYears\" aria-invalid=\"true\" aria-describedby=\"e-workYears\""))
                #expect(page.contains("<p class=\"error\" id=\"e-workYears\">应为数字（年）</p>"))
            }
        }
    }

    @Test func documentPagesHaveAnAnchorPerClause() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "documents/sx-2019-64") { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("id=\"c-一（五）第3段\""))
            }
            try await app.testing().test(.GET, "occupations?q=cg") { response in
                #expect(response.body.string.contains("/occupations/车工"))
            }
            try await app.testing().test(.GET, "occupations/" + "焊工".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!) { response in
                #expect(response.status == .ok)
                #expect(response.body.string.contains("衢州市"))
            }
        }
    }

    /// Committees and providers by jurisdiction; each document page shows its attachments' tables.
    @Test func referencePagesListCommitteesProvidersAndAttachments() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "committees") { response in
                #expect(response.status == .ok)
                let page = response.body.string
                #expect(page.contains("<h2>衢州市</h2>") && page.contains("衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"))
                #expect(page.contains("<a href=\"tel:+865708758639\">0570-8758639</a>"))
            }
            try await app.testing().test(.GET, "providers") { response in
                #expect(response.body.string.contains("衢州市技师学院") && response.body.string.contains("<h2>绍兴市</h2>"))
            }
            for (id, expected) in [("qz-2023-23", ["附件1 ", "附件3 ", "附件4 ", "车工"]), ("sx-2019-64", ["附件1 ", "附件2 ", "附件3 "]),
                                   ("hb-plan", ["已知的缺页", "附件"]), ("qb-2023", ["附件1 "])] {
                try await app.testing().test(.GET, "documents/" + id) { response in
                    #expect(response.status == .ok)
                    let page = response.body.string
                    #expect(page.contains("附件中的表格"), "\(id)")
                    for words in expected { #expect(page.contains(words), "\(id): \(words)") }
                }
            }
        }
    }

    /// Series and honours are chosen from the data's lists; what the list lacks can be written,
    /// and an honour the documents do not list is explained in plain words.
    @Test func seriesAndHonoursAreChosenFromTheData() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "check?j=hebei") { response in
                let page = response.body.string
                #expect(page.contains("<optgroup label=\"全国\"><option value=\"世界技能大赛金牌\">") && page.contains("<option value=\"全国技术能手\">全国技术能手</option>"))
                #expect(page.contains("<optgroup label=\"河北省\">"))
                // The chosen jurisdiction's series come first.
                let hebei = page.range(of: "<optgroup label=\"河北省\">")?.lowerBound, zhejiang = page.range(of: "<optgroup label=\"浙江省\">")?.lowerBound
                #expect(hebei != nil && zhejiang != nil && hebei! < zhejiang!)
            }
            let query = Self.query([("j", "quzhou"), ("asOf", "2024-06-30"), ("honor1Other", "五一劳动奖章"), ("skill1Occupation", "车工"), ("skill1Level", "技师"), ("skill1Date", "2020-01-01")])
            try await app.testing().test(.GET, "result?" + query) { response in
                let page = response.body.string
                #expect(page.contains("文件未列荣誉「五一劳动奖章」，不作为直接申报依据"))
                #expect(!page.contains("person.honors"))
            }
        }
    }

    /// An honour chosen from the list and one written beside it are both weighed; two
    /// different series are refused with the reason beside the field.
    @Test func listAndWrittenValuesAreBothRespected() async throws {
        try await TestServer.withServer { app in
            let both = Self.query([("j", "hebei"), ("asOf", "2024-06-30"), ("honor1", "全国技术能手"), ("honor1Other", "五一劳动奖章")])
            try await app.testing().test(.GET, "result?" + both) { response in
                let page = response.body.string
                #expect(page.contains("直接认定") && page.contains("文件未列荣誉「五一劳动奖章」"))
            }
            let series = Self.query([("j", "quzhou"), ("titleLevel", "中级"), ("titleSeries", "机电制造工程"), ("titleSeriesOther", "农业")])
            try await app.testing().test(.GET, "result?" + series) { response in
                #expect(response.body.string.contains("系列只能有一个"))
            }
        }
    }
}
