import HTTPTypes
import Hummingbird
import LiveCore
import LiveJSON
import Logging
import Metrics
import NIOCore

/// Puts a dialect's routes on a Hummingbird router: gathers parameters, runs the handler, renders
/// failures through the dialect, and logs and counts every request with its dialect and operation.
public enum DialectMount {
    /// The methods a path answers when its route takes any method, and those checked for 405s.
    public static let standardMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .options, .head]

    /// The path with its parameters reduced to ":", for finding two dialects claiming one path.
    public static func normalized(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? ":" : String($0) }.joined(separator: "/")
    }

    public static func install<Context: RequestContext>(_ dialect: any Dialect, into router: Router<Context>, maxBodyBytes: Int) {
        var byPath: [String: [Route]] = [:]
        var order: [String] = []
        for route in dialect.routes {
            let key = normalized(route.path)
            if byPath[key] == nil { order.append(key) }
            byPath[key, default: []].append(route)
        }
        let name = type(of: dialect).name
        for key in order {
            let routes = byPath[key]!
            let path = RouterPath(routes[0].path)
            if let anyMethod = routes.first(where: { $0.methods == nil }) {
                for method in standardMethods {
                    router.on(path, method: method) { request, context in
                        try await respond(request, context, dialect: dialect, name: name, route: anyMethod, maxBodyBytes: maxBodyBytes, anyMethod.handler)
                    }
                }
                continue
            }
            let allowed = routes.flatMap { $0.methods ?? [] }
            for route in routes {
                for method in route.methods ?? [] {
                    router.on(path, method: method) { request, context in
                        try await respond(request, context, dialect: dialect, name: name, route: route, maxBodyBytes: maxBodyBytes, route.handler)
                    }
                }
            }
            for method in standardMethods where !allowed.contains(method) {
                router.on(path, method: method) { request, context in
                    try await respond(request, context, dialect: dialect, name: name, route: routes[0], maxBodyBytes: maxBodyBytes) { incoming in
                        dialect.unmatchedMethod(incoming, route: routes[0], allowed: allowed)
                    }
                }
            }
        }
    }

    static func respond<Context: RequestContext>(
        _ request: Request, _ context: Context, dialect: any Dialect, name: String, route: Route, maxBodyBytes: Int,
        _ handler: @Sendable (DialectRequest) async throws -> DialectResponse
    ) async throws -> Response {
        let started = ContinuousClock.now
        var request = request
        var result: DialectResponse
        do {
            let dialectRequest = try await gather(&request, context, caseInsensitive: dialect.caseInsensitiveParameters,
                                                  maxBodyBytes: maxBodyBytes)
            result = try await handler(dialectRequest)
        } catch let error as CoreError {
            if error.kind == .internalError {
                context.logger.error("core failure", metadata: ["dialect": "\(name)", "operation": "\(route.operation)", "error": "\(error)"])
            }
            result = dialect.render(error, route: route)
        } catch {
            // Never a stack trace on the wire: the dialect's own "server error" envelope instead.
            context.logger.error("handler failure", metadata: ["dialect": "\(name)", "operation": "\(route.operation)", "error": "\(error)"])
            result = dialect.render(CoreError(.internalError, "\(error)"), route: route)
        }
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        let status = String(result.status.code)
        context.logger.info("request", metadata: [
            "dialect": "\(name)", "operation": "\(route.operation)", "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)", "status": "\(status)",
            "latency_ms": "\(String(format: "%.2f", Double(nanoseconds) / 1e6))",
        ])
        let dimensions = [("dialect", name), ("operation", route.operation), ("status", status)]
        Counter(label: "livegate_requests_total", dimensions: dimensions).increment()
        Metrics.Timer(label: "livegate_request_duration_seconds", dimensions: [("dialect", name), ("operation", route.operation)])
            .recordNanoseconds(nanoseconds)
        return Response(status: result.status, headers: result.headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: result.body)))
    }

    /// Query parameters, then the body's, into one `Parameters`. An unreadable or oversized body is
    /// the dialect's parameter error, never a 500.
    static func gather<Context: RequestContext>(_ request: inout Request, _ context: Context, caseInsensitive: Bool,
                                                maxBodyBytes: Int) async throws -> DialectRequest {
        var parameters = Parameters(caseInsensitive: caseInsensitive)
        if let query = request.uri.query {
            for (key, value) in FormCoding.decode(query) { parameters.set(key, .string(value)) }
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            throw CoreError(.invalidParameter, "body too large")
        }
        try BodyParser.parse(body: buffer, contentType: request.headers[.contentType], into: &parameters)
        var pathParameters: [String: String] = [:]
        for (key, value) in context.parameters {
            pathParameters[String(key)] = String(value).removingPercentEncoding ?? String(value)
        }
        return DialectRequest(method: request.method, path: request.uri.path, headers: request.headers,
                              parameters: parameters, pathParameters: pathParameters,
                              body: Array(buffer.readableBytesView))
    }
}
