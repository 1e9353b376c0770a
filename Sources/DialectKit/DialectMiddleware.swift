import HTTPTypes
import Hummingbird
import LiveCore
import Logging
import Metrics

/// Thrown by a handler whose route dispatches to several operations (Pyramid's `/register`): the
/// failure is rendered with the codes of `operation`, not of the route's label.
public struct OperationFailure: Error {
    public let operation: OperationName
    public let error: any Error

    public init(_ operation: OperationName, _ error: any Error) {
        self.operation = operation
        self.error = error
    }
}

/// The one place a failure becomes a dialect's answer, and the one place a dialect request is
/// logged and counted. Sits in front of exactly one route, so it knows the dialect and operation
/// before the request arrives.
struct DialectMiddleware: RouterMiddleware {
    typealias Context = LiveGateRequestContext
    let dialect: any Dialect
    let name: String
    let route: Route
    let metrics: RouteMetrics

    init(dialect: any Dialect, route: Route) {
        self.dialect = dialect
        self.name = type(of: dialect).name
        self.route = route
        self.metrics = RouteMetrics(dialect: name, operation: route.operation)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        context.dialect = name
        context.operation = route.operation
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = Response(render(error, logger: context.logger))
        }
        // HEAD answers as GET without the body, whichever dialect and however the answer came.
        if request.method == .head { response.body = ResponseBody() }
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        context.logger.info("request", metadata: [
            "dialect": "\(name)", "operation": "\(route.operation)", "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)", "status": "\(response.status.code)",
            "latency_ms": "\(Double(nanoseconds / 10_000) / 100)",
        ])
        metrics.record(status: response.status.code, nanoseconds: nanoseconds)
        return response
    }

    /// `CoreError`s through the dialect's table; anything else is logged and answered as the
    /// dialect's server error — never a stack trace on the wire.
    func render(_ error: any Error, logger: Logger) -> DialectResponse {
        var route = route
        var error = error
        if let failure = error as? OperationFailure {
            route.operation = failure.operation
            error = failure.error
        }
        guard let core = error as? CoreError else {
            logger.error("handler failure", metadata: ["dialect": "\(name)", "operation": "\(route.operation)", "error": "\(error)"])
            return dialect.render(CoreError(.internalError, "\(error)"), route: route)
        }
        if core.kind == .internalError {
            logger.error("core failure", metadata: ["dialect": "\(name)", "operation": "\(route.operation)", "error": "\(core)"])
        }
        return dialect.render(core, route: route)
    }
}
