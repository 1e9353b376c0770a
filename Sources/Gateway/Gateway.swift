import Adapters
import DialectKit
import Dialects
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import LiveCore
import LiveStoreSQLite
import Logging
import ServiceLifecycle
import UnixSignals

/// Builds the canonical core and every listener from a configuration, and runs them together.
public enum Gateway {
    /// Opens the store under the data folder and assembles the core on it.
    public static func makeCore(_ configuration: GatewayConfiguration, logger: Logger) throws -> Core {
        let data = configuration.dataDirectory
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: data.appendingPathComponent("livegate.sqlite").path)
        return Core(environment: try environment(store: store, data: data, configuration: configuration, logger: logger))
    }

    /// The one place the core's environment is assembled: the store given, and every adapter
    /// (SMS, media, password hashing) chosen from settings under the data folder.
    static func environment(store: any Store, data: URL, configuration: GatewayConfiguration,
                            logger: Logger) throws -> CoreEnvironment {
        let settings = configuration.coreSettings
        let sms: any SMSSender
        switch configuration.settings[GatewaySetting.smsSender] {
        case "outbox":
            sms = OutboxSMSSender(file: data.appendingPathComponent("sms/outbox.jsonl"), logger: logger)
        case "webhook":
            guard let url = URL(string: configuration.settings[GatewaySetting.smsWebhookURL]), url.scheme?.hasPrefix("http") == true else {
                throw GatewayError.configuration("sms_sender=webhook needs an http(s) sms_webhook_url")
            }
            sms = WebhookSMSSender(url: url)
        case let other:
            throw GatewayError.configuration("unknown sms_sender '\(other)' (outbox or webhook)")
        }
        var environment = CoreEnvironment(
            store: store, clock: configuration.clock, hasher: BcryptPasswordHasher(cost: settings.bcryptCost), sms: sms,
            mediaStorage: FileMediaStorage(directory: data.appendingPathComponent("media", isDirectory: true)),
            settings: settings)
        // Off, every token is trusted: the dialects with third-party logins warn at start.
        environment.thirdPartyVerifier = configuration.settings[ThirdPartySetting.verify]
            ? ProviderTokenVerifier(endpoints: try ThirdPartySetting.endpoints(configuration.settings))
            : AcceptingThirdPartyTokenVerifier()
        return environment
    }

    /// Every registered dialect, built over `core`.
    public static func makeDialects(core: Core, configuration: GatewayConfiguration, logger: Logger) throws -> [any Dialect] {
        let dialects = try DialectRegistry.all.map { type in
            try type.init(context: DialectContext(core: core, settings: configuration.settings,
                                                  logger: Logger(label: "livegate.\(type.name)")))
        }
        // On the unified port every dialect shares one path space: two claiming a path is a bug.
        var owners: [String: String] = [:]
        for dialect in dialects {
            let name = type(of: dialect).name
            for path in Set(dialect.routes.map { DialectRoutes.normalized($0.path) }) {
                if let other = owners[path], other != name {
                    throw GatewayError.configuration("dialects \(other) and \(name) both serve /\(path)")
                }
                owners[path] = name
            }
        }
        return dialects
    }

    /// The unified listener over a fresh core, as an application not yet running: what `start`
    /// serves on the unified port, for driving in process (HummingbirdTesting's router mode).
    public static func unifiedApplication(_ configuration: GatewayConfiguration, logger: Logger) throws
        -> (application: Application<RouterResponder<LiveGateRequestContext>>, core: Core) {
        MetricsBootstrap.ensure()
        let core = try makeCore(configuration, logger: logger)
        let dialects = try makeDialects(core: core, configuration: configuration, logger: logger)
        let application = Application(
            router: Routes.router(for: dialects, core: core, unified: true, configuration: configuration),
            server: server(configuration, table: ConnectionTable(limits: configuration.connectionLimits)),
            configuration: listenerConfiguration(configuration, port: configuration.port), logger: logger)
        return (application, core)
    }

    /// Every listener reuses its address, so a gateway restarted at once (after a crash, a kill -9 or
    /// a deploy) binds even while the old connections sit in TIME_WAIT; Linux still refuses a second
    /// live listener on the same port.
    static func listenerConfiguration(_ configuration: GatewayConfiguration, port: Int) -> ApplicationConfiguration {
        ApplicationConfiguration(address: .hostname(configuration.host, port: port), serverName: nil, reuseAddress: true)
    }

    /// HTTP/1.1 with the connection deadlines of the settings: Hummingbird closes a connection that
    /// has no request in progress once `idle_timeout` passes without the next request's head; the
    /// guard in front admits connections to the gateway's `table` and holds heads and bodies to
    /// their deadlines.
    static func server(_ configuration: GatewayConfiguration, table: ConnectionTable) -> HTTPServerBuilder {
        let idle = configuration.idleTimeout.components
        let http1 = HTTP1Channel.Configuration(idleTimeout: .nanoseconds(idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000))
        let deadlines = configuration.deadlines, policy = configuration.sources
        return HTTPServerBuilder { responder in
            GuardedHTTP1Channel(responder: responder, configuration: http1, table: table, deadlines: deadlines, policy: policy)
        }
    }

    /// Starts the unified listener and the legacy ones; returns once all are accepting connections.
    public static func start(_ configuration: GatewayConfiguration, logger: Logger,
                             handleSignals: Bool = false) async throws -> RunningGateway {
        MetricsBootstrap.ensure()
        let core = try makeCore(configuration, logger: logger)
        let dialects = try makeDialects(core: core, configuration: configuration, logger: logger)
        var listeners: [(label: String, port: Int, dialects: [any Dialect], unified: Bool)] = [
            ("unified", configuration.port, dialects, true),
        ]
        for dialect in dialects {
            let name = type(of: dialect).name
            for port in configuration.legacyListeners[name] ?? [] {
                listeners.append((name, port, [dialect], false))
            }
        }
        let (events, continuation) = AsyncStream<ListenerEvent>.makeStream()
        // One table for every listener: the descriptors are the process's.
        let table = ConnectionTable(limits: configuration.connectionLimits)
        let services: [any Service] = listeners.map { listener in
            let router = Routes.router(for: listener.dialects, core: core, unified: listener.unified,
                                       configuration: configuration)
            return Application(
                router: router,
                server: server(configuration, table: table),
                configuration: listenerConfiguration(configuration, port: listener.port),
                onServerRunning: { channel in
                    continuation.yield(.ready(listener.label, channel.localAddress?.port ?? listener.port))
                },
                logger: logger)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [], logger: logger)
        // A graceful stop lets requests in flight finish, but a client that never finishes must not
        // hold the process: past the deadline the listeners are cancelled, and a second later the
        // group gives up on them.
        groupConfiguration.maximumGracefulShutdownDuration = configuration.stopDeadline
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        let group = ServiceGroup(configuration: groupConfiguration)
        let task = Task {
            do {
                try await group.run()
                continuation.yield(.stopped(nil))
            } catch {
                continuation.yield(.stopped(error))
            }
            continuation.finish()
        }
        var ports: [String: [Int]] = [:]
        var ready = 0
        for await event in events {
            switch event {
            case .ready(let label, let port):
                ports[label, default: []].append(port)
                ready += 1
            case .stopped(let error):
                throw error ?? GatewayError.configuration("gateway stopped while starting")
            }
            if ready == listeners.count { break }
        }
        for (label, bound) in ports.sorted(by: { $0.key < $1.key }) {
            logger.info("listening", metadata: ["listener": "\(label)", "ports": "\(bound)"])
        }
        return RunningGateway(core: core, ports: ports, group: group, task: task)
    }
}

enum ListenerEvent: Sendable {
    case ready(String, Int)
    case stopped((any Error)?)
}

/// A started gateway: its bound ports, its core, and the means to stop it.
public final class RunningGateway: Sendable {
    public let core: Core
    /// "unified" and each dialect's name → the ports bound.
    public let ports: [String: [Int]]
    let group: ServiceGroup
    let task: Task<Void, Never>

    init(core: Core, ports: [String: [Int]], group: ServiceGroup, task: Task<Void, Never>) {
        self.core = core
        self.ports = ports
        self.group = group
        self.task = task
    }

    public var unifiedPort: Int { ports["unified"]?.first ?? 0 }

    public var baseURL: String { "http://127.0.0.1:\(unifiedPort)" }

    /// Stops accepting, lets requests in flight finish, and returns when every listener is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }

    /// Returns when the gateway stops (after a signal, with `handleSignals`).
    public func wait() async {
        await task.value
    }
}

extension Gateway {
    /// Every route of every dialect with the ports it is served on.
    public static func describeRoutes(_ configuration: GatewayConfiguration) throws -> [RouteDescription] {
        // Dialects are built over a throwaway in-memory core: listing routes touches no data folder.
        var quiet = Logger(label: "routes")
        quiet.logLevel = .critical
        let core = Core(environment: try environment(
            store: try SQLiteStore.inMemory(), data: URL(fileURLWithPath: NSTemporaryDirectory()),
            configuration: configuration, logger: quiet))
        return DialectRegistry.all.flatMap { type -> [RouteDescription] in
            let ports = [configuration.port] + (configuration.legacyListeners[type.name] ?? [])
            let context = DialectContext(core: core, settings: configuration.settings, logger: quiet)
            guard let dialect = try? type.init(context: context) else { return [] }
            return dialect.describeRoutes(ports: ports)
        }
    }
}
