/// A phone number as a document prints it, made dialable: a local number (7–8 digits) gets
/// the city's area code, a mobile or a number with its area code stays as it is.
public struct PhoneNumber: Hashable, Sendable {
    /// As shown: "0570-8758639", "13757050318".
    public let display: String
    /// For a `tel:` link: "+865708758639".
    public let international: String

    public init?(_ printed: String, areaCode: String?) {
        let trimmed = printed.trimmingWhitespace
        let digits = trimmed.filter { $0.isASCII && $0.isNumber }
        guard digits.count >= 7, trimmed.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == " " }) else { return nil }
        if digits.count == 11, digits.hasPrefix("1") {
            display = digits
            international = "+86" + digits
        } else if digits.hasPrefix("0") {
            display = trimmed
            international = "+86" + digits.dropFirst()
        } else if let areaCode, digits.count <= 8 {
            display = "\(areaCode)-\(digits)"
            international = "+86" + areaCode.dropFirst() + digits
        } else {
            return nil
        }
    }

    /// "严荣春 0570-8768209" → the name and the number (nil when the last word is no number).
    public static func split(_ contact: String, areaCode: String?) -> (name: String, phone: PhoneNumber?) {
        let parts = contact.split(separator: " ")
        guard let last = parts.last, let phone = PhoneNumber(String(last), areaCode: areaCode) else { return (contact, nil) }
        return (parts.dropLast().joined(separator: " "), phone)
    }
}
