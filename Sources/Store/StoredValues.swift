import Domain
import Foundation
import SQLKit

/// Dates and ids as the tables keep them (text), read back typed: a value that does not read
/// is the store's failure, never a silent default.
extension SQLRow {
    func day(_ column: String) throws -> CalendarDate {
        try StoredValue.day(try decode(column: column, as: String.self))
    }

    /// Read column by column rather than through `Codable` where a list is read often (the queues).
    func text(_ column: String) throws -> String { try decode(column: column, as: String.self) }

    func optionalText(_ column: String) throws -> String? { try decodeNil(column: column) ? nil : text(column) }

    /// An id as text (which both databases give), in the upper case `UUID` writes.
    func uuid(_ column: String) throws -> UUID { try StoredValue.uuid(try text(column)) }
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
