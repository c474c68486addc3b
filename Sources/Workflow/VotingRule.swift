import Domain

/// How a review session's votes decide an application. The documents set no rule: a review
/// plan records the one it follows and where it comes from (`source`), and the system
/// computes the outcome by it and shows both.
public struct VotingRule: Sendable, Hashable, Codable {
    /// At least this share of the members must be present (numerator / denominator).
    public let quorumNumerator: Int
    public let quorumDenominator: Int
    /// Passed when the votes in favour reach this share of the members present.
    public let passNumerator: Int
    public let passDenominator: Int
    /// Where the rule comes from (the committee's rules of procedure, the year's notice…).
    public let source: String

    public init(quorumNumerator: Int, quorumDenominator: Int, passNumerator: Int, passDenominator: Int, source: String) {
        self.quorumNumerator = quorumNumerator
        self.quorumDenominator = quorumDenominator
        self.passNumerator = passNumerator
        self.passDenominator = passDenominator
        self.source = source
    }

    public enum Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        case fraction, noSource

        public var description: String {
            switch self {
            case .fraction: return "表决规则的比例应在 0 到 1 之间，分母大于 0"
            case .noSource: return "请写明表决规则的依据（如评委会章程、当年度评审通知）"
            }
        }
    }

    public func validate() throws(Invalid) {
        for (n, d) in [(quorumNumerator, quorumDenominator), (passNumerator, passDenominator)] where d <= 0 || n < 0 || n > d {
            throw .fraction
        }
        if source.trimmingWhitespace.isEmpty { throw .noSource }
    }

    /// The rule in words, as the decision shows it.
    public var text: String {
        "到会评委不少于评委总数的 \(quorumNumerator)/\(quorumDenominator)，赞成票达到到会评委的 \(passNumerator)/\(passDenominator) 为通过（依据：\(source)）"
    }

    public struct Outcome: Sendable, Hashable, Codable {
        public let quorate: Bool
        public let passed: Bool
        public let explanation: String

        public init(quorate: Bool, passed: Bool, explanation: String) {
            self.quorate = quorate
            self.passed = passed
            self.explanation = explanation
        }
    }

    /// The outcome of `inFavour` votes among `present` of `members` (integer arithmetic: no rounding).
    public func outcome(members: Int, present: Int, inFavour: Int) -> Outcome {
        let quorate = members > 0 && present <= members && present * quorumDenominator >= members * quorumNumerator
        let passed = quorate && inFavour <= present && inFavour * passDenominator >= present * passNumerator
        let explanation = quorate
            ? "评委 \(members) 人，到会 \(present) 人，赞成 \(inFavour) 票：\(passed ? "通过" : "未通过")。规则：\(text)"
            : "评委 \(members) 人，到会 \(present) 人，未达到法定人数，不能表决。规则：\(text)"
        return Outcome(quorate: quorate, passed: passed, explanation: explanation)
    }
}
