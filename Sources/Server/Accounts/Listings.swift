import Access
import Domain
import Fluent
import Foundation
import Store
import Vapor

/// The lists pages and the API show beside a case — plans, organisations, a person's titles —
/// read here so that no handler or page holds a query.
struct Listings: Sendable {
    let database: any Database

    /// The newest plans first.
    func plans(limit: Int) async throws -> [ReviewPlan] {
        try await database.titleCases.plans(limit: limit)
    }

    func plan(_ id: UUID) async throws -> ReviewPlan? {
        try await database.titleCases.plan(id)
    }

    /// Organisations by name, of a kind and in jurisdictions where given.
    func organisations(kind: OrganisationKind? = nil, in jurisdictions: [String]? = nil, limit: Int = 1000) async throws -> [Organisation] {
        try await database.organisations.organisations(kind: kind, in: jurisdictions, limit: limit)
    }

    func organisation(_ id: String) async throws -> Organisation {
        try await database.organisations.require(id)
    }

    /// The titles recorded as issued to a person.
    func issuedTitles(of userID: UUID) async throws -> [IssuedTitle] {
        try await database.personRecords.issuedTitles(of: userID)
    }

    func publicity(_ plan: ReviewPlan, today: CalendarDate) async throws -> PublicityList {
        try await PublicityList.of(plan, database: database, today: today)
    }
}

extension Request {
    var listings: Listings { Listings(database: db) }
}
