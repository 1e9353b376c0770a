import HTTPTypes
import LiveCore
import Logging

/// One route of a dialect: a path, the methods it answers (nil: any, as some originals did), the
/// core operation it performs (for `livegate routes` and the logs), and its handler.
public struct Route: Sendable {
    public var methods: [HTTPRequest.Method]?
    public var path: String
    public var operation: OperationName
    public var handler: @Sendable (DialectRequest) async throws -> DialectResponse

    public init(_ methods: [HTTPRequest.Method]?, _ path: String, operation: OperationName,
                handler: @escaping @Sendable (DialectRequest) async throws -> DialectResponse) {
        self.methods = methods
        self.path = path
        self.operation = operation
        self.handler = handler
    }
}

/// What a dialect gets when the gateway builds it.
public struct DialectContext: Sendable {
    public var core: Core
    public var settings: SettingValues
    public var logger: Logger

    public init(core: Core, settings: SettingValues, logger: Logger) {
        self.core = core
        self.settings = settings
        self.logger = logger
    }
}

/// A legacy API dialect: it parses its wire format into calls on the core and renders the results
/// and `CoreError`s back into its own envelope and codes. It knows no SQL and no other dialect.
public protocol Dialect: Sendable {
    /// Short lowercase name: the session issuer tag, the `--listen` key, the log label.
    static var name: String { get }
    /// The ports the original server listened on; the gateway serves this dialect alone there.
    static var legacyPorts: [Int] { get }
    /// Settings this dialect reads, with their defaults.
    static var settings: [SettingSpec] { get }

    init(context: DialectContext) throws

    var routes: [Route] { get }

    /// Key names match without regard to case (Go's JSON decoder did).
    var caseInsensitiveParameters: Bool { get }

    /// The dialect's envelope for a failure of `route`.
    func render(_ error: CoreError, route: Route) -> DialectResponse

    /// The answer for a method the path does not serve (OPTIONS included).
    func unmatchedMethod(_ request: DialectRequest, route: Route, allowed: [HTTPRequest.Method]) -> DialectResponse
}

extension Dialect {
    public var caseInsensitiveParameters: Bool { false }
    public static var settings: [SettingSpec] { [] }

    public func unmatchedMethod(_ request: DialectRequest, route: Route, allowed: [HTTPRequest.Method]) -> DialectResponse {
        var response = render(CoreError(.invalidParameter, "method"), route: route)
        response.status = .methodNotAllowed
        response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
    }
}
