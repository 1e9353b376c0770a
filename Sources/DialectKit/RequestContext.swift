import Hummingbird
import LiveCore

/// The request context of every LiveGate listener. Hummingbird creates one per request; the
/// gateway's middleware fills it in as the request goes down the chain:
/// `BodyLimitMiddleware` sets `maxUploadSize`, a dialect route's `DialectMiddleware` names the
/// dialect and operation. A websocket channel (shangtv's `/channel/:id/ws`) will add hummingbird-
/// websocket's `WebSocketRequestContext` storage here, so upgrades run through the same context.
public struct LiveGateRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The largest body a handler reads (`collectBody(upTo:)`); the listener's `max_body_bytes`.
    public var maxUploadSize: Int
    /// The dialect serving the request, once a dialect route matched.
    public var dialect: String?
    /// The operation the matched route performs.
    public var operation: OperationName?
    /// The socket's peer address; nil in process (HummingbirdTesting's router mode).
    public let peerAddress: String?
    /// Who the request is from, for the core's limits: the peer, or the client a trusted proxy
    /// names (`ClientSourceMiddleware`).
    public var client: ClientSource

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        maxUploadSize = 2 * 1024 * 1024
        peerAddress = source.channel.remoteAddress?.ipAddress
        // No peer is a caller in process (HummingbirdTesting's router mode): nothing outside the
        // machine can act as it, so it is local, as the CLI is.
        client = peerAddress.map { ClientSource(address: $0) } ?? .local
    }
}

/// Gives every request of a listener the same body limit, through the context's `maxUploadSize`.
public struct BodyLimitMiddleware: RouterMiddleware {
    public typealias Context = LiveGateRequestContext
    let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = limit
        return try await next(request, context)
    }
}
