import Catalog
import Domain
import Engine
import Foundation
import PolicyData
import Vapor

/// What the handlers need, built once at start-up and passed in (no globals).
public struct PolicyServices: Sendable {
    public let base: PolicyBase
    public let engine: Engine
    public let catalog: CatalogService
    public let search: OccupationSearch
    public let decoder: RequestDecoder
    /// Today's date where the documents apply; tests pass a fixed one.
    public let today: @Sendable () -> CalendarDate

    public init(base: PolicyBase, today: @escaping @Sendable () -> CalendarDate = { ChinaCalendar.today() }) {
        self.base = base
        engine = Engine(base: base)
        catalog = CatalogService(base: base)
        search = OccupationSearch(base: base)
        decoder = RequestDecoder(base: base)
        self.today = today
    }
}

/// The civil date in China (the documents' time zone).
public enum ChinaCalendar {
    public static func today(now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

extension Application {
    private struct PolicyServicesKey: StorageKey {
        typealias Value = PolicyServices
    }

    /// The services this application was configured with.
    public var policy: PolicyServices {
        get {
            guard let services = storage[PolicyServicesKey.self] else { fatalError("configure(_:services:) was not called") }
            return services
        }
        set { storage[PolicyServicesKey.self] = newValue }
    }
}

extension Request {
    var policy: PolicyServices { application.policy }
}
