import Domain
import PolicyData

/// What `catalog occupation` answers, for text or JSON.
public struct OccupationReport: Codable, Sendable {
    public let query: String
    public let occupation: Occupation
    /// How the query matched: name, alias or code.
    public let matchedVia: String
    public let matchedAlias: OccupationAlias?
    public let aliases: [OccupationAlias]
    /// Every document whose tables or clauses name the occupation (under any of its names).
    public let listedIn: [ListedIn]
    public let jurisdictions: [JurisdictionEntry]
    public let questionBank: QuestionBankEntry?

    public struct ListedIn: Codable, Sendable, Hashable {
        public let document: String
        public let number: String
        public let table: String
    }

    public struct JurisdictionEntry: Codable, Sendable {
        public let code: String
        public let name: String
        public let series: [SeriesEntry]
        public let committees: [Committee]
        public let providers: [Provider]
        public let accessType: [AccessTypeOccupation]
        public let notes: [String]
        /// Level by level on the report's date: the committee and the providers an evaluation's
        /// options name (the tables above list them for every level).
        public let routing: RoutingReport
    }

    public struct SeriesEntry: Codable, Sendable {
        public let document: String
        public let documentNumber: String
        /// Where in the document: "附件1 第1行第27项".
        public let location: String
        public let printedName: String
        public let series: [String]
        public let specialty: String?
        public let specialtyText: String?
        public let direction: SeriesMapping.Direction
        public let code: String?
        public let note: String?
    }
}

/// The answer when no catalogue occupation matches.
public struct UnknownOccupation: Codable, Sendable, Error {
    public let query: String
    public let suggestions: [String]
}

/// A document and whether it is in force on the date asked.
public struct DocumentStatus: Codable, Sendable {
    public enum InForce: String, Codable, Sendable {
        case inForce = "in_force"
        case notYet = "not_yet"
        /// The text gives no date: whether it applies cannot be told from the documents.
        case unknown
    }

    public let id: String
    public let number: String?
    public let title: String
    public let issuer: String
    public let jurisdiction: String
    public let issuedOn: CalendarDate?
    public let effectiveFrom: CalendarDate?
    public let effectiveNote: String
    public let status: InForce
    /// Later documents that prevail over this one where they disagree, from the day they apply.
    public let supersededBy: [Superseding]

    public struct Superseding: Codable, Sendable {
        public let document: String
        public let number: String?
        public let from: CalendarDate?
        public let clause: String
        public let scope: String
        /// What it overrides, each item with the clauses of both documents (when the data lists them).
        public let overrides: [Supersession.Override]?
    }
}

public struct TableCount: Codable, Sendable {
    public let table: String
    public let rows: Int
}

/// Where an occupation's applications go in a jurisdiction on a date, level by level: the
/// engine's answer (`Engine.routing`), shared by `catalog occupation`, the API and the pages.
public struct RoutingReport: Codable, Sendable, Equatable {
    public let jurisdiction: String
    public let occupation: String
    public let asOf: CalendarDate
    public let titles: [TitleRoute]
    public let skills: [SkillRoute]

    public struct TitleRoute: Codable, Sendable, Equatable {
        public let level: String
        public let series: String
        public let specialty: String?
        /// Nil where no committee is named: the notes say where to apply.
        public let committee: CommitteeName?
        public let notes: [String]
    }

    public struct CommitteeName: Codable, Sendable, Equatable {
        public let name: String
        public let host: String?
        public let phone: String?
    }

    public struct SkillRoute: Codable, Sendable, Equatable {
        public let level: String
        public let providers: [Provider]
    }
}
