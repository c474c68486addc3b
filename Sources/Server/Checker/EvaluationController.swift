import Engine
import Vapor

/// POST /api/v1/evaluations, exactly per the evaluation contract.
struct EvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "evaluations", body: .collect(maxSize: "256kb"), use: evaluate)
    }

    func evaluate(_ request: Request) async throws -> Response {
        let services = request.policy
        guard request.headers.contentType.map({ $0.type == "application" && ($0.subType == "json" || $0.subType.hasSuffix("+json")) }) == true else {
            throw Problem(title: "不支持的请求体类型", status: 415, detail: "请求体应为 JSON，并声明 Content-Type: application/json。")
        }
        guard let body = request.body.data else {
            throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为 EvaluationRequest JSON。")
        }
        // Parsing and evaluating are CPU work: done on the thread pool, the event loop stays free.
        let answer: Result<[UInt8], Problem> = try await request.application.threadPool.runIfActive {
            guard let json = JSONValue.parse(Array(buffer: body)) else {
                return .failure(Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为 EvaluationRequest JSON。"))
            }
            let evaluation: EvaluationRequest
            do throws(RequestErrors) {
                evaluation = try services.decoder.decode(json, today: services.today())
            } catch {
                return .failure(Problem.invalid(error.errors))
            }
            return .success(services.engine.evaluate(evaluation).json())
        }
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: "application/json; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: try answer.get())))
    }
}
