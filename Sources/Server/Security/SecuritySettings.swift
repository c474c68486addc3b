import Foundation
import NIOCore
import Vapor

/// The limits a deployment runs with: how sign-in failures are slowed, how many accounts and
/// objections one address may make, and which reverse proxies are believed about the client.
/// `production` is what `serve` uses unless the environment says otherwise (README, 安全).
public struct SecuritySettings: Sendable {
    /// Failed sign-ins to one account from one address before each further try must wait.
    public var freeFailuresPerAccountAndAddress = 5
    /// Failed sign-ins from one address (any accounts) before each further try must wait.
    public var freeFailuresPerAddress = 20
    /// The first wait past an allowance; each further failure doubles it, up to `longestWait`.
    public var firstWait: Double = 2
    public var longestWait: Double = 900
    /// A tally with no failure for this long is forgotten.
    public var forgetAfter: Double = 3_600
    /// New accounts from one address a minute.
    public var registrationsPerMinute = 10
    /// Objections from one address a minute, and at most this many kept for one application
    /// (identical ones are merged before they count).
    public var objectionsPerMinute = 10
    public var objectionsPerApplication = 30
    /// Reverse proxies (exact addresses) whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed; from any other peer those headers are ignored.
    public var trustedProxies: Set<String> = []

    public init() {}

    public static let production = SecuritySettings()

    /// `production`, with GUANTONG_TRUSTED_PROXIES (addresses, comma-separated) and
    /// GUANTONG_REGISTRATIONS_PER_MINUTE (a load test's many accounts from one address).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SecuritySettings {
        var settings = SecuritySettings.production
        if let proxies = environment["GUANTONG_TRUSTED_PROXIES"] {
            settings.trustedProxies = try parseProxies(proxies)
        }
        if let text = environment["GUANTONG_REGISTRATIONS_PER_MINUTE"] {
            guard let value = Int(text), value > 0 else { throw SettingError(message: "GUANTONG_REGISTRATIONS_PER_MINUTE 应为正整数：「\(text)」") }
            settings.registrationsPerMinute = value
        }
        return settings
    }

    struct SettingError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Exact IPv4 or IPv6 addresses; anything else is refused rather than half-read.
    static func parseProxies(_ text: String) throws -> Set<String> {
        var proxies = Set<String>()
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard (try? SocketAddress(ipAddress: part, port: 0)) != nil else {
                throw SettingError(message: "GUANTONG_TRUSTED_PROXIES 中「\(part)」不是 IP 地址（只写确切地址，以逗号分隔）")
            }
            proxies.insert(part)
        }
        return proxies
    }
}

extension Application {
    private struct SecuritySettingsKey: StorageKey { typealias Value = SecuritySettings }

    var security: SecuritySettings {
        get { storage[SecuritySettingsKey.self] ?? .production }
        set { storage[SecuritySettingsKey.self] = newValue }
    }
}

extension Request {
    /// Whether the socket's peer is a reverse proxy this deployment trusts.
    private var peerIsTrustedProxy: Bool {
        guard let peer = remoteAddress?.ipAddress else { return false }
        return application.security.trustedProxies.contains(peer)
    }

    /// The client's address: the socket's peer, or, behind a trusted proxy, the nearest
    /// address in X-Forwarded-For that is not itself a trusted proxy (addresses further left
    /// were written by the client and are not believed).
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        guard peerIsTrustedProxy else { return peer }
        let chain = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        let trusted = application.security.trustedProxies
        for address in chain.reversed() where !trusted.contains(address) {
            return (try? SocketAddress(ipAddress: address, port: 0)) != nil ? address : peer
        }
        return chain.first ?? peer
    }

    /// Whether the client reached this server over HTTPS: directly, or as a trusted proxy says.
    var isSecure: Bool {
        url.scheme == "https" || (peerIsTrustedProxy && headers.first(name: "X-Forwarded-Proto") == "https")
    }
}
