import Foundation

/// The civil date in China (the documents' time zone).
public enum ChinaCalendar {
    public static func today(now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        if let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) { calendar.timeZone = zone }
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // A clock outside the calendar's years gives its nearest end rather than a trap.
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = CalendarDate(year: year, month: month, day: day) else { return (parts.year ?? 0) < 1 ? .earliest : .latest }
        return date
    }

    /// Noon of a day in China (UTC+8), as an instant: a day's stand-in where an instant is needed.
    public static func noon(of day: CalendarDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + 4 * 3600)
    }
}
