import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// The life of a title application through the API, as each role sees it.
@Suite(.serialized) struct TitleApplicationFlowTests {
    static let quzhouCommittee = "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"

    /// 衢州 二: the plan gives the steps (the documents defer to the year's notice); skilled
    /// workers are reviewed as a separate group; the vote decides by the plan's rule; the
    /// issued title is in the record and the next self-check uses it.
    @Test(arguments: TestServer.databases.map(\.description))
    func quzhouPlanSeparateGroupVoteAndIssue(_ database: String) async throws {
        let choice = try #require(TestServer.databases.first { $0.description == database })
        let calendar = TestCalendar("2024-06-30")
        try await TestServer.withServer(database: choice, calendar: calendar) { app in
            let world = CaseworkWorld(app)
            let committee = try await world.admin.createOrganisation(kind: "committee", name: world.name("衢州中评委"), jurisdiction: "quzhou", committee: Self.quzhouCommittee)
            let employer = try await world.admin.createOrganisation(kind: "employer", name: world.name("衢州某机械公司"), jurisdiction: "quzhou")
            let office = try await world.client(app, world.officer("qz-office", role: "committee_office", in: committee))
            let hr = try await world.client(app, world.officer("qz-hr", role: "employer", in: employer))

            let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": CaseworkWorld.plan(
                series: ["机电制造工程"], levels: ["中级"], steps: [["role": "employer", "act": "推荐"]])])
            #expect(plan.status == 201, "\(plan.body)")
            let planID = try #require(plan.json["id"] as? String)
            #expect((plan.json["votingRuleText"] as? String)?.contains("评委会评审工作规则") == true)

            let worker = try await world.applicant(app, "qz-worker", displayName: "王师傅", person: [
                "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
                "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
            ])
            let started = try await worker.call(.POST, "api/v1/applications", ["plan": planID, "route": "regular", "level": "中级", "employer": employer, "submit": true])
            #expect(started.status == 201, "\(started.body)")
            let id = try #require(started.json["id"] as? String)
            #expect(started.json["stage"] as? String == "checking")
            #expect(started.json["separateGroup"] as? Bool == true)
            // The continuing-education hours were not given: an item for someone to confirm.
            let items = started.json["confirmations"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty, "\(started.body)")
            let frozen = started.json["frozen"] as? [String: Any] ?? [:]
            #expect(frozen["status"] as? String == "undetermined")
            #expect((frozen["conditions"] as? [[String: Any]] ?? []).contains { ($0["policy"] as? String) == "zj-2022-77" })

            // Nobody else sees it.
            let stranger = try await world.applicant(app, "qz-stranger", displayName: "路人", person: [:])
            #expect(try await stranger.call(.GET, "api/v1/applications/\(id)").status == 404)

            // The employer recommends; a second click on the same version is a conflict.
            let version = try #require(started.json["version"] as? Int)
            let recommended = try await hr.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": version])
            #expect(recommended.status == 200, "\(recommended.body)")
            #expect(recommended.json["stage"] as? String == "publicity")
            let twice = try await hr.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": version])
            #expect(twice.status == 409)

            // The public list: name, employer, series, level, route — nothing more personal.
            let publicity = try await CaseClient(app).call(.GET, "api/v1/publicity/\(planID)")
            #expect(publicity.status == 200)
            #expect(publicity.body.contains("王师傅") && publicity.body.contains(world.name("衢州某机械公司")))
            #expect(!publicity.body.contains("2020-05-01") && !publicity.body.contains("username"))

            calendar.set("2024-07-06")
            // Days later: the sessions of the day of submission have ended.
            #expect(try await office.call(.GET, "api/v1/applications/\(id)").status == 401)
            for client in [office, worker, stranger] { try await client.renew() }
            let probe = try await office.call(.GET, "api/v1/me")
            #expect(probe.status == 200, "\(probe.body) cookie=\(office.cookie)")
            var current = try await office.call(.GET, "api/v1/applications/\(id)")
            let closed = try await office.call(.POST, "api/v1/applications/\(id)/actions", ["action": "close_publicity", "version": current.json["version"] as? Int ?? -1])
            #expect(closed.json["stage"] as? String == "awaiting_review", "\(closed.body)")
            // The committee confirms what it was given to confirm before deciding.
            for item in (closed.json["confirmations"] as? [[String: Any]] ?? []) where item["role"] as? String == "committee_office" {
                current = try await office.call(.GET, "api/v1/applications/\(id)")
                let confirmed = try await office.call(.POST, "api/v1/applications/\(id)/actions", [
                    "action": "confirm", "version": current.json["version"] as? Int ?? -1, "item": item["id"] as? Int ?? 0, "met": true, "note": "继续教育证明已核"])
                #expect(confirmed.status == 200, "\(confirmed.body)")
            }

            // A general-group session may not decide a separate-group application.
            let general = try await office.call(.POST, "api/v1/plans/\(planID)/sessions", ["group": "general", "heldOn": "2024-09-10", "present": ["甲", "乙", "丙", "丁", "戊", "己"]])
            let session = try await office.call(.POST, "api/v1/plans/\(planID)/sessions", ["group": "separate", "heldOn": "2024-09-10", "present": ["甲", "乙", "丙", "丁", "戊", "己"]])
            #expect(session.status == 201, "\(session.body)")
            current = try await office.call(.GET, "api/v1/applications/\(id)")
            // Nothing is recorded before it happened: the vote waits for the session's day.
            let early = try await office.call(.POST, "api/v1/review-sessions/\(session.json["id"] as? String ?? "")/decisions", [
                "application": id, "version": current.json["version"] as? Int ?? -1, "inFavour": 5, "against": 1, "abstain": 0])
            #expect(early.status == 422 && early.body.contains("2024-09-10"), "\(early.body)")
            calendar.set("2024-09-10")
            for client in [office, worker, stranger] { try await client.renew() }
            let wrongGroup = try await office.call(.POST, "api/v1/review-sessions/\(general.json["id"] as? String ?? "")/decisions", [
                "application": id, "version": current.json["version"] as? Int ?? -1, "inFavour": 5, "against": 1, "abstain": 0])
            #expect(wrongGroup.status == 422)
            let decided = try await office.call(.POST, "api/v1/review-sessions/\(session.json["id"] as? String ?? "")/decisions", [
                "application": id, "version": current.json["version"] as? Int ?? -1, "inFavour": 5, "against": 1, "abstain": 0])
            #expect(decided.status == 200, "\(decided.body)")
            let outcome = decided.json["outcome"] as? [String: Any] ?? [:]
            #expect(outcome["passed"] as? Bool == true)
            #expect((outcome["explanation"] as? String)?.contains("评委 7 人，到会 6 人，赞成 5 票") == true)

            let issued = try await office.call(.POST, "api/v1/applications/\(id)/actions", [
                "action": "issue", "version": (decided.json["application"] as? [String: Any])?["version"] as? Int ?? -1, "decision": "衢人社职〔2024〕8号"])
            #expect(issued.json["stage"] as? String == "issued", "\(issued.body)")

            // The title is in the record, with its source, and the next self-check uses it.
            let record = try await worker.call(.GET, "api/v1/me/record")
            #expect(record.body.contains("衢人社职〔2024〕8号"))
            let evaluation = try await worker.call(.GET, "api/v1/me/evaluation?jurisdiction=quzhou")
            let skills = evaluation.json["skillOptions"] as? [[String: Any]] ?? []
            #expect(skills.contains { (($0["basis"] as? [String: Any])?["kind"] as? String) == "title" }, "\(evaluation.body.prefix(600))")

            // What is held is not offered again, and the page lists the person's own region (衢州,
            // the employer's), not 河北's or 绍兴's unless asked for.
            let mePage = try await worker.call(.GET, "me")
            #expect(mePage.status == 200 && mePage.body.contains("地区：衢州市"), "\(mePage.body.prefix(400))")
            #expect(!mePage.body.contains("机电制造工程 中级（") && !mePage.body.contains("<li>河北省") && !mePage.body.contains("<li>绍兴市"), "\(mePage.body)")
            let asked = try await worker.call(.GET, "me?j=hebei")
            #expect(asked.body.contains("地区：河北省") && asked.body.contains("按您的要求查看"), "\(asked.body.prefix(400))")

            // The applicant reads the whole trail of their application, in order.
            let trail = try await worker.call(.GET, "api/v1/applications/\(id)/audit")
            let events = trail.list.map { $0["event"] as? String ?? "" }
            #expect(events == ["create", "submit", "approve", "close_publicity"] + Array(repeating: "confirm", count: events.filter { $0 == "confirm" }.count) + ["decide", "issue"], "\(events)")
            #expect(try await stranger.call(.GET, "api/v1/applications/\(id)/audit").status == 404)

            // Messages: what others did, newest first, from the same trail; none of one's own acts, none of another's case.
            let messages = try await worker.call(.GET, "api/v1/me/messages")
            let texts = messages.list.map { $0["text"] as? String ?? "" }
            #expect(texts.first?.hasPrefix("确认结果并发证") == true, "\(texts)")
            #expect(texts.contains { $0.hasPrefix("审核通过") }, "\(texts)")
            #expect(!texts.contains { $0.hasPrefix("提交") || $0.hasPrefix("创建") }, "\(texts)")
            #expect(messages.list.allSatisfy { $0["application"] as? String == id })
            #expect(try await stranger.call(.GET, "api/v1/me/messages").list.isEmpty)
        }
    }
}
