import Fluent
import Foundation

/// A check a person saved: the form as filled in (re-evaluated each time it is opened) and
/// what each option's status was on the day it was saved, to show what changed.
final class SavedCheck: Model, @unchecked Sendable {
    static let schema = "saved_checks"

    @ID(key: .id) var id: UUID?
    /// The link's key: random, so saved checks cannot be enumerated.
    @Field(key: "token") var token: String
    /// The checker form's query string.
    @Field(key: "query") var query: String
    /// JSON: option key → status, as evaluated when saved.
    @Field(key: "statuses") var statuses: String
    /// The day it was saved, and the date the result then shown was evaluated for.
    @Field(key: "saved_on") var savedOn: String
    @Field(key: "evaluated_as_of") var evaluatedAsOf: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    /// SHA-256 of the owner's key (kept in the saving browser's cookie): only the owner may
    /// change or delete the record; the link alone only shows it.
    @OptionalField(key: "owner_key_hash") var ownerKeyHash: String?

    init() {}

    init(_ record: SavedCheckRecord) {
        token = record.token
        update(from: record)
    }

    /// Everything but the token (an edit keeps its link).
    func update(from record: SavedCheckRecord) {
        query = record.query
        statuses = record.statuses
        savedOn = record.savedOn
        evaluatedAsOf = record.evaluatedAsOf
        ownerKeyHash = record.ownerKeyHash
    }

    var record: SavedCheckRecord {
        SavedCheckRecord(token: token, query: query, statuses: statuses, savedOn: savedOn, evaluatedAsOf: evaluatedAsOf, ownerKeyHash: ownerKeyHash)
    }
}
