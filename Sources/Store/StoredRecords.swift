import Foundation
import SQLKit

/// Whole records read and written by their `Codable` columns: the one way the stores move a
/// row that is a record (a case, a plan, a batch …); nil is written as NULL.
extension SQLDatabase {
    func record<Record: Decodable>(_ type: Record.Type, in table: String, id: UUID) async throws -> Record? {
        try await select().column("*").from(table).where("id", .equal, SQLBind(id)).first(decoding: Record.self)
    }

    /// The rows of the table the query narrows and orders, as records.
    func records<Record: Decodable>(_ type: Record.Type, from table: String, _ query: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Record] {
        try await query(select().column("*").from(table)).all(decoding: Record.self)
    }

    func insert(_ record: some Encodable & Sendable, into table: String) async throws {
        try await insert(into: table).model(record, nilEncodingStrategy: .asNil).run()
    }

    /// The whole row again (an edit keeps the id).
    func replace(_ record: some Encodable & Sendable, id: UUID, in table: String) async throws {
        try await update(table).set(model: record, nilEncodingStrategy: .asNil).where("id", .equal, SQLBind(id)).run()
    }
}

extension SQLDatabase {
    /// A page of rows with the number matching riding along (one round trip): `page` is given
    /// the count as a column expression. A page past the end has no row to carry it, so only
    /// then is the count asked for alone.
    func page(_ page: (SQLQueryString) -> SQLQueryString, count: SQLQueryString, offset: Int) async throws -> (rows: [any SQLRow], matching: Int) {
        let rows = try await raw(page("(" + count + ") AS matching_count")).all()
        if let first = rows.first { return (rows, try first.decode(column: "matching_count", as: Int.self)) }
        guard offset > 0 else { return ([], 0) }
        return ([], try await raw("SELECT (" + count + ") AS n").first()?.decode(column: "n", as: Int.self) ?? 0)
    }
}
