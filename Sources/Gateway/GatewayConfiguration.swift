import DialectKit
import Dialects
import Foundation
import LiveCore
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// What one gateway process serves, derived from resolved settings.
public struct GatewayConfiguration: Sendable {
    public var host: String
    /// The unified listener; 0 picks a free port (tests).
    public var port: Int
    public var dataDirectory: URL
    /// Legacy listeners: dialect name → ports.
    public var legacyListeners: [String: [Int]]
    public var settings: SettingValues
    public var maxBodyBytes: Int
    public var clock: any CoreClock
    /// How long a connection may wait for its next request before it is closed.
    public var idleTimeout: Duration
    /// Deadlines for a request's head and for each piece of its body.
    var deadlines: ConnectionDeadlines
    /// Caps on open connections, in total and per client address.
    var connectionLimits: ConnectionTable.Limits
    /// How long a graceful stop waits before the process exits anyway.
    public var stopDeadline: Duration
    /// Which peers' forwarding headers are believed, and which clients skip per-source limits.
    public var sources: SourcePolicy

    public init(settings: SettingValues, clock: any CoreClock = SystemClock()) throws {
        self.settings = settings
        self.clock = clock
        host = settings[GatewaySetting.host]
        let port = settings[GatewaySetting.port]
        guard (0...65535).contains(port) else {
            throw GatewayError.configuration("port must be a number from 0 to 65535")
        }
        self.port = port
        dataDirectory = URL(fileURLWithPath: settings[GatewaySetting.data], isDirectory: true)
        maxBodyBytes = max(1024, settings[GatewaySetting.maxBodyBytes])
        let idle = settings[GatewaySetting.idleTimeout]
        guard idle > 0, idle <= 86_400 else { throw GatewayError.configuration("idle_timeout must be more than 0 and at most 86400 seconds") }
        idleTimeout = .milliseconds(Int64(idle * 1000))
        func seconds(_ setting: Setting<Double>) throws -> Int64 {
            let value = settings[setting]
            guard value > 0, value <= 86_400 else { throw GatewayError.configuration("\(setting.name) must be more than 0 and at most 86400 seconds") }
            return Int64(value * 1000)
        }
        deadlines = ConnectionDeadlines(head: .milliseconds(try seconds(GatewaySetting.headTimeout)),
                                        body: .milliseconds(try seconds(GatewaySetting.bodyTimeout)))
        stopDeadline = .milliseconds(try seconds(GatewaySetting.stopDeadline))
        let total = settings[GatewaySetting.maxConnections]
        connectionLimits = ConnectionTable.Limits(total: total > 0 ? total : Self.descriptorBudget(),
                                                  perSource: max(0, settings[GatewaySetting.maxConnectionsPerSource]))
        sources = SourcePolicy(trustedProxies: try Self.ranges(settings, GatewaySetting.trustedProxies),
                               exempt: try Self.ranges(settings, GatewaySetting.rateLimitExempt))
        let names = Set(DialectRegistry.all.map { $0.name })
        var listeners: [String: [Int]] = [:]
        let listen = settings[GatewaySetting.listen].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !settings[GatewaySetting.legacyPorts] {
            listeners = [:]
        } else if !listen.isEmpty {
            for item in listen {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, names.contains(parts[0]), let port = Int(parts[1]), (0...65535).contains(port) else {
                    throw GatewayError.configuration("--listen takes DIALECT=PORT with DIALECT one of \(names.sorted().joined(separator: ", "))")
                }
                listeners[parts[0], default: []].append(port)
            }
        } else {
            for dialect in DialectRegistry.all { listeners[dialect.name] = dialect.legacyPorts }
        }
        legacyListeners = listeners
    }

    var coreSettings: CoreSettings { CoreSetting.read(settings) }

    /// The soft descriptor limit less what the process needs besides connections (the database
    /// and its WAL, pictures being read, the outbox, the listeners), at least 64.
    static func descriptorBudget() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return 65_536 }
        return max(64, Int(min(limit.rlim_cur, 1 << 20)) - 128)
    }

    static func ranges(_ settings: SettingValues, _ setting: Setting<String>) throws -> [AddressRange] {
        switch AddressRange.list(settings[setting]) {
        case .success(let ranges): return ranges
        case .failure(let error):
            throw GatewayError.configuration("\(setting.name): '\(error.entry)' is not an address or a CIDR block")
        }
    }
}
