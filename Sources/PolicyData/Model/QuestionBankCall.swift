/// A call for provincial question-bank projects (题库开发项目征集), as its document sets it out:
/// the conditions on projects and units, the reporting deadline, the selection of lead units,
/// the contacts and the fields of its forms, each with its clause (question-bank/calls.yaml).
public struct QuestionBankCall: Sendable, Codable, Hashable {
    public struct Cited: Sendable, Codable, Hashable {
        public let clause: String
        public let quote: String?
    }

    /// 一（一）: a project meets any one of them.
    public struct ProjectCondition: Sendable, Codable, Hashable {
        public let id: String
        public let clause: String
        public let quote: String
        /// What a unit must show for it (the standard's year, the bank's age); nil for the catalogue.
        public let evidence: String?
        public let minimumStandardYear: Int?
        public let minimumBankYears: Int?
    }

    /// 一（二）: required (all of them), a preference, or a bar.
    public struct UnitCondition: Sendable, Codable, Hashable {
        public enum Kind: String, Sendable, Codable { case required, preference, bar }
        public let id: String
        public let clause: String
        public let kind: Kind
        public let quote: String
    }

    public struct Deadline: Sendable, Codable, Hashable {
        public let clause: String
        public let quote: String
        /// The last day reports are taken (Asia/Shanghai), as `reading` explains the words.
        public let lastDay: String
        public let reading: String
    }

    public struct Selection: Sendable, Codable, Hashable {
        public let clause: String
        public let quote: String
        public let criteria: [String]
    }

    public struct Contacts: Sendable, Codable, Hashable {
        public let clause: String
        public let people: [String]
        public let phones: [String]
        public let email: String
        public let address: String
    }

    public struct Advantage: Sendable, Codable, Hashable {
        public let line: String
        public let boxes: [String]
        public let text: String
    }

    public struct FormPart: Sendable, Codable, Hashable {
        public let heading: String
        public let fields: [String]
        public let intents: [String]?
        public let advantages: [Advantage]?
        public let experts: [String]?
    }

    public struct ApplicationForm: Sendable, Codable, Hashable {
        public let attachment: String
        public let title: String
        public let parts: [FormPart]
    }

    public struct SummaryForm: Sendable, Codable, Hashable {
        public let attachment: String
        public let title: String
        public let header: String
        public let columns: [String]
        public let recommendation: [String]
        public let footer: [String]
    }

    public struct Forms: Sendable, Codable, Hashable {
        public let application: ApplicationForm
        public let summary: SummaryForm
    }

    /// Where a catalogue row's 工种 column says more than a list of names: which levels its
    /// 工种 cover, and which levels are the occupation's without a 工种.
    public struct CatalogueReading: Sendable, Codable, Hashable {
        public let row: String
        public let quote: String
        public let workTypeLevels: String?
        public let wholeOccupationLevels: String?
    }

    public let id: String
    /// The document (documents.yaml) whose number, issuer and date the call has.
    public let document: String
    public let basis: Cited
    /// The document's table that is the call's catalogue (tables.yaml `table`).
    public let catalogue: String
    public let provincialCentre: String
    public let projectConditions: [ProjectCondition]
    public let unitConditions: [UnitCondition]
    public let routing: Cited
    public let deadline: Deadline
    public let selection: Selection
    public let contacts: Contacts
    public let forms: Forms
    public let readings: [CatalogueReading]?
    /// Set for a later call the provincial centre published in the system (nil for the data's calls).
    public let publication: Publication?

    /// A later call, published by the provincial centre with its own title, number, date, last
    /// day and catalogue; it keeps the conditions, routing, selection and forms of the call it follows.
    public struct Publication: Sendable, Codable, Hashable {
        public let title: String
        public let number: String
        public let issuer: String
        public let issuedOn: String
        public let follows: String
        public let catalogue: [QuestionBankEntry]

        public init(title: String, number: String, issuer: String, issuedOn: String, follows: String, catalogue: [QuestionBankEntry]) {
            self.title = title
            self.number = number
            self.issuer = issuer
            self.issuedOn = issuedOn
            self.follows = follows
            self.catalogue = catalogue
        }
    }

    /// This call's terms under a new call's id, title, dates and catalogue. The catalogue's own
    /// readings do not carry over: they are of the followed call's rows.
    public func published(as id: String, _ publication: Publication, lastDay: String) -> QuestionBankCall {
        QuestionBankCall(id: id, document: document, basis: basis, catalogue: catalogue, provincialCentre: provincialCentre,
                         projectConditions: projectConditions, unitConditions: unitConditions, routing: routing,
                         deadline: Deadline(clause: "", quote: "", lastDay: lastDay, reading: "按本轮征集通知，报送至 \(lastDay)（含当日）"),
                         selection: selection, contacts: contacts, forms: forms, readings: nil, publication: publication)
    }
}

/// question-bank/calls.yaml as a whole.
struct QuestionBankCallFile: Sendable, Codable {
    let calls: [QuestionBankCall]
}
