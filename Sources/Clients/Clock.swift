import Domain
import Foundation
import Synchronization

/// The time, as the code that needs it is given it: the live clock, or a fixed one a test
/// sets and moves, so deadlines and publicity periods are tested to the day.
public struct Clock: Sendable {
    /// The current instant (audit records, timestamps).
    public var now: @Sendable () -> Date
    /// Today's date where the documents apply (China Standard Time).
    public var today: @Sendable () -> CalendarDate

    public init(now: @escaping @Sendable () -> Date, today: @escaping @Sendable () -> CalendarDate) {
        self.now = now
        self.today = today
    }

    public static let live = Clock(now: { Date() }, today: { ChinaCalendar.today() })

    /// A clock that stays on one day (noon, China time) until the test moves it.
    public static func fixed(_ day: CalendarDate) -> (clock: Clock, control: FixedClock) {
        let control = FixedClock(day)
        return (Clock(now: { control.instant }, today: { control.day }), control)
    }
}

/// The hand a test moves a fixed clock with.
public final class FixedClock: Sendable {
    private let state: Mutex<CalendarDate>

    init(_ day: CalendarDate) {
        state = Mutex(day)
    }

    public var day: CalendarDate { state.withLock { $0 } }

    /// Noon of the day in China (UTC+8), as an instant.
    public var instant: Date { ChinaCalendar.noon(of: day) }

    public func set(_ day: CalendarDate) { state.withLock { $0 = day } }

    public func advance(days: Int) { state.withLock { $0 = $0.adding(days: days) } }
}
