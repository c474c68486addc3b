/// A day in the civil calendar, free of time zones: policy dates ("2022-12-17") and the
/// "满N年" anniversaries computed from them are whole days.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else, or a day that does not exist, is nil.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The same day `years` later; 29 February falls back to 28 February in a common year,
    /// which is when "满N年" from a leap day is reached. Total: a result past the calendar's
    /// ends stops at 0001-01-01 or 9999-12-31 (inputs are held to `inputRange`, far inside).
    public func adding(years: Int) -> CalendarDate {
        let (target, overflow) = year.addingReportingOverflow(years)
        if overflow || target > 9999 { return years > 0 ? .latest : .earliest }
        if target < 1 { return .earliest }
        let lastDay = CalendarDate.daysIn(month: month, year: target)
        return CalendarDate(checkedYear: target, month: month, day: min(day, lastDay))
    }

    private init(checkedYear: Int, month: Int, day: Int) {
        year = checkedYear
        self.month = month
        self.day = day
    }

    public static let earliest = CalendarDate(checkedYear: 1, month: 1, day: 1)
    public static let latest = CalendarDate(checkedYear: 9999, month: 12, day: 31)

    /// Every date and year a person or a file may give: one range for all of them, wide
    /// enough for any career and far enough from the calendar's end that no waiting time
    /// added to it leaves the calendar.
    public static let inputYears: ClosedRange<Int> = 1900...2100
    public static let inputRange = CalendarDate(checkedYear: 1900, month: 1, day: 1)...CalendarDate(checkedYear: 2100, month: 12, day: 31)

    /// Why a text is not an input date, in plain Chinese.
    public enum InputProblem: Error, Sendable, Equatable {
        case malformed, outOfRange

        public func message(_ text: String) -> String {
            switch self {
            case .malformed: return "「\(text)」不是真实日期，格式应为 YYYY-MM-DD"
            case .outOfRange: return "日期 \(text) 超出可受理的范围（\(CalendarDate.inputRange.lowerBound) 至 \(CalendarDate.inputRange.upperBound)）"
            }
        }
    }

    /// Parses `YYYY-MM-DD` and holds it to `inputRange`.
    public static func input(_ text: some StringProtocol) throws(InputProblem) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw .malformed }
        guard inputRange.contains(date) else { throw .outOfRange }
        return date
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a real date in YYYY-MM-DD form: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CalendarDate {
    /// Days since 1970-01-01 (proleptic Gregorian), for counting the days between two dates.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The date of a day number (the inverse of `dayNumber`); past the calendar's ends it stops there.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self = CalendarDate(year: year, month: month, day: day) ?? (year < 1 ? .earliest : .latest)
    }

    /// The date `days` later (earlier when negative): publicity periods and deadlines.
    public func adding(days: Int) -> CalendarDate {
        let (target, overflow) = dayNumber.addingReportingOverflow(days)
        if overflow { return days > 0 ? .latest : .earliest }
        return CalendarDate(dayNumber: target)
    }
}
