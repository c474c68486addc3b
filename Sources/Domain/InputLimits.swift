/// The documented bounds of what a person, a client or a file may send. Beyond them an
/// input is refused with a clear message: they keep every answer's cost bounded.
public enum InputLimits {
    /// An occupation, series, specialty or honour name, in characters. The longest name the
    /// documents print is under 30 characters.
    public static let nameCharacters = 64
    /// Items in one list of a request (certificates, titles, honours, years).
    public static let listItems = 50
    /// Hours in one year: no more than the year has.
    public static let yearlyHours: Double = 8_784
    /// Years of work in an occupation.
    public static let workYears: Double = 80

    /// Whether a text holds at most `characters` characters, counted as Unicode scalars so
    /// that combining marks count too (and checked on the bytes first, at no cost).
    public static func isWithin(_ text: String, characters: Int) -> Bool {
        let bytes = text.utf8.count
        return bytes <= characters || (bytes <= characters * 4 && text.unicodeScalars.count <= characters)
    }
}
