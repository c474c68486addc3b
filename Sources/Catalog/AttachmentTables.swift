import Domain
import PolicyData

/// A document's attachment as a table a person can read on its page: the rows as the data
/// holds them, with the attachment's title.
public struct AttachmentTable: Encodable, Sendable {
    public let id: String
    public let title: String
    public let headers: [String]
    public let rows: [[String]]
    public let rowCount: Int
}

extension CatalogService {
    /// Every table of a document's attachments (series tables, committees, providers, known
    /// gaps, the question-bank catalogue), in the order the document numbers them.
    public func attachments(of documentID: String) -> [AttachmentTable] {
        guard let document = base.document(documentID) else { return [] }
        var tables: [(key: String, table: AttachmentTable)] = []
        func title(_ table: String) -> String {
            let clause = Self.tableName(SourceRef(document: documentID, table: table, row: ""), in: base)
            return document.clause(clause).map { "\(clause) \($0.text)" } ?? table
        }
        func add(_ key: String, _ headers: [String], _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            tables.append((key, AttachmentTable(id: key, title: title(key), headers: headers, rows: rows, rowCount: rows.count)))
        }
        let mappings = base.seriesMappings.filter { $0.source.document == documentID }
        var order: [String] = []
        for mapping in mappings where !order.contains(mapping.source.table) { order.append(mapping.source.table) }
        for table in order {
            add(table, ["行", "职业（工种）", "职称系列", "专业"], mappings.filter { $0.source.table == table }.map { mapping in
                [mapping.source.row + (mapping.source.item.map { "-\($0)" } ?? ""), mapping.printedName, mapping.series.joined(separator: " 或 "),
                 mapping.specialty ?? mapping.specialtyText ?? ""]
            })
        }
        let committees = base.committees.filter { $0.source.document == documentID }
        if let table = committees.first?.source.table {
            add(table, ["行", "职称系列", "专业", "评审委员会", "所在单位", "电话"], committees.map {
                [$0.source.row, $0.series, $0.specialtyText, $0.name ?? "（表中未列）", $0.host ?? "", $0.phone ?? ""]
            })
        }
        let providers = base.providers.filter { $0.source.document == documentID }
        if let table = providers.first?.source.table {
            add(table, ["行", "机构", "职业（工种）", "工种", "等级", "联系人", "电话"], providers.map {
                [$0.source.row, $0.name, $0.printedOccupation, $0.workType ?? "", $0.levels.map { $0.grade ?? $0.name }.joined(separator: "、"),
                 $0.contactName ?? "", $0.contactPhone ?? ""]
            })
        }
        let gaps = base.tableGaps.filter { $0.document == documentID }
        if !gaps.isEmpty {
            tables.append(("gaps", AttachmentTable(id: "gaps", title: "附件中已知的缺页与缺失编码（原文如此，未作推断）", headers: ["系列", "自第几行", "至第几行", "情况"],
                rows: gaps.map { [$0.series, String($0.fromRow), $0.toRow.map(String.init) ?? "以后", ($0.kind == .missingRows ? "缺页" : "缺编码") + ($0.note.map { "：\($0)" } ?? "")] },
                rowCount: gaps.count)))
        }
        let bank = base.questionBank.filter { $0.source.document == documentID }
        if let table = bank.first?.source.table {
            add(table, ["序号", "职业（工种）", "工种", "数量", "等级", "国家标准版本", "备注"], bank.map {
                [$0.source.row, $0.printedOccupation, $0.workTypes.joined(separator: "、"), String($0.count), $0.levels ?? "", $0.standardVersions.joined(separator: "、"),
                 $0.remarks.joined(separator: "、")]
            })
        }
        return tables.map(\.table)
    }
}
