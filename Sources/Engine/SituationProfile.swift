import Domain

/// What a caller answering many people at once needs to know to group them into the few
/// situations the rules tell apart: two people in the same situation get the same options.
/// Each answer here names exactly the facts an option builder reads, so keep it beside them.
extension Engine {
    /// An occupation as one jurisdiction's rules see it.
    package struct OccupationProfile: Sendable {
        /// nil when the name is not recognised.
        package let canonical: String?
        /// What the 职称 options are built from: two occupations with the same are answered alike.
        package let titleSide: [RowSignature]
        /// What a title holder's crossover into this occupation is checked against.
        package let skillSide: SkillSideSignature
    }

    /// A table row as an option builder reads it, without the words that are only shown.
    package struct RowSignature: Hashable, Sendable {
        let doc: Int
        let rank: Int
        let series: [String]
        let conditions: [ConditionSignature]
    }

    package struct ConditionSignature: Hashable, Sendable {
        let status: ConditionStatus
        let metOn: CalendarDate?
        let curedByTime: Bool
    }

    package struct SkillSideSignature: Hashable, Sendable {
        let rows: [RowSignature]
        let seriesKeys: [String]
    }

    package func occupationProfile(_ text: String, jurisdiction: String) -> OccupationProfile {
        guard let book = core.book(jurisdiction), let (canonical, entry) = EvaluationContext.lookup(text, engine: core, book: book) else {
            return OccupationProfile(canonical: nil, titleSide: [], skillSide: SkillSideSignature(rows: [], seriesKeys: []))
        }
        func signature(_ row: RuleBook.RowEntry) -> RowSignature {
            RowSignature(doc: row.doc, rank: row.rank, series: row.mapping.series,
                         conditions: row.seriesConditions.map { ConditionSignature(status: $0.status, metOn: $0.metOn, curedByTime: $0.curedByTime) })
        }
        return OccupationProfile(canonical: canonical, titleSide: entry?.titleRows.map(signature) ?? [],
                                 skillSide: SkillSideSignature(rows: entry?.skillRows.map(signature) ?? [], seriesKeys: entry?.skillSeriesKeys ?? []))
    }

    /// What the options from one skill certificate level read besides the certificate.
    package struct CertificateReads: Sendable {
        /// Every "满N年" the certificate's date is measured against (职称 and 晋级 rules).
        package let waitingYears: [Int]
        package let assessments: Bool
        package let continuingEducation: Bool
        package let relatedSkillWork: Bool
    }

    package func certificateReads(jurisdiction: String, level: SkillLevel) -> CertificateReads {
        guard let book = core.book(jurisdiction) else {
            return CertificateReads(waitingYears: [], assessments: false, continuingEducation: false, relatedSkillWork: false)
        }
        let rules = book.skillToTitle.filter { $0.rule.skillLevels.contains(level) }
        // With no rule for the level, a deferred 正高级 still gathers the yearly conditions (regularTitleOptions).
        let gathers = !rules.isEmpty || (level >= .principalTechnician && !book.deferred.isEmpty)
        let years = rules.compactMap(\.rule.waitingYears) + book.promotion.map(\.rule.years)
        return CertificateReads(waitingYears: Array(Set(years)).sorted(), assessments: gathers, continuingEducation: gathers,
                                relatedSkillWork: rules.contains { $0.rule.requiresRelatedSkillWork })
    }

    /// Which continuing-education band each rule puts a certificate year in (the band decides
    /// the condition only when the hours are not given as met or not).
    package func educationBands(jurisdiction: String, certificateYear: Int?) -> [Int] {
        guard let book = core.book(jurisdiction) else { return [] }
        return book.continuingEducation.filter { $0.rule.bands.count > 1 }.map { entry in
            guard let year = certificateYear else { return -1 }
            return entry.rule.bands.firstIndex { ($0.certificateYearFrom ?? .min) <= year && year <= ($0.certificateYearThrough ?? .max) } ?? -2
        }
    }

    /// Whether a crossover on `asOf` weighs the years in the occupation and the diploma
    /// (绍兴 64号 二（二）, until 77号 prevails).
    package func readsWorkYears(jurisdiction: String, asOf: CalendarDate) -> Bool {
        guard let book = core.book(jurisdiction) else { return false }
        let context = EvaluationContext(engine: core, book: book, request: EvaluationRequest(jurisdiction: jurisdiction, asOf: asOf))
        return book.cumulativeYears.contains { context.isActive($0.doc) && !context.isOverridden($0.doc, .cumulativeWorkYears) }
    }
}
