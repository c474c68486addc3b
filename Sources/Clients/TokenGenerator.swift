import Domain
import Synchronization

/// Random tokens (links that must not be guessed, form tokens), as the code that makes them
/// is given them: the system's cryptographic generator live, a seeded sequence in tests so
/// every token a test sees is known in advance.
public struct TokenGenerator: Sendable {
    /// `count` random bytes.
    public var bytes: @Sendable (_ count: Int) -> [UInt8]

    public init(bytes: @escaping @Sendable (_ count: Int) -> [UInt8]) {
        self.bytes = bytes
    }

    /// The system's cryptographically secure generator (getrandom on Linux).
    public static let live = TokenGenerator { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The same bytes for the same seed, every run (SplitMix64): for tests only.
    public static func seeded(_ seed: UInt64) -> TokenGenerator {
        let state = Mutex(seed)
        return TokenGenerator { count in
            state.withLock { value in
                (0..<count).map { _ in
                    value &+= 0x9E37_79B9_7F4A_7C15
                    var mixed = value
                    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
                    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
                    return UInt8(truncatingIfNeeded: mixed ^ (mixed >> 31))
                }
            }
        }
    }

    /// Lowercase hex of `byteCount` random bytes.
    public func hex(byteCount: Int) -> String {
        bytes(byteCount).hexDigits
    }

    /// `length` characters from an alphabet without look-alikes (no l, o, 0, 1), for links
    /// people may copy by hand: 32 symbols, 5 bits each.
    public func link(length: Int) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        return String(bytes(length).map { alphabet[Int($0 & 31)] })
    }
}
