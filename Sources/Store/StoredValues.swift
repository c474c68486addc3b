import Domain
import Foundation
import SQLKit

/// Dates and ids as the tables keep them (text), read back typed: a value that does not read
/// is the store's failure, never a silent default.
extension SQLRow {
    func day(_ column: String) throws -> CalendarDate {
        try StoredValue.day(try decode(column: column, as: String.self))
    }
}

enum StoredValue {
    static func day(_ text: String) throws -> CalendarDate {
        guard let day = CalendarDate(iso: text) else { throw StoreFailure("日期「\(text)」无法识别") }
        return day
    }

    static func uuid(_ text: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw StoreFailure("编号「\(text)」无法识别") }
        return uuid
    }
}
