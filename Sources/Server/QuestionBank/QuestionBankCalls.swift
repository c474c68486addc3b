import Domain
import Fluent
import Foundation
import PolicyData
import Store
import Workflow

/// The calls for question-bank projects as the casework uses them: each call's data, the
/// choices its catalogue offers, and the closing time — the end of the document's last day
/// (China time) until the provincial centre sets the exact time, with its source.
struct QuestionBankCalls: Sendable {
    let base: PolicyBase
    let database: any Database

    struct Closing: Sendable, Encodable {
        let at: Date
        /// "2023-06-23 24:00" as China's clocks read it.
        let text: String
        let source: String
        let setBy: String?
    }

    func call(_ id: String) async throws -> QuestionBankCall {
        if let call = base.parameters.questionBankCalls.first(where: { $0.id == id }) { return call }
        guard id.count <= 64, let published = try await database.questionBankCases.publishedCall(id),
              let call = try published.call(base) else {
            throw Problem.notFound("没有编号为「\(id)」的题库项目征集。")
        }
        return call
    }

    /// The data's calls, then those published in the system, oldest first.
    func all() async throws -> [QuestionBankCall] {
        let published = try await database.questionBankCases.publishedCalls()
        return try base.parameters.questionBankCalls + published.compactMap { try $0.call(base) }
    }

    func title(of call: QuestionBankCall) -> String {
        call.publication?.title ?? base.document(call.document)?.title ?? call.id
    }

    /// The year the call was issued: a bank's age is counted to it.
    func year(of call: QuestionBankCall) -> Int? {
        call.publication.flatMap { CalendarDate(iso: $0.issuedOn)?.year } ?? base.document(call.document)?.issuedOn?.year
    }

    func catalogue(_ call: QuestionBankCall) -> [QuestionBankEntry] {
        call.publication?.catalogue ?? base.questionBank.filter { $0.source.document == call.document && $0.source.table == call.catalogue }
    }

    /// The province whose centre runs the call: its document's jurisdiction.
    func jurisdiction(of call: QuestionBankCall) -> String {
        base.document(call.document)?.jurisdiction ?? ""
    }

    func choices(_ call: QuestionBankCall) -> [QuestionBankProjectChoice] {
        QuestionBankProjectChoice.choices(catalogue(call), call: call) { base.resolveOccupation($0)?.occupation.code }
    }

    func check(_ call: QuestionBankCall, today: CalendarDate) -> QuestionBankFormCheck {
        QuestionBankFormCheck(call: call, choices: choices(call), callYear: year(of: call) ?? today.year, today: today)
    }

    func closing(_ call: QuestionBankCall) async throws -> Closing {
        if let set = try await database.questionBankCases.setting(of: call.id) {
            return Closing(at: set.closesAt, text: Self.chinaTime(set.closesAt), source: set.source, setBy: set.setBy)
        }
        let last = CalendarDate(iso: call.deadline.lastDay) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let end = ChinaCalendar.noon(of: last.adding(days: 1)).addingTimeInterval(-12 * 3600)
        return Closing(at: end, text: "\(call.deadline.lastDay) 24:00", source: [call.deadline.clause, call.deadline.reading].filter { !$0.isEmpty }.joined(separator: "："),
                       setBy: nil)
    }

    /// "2023-06-23 17:00" in China time (UTC+8).
    static func chinaTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// "2023-06-23 17:00" or "2023-06-23T17:00", read as China time.
    static func parseChinaTime(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        for format in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingWhitespace) { return date }
        }
        return nil
    }
}

extension QuestionBankPublishedCall {
    /// The call it publishes: the followed call's terms with this one's title, dates and catalogue.
    func call(_ base: PolicyBase) throws -> QuestionBankCall? {
        guard let follows = base.parameters.questionBankCalls.first(where: { $0.id == self.follows }) else { return nil }
        let publication = QuestionBankCall.Publication(title: title, number: number, issuer: issuer, issuedOn: issuedOn, follows: follows.id,
                                                       catalogue: try StoredJSON.decode([QuestionBankEntry].self, catalogue))
        return follows.published(as: code, publication, lastDay: lastDay)
    }
}
