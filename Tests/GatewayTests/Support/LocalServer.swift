import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `router` on a loopback port for the duration of `body`: the stand-in for an outside
/// service (an SMS carrier, a login provider) that speaks its documented protocol.
func withLocalServer(_ router: Router<BasicRequestContext>, _ body: (Int) async throws -> Void) async throws {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    var logger = Logger(label: "local-server")
    logger.logLevel = .critical
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
    let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    let task = Task { try await group.run() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { return }
    do {
        try await body(port)
    } catch {
        await group.triggerGracefulShutdown()
        try? await task.value
        throw error
    }
    await group.triggerGracefulShutdown()
    try await task.value
}
