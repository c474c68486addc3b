import Foundation
import Testing
import Vapor
import VaporTesting

@Suite struct APITests {
    let request = #"{"jurisdiction":"quzhou","asOf":"2024-06-30","person":{"skills":[{"occupation":"车工","level":"技师","obtainedOn":"2020-05-01"}]}}"#

    @Test func evaluatesPerTheContract() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/json"], body: ByteBuffer(text: request)) { response in
                #expect(response.status == .ok)
                #expect(response.contentType.hasPrefix("application/json"))
                let options = try #require(response.json?["titleOptions"] as? [[String: Any]])
                #expect(options.contains { $0["series"] as? String == "机电制造工程" && $0["level"] as? String == "中级" && $0["route"] as? String == "regular" })
                #expect(options.contains { ($0["earliestDate"] as? String) == "2023-05-01" })
            }
        }
    }

    @Test func aBodyThatIsNotJsonIs400ProblemJson() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/json"], body: ByteBuffer(text: "jurisdiction=quzhou")) { response in
                #expect(response.status == .badRequest)
                #expect(response.contentType.hasPrefix("application/problem+json"))
                #expect(response.json?["status"] as? Int == 400)
            }
            // A body not declared JSON is refused before it is read.
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(text: request)) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.json?["status"] as? Int == 415)
            }
        }
    }

    @Test func badFieldsAre422WithTheirPaths() async throws {
        let bad = #"{"jurisdiction":"beijing","asOf":"2024-06-30","person":{"skills":[{"level":"技师","obtainedOn":"2024-07-01"}],"continuingEducation":[{"year":2023,"publicHours":-2}]}}"#
        try await TestServer.withServer { app in
            try await app.testing().test(.POST, "api/v1/evaluations", headers: ["Content-Type": "application/json"], body: ByteBuffer(text: bad)) { response in
                #expect(response.status == .unprocessableEntity)
                #expect(response.contentType.hasPrefix("application/problem+json"))
                let fields = Set((response.json?["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
                #expect(fields == ["jurisdiction", "person.skills[0].obtainedOn", "person.continuingEducation[0].publicHours"])
            }
        }
    }

    @Test func proceduresAreAnsweredAsTheOptionsCarryThem() async throws {
        try await TestServer.withServer { app in
            let path = "api/v1/procedures?jurisdiction=shaoxing&direction=title&level=" + "中级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! + "&asOf=2021-06-30"
            try await app.testing().test(.GET, path) { response in
                #expect(response.status == .ok)
                let list = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(list.map { $0["clause"] as? String } == ["一（三）2"])
                let steps = list.first?["steps"] as? [[String: Any]] ?? []
                #expect(steps.map { $0["act"] as? String } == ["申报", "审核", "审核", "上报", "评审"])
            }
            try await app.testing().test(.GET, "api/v1/procedures?jurisdiction=shaoxing&direction=sideways") { response in
                #expect(response.status == .unprocessableEntity)
            }
        }
    }

    /// 衢州 附件3's committees serve 中级: listed at 中级, not at 副高级, as the engine's options say.
    @Test func committeesAreListedForTheLevelsTheyServe() async throws {
        try await TestServer.withServer { app in
            let 中级 = "中级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            let 副高级 = "副高级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            var atIntermediate = 0
            try await app.testing().test(.GET, "api/v1/committees?jurisdiction=quzhou&level=" + 中级) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]] ?? []
                atIntermediate = list.count
                #expect(list.allSatisfy { ($0["titleLevels"] as? [String]) == ["中级"] })
            }
            #expect(atIntermediate > 10)
            try await app.testing().test(.GET, "api/v1/committees?jurisdiction=quzhou&level=" + 副高级) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]] ?? []
                #expect(list.isEmpty)
            }
        }
    }

    @Test func anUnknownRouteIs404ProblemJson() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "api/v1/nothing") { response in
                #expect(response.status == .notFound)
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
        }
    }

    @Test func occupationSearchFindsNamesAliasesPinyinAndCodes() async throws {
        try await TestServer.withServer { app in
            let cases: [(String, String, String)] = [("cg", "车工", "pinyin"), ("维修电工", "电工", "alias"), ("6-29-03-03", "电梯安装维护工", "code"), ("电梯", "电梯安装维护工", "name")]
            for (query, expected, matchedBy) in cases {
                let path = "api/v1/occupations?q=" + query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                try await app.testing().test(.GET, path) { response in
                    #expect(response.status == .ok)
                    let hits = response.json?["hits"] as? [[String: Any]] ?? []
                    #expect(hits.first?["name"] as? String == expected, "\(query) → \(hits.first ?? [:])")
                    #expect(hits.first?["matchedBy"] as? String == matchedBy)
                }
            }
            try await app.testing().test(.GET, "api/v1/occupations") { response in
                #expect(response.status == .unprocessableEntity)
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
        }
    }

    @Test func providersFilterByJurisdictionOccupationAndLevel() async throws {
        try await TestServer.withServer { app in
            let path = "api/v1/providers?jurisdiction=quzhou&occupation=" + "电焊工".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)! + "&level=" + "一级".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
            try await app.testing().test(.GET, path) { response in
                #expect(response.status == .ok)
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [[String: Any]])
                #expect(!rows.isEmpty)
                #expect(rows.allSatisfy { ($0["levels"] as? [String])?.contains("高级技师") == true && $0["occupation"] as? String == "焊工" })
            }
            try await app.testing().test(.GET, "api/v1/providers?level=%E5%A4%A7%E5%B8%88") { response in
                #expect(response.status == .unprocessableEntity)
            }
        }
    }

    @Test func documentsAndOpenAPI() async throws {
        try await TestServer.withServer { app in
            try await app.testing().test(.GET, "api/v1/documents/zj-2022-77") { response in
                #expect(response.status == .ok)
                let clauses = response.json?["clauses"] as? [[String: Any]] ?? []
                #expect(clauses.contains { $0["id"] as? String == "三（二）1（2）" })
            }
            try await app.testing().test(.GET, "api/v1/documents/none") { response in
                #expect(response.status == .notFound)
                #expect(response.contentType.hasPrefix("application/problem+json"))
            }
            try await app.testing().test(.GET, "openapi.json") { response in
                #expect(response.status == .ok)
                let paths = response.json?["paths"] as? [String: Any] ?? [:]
                #expect(Set(paths.keys).isSuperset(of: ["/api/v1/evaluations", "/api/v1/occupations", "/api/v1/providers", "/healthz"]))
            }
            try await app.testing().test(.GET, "healthz") { response in
                #expect(response.json?["status"] as? String == "ok")
            }
        }
    }

    /// A malformed date is refused even where it would not be used.
    @Test func aMalformedAsOfIsRefusedEverywhere() async throws {
        try await TestServer.withServer { app in
            for path in ["api/v1/committees?asOf=", "api/v1/providers?asOf=2024-02-30", "api/v1/occupations/%E8%BD%A6%E5%B7%A5?asOf=x"] {
                try await app.testing().test(.GET, path) { response in
                    #expect(response.status == .unprocessableEntity, "\(path)")
                }
            }
        }
    }
}
