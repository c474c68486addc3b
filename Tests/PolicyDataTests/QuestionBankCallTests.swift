import Domain
import Foundation
import PolicyData
import Testing

/// The 2023-2024 call for question-bank projects as data, from the document's own words
/// (浙江省人社厅办公室, 2023-05-11): 一（一）1–3, 一（二）1–6, 二（二） "于6月23日前", 三（二）, 三, 附件1–3.
@Suite struct QuestionBankCallTests {
    static let base = try! PolicyBase.bundled()
    static var call: QuestionBankCall { base.parameters.questionBankCalls.first { $0.id == "qb-2023-2024" }! }

    @Test func theCallKeepsItsConditionsWithTheirClauses() throws {
        let call = Self.call
        let document = try #require(Self.base.document(call.document))
        #expect(document.issuer == "浙江省人力资源和社会保障厅办公室" && document.issuedOn?.description == "2023-05-11")
        #expect(call.projectConditions.map(\.clause) == ["一（一）1", "一（一）2", "一（一）3"])
        #expect(call.projectConditions.first { $0.id == "recent_standard" }?.minimumStandardYear == 2018)
        #expect(call.projectConditions.first { $0.id == "aged_bank" }?.minimumBankYears == 5)
        // 1–4 all required, 5 a preference, 6 a bar.
        #expect(call.unitConditions.map(\.kind) == [.required, .required, .required, .required, .preference, .bar])
        #expect(call.unitConditions.last?.quote.hasSuffix("不得申报") == true)
        #expect(call.deadline.clause == "二（二）" && call.deadline.quote.hasPrefix("于6月23日前") && call.deadline.lastDay == "2023-06-23")
        #expect(call.deadline.reading.contains("含") && call.deadline.reading.contains("截止时刻"))
        #expect(call.selection.criteria == ["专业团队力量", "资金保障能力", "题库开发经验"])
        #expect(call.contacts.phones == ["0571-88394295", "88381123"] && call.contacts.people == ["孔海敏", "黄燕桦"])
    }

    @Test func theCatalogueIsTheDocumentsTable() {
        let entries = Self.base.questionBank.filter { $0.source.document == Self.call.document && $0.source.table == Self.call.catalogue }
        #expect(entries.count == 51)
        #expect(entries.reduce(0) { $0 + $1.count } == 120)
    }

    @Test func theFormsHaveEveryPartOfTheAttachments() {
        let application = Self.call.forms.application
        #expect(application.parts.map(\.heading) == ["一、基本信息", "二、项目信息", "四、申报意见", "五、评价(鉴定)中心意见"])
        #expect(application.parts[0].advantages?.count == 4 && application.parts[0].intents == ["意愿为牵头单位", "意愿为参与单位"])
        #expect(application.parts[1].experts == ["姓名", "性别", "出生年月", "职称、职业资格(等级与证书编码)", "工作单位"])
        let summary = Self.call.forms.summary
        #expect(summary.columns == ["序号", "职业", "工种", "等级", "申报单位", "推荐意见（请打“√”）", "推荐理由概要"])
        #expect(summary.recommendation == ["牵头单位", "参与单位"] && summary.footer == ["联系人", "联系电话", "填报日期"])
    }

    @Test func aMisquotedConditionIsRejected() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("guantong-call-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: try DataSource.bundled().directory, to: scratch)
        let url = scratch.appendingPathComponent("question-bank/calls.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "具备组建合规专家团队的能力", with: "具备组建专家团队的能力").write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try PolicyBase.load(from: DataSource(directory: scratch))
            Issue.record("a misquoted condition loaded")
        } catch let errors as PolicyDataErrors {
            #expect(errors.errors.contains { $0.file == "question-bank/calls.yaml" && $0.message.contains("the quote is not in") })
        }
    }
}
