import Access
import Contract
import CSVCodec
import Domain
import Fluent
import Foundation
import PolicyData
import Store
import Vapor
import Workflow

/// A later call, published by the provincial centre as a record: its own code, title, number,
/// dates and catalogue (a CSV in the columns of 附件1); it keeps the conditions and forms of
/// the call it follows, and says so on its page.
extension QuestionBankService {
    struct PublishInput: Content {
        var code: String
        var follows: String
        var title: String
        var number: String?
        var issuedOn: String
        var lastDay: String
        /// 序号,职业,工种,等级,国标版本,备注 — 工种 separated by "、", each may carry its levels: 熔炼浇注工（5-1）.
        var catalogue: String
    }

    func publish(_ input: PublishInput, principal: Principal) async throws -> QuestionBankPublishedCall {
        let follows = try await calls.call(input.follows)
        guard follows.publication == nil else { throw Problem.invalid(field: "follows", "新一轮征集应沿用文件所载征集的条件：" + calls.base.parameters.questionBankCalls.map(\.id).joined(separator: "、")) }
        let centre = try await provincialCentre(of: follows, principal: principal)
        let code = input.code.trimmingWhitespace.lowercased()
        var errors: [FieldError] = []
        if !(3...40).contains(code.count) || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            errors.append(FieldError(field: "code", message: "编号为 3–40 个小写字母、数字或“-”，如 qb-2025-2026"))
        }
        let title = input.title.trimmingWhitespace, number = (input.number ?? "").trimmingWhitespace
        if title.isEmpty || title.count > 200 { errors.append(FieldError(field: "title", message: "请填写通知标题（不超过 200 字）")) }
        if number.count > 64 { errors.append(FieldError(field: "number", message: "文号不超过 64 字")) }
        let issued = CalendarDate(iso: input.issuedOn.trimmingWhitespace), last = CalendarDate(iso: input.lastDay.trimmingWhitespace)
        if issued == nil { errors.append(FieldError(field: "issuedOn", message: "发文日期应写作 2025-05-10")) }
        if last == nil { errors.append(FieldError(field: "lastDay", message: "报送截止日期应写作 2025-06-20")) }
        if let issued, let last, last < issued { errors.append(FieldError(field: "lastDay", message: "报送截止日期不能早于发文日期")) }
        var catalogue: [QuestionBankEntry] = []
        do { catalogue = try QuestionBankCatalogueCSV.parse(input.catalogue, base: policy.base, call: code) } catch let problem as Problem { errors += problem.errors }
        guard errors.isEmpty, let issued, let last else { throw Problem.invalid(errors) }
        if try await calls.exists(code) { throw Problem(title: "编号已被使用", status: 409, detail: "已有编号为「\(code)」的征集。") }
        let model = QuestionBankPublishedCall(code: code, follows: follows.id, title: title, number: number, issuer: follows.provincialCentre,
                                              issuedOn: issued.description, lastDay: last.description, catalogue: try StoredJSON.encode(catalogue),
                                              publishedBy: try UUID(uuidString: centre.id).orThrow(), publishedAt: policy.clock.now())
        let event = OrganisationEvent(organisationID: model.publishedBy, actorUserID: try UUID(uuidString: principal.userID).orThrow(),
                                      actorName: principal.displayName, role: Role.provincialEvaluationCentre.rawValue, at: model.publishedAt,
                                      onDate: policy.today().description, event: "publish_call",
                                      detail: try StoredJSON.encode(["call": code, "title": title, "follows": follows.id, "lastDay": model.lastDay,
                                                                     "rows": String(catalogue.count)]))
        return try await db.write { database in
            try await database.questionBankCases.add(model)
            try await database.organisations.record(event)
            return model
        }
    }
}

extension QuestionBankCalls {
    func exists(_ code: String) async throws -> Bool {
        if base.parameters.questionBankCalls.contains(where: { $0.id == code }) { return true }
        return try await database.questionBankCases.publishedCall(code) != nil
    }
}

/// A new call's catalogue as the centre gives it: the columns of 附件1.
enum QuestionBankCatalogueCSV {
    static let columns = ["序号", "职业", "工种", "等级", "国标版本", "备注"]
    static let maximumRows = 500

    static func parse(_ text: String, base: PolicyBase, call: String) throws -> [QuestionBankEntry] {
        var reader = CSVReader(text: text)
        var errors: [FieldError] = []
        func fail(_ message: String) { errors.append(FieldError(field: "catalogue", message: message)) }
        let header: [String]
        do { header = try reader.nextRecord()?.map(\.trimmingWhitespace) ?? [] } catch { throw Problem.invalid(field: "catalogue", "目录不是可读的 CSV：\(error)") }
        guard Array(header.prefix(columns.count)) == columns else {
            throw Problem.invalid(field: "catalogue", "目录第一行应为：" + columns.joined(separator: ","))
        }
        var entries: [QuestionBankEntry] = [], rows = Set<String>(), occupations = Set<String>()
        while true {
            let record: [String]
            do {
                guard let next = try reader.nextRecord() else { break }
                record = next
            } catch {
                fail("第 \(reader.line) 行不是可读的 CSV")
                break
            }
            let cells = (record + Array(repeating: "", count: columns.count)).map(\.trimmingWhitespace)
            if cells.prefix(columns.count).allSatisfy(\.isEmpty) { continue }
            let line = "第 \(reader.line) 行"
            let row = cells[0], printed = cells[1], levels = cells[3]
            guard entries.count < maximumRows else {
                fail("目录不超过 \(maximumRows) 行")
                break
            }
            if row.isEmpty || row.count > 8 || !rows.insert(row).inserted { fail("\(line)：序号须填写且不重复") }
            if printed.isEmpty || printed.count > 64 { fail("\(line)：请填写职业名称（不超过 64 字）") }
            let occupation = base.resolveOccupation(printed)?.occupation.name ?? printed
            if !occupations.insert(occupation).inserted { fail("\(line)：职业「\(printed)」重复") }
            if !levels.isEmpty && QuestionBankForm.grades(levels).isEmpty { fail("\(line)：等级应写作 5-1（五级至一级）") }
            let workTypes = names(cells[2])
            for workType in workTypes where workType.count > 64 { fail("\(line)：工种「\(workType.prefix(20))…」过长") }
            if levels.isEmpty && (workTypes.isEmpty || workTypes.contains { !$0.hasSuffix("）") }) {
                fail("\(line)：未填等级时，每个工种须在括号中写明等级，如 熔炼浇注工（5-1）")
            }
            let versions = cells[4].split(whereSeparator: { "、| ".contains($0) }).map(String.init)
            if versions.contains(where: { Int($0) == nil || $0.count != 4 }) { fail("\(line)：国标版本应为年份，如 2022") }
            entries.append(QuestionBankEntry(source: SourceRef(document: call, table: "目录", row: row), occupation: occupation, printedOccupation: printed,
                                             workTypes: workTypes, workTypeText: cells[2].isEmpty ? nil : cells[2], count: max(1, workTypes.count),
                                             levels: levels.isEmpty ? nil : levels, standardVersions: versions,
                                             remarks: cells[5].split(whereSeparator: { "、| ".contains($0) }).map(String.init), note: nil))
        }
        if entries.isEmpty && errors.isEmpty { fail("目录中没有职业") }
        guard errors.isEmpty else { throw Problem.invalid(Array(errors.prefix(20))) }
        return entries
    }

    /// 工种 separated by "、" or "|", but not at a "、" inside brackets: 配电房（所、室）运行值班员.
    static func names(_ text: String) -> [String] {
        var names: [String] = [], current = "", depth = 0
        for character in text {
            switch character {
            case "（", "(": depth += 1
            case "）", ")": depth = max(0, depth - 1)
            default: break
            }
            if character == "|" || (character == "、" && depth == 0) {
                names.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        names.append(current)
        return names.map(\.trimmingWhitespace).filter { !$0.isEmpty }
    }

    /// A catalogue as this parser reads it (the demo republishes 附件1 this way).
    static func text(of entries: [QuestionBankEntry]) -> String {
        var bytes: [UInt8] = []
        CSVWriter.append(record: columns, to: &bytes)
        for entry in entries {
            CSVWriter.append(record: [entry.source.row, entry.printedOccupation, entry.workTypes.joined(separator: "、"), entry.levels ?? "",
                                      entry.standardVersions.joined(separator: "、"), entry.remarks.joined(separator: "、")], to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
