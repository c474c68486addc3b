import Fluent
import SQLKit
import Store

/// The store's implementations on this database or transaction: every query goes through one
/// of them (Fluent keeps only the migrations).
extension Database {
    /// The SQL side of a Fluent database (SQLite and PostgreSQL both have one).
    var sql: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw Problem(title: "数据库不可用", status: 500, detail: "办件需要 SQL 数据库。") }
            return sql
        }
    }

    var caseTrail: SQLCaseTrail { get throws { SQLCaseTrail(try sql) } }
    var accounts: SQLAccountStore { get throws { SQLAccountStore(try sql) } }
    var organisations: SQLOrganisationStore { get throws { SQLOrganisationStore(try sql) } }
    var personRecords: SQLPersonRecords { get throws { SQLPersonRecords(try sql) } }
    var titleCases: SQLTitleCaseStore { get throws { SQLTitleCaseStore(try sql) } }
    var skillCases: SQLSkillCaseStore { get throws { SQLSkillCaseStore(try sql) } }
    var questionBankCases: SQLQuestionBankCaseStore { get throws { SQLQuestionBankCaseStore(try sql) } }
}
