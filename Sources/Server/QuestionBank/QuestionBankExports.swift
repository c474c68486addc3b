import Foundation
import PolicyData
import Spreadsheet
import Store
import Workflow

/// The workbooks of a call: a city centre's 汇总表 in the layout of 附件3 (its title, the
/// centre's line, 推荐意见 over 牵头单位 and 参与单位 with "√", the footer), and the provincial
/// centre's list of selected projects. Headings come from the call's data.
enum QuestionBankExports {
    struct Sheet {
        let rows: [[String]]
        let layout: XLSXWriter.Layout
    }

    static func summary(_ form: QuestionBankCall.SummaryForm, centre: String, applications: [QuestionBankApplicationRecord],
                        contact: String, phone: String, filledOn: String) -> Sheet {
        // 序号 职业 工种 等级 申报单位 | 推荐意见 (two columns) | 推荐理由概要
        let before = Array(form.columns.dropLast(2)), opinion = form.columns[form.columns.count - 2], reason = form.columns[form.columns.count - 1]
        let width = before.count + form.recommendation.count + 1
        func padded(_ cells: [String]) -> [String] { cells + Array(repeating: "", count: max(0, width - cells.count)) }
        var rows: [[String]] = [padded([form.title]), padded([form.header + centre])]
        rows.append(before + [opinion] + Array(repeating: "", count: form.recommendation.count - 1) + [reason])
        rows.append(Array(repeating: "", count: before.count) + form.recommendation + [""])
        for (index, model) in applications.enumerated() {
            let state = try? StoredJSON.decode(QuestionBankProject.self, model.state)
            let saved = try? StoredJSON.decode(QuestionBankForm.self, model.form)
            let marks = form.recommendation.map { label in state?.opinion?.recommendAs.label == label ? "√" : "" }
            rows.append([String(index + 1), model.occupation, model.workType, saved?.gradesText ?? "", model.unitName] + marks + [state?.opinion?.reason ?? ""])
        }
        let footer = zip(form.footer, [contact, phone, filledOn]).map { padded([$0 + "：" + $1]) }
        rows.append(padded([]))
        rows += footer
        let last = XLSXWriter.columnName(width - 1)
        var merges = ["A1:\(last)1", "A2:\(last)2"]
        for column in 0..<before.count { merges.append("\(XLSXWriter.columnName(column))3:\(XLSXWriter.columnName(column))4") }
        merges.append("\(XLSXWriter.columnName(before.count))3:\(XLSXWriter.columnName(before.count + form.recommendation.count - 1))3")
        merges.append("\(last)3:\(last)4")
        for offset in 0..<footer.count {
            let row = rows.count - footer.count + offset + 1
            merges.append("A\(row):\(last)\(row)")
        }
        return Sheet(rows: rows, layout: .init(sheetName: "汇总表", headingRows: 4, merges: merges))
    }

    static let selectedHeading = ["序号", "职业", "工种", "等级", "牵头单位", "参与单位", "确定理由"]

    /// One row per occupation (工种) with a lead or participants decided.
    static func selected(_ projects: [QuestionBankService.Selection.Project]) -> Sheet {
        var rows = [selectedHeading]
        for project in projects {
            let decided = project.applications.compactMap { model -> (QuestionBankApplicationRecord, QuestionBankProject.Decision)? in
                guard let decision = (try? StoredJSON.decode(QuestionBankProject.self, model.state))?.decision else { return nil }
                return (model, decision)
            }
            let leads = decided.filter { $0.1.outcome == .lead }, participants = decided.filter { $0.1.outcome == .participant }
            guard !leads.isEmpty || !participants.isEmpty else { continue }
            let grades = Set(decided.compactMap { try? StoredJSON.decode(QuestionBankForm.self, $0.0.form) }.flatMap(\.levels))
            rows.append([String(rows.count), project.occupation, project.workType,
                         grades.sorted(by: >).map(QuestionBankForm.gradeName).joined(separator: "、"),
                         leads.map(\.0.unitName).joined(separator: "、"), participants.map(\.0.unitName).joined(separator: "、"),
                         leads.map(\.1.reason).joined(separator: "；")])
        }
        return Sheet(rows: rows, layout: .init(sheetName: "入选项目"))
    }
}
