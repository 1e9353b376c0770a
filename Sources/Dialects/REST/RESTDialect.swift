import DialectKit
import HTTPTypes
import LiveCore
import LiveJSON
import Logging

/// The Django REST framework users/rooms API (document 004, port 8300): string-valued JSON bodies
/// with `status`/`code`/`msg`, real HTTP statuses, `OPTIONS` on every route, tokens valid 24 hours.
public struct RESTDialect: Dialect {
    public static let name = "rest"
    public static let legacyPorts = [8300]
    /// The settings this dialect reads.
    enum Settings {
        static let tokenTTL = Setting<Double>("rest_token_ttl", default: 86_400,
                    "REST token lifetime in seconds, counted from issue (the document's 24 hours); a new login replaces the token.")
        static let pageSize = Setting<Int>("rest_page_size", default: 30, "REST GET /rooms/ page size when the client sends no pageSize.")
        static let maxPageSize = Setting<Int>("rest_max_page_size", default: 100, "Largest pageSize REST GET /rooms/ honours; a larger one is cut to it.")
    }

    public static let settings = [Settings.tokenTTL.spec, Settings.pageSize.spec, Settings.maxPageSize.spec]

    let core: Core
    let policy: SessionPolicy
    let defaultPageSize: Int
    let maxPageSize: Int
    let verifier: any ThirdPartyTokenVerifier

    public init(context: DialectContext) {
        core = context.core
        let ttl = context.settings[Settings.tokenTTL]
        policy = SessionPolicy(lifetime: ttl > 0 ? ttl : Settings.tokenTTL.defaultValue, sliding: false, exclusivePerIssuer: true)
        // Bounded so that page × pageSize can never overflow.
        maxPageSize = min(10_000, max(1, context.settings[Settings.maxPageSize]))
        defaultPageSize = min(maxPageSize, max(1, context.settings[Settings.pageSize]))
        verifier = context.core.thirdPartyVerifier
        if !verifier.checksTokens {
            context.logger.warning(
                "third-party access tokens are accepted unchecked: POST /snslogin/ trusts any access_token for a snsid (third_party_verify is off: for staging only)")
        }
    }

    public var routes: [Route] {
        endpoints.flatMap { endpoint in
            endpoint.actions.map { action in
                // HEAD answers as GET without the body, as Django does.
                let methods: [HTTPRequest.Method] = action.method == .get ? [.get, .head] : [action.method]
                return Route(methods, endpoint.path, operation: action.operation) { [self] request in
                    try await action.handler(self, request)
                }
            }
        }
    }

    /// Every endpoint of the document, grouped by the files that serve them; `OPTIONS` describes them from here.
    var endpoints: [RESTEndpoint] { authEndpoints + userEndpoints + roomEndpoints + phoneEndpoints }

    public func render(_ error: CoreError, route: Route) -> DialectResponse {
        failure(error, operation: route.operation)
    }

    func failure(_ error: CoreError, operation: OperationName) -> DialectResponse {
        let status = RESTStatus.of(error, operation: operation)
        var response = Self.failure(status)
        if status.status == 401 {
            // Django REST framework's TokenAuthentication names its scheme on every 401.
            response.headers[.wwwAuthenticate] = "Token"
        }
        return response
    }

    /// `OPTIONS` answers 200 with the route's description; any other method the path does not serve
    /// is 405. Both carry `Allow`.
    public func unmatchedMethod(_ request: DialectRequest, route: Route, allowed: [HTTPRequest.Method]) -> DialectResponse {
        let allow = Self.allowHeader(allowed)
        var response: DialectResponse
        if request.method == .options {
            let endpoint = endpoints.first { DialectRoutes.normalized($0.path) == DialectRoutes.normalized(route.path) }
            response = .json(.object(endpoint?.metadata ?? [:]), style: .compact)
        } else {
            response = Self.failure(RESTStatus(405, "请求方法 \"\(request.method.rawValue)\" 不被允许"))
        }
        response.headers[.allow] = allow
        return response
    }

    /// Django's order of methods, OPTIONS always included.
    static func allowHeader(_ allowed: [HTTPRequest.Method]) -> String {
        let order: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .head, .options]
        let set = Set(allowed.map(\.rawValue)).union([HTTPRequest.Method.options.rawValue])
        return order.filter { set.contains($0.rawValue) }.map(\.rawValue).joined(separator: ", ")
    }

    // MARK: Authentication

    /// The caller's token: `Authorization: Token <t>` (the framework's header), else the document's
    /// `token` parameter from the body or the query string.
    static func token(in request: DialectRequest) throws -> String? {
        if let header = request.header("Authorization") {
            let parts = header.split(separator: " ", omittingEmptySubsequences: true)
            if let scheme = parts.first, scheme.lowercased() == "token" {
                guard parts.count == 2 else { throw CoreError(.invalidToken) }
                return String(parts[1])
            }
        }
        return try request.parameters.string("token")
    }

    /// The session behind the caller's token: 401 when it is missing, unknown, revoked or expired.
    func authenticate(_ request: DialectRequest) async throws -> (session: Session, user: User) {
        try await core.sessions.authenticate(try Self.token(in: request))
    }

    /// A new token for the user: the previous REST token of the user stops working.
    func mintToken(for user: User) async throws -> String {
        try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy).token
    }

    /// The `pk` of the path: anything that is not a positive integer is a pk that does not exist.
    static func pathPK(_ request: DialectRequest, notFound: CoreError.Kind) throws -> Int64 {
        guard let text = request.pathParameters["pk"], let pk = Int64(text), pk > 0 else { throw CoreError(notFound) }
        return pk
    }
}

/// One path of the document: its name and description for `OPTIONS`, and the methods it serves.
struct RESTEndpoint: Sendable {
    var path: String
    var name: String
    var description: String
    var actions: [RESTAction]

    /// What Django REST framework's `SimpleMetadata` answers to OPTIONS: name, description, the
    /// media types, and the fields each writing method takes.
    var metadata: JSONObject {
        var object: JSONObject = [
            "name": .string(name),
            "description": .string(description),
            "renders": ["application/json"],
            "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
        ]
        var actionsObject = JSONObject()
        for action in actions where !action.fields.isEmpty {
            var fields = JSONObject()
            for field in action.fields {
                fields[field.name] = .object([
                    "type": .string(field.type),
                    "required": .bool(field.required),
                    "read_only": false,
                    "label": .string(field.label),
                ])
            }
            actionsObject[action.method.rawValue] = .object(fields)
        }
        if !actionsObject.isEmpty { object["actions"] = .object(actionsObject) }
        return object
    }
}

struct RESTAction: Sendable {
    var method: HTTPRequest.Method
    var operation: OperationName
    /// The parameters it reads, for `OPTIONS` (query parameters of GETs included).
    var fields: [RESTField]
    var handler: @Sendable (RESTDialect, DialectRequest) async throws -> DialectResponse

    init(_ method: HTTPRequest.Method, _ operation: OperationName, fields: [RESTField] = [],
         _ handler: @escaping @Sendable (RESTDialect, DialectRequest) async throws -> DialectResponse) {
        self.method = method
        self.operation = operation
        self.fields = fields
        self.handler = handler
    }
}

struct RESTField: Sendable {
    var name: String
    var type: String
    var required: Bool
    var label: String

    init(_ name: String, _ label: String, required: Bool = false, type: String = "string") {
        self.name = name
        self.type = type
        self.required = required
        self.label = label
    }

    static let token = RESTField("token", "用户验证口令(也可用请求头 Authorization: Token 口令)", required: true)
}
