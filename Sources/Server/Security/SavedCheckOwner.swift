import Domain
import Foundation
import Store
import Vapor

/// Who may change or delete a saved check: the browser that saved it, holding a random key in
/// a cookie whose hash the record keeps. The link alone only shows the record.
enum SavedCheckOwner {
    static func cookieName(_ token: String) -> String { "gt_own_" + token }

    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).hexDigits
    }

    /// Whether the request carries the owner's key for this record (compared in constant time).
    static func owns(_ request: Request, _ record: SavedCheckRecord) -> Bool {
        guard let expected = record.ownerKeyHash, let key = request.cookies[cookieName(record.token)]?.string else { return false }
        let given = Array(hash(key).utf8), wanted = Array(expected.utf8)
        guard given.count == wanted.count else { return false }
        return zip(given, wanted).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Gives the browser the key (HttpOnly, SameSite=Strict, for the /checks paths only).
    static func setCookie(_ key: String, token: String, on response: Response, secure: Bool) {
        response.cookies[cookieName(token)] = HTTPCookies.Value(string: key, maxAge: 400 * 86_400, path: "/checks", isSecure: secure,
                                                               isHTTPOnly: true, sameSite: .strict)
    }

    static func clearCookie(token: String, on response: Response, secure: Bool) {
        response.cookies[cookieName(token)] = HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/checks",
                                                               isSecure: secure, isHTTPOnly: true, sameSite: .strict)
    }
}
