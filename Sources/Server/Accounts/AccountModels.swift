import Fluent
import Foundation

/// A person's record (个人档案): the contract's `person` object as JSON, entered once and
/// used by every self-check and application.
final class PersonRecordModel: Model, @unchecked Sendable {
    static let schema = "person_records"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "person") var person: String
    /// The region the record was saved for (migration 016), where the person chose one.
    @OptionalField(key: "jurisdiction") var jurisdiction: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

/// A title issued through the system, added to the person's record with its source.
final class IssuedTitleModel: Model, @unchecked Sendable {
    static let schema = "issued_titles"
    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "application_id") var applicationID: UUID
    @OptionalField(key: "series") var series: String?
    @OptionalField(key: "specialty") var specialty: String?
    @Field(key: "level") var level: String
    @Field(key: "issued_on") var issuedOn: String
    @Field(key: "decision") var decision: String
    @Field(key: "committee") var committee: String
    init() {}
}
