import Engine
import Vapor

/// POST /api/v1/evaluations, exactly per the evaluation contract.
struct EvaluationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "evaluations", body: .collect(maxSize: "256kb"), use: evaluate)
    }

    func evaluate(_ request: Request) async throws -> Response {
        let services = request.policy
        guard let body = request.body.data, let json = JSONValue.parse(Array(buffer: body)) else {
            throw Problem(title: "请求不是有效的 JSON", status: 400, detail: "请求体应为 EvaluationRequest JSON。")
        }
        do {
            let evaluation = try services.decoder.decode(json, today: services.today())
            var headers = HTTPHeaders()
            headers.add(name: .contentType, value: "application/json; charset=utf-8")
            return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: services.engine.evaluate(evaluation).json())))
        } catch let failure as RequestErrors {
            throw Problem.invalid(failure.errors)
        }
    }
}
