import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// A browser's worth of state for the API: its session cookie.
final class CaseClient: @unchecked Sendable {
    let app: Application
    var cookie = ""
    var username = ""

    init(_ app: Application) { self.app = app }

    struct Answer {
        let status: Int
        let body: String
        var headers: HTTPHeaders = [:]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:] }
        var list: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [[String: Any]]) ?? [] }
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, _ body: Any? = nil, headers extra: HTTPHeaders = [:], rawBody: [UInt8]? = nil) async throws -> Answer {
        var headers: HTTPHeaders = extra
        if !cookie.isEmpty { headers.add(name: .cookie, value: cookie) }
        var buffer: ByteBuffer?
        if let rawBody { buffer = ByteBuffer(bytes: rawBody) }
        if let body {
            headers.replaceOrAdd(name: .contentType, value: "application/json")
            buffer = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        var answer = Answer(status: 0, body: "")
        try await app.testing().test(method, path, headers: headers, body: buffer) { response in
            if let set = response.headers[.setCookie].first(where: { $0.hasPrefix("gt_session=") }) {
                let value = String(set.split(separator: ";")[0])
                cookie = value == "gt_session=" ? "" : value
            }
            answer = Answer(status: Int(response.status.code), body: response.body.string, headers: response.headers)
        }
        return answer
    }

    func signIn(_ username: String, _ password: String = CaseworkWorld.password) async throws {
        let answer = try await call(.POST, "api/v1/session", ["username": username, "password": password])
        #expect(answer.status == 200, "sign in \(username): \(answer.body)")
        self.username = username
    }

    /// Signs in again (a session lasts hours: a test that moves the date by days must).
    func renew() async throws { try await signIn(username) }
}

/// Organisations and officers set up as an administrator would, with unique names per run
/// (the PostgreSQL test database outlives a test).
struct CaseworkWorld {
    static let password = "correct-horse-battery"
    let run = String(UUID().uuidString.prefix(8)).lowercased()
    let admin: Administration

    init(_ app: Application) { admin = Administration(app) }

    func name(_ text: String) -> String { "\(text)-\(run)" }

    /// An officer with one role in one organisation; returns the username.
    func officer(_ label: String, role: String, in organisation: String) async throws -> String {
        let username = name(label)
        try await admin.createUser(username: username, displayName: label, password: Self.password)
        try await admin.grant(role: role, to: username, in: organisation)
        return username
    }

    /// A self-registered applicant with a record.
    func applicant(_ app: Application, _ label: String, displayName: String, person: [String: Any]) async throws -> CaseClient {
        let client = CaseClient(app)
        let answer = try await client.call(.POST, "api/v1/accounts", ["username": name(label), "displayName": displayName, "password": Self.password])
        #expect(answer.status == 201, "register: \(answer.body)")
        client.username = name(label)
        let saved = try await client.call(.PUT, "api/v1/me/record", person)
        #expect(saved.status == 200, "record: \(saved.body)")
        return client
    }

    func client(_ app: Application, _ username: String) async throws -> CaseClient {
        let client = CaseClient(app)
        try await client.signIn(username)
        return client
    }

    /// A 衢州 committee with its office, an employer with its HR officer, and an open plan for
    /// 中级 机电制造工程 whose one check is the employer's recommendation.
    struct QuzhouDesk {
        let committee: String
        let employer: String
        let office: CaseClient
        let hr: CaseClient
        let plan: String
    }

    func quzhouDesk(_ app: Application, _ prefix: String) async throws -> QuzhouDesk {
        let committee = try await admin.createOrganisation(kind: "committee", name: name("衢州中评委"), jurisdiction: "quzhou",
                                                           committee: TitleApplicationFlowTests.quzhouCommittee)
        let employer = try await admin.createOrganisation(kind: "employer", name: name("衢州某机械公司"), jurisdiction: "quzhou")
        let office = try await client(app, officer("\(prefix)-office", role: "committee_office", in: committee))
        let hr = try await client(app, officer("\(prefix)-hr", role: "employer", in: employer))
        let plan = try await office.call(.POST, "api/v1/plans", ["committee": committee, "plan": Self.plan(
            series: ["机电制造工程"], levels: ["中级"], steps: [["role": "employer", "act": "推荐"]])])
        let planID = try #require(plan.json["id"] as? String, "\(plan.body)")
        return QuzhouDesk(committee: committee, employer: employer, office: office, hr: hr, plan: planID)
    }

    /// A 车工 技师 since 2020 with three years' assessments passed: 中级 regular in 衢州 on 2024-06-30.
    func technician(_ app: Application, _ label: String, displayName: String) async throws -> CaseClient {
        try await applicant(app, label, displayName: displayName, person: [
            "skills": [["occupation": "车工", "level": "技师", "obtainedOn": "2020-05-01"]],
            "annualAssessments": [["year": 2021, "passed": true], ["year": 2022, "passed": true], ["year": 2023, "passed": true]],
        ])
    }

    static func plan(series: [String], levels: [String], steps: [[String: String]]? = nil, separateGroup: Bool = true, publicityDays: Int = 5,
                     resultPublicityDays: Int = 0, opens: String = "2024-06-01", closes: String = "2024-07-31") -> [String: Any] {
        var plan: [String: Any] = [
            "year": 2024, "title": "2024年度评审计划", "series": series, "levels": levels, "opensOn": opens, "closesOn": closes,
            "checksDueOn": "2024-08-15", "reviewOn": "2024-09-10", "separateGroup": separateGroup, "materials": ["技能等级证书", "近3年年度考核表"],
            "publicityDays": publicityDays, "resultPublicityDays": resultPublicityDays, "members": 7,
            "votingRule": ["quorumNumerator": 2, "quorumDenominator": 3, "passNumerator": 2, "passDenominator": 3, "source": "评委会评审工作规则（本计划载明）"],
            "notice": "2024年度职称评审申报通知",
        ]
        if let steps { plan["steps"] = steps }
        return plan
    }
}

extension CaseClient {
    /// Takes every check step of the application in turn, each by the client holding the due
    /// role (confirming that role's items first); returns the roles in the order they acted.
    func driveChecks(_ id: String, by clients: [String: CaseClient]) async throws -> [String] {
        var roles: [String] = []
        for _ in 0..<10 {
            let view = try await call(.GET, "api/v1/applications/\(id)").json
            guard view["stage"] as? String == "checking", let role = view["roleDue"] as? String, let actor = clients[role] else { break }
            var current = try await actor.call(.GET, "api/v1/applications/\(id)").json
            for item in (current["confirmations"] as? [[String: Any]] ?? []) where item["role"] as? String == role && item["status"] as? String == "open" {
                let confirmed = try await actor.call(.POST, "api/v1/applications/\(id)/actions", [
                    "action": "confirm", "version": current["version"] as? Int ?? -1, "item": item["id"] as? Int ?? 0, "met": true, "note": "已核原件"])
                #expect(confirmed.status == 200, "\(confirmed.body)")
                current = confirmed.json
            }
            let approved = try await actor.call(.POST, "api/v1/applications/\(id)/actions", ["action": "approve", "version": current["version"] as? Int ?? -1])
            #expect(approved.status == 200, "\(role) approve: \(approved.body)")
            roles.append(role)
        }
        return roles
    }

    /// Confirms the committee's items, then decides in a session held on `heldOn` (a day that
    /// has come: a vote is never recorded before its session) and returns the view.
    func review(_ id: String, plan: String, group: String, heldOn: String, inFavour: Int, recognition evidence: String? = nil) async throws -> [String: Any] {
        var current = try await call(.GET, "api/v1/applications/\(id)").json
        for item in (current["confirmations"] as? [[String: Any]] ?? []) where item["role"] as? String == "committee_office" && item["status"] as? String == "open" {
            current = try await call(.POST, "api/v1/applications/\(id)/actions", [
                "action": "confirm", "version": current["version"] as? Int ?? -1, "item": item["id"] as? Int ?? 0, "met": true, "note": "专业对口"]).json
        }
        let session = try await call(.POST, "api/v1/plans/\(plan)/sessions", ["group": group, "heldOn": heldOn, "present": ["甲", "乙", "丙", "丁", "戊", "己"]])
        #expect(session.status == 201, "\(session.body)")
        var body: [String: Any] = ["application": id, "version": current["version"] as? Int ?? -1]
        if let evidence { body["recognised"] = true; body["evidence"] = evidence } else { body["inFavour"] = inFavour; body["against"] = 6 - inFavour; body["abstain"] = 0 }
        let decided = try await call(.POST, "api/v1/review-sessions/\(session.json["id"] as? String ?? "")/decisions", body)
        #expect(decided.status == 200, "\(decided.body)")
        return decided.json
    }
}
