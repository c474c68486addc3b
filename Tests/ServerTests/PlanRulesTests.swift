import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// What the documents fix, a committee's office cannot publish otherwise: its own series
/// (衢州 附件3), 河北's 公示 (三（一）5 "资格审核、公示后") and 单独分组 (三（一）6); where the
/// documents leave a setting to the year's notice (衢州, 77号 "有条件的…可"), the plan decides.
@Suite(.serialized) struct PlanRulesTests {
    @Test func aPlanHoldsOnlyItsCommitteesSeries() async throws {
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou",
                                                                     committee: TitleApplicationFlowTests.quzhouCommittee)
            let office = try await world.client(app, world.officer("p-office", role: "committee_office", in: committee))
            let building = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["机电制造工程", "建设工程"], levels: ["中级"])])
            #expect(building.status == 422, "\(building.body)")
            #expect(building.body.contains("series[1]") && building.body.contains("衢州市建筑工程技术人员中级职务评审委员会") && building.body.contains("附件3"), "\(building.body)")
            #expect(!building.body.contains("series[0]"))
            let unknown = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["航天工程"], levels: ["中级"])])
            #expect(unknown.status == 422 && unknown.body.contains("不在"), "\(unknown.body)")
            // Not listed under the wrong committee either.
            let listed = try await CaseClient(app).call(.GET, "publicity")
            #expect(!listed.body.contains("建设工程"))
            // Its own series are accepted, and 衢州 leaves 公示 and 单独分组 to the notice.
            let own = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(
                series: ["机电制造工程", "应急管理技术"], levels: ["中级"], separateGroup: false, publicityDays: 0)])
            #expect(own.status == 201, "\(own.body)")
        }
    }

    @Test func hebeiPlansKeepPublicityAndSeparateGrouping() async throws {
        try await TestServer.withServer { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("河北省工程系列评委会"), jurisdiction: "hebei",
                                                                     committee: world.name("河北省工程系列评委会"))
            let office = try await world.client(app, world.officer("p-hb", role: "committee_office", in: committee))
            let noPublicity = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["工程"], levels: ["中级"], publicityDays: 0)])
            #expect(noPublicity.status == 422, "\(noPublicity.body)")
            #expect(noPublicity.body.contains("publicityDays") && noPublicity.body.contains("三（一）5") && noPublicity.body.contains("公示后"), "\(noPublicity.body)")
            let together = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["工程"], levels: ["中级"], separateGroup: false)])
            #expect(together.status == 422, "\(together.body)")
            #expect(together.body.contains("separateGroup") && together.body.contains("三（一）6") && together.body.contains("单独分组、单独评审"), "\(together.body)")
            let kept = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(series: ["工程"], levels: ["中级"], publicityDays: 1)])
            #expect(kept.status == 201, "\(kept.body)")
        }
    }
}
