import Catalog
import Domain
import PolicyData

/// Plain-text renderings of the catalogue answers, in Chinese.
enum CatalogText {
    static func occupation(_ report: OccupationReport) -> String {
        var lines: [String] = []
        let code = report.occupation.code.map { "（国家职业编码 \($0)，见\(report.occupation.codeSource ?? "")）" } ?? "（文件未载国家职业编码）"
        lines.append("\(report.occupation.name)\(code)")
        if let alias = report.matchedAlias {
            lines.append("「\(alias.alias)」是其别名：\(alias.reason)")
        }
        if !report.aliases.isEmpty {
            lines.append("别名：" + report.aliases.map(\.alias).joined(separator: "、"))
        }
        if !report.listedIn.isEmpty {
            lines.append("列于：" + report.listedIn.map { "\($0.number) \($0.table)" }.joined(separator: "；"))
        }
        for entry in report.jurisdictions {
            lines.append("")
            lines.append("【\(entry.name)】")
            for series in entry.series {
                let specialty = series.specialty.map { "（\($0)）" } ?? ""
                let direction: String
                switch series.direction {
                case .both: direction = ""
                case .skillToTitle: direction = "（技能人才申报职称）"
                case .titleToSkill: direction = "（职称人员申报技能评价）"
                }
                let printed = series.printedName == report.occupation.name ? "" : "，表中作「\(series.printedName)」"
                lines.append("  职称系列：\(series.series.joined(separator: " 或 "))\(specialty)\(direction) — \(series.documentNumber) \(series.location)\(printed)")
                if let text = series.specialtyText { lines.append("    专业：\(text)") }
                if let note = series.note { lines.append("    注：\(note)") }
            }
            lines += routing(entry.routing)
            for access in entry.accessType {
                lines.append("  准入类职业：\(access.printedName)由\(access.departments.joined(separator: "或"))负责（\(access.document) \(access.clause)）")
            }
            for note in entry.notes { lines.append("  \(note)") }
        }
        if let bank = report.questionBank {
            lines.append("")
            lines.append("【2023-2024年省级题库开发参考目录】第\(bank.source.row)项：\(bank.printedOccupation)，\(bank.count)个职业（工种），等级\(bank.levels ?? "按工种")，国标\(bank.standardVersions.joined(separator: "、"))版")
            if !bank.workTypes.isEmpty { lines.append("  工种：" + bank.workTypes.joined(separator: "、")) }
            if !bank.remarks.isEmpty { lines.append("  备注：" + bank.remarks.joined(separator: "、")) }
        }
        return lines.joined(separator: "\n")
    }

    static func documents(_ documents: [DocumentStatus], asOf date: CalendarDate?) -> String {
        var lines = [date.map { "\($0) 施行中的文件：" } ?? "全部文件："]
        for document in documents {
            let status: String
            switch document.status {
            case .inForce: status = "自 \(document.effectiveFrom!) 施行"
            case .notYet: status = "自 \(document.effectiveFrom!) 施行（尚未施行）"
            case .unknown: status = "施行日期不详"
            }
            lines.append("")
            lines.append("\(document.number ?? "（无文号）") \(document.title)")
            lines.append("  \(document.issuer)；\(status)；\(document.effectiveNote)")
            for later in document.supersededBy {
                lines.append("  与 \(later.number ?? later.document) 不一致的，以后者为准（\(later.from.map { "自 \($0)" } ?? "")，\(later.clause)：\(later.scope)）")
                for item in later.overrides ?? [] {
                    lines.append("    · \(item.what)：本文件 \(item.clause) → \(later.number ?? later.document) \(item.by)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Level by level, as an evaluation's options name them.
    static func routing(_ routing: RoutingReport) -> [String] {
        var lines: [String] = []
        if !routing.titles.isEmpty { lines.append("  评审委员会（\(routing.asOf)，按层级）：") }
        for route in routing.titles {
            let specialty = route.specialty.map { "（\($0)）" } ?? ""
            let committee = route.committee.map { committee in
                committee.name + ([committee.host, committee.phone].compactMap { $0 }.joined(separator: " ").nonEmpty.map { "，\($0)" } ?? "")
            } ?? "未指定评审委员会"
            lines.append("    \(route.level) · \(route.series)\(specialty)：\(committee)")
            for note in route.notes { lines.append("      注：\(note)") }
        }
        let skills = routing.skills.filter { !$0.providers.isEmpty }
        if !skills.isEmpty { lines.append("  评价机构（\(routing.asOf)，按等级）：") }
        for route in skills {
            let level = SkillLevel(name: route.level).map { $0.grade.map { grade in "\(grade)（\(route.level)）" } ?? route.level } ?? route.level
            lines.append("    \(level)：")
            for provider in route.providers {
                let workType = provider.workType.map { "·\($0)" } ?? ""
                let contact = [provider.contactName, provider.contactPhone].compactMap { $0 }.joined(separator: " ")
                lines.append("      \(provider.name)（\(provider.printedOccupation)\(workType)）\(contact.isEmpty ? "" : "联系：\(contact)")")
            }
        }
        return lines
    }

    static func stats(_ counts: [TableCount]) -> String {
        let width = counts.map(\.table.count).max() ?? 0
        return counts.map { $0.table + String(repeating: " ", count: width - $0.table.count + 2) + String($0.rows) }
            .joined(separator: "\n")
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
