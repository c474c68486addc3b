/// The form names are compared in: no white space, ASCII brackets, and the few
/// punctuation variants people type for the same name.
public enum NameKey {
    public static func normalize(_ text: String) -> String {
        // Most names hold only CJK ideographs (lead bytes E4–E9) and need no change.
        if !text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) {
            return String(text)
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            switch scalar {
            case "（": result.append("(")
            case "）": result.append(")")
            case "“", "”", "\u{201E}", "「", "」", "『", "』", "\"", "'", "‘", "’": continue
            case "，": result.append(",")
            case "﹑": result.append("、")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// A national occupation code such as 6-20-01-01 (the last group may be 00).
    public static func isOccupationCode(_ text: some StringProtocol) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 1 else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.count <= 2 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber) }
            && parts.dropFirst().allSatisfy { $0.count == 2 }
    }
}
