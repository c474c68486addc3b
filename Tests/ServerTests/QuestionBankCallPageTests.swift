import Foundation
import Server
import Testing
import Vapor
import VaporTesting

/// The public page of the 2023-2024 call: every catalogue entry, the conditions with their
/// clauses, the deadline as written and as read, and whether it is closed on the day.
@Suite struct QuestionBankCallPageTests {
    @Test func thePageShowsTheWholeCatalogueAndSaysWhenTheCallIsClosed() async throws {
        let calendar = TestCalendar("2023-06-01")
        try await TestServer.withServer(calendar: calendar) { app in
            try await app.testing().test(.GET, "question-bank/qb-2023-2024") { response in
                let page = response.body.string
                #expect(response.status == .ok)
                #expect(page.contains("受理中") && page.contains("2023-06-23 24:00"))
                #expect(page.contains("51 项，职业（工种）合计 120 个") && page.contains("增材制造设备操作员") && page.contains("汽车电气装调工"))
                #expect(page.contains("【不得申报】") && page.contains("一（二）6") && page.contains("专业团队力量"))
                #expect(page.contains("0571-88394295"))
            }
            calendar.set("2023-06-24")
            try await app.testing().test(.GET, "api/v1/question-bank-calls/qb-2023-2024") { response in
                let call = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any] ?? [:]
                #expect(call["closed"] as? Bool == true && (call["status"] as? String)?.hasPrefix("已截止") == true)
                #expect((call["catalogue"] as? [[String: Any]])?.count == 51 && call["occupationTypes"] as? Int == 120)
            }
            try await app.testing().test(.GET, "question-bank/no-such-call") { #expect($0.status == .notFound) }
        }
    }
}
