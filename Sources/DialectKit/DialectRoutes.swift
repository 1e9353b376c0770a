import HTTPTypes
import Hummingbird

/// A dialect's routes as one Hummingbird `RouteCollection`. Each route sits in its own group behind
/// a `DialectMiddleware` that knows the route statically, so its metrics are created once, at mount.
public enum DialectRoutes {
    /// The methods a path answers when its route takes any method, and those checked for 405s.
    public static let standardMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .options, .head]

    /// The path with its parameters reduced to ":", for finding two dialects claiming one path.
    public static func normalized(_ path: String) -> String {
        path.split(separator: "/").map { $0.hasPrefix(":") || $0.hasPrefix("{") ? ":" : String($0) }.joined(separator: "/")
    }

    public static func collection(for dialect: any Dialect) -> RouteCollection<LiveGateRequestContext> {
        let collection = RouteCollection(context: LiveGateRequestContext.self)
        var byPath: [String: [Route]] = [:]
        var order: [String] = []
        for route in dialect.routes {
            let key = normalized(route.path)
            if byPath[key] == nil { order.append(key) }
            byPath[key, default: []].append(route)
        }
        for key in order {
            let routes = byPath[key]!
            let path = RouterPath(routes[0].path)
            if let anyMethod = routes.first(where: { $0.methods == nil }) {
                mount(anyMethod, methods: standardMethods, path: path, dialect: dialect, into: collection, anyMethod.handler)
                continue
            }
            let allowed = routes.flatMap { $0.methods ?? [] }
            for route in routes {
                mount(route, methods: route.methods ?? [], path: path, dialect: dialect, into: collection, route.handler)
            }
            let unmatched = standardMethods.filter { !allowed.contains($0) }
            mount(routes[0], methods: unmatched, path: path, dialect: dialect, into: collection) { request in
                dialect.unmatchedMethod(request, route: routes[0], allowed: allowed)
            }
        }
        return collection
    }

    static func mount(_ route: Route, methods: [HTTPRequest.Method], path: RouterPath, dialect: any Dialect,
                      into collection: RouteCollection<LiveGateRequestContext>,
                      _ handler: @escaping @Sendable (DialectRequest) async throws -> DialectResponse) {
        guard !methods.isEmpty else { return }
        let group = collection.group().add(middleware: DialectMiddleware(dialect: dialect, route: route))
        let caseInsensitive = dialect.caseInsensitiveParameters
        for method in methods {
            group.on(path, method: method) { request, context -> Response in
                let incoming = try await DialectRequest(request, context: context, caseInsensitive: caseInsensitive)
                return Response(try await handler(incoming))
            }
        }
    }
}

extension Response {
    init(_ response: DialectResponse) {
        self.init(status: response.status, headers: response.headers,
                  body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
