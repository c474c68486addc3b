import Domain

/// What a caller answering many people at once needs to know to group them into the few
/// situations the rules tell apart: two people in the same situation get the same options.
/// Each answer here names exactly the facts an option builder reads, so keep it beside them.
extension Engine {
    /// An occupation as one jurisdiction's rules see it.
    package struct OccupationProfile: Sendable {
        /// nil when the name is not recognised.
        package let canonical: String?
        /// The table rows the 职称 options are built from (every document's, so any date is covered).
        package let titleRows: [ObjectIdentifier]
        /// The table rows a title holder's crossover into this occupation is checked against.
        package let skillRows: [ObjectIdentifier]
    }

    package func occupationProfile(_ text: String, jurisdiction: String) -> OccupationProfile {
        guard let book = core.books[jurisdiction], let (canonical, entry) = EvaluationContext.lookup(text, engine: core, book: book) else {
            return OccupationProfile(canonical: nil, titleRows: [], skillRows: [])
        }
        return OccupationProfile(canonical: canonical, titleRows: entry?.titleRows.map(ObjectIdentifier.init) ?? [],
                                 skillRows: entry?.skillRows.map(ObjectIdentifier.init) ?? [])
    }

    /// Every "满N年" a skill certificate's date is measured against (职称 and 晋级 rules).
    package func waitingYears(jurisdiction: String) -> [Int] {
        guard let book = core.books[jurisdiction] else { return [] }
        let years = book.skillToTitle.compactMap(\.rule.waitingYears) + book.promotion.map(\.rule.years)
        return Array(Set(years)).sorted()
    }

    /// Which continuing-education band each rule puts a certificate year in (the band decides
    /// the condition only when the hours are not given as met or not).
    package func educationBands(jurisdiction: String, certificateYear: Int?) -> [Int] {
        guard let book = core.books[jurisdiction] else { return [] }
        return book.continuingEducation.filter { $0.rule.bands.count > 1 }.map { entry in
            guard let year = certificateYear else { return -1 }
            return entry.rule.bands.firstIndex { ($0.certificateYearFrom ?? .min) <= year && year <= ($0.certificateYearThrough ?? .max) } ?? -2
        }
    }

    /// Whether a crossover on `asOf` weighs the years in the occupation and the diploma
    /// (绍兴 64号 二（二）, until 77号 prevails).
    package func readsWorkYears(jurisdiction: String, asOf: CalendarDate) -> Bool {
        guard let book = core.books[jurisdiction] else { return false }
        let context = EvaluationContext(engine: core, book: book, request: EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf))
        return book.cumulativeYears.contains { context.isActive($0.doc) && !context.isSuperseded($0.doc) }
    }
}
