import DialectKit
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

/// The deadlines a connection is held to, besides Hummingbird's idle timeout.
struct ConnectionDeadlines: Sendable {
    /// From the first byte of a request to the end of its head (slowloris).
    var head: TimeAmount
    /// How long the gateway waits for the next bytes of a body it is reading (the minimum pace).
    var body: TimeAmount
}

/// What one connection is doing, shared by the handler at the socket end of its pipeline (which
/// sees bytes and read requests) and the one after HTTP decoding (which sees requests and
/// responses). Touched only on the connection's event loop.
final class ConnectionWatch: @unchecked Sendable {
    enum Phase {
        /// Between requests, or receiving a head.
        case awaitingHead
        /// The head arrived; the body is being read.
        case body
        /// The request is in; the answer is being made or written.
        case responding
    }

    var phase = Phase.awaitingHead
    /// When the current head's first byte arrived; nil once the head is in.
    var headStarted: NIODeadline?
    /// Since when the gateway has been asking for more of a body and got nothing; nil while bytes flow.
    var bodyWaitingSince: NIODeadline?
    /// At most one timer per connection, re-armed only when it fires early: a keep-alive connection
    /// serving thousands of requests schedules a timer once per deadline, not once per request.
    var timer: Scheduled<Void>?
    var timerDue: NIODeadline?
}

/// First in every connection's pipeline: admits the connection to the gateway's table (or answers
/// 503 and closes), closes a connection whose request head does not arrive within its deadline,
/// and one that stops sending a body the gateway is waiting for.
final class SocketGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let watch: ConnectionWatch
    let table: ConnectionTable
    let deadlines: ConnectionDeadlines
    let policy: SourcePolicy
    private var admitted = false
    private var refused = false

    init(watch: ConnectionWatch, table: ConnectionTable, deadlines: ConnectionDeadlines, policy: SourcePolicy) {
        self.watch = watch
        self.table = table
        self.deadlines = deadlines
        self.policy = policy
    }

    static let refusal: String = {
        let body = "too many connections\n"
        return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Retry-After: 1\r\nConnection: close\r\n\r\n" + body
    }()

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { admit(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        admit(context)
        if !refused { context.fireChannelActive() }
    }

    private func admit(_ context: ChannelHandlerContext) {
        guard !admitted else { return }
        admitted = true
        let peer = context.channel.remoteAddress?.ipAddress.flatMap(AddressRange.canonical) ?? "unknown"
        // Behind a load balancer every connection comes from the proxy: only real clients are capped.
        let capped = !policy.trusts(peer) && !policy.exempt.contains { $0.contains(peer) }
        guard table.admit(context.channel, address: peer, capped: capped) == .refused else { return }
        refused = true
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Self.refusal)), promise: nil)
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        switch watch.phase {
        case .awaitingHead where watch.headStarted == nil:
            watch.headStarted = .now()
            arm(context)
        case .body:
            watch.bodyWaitingSince = nil
        default:
            break
        }
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        // The handler asked for more of a body: the client has `body` to send some.
        if watch.phase == .body, watch.bodyWaitingSince == nil {
            watch.bodyWaitingSince = .now()
            arm(context)
        }
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        watch.timer?.cancel()
        watch.timer = nil
        table.remove(context.channel)
        if !refused { context.fireChannelInactive() }
    }

    /// The moment the connection must have made progress by, if it is waiting for any.
    private var deadline: NIODeadline? {
        switch watch.phase {
        case .awaitingHead: return watch.headStarted.map { $0 + deadlines.head }
        case .body: return watch.bodyWaitingSince.map { $0 + deadlines.body }
        case .responding: return nil
        }
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard let deadline else { return }
        if let due = watch.timerDue, watch.timer != nil {
            guard deadline < due else { return }  // the pending timer comes first and re-arms
            watch.timer?.cancel()
        }
        watch.timerDue = deadline
        let loopBound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        watch.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.watch.timer = nil
            handler.watch.timerDue = nil
            guard let due = handler.deadline else { return }
            if due <= .now() {
                context.close(promise: nil)
            } else {
                handler.arm(context)
            }
        }
    }
}

/// After HTTP decoding: moves the watch through a request's phases and tells the table when the
/// connection is busy (a request in progress) and when it is idle (sheddable).
final class RequestGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let watch: ConnectionWatch
    let table: ConnectionTable

    init(watch: ConnectionWatch, table: ConnectionTable) {
        self.watch = watch
        self.table = table
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            watch.headStarted = nil
            watch.phase = .body
            table.markBusy(context.channel)
        case .end:
            watch.bodyWaitingSince = nil
            watch.phase = .responding
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            watch.phase = .awaitingHead
            table.markIdle(context.channel)
        }
        context.write(data, promise: promise)
    }
}

/// Hummingbird's HTTP/1.1 child channel with LiveGate's connection guard in front: the guard's
/// two handlers are added around Hummingbird's own pipeline, and requests are served by
/// Hummingbird's `HTTP1Channel` unchanged.
struct GuardedHTTP1Channel: HTTPChannelHandler {
    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let table: ConnectionTable
    let deadlines: ConnectionDeadlines
    let policy: SourcePolicy

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let watch = ConnectionWatch()
        do {
            try channel.pipeline.syncOperations.addHandler(
                SocketGuardHandler(watch: watch, table: table, deadlines: deadlines, policy: policy), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        var configuration = self.configuration
        let table = self.table
        configuration.additionalChannelHandlers = { [RequestGuardHandler(watch: watch, table: table)] }
        return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await HTTP1Channel(responder: responder, configuration: configuration).handle(value: value, logger: logger)
    }
}
