import Domain
import Engine
import Foundation
import Vapor

/// RFC 9457 problem details: every error the server sends has this shape.
struct Problem: Error, Encodable, Sendable {
    var type = "about:blank"
    let title: String
    let status: Int
    var detail: String?
    var errors: [FieldError] = []
    /// The record the problem is about (RFC 9457 `instance`): where the existing one is.
    var instance: String?
    /// Seconds before trying again (429), sent as Retry-After.
    var retryAfter: Int?

    enum CodingKeys: String, CodingKey { case type, title, status, detail, errors, instance }

    static func notFound(_ detail: String) -> Problem {
        Problem(title: "未找到", status: 404, detail: detail)
    }

    static func unknownOccupation(_ name: String, suggestions: [String]) -> Problem {
        notFound("未找到职业（工种）「\(name)」。" + (suggestions.isEmpty ? "" : "最接近的名称：" + suggestions.joined(separator: "、")))
    }

    static func invalid(_ errors: [FieldError]) -> Problem {
        Problem(title: "请求有误", status: 422, detail: "请按 errors 中各字段的说明修改后重试。", errors: errors)
    }

    static func invalid(field: String, _ message: String) -> Problem {
        invalid([FieldError(field: field, message: message)])
    }

    /// A name given in a query: refused beyond the documented length.
    static func checkName(_ text: String, field: String) throws {
        if !InputLimits.isWithin(text, characters: InputLimits.nameCharacters) {
            throw invalid(field: field, "过长：不超过 \(InputLimits.nameCharacters) 个字")
        }
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)) ?? Data(#"{"title":"error","status":500}"#.utf8)
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/problem+json; charset=utf-8")
        if let retryAfter { headers.add(name: .retryAfter, value: String(retryAfter)) }
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(data: body))
    }
}

/// Turns every error (ours, Vapor's routing and decoding errors, anything else) into problem+json.
/// A browser asking for a page gets the same problem as a Chinese page with a way back.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var allow: String?
        let problem: Problem
        do {
            return try await next.respond(to: request)
        } catch let thrown as Problem {
            problem = thrown
        } catch let abort as any AbortError {
            if abort.status == .notFound, let allowed = Self.allowedMethods(for: request), !allowed.isEmpty {
                allow = allowed.joined(separator: ", ")
                problem = Problem(title: "不支持的请求方法", status: 405, detail: "此地址支持：\(allowed.joined(separator: ", "))")
            } else if abort.status.code >= 500 {
                // An internal failure's own words (a template's, a driver's) stay in the log.
                request.logger.report(error: abort)
                problem = Problem(title: "服务器内部错误", status: Int(abort.status.code), detail: "请求未能完成，请稍后重试。")
            } else {
                problem = Problem(title: Self.chineseTitles[Int(abort.status.code)] ?? abort.status.reasonPhrase, status: Int(abort.status.code),
                                  detail: Self.chineseDetails[Int(abort.status.code)] ?? abort.reason)
            }
        } catch {
            request.logger.report(error: error)
            problem = Problem(title: "服务器内部错误", status: 500, detail: "请求未能完成，请稍后重试。")
        }
        let response = Self.wantsPage(request) ? await page(problem, for: request) : problem.response()
        if let allow { response.headers.replaceOrAdd(name: .allow, value: allow) }
        return response
    }

    /// Vapor's own reasons are English: these statuses get a Chinese sentence instead.
    static let chineseDetails = [400: "请求的内容或参数格式有误，请检查后重试。", 404: "没有这个页面。", 413: "上传或提交的内容超过大小限制。", 414: "地址过长。", 415: "不支持这种内容类型。",
                                 422: "请求的内容有误，请检查后重试。"]

    static let chineseTitles = [400: "请求有误", 404: "未找到", 405: "不支持的请求方法", 413: "内容过大", 414: "地址过长", 415: "不支持的内容类型",
                                422: "请求有误", 429: "请求过于频繁"]

    /// A browser navigating to a page (Accept: text/html), not an API client.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.url.path
        guard !path.hasPrefix("/api/"), path != "/openapi.json", path != "/healthz" else { return false }
        return request.headers[.accept].contains { $0.contains("text/html") }
    }

    struct ErrorPage: Encodable {
        let title: String
        let status: Int
        let detail: String
        let errors: [String]
    }

    private func page(_ problem: Problem, for request: Request) async -> Response {
        let content = ErrorPage(title: problem.title, status: problem.status, detail: problem.detail ?? "",
                                errors: problem.errors.map { ResultView.plain($0.message) })
        guard let response = try? await request.view.render("error", content).encodeResponse(status: HTTPResponseStatus(statusCode: problem.status), for: request) else {
            return problem.response()
        }
        if let retryAfter = problem.retryAfter { response.headers.add(name: .retryAfter, value: String(retryAfter)) }
        return response
    }
}

extension ProblemMiddleware {
    /// The methods routed for this path, when the request's own method is not one of them.
    static func allowedMethods(for request: Request) -> [String]? {
        let path = request.url.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var methods: [String] = []
        for route in request.application.routes.all where route.method != request.method && matches(route.path, path) {
            methods.append(route.method.rawValue)
        }
        return methods.isEmpty ? nil : Array(Set(methods)).sorted()
    }

    private static func matches(_ pattern: [PathComponent], _ path: [String]) -> Bool {
        if pattern.contains(where: { if case .catchall = $0 { return true } else { return false } }) {
            return path.count >= pattern.count - 1
        }
        guard pattern.count == path.count else { return false }
        for (component, segment) in zip(pattern, path) {
            switch component {
            case .constant(let text): if text != segment { return false }
            case .parameter, .anything, .catchall: continue
            }
        }
        return true
    }
}

extension Response {
    /// A JSON body encoded the way the contract's examples show it.
    static func json(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }
}
