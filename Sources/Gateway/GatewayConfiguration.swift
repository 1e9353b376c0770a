import DialectKit
import Dialects
import Foundation
import LiveCore

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

    public init(settings: SettingValues, clock: any CoreClock = SystemClock()) throws {
        self.settings = settings
        self.clock = clock
        host = settings.string("host", default: "0.0.0.0")
        guard let port = Int(settings.string("port", default: "8080")), (0...65535).contains(port) else {
            throw GatewayError.configuration("port must be a number from 0 to 65535")
        }
        self.port = port
        dataDirectory = URL(fileURLWithPath: settings.string("data", default: "./livegate-data"), isDirectory: true)
        maxBodyBytes = max(1024, settings.int("max_body_bytes", default: 8 << 20))
        let names = Set(DialectRegistry.all.map { $0.name })
        var listeners: [String: [Int]] = [:]
        let listen = settings.string("listen").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !settings.bool("legacy_ports", default: true) {
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

    var coreSettings: CoreSettings {
        var core = CoreSettings()
        core.bcryptCost = UInt8(clamping: max(4, min(31, settings.int("bcrypt_cost", default: 10))))
        core.codeLifetime = settings.double("code_lifetime", default: 300)
        core.codeResendInterval = settings.double("code_resend_interval", default: 60)
        core.codeDailyLimit = settings.int("code_daily_limit", default: 10)
        core.codeMaxAttempts = max(1, settings.int("code_max_attempts", default: 5))
        core.phoneVerifiedWindow = settings.double("phone_verified_window", default: 1800)
        core.maxImageBytes = settings.int("max_image_bytes", default: 2 << 20)
        core.streamDomains = StreamDomains(
            hub: settings.string("stream_hub", default: "livegate"),
            publish: settings.string("stream_publish_domain", default: "127.0.0.1:1935"),
            rtmpPlay: settings.string("stream_rtmp_domain", default: "127.0.0.1:1935"),
            hlsPlay: settings.string("stream_hls_domain", default: "127.0.0.1:8088"),
            flvPlay: settings.string("stream_flv_domain", default: "127.0.0.1:8088"),
            snapshot: settings.string("stream_snapshot_domain", default: "127.0.0.1:8088"),
            playback: settings.string("stream_playback_domain", default: "127.0.0.1:8088"))
        return core
    }
}
