/// `tables.yaml`: every table file of a data folder, with the document and attachment it
/// reproduces, the jurisdiction it serves and its layout. The loader reads tables only
/// through this list, so a city's new table (or a new city) is a data change.
public struct TableManifest: Sendable, Codable, Hashable {
    public let tables: [TableFile]
    /// The casework's case types (casework/*.yaml), one file a version.
    public let caseTypes: [String]?
}

public struct TableFile: Sendable, Codable, Hashable {
    /// How the file is laid out (each kind has its fixed columns, see Data/README.md).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// One row per occupation or population with its series (浙江 77号 附件).
        case occupationSeries = "occupation-series"
        /// Series rows in `seriesFile`, the occupations of each row in `file` (衢州 附件1, 绍兴 附件1/2).
        case seriesOccupations = "series-occupations"
        /// One table per series, rows numbered within it (河北 附件); `table` holds `{series}`.
        case perSeriesRows = "per-series-rows"
        /// Rows a printed table lacks (missing pages, missing codes).
        case gaps
        /// Committees per series and specialty (衢州 附件3).
        case committees
        /// Evaluation organisations, one row per occupation (衢州 附件4).
        case providers
        /// Service points, each with several occupations (绍兴 附件3).
        case servicePoints = "service-points"
        /// The question-bank catalogue of a call (2023-2024 附件1).
        case questionBank = "question-bank"
    }

    public let file: String
    public let kind: Kind
    public let document: String
    /// The attachment as the document names it; for `per-series-rows`, with `{series}`.
    public let table: String
    public let jurisdiction: String
    /// For `series-occupations`: the file of the series rows.
    public let seriesFile: String?
    /// For `series-occupations`: which crossover the table serves.
    public let direction: SeriesMapping.Direction?

    /// The table's printed name for one series (河北: 附件（工程系列）).
    public func tableName(series: String) -> String {
        table.replacingOccurrences(of: "{series}", with: series)
    }
}
