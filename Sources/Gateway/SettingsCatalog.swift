import LiveCore
import DialectKit
import Dialects
import Foundation

/// The settings of the gateway process itself.
public enum GatewaySetting {
    public static let host = Setting<String>("host", default: "0.0.0.0", "Address every listener binds.")
    public static let port = Setting<Int>("port", default: 8080, "The unified listener, serving every dialect by path.")
    public static let data = Setting<String>("data", default: "./livegate-data", "Folder for the SQLite database, pictures and the SMS outbox.")
    public static let listen = Setting<String>("listen", default: "", "Comma-separated DIALECT=PORT legacy listeners; replaces each dialect's original ports.")
    public static let legacyPorts = Setting<Bool>("legacy_ports", default: true, "Serve each dialect alone on its original port(s) too.")
    public static let logLevel = Setting<String>("log_level", default: "info", "trace, debug, info, notice, warning, error or critical.")
    public static let maxBodyBytes = Setting<Int>("max_body_bytes", default: 8 << 20, "Largest request body accepted.")
    public static let smsSender = Setting<String>("sms_sender", default: "outbox", "outbox (append to <data>/sms/outbox.jsonl) or webhook.")
    public static let smsWebhookURL = Setting<String>("sms_webhook_url", default: "", "With sms_sender=webhook: URL that receives each SMS as a JSON POST.")

    public static let idleTimeout = Setting<Double>("idle_timeout", default: 75, "Seconds a keep-alive connection may sit idle before it is closed (nginx's keepalive_timeout).")
    public static let headTimeout = Setting<Double>("head_timeout", default: 20, "Seconds from a request's first byte to the end of its head (slowloris).")
    public static let bodyTimeout = Setting<Double>("body_timeout", default: 30, "Seconds the gateway waits for the next bytes of a request body it is reading.")
    public static let maxConnections = Setting<Int>("max_connections", default: 0, "Open connections in total, all listeners; past it the longest-idle one is closed. 0: the descriptor limit less 128.")
    public static let maxConnectionsPerSource = Setting<Int>("max_connections_per_source", default: 256, "Open connections from one client address (not exempt, not a trusted proxy); past it its longest-idle one is closed. 0: no cap.")
    public static let stopDeadline = Setting<Double>("stop_deadline", default: 10, "Seconds a graceful stop (SIGTERM) waits for requests in flight before the process exits anyway.")

    public static let trustedProxies = Setting<String>("trusted_proxies", default: "", "Comma-separated addresses or CIDR blocks of proxies whose Forwarded / X-Forwarded-For headers name the client. Empty: the socket's peer is the client.")
    public static let rateLimitExempt = Setting<String>("rate_limit_exempt", default: "", "Comma-separated addresses or CIDR blocks that skip every per-source limit (monitoring, load tests, test rigs); per-phone and per-account limits still apply.")

    static let all: [SettingSpec] = [
        host.spec, port.spec, data.spec, listen.spec, legacyPorts.spec, logLevel.spec, maxBodyBytes.spec,
        smsSender.spec, smsWebhookURL.spec, idleTimeout.spec, headTimeout.spec, bodyTimeout.spec, maxConnections.spec,
        maxConnectionsPerSource.spec, stopDeadline.spec, trustedProxies.spec, rateLimitExempt.spec,
    ]
}

/// The core's tunables as settings. Their defaults are `CoreSettings`' own, so the core states
/// each default once and the catalogue shows that value.
public enum CoreSetting {
    private static let defaults = CoreSettings()

    public static let bcryptCost = Setting<Int>("bcrypt_cost", default: Int(defaults.bcryptCost), "bcrypt work factor for password verifiers (4 to 31).")
    public static let maxImageBytes = Setting<Int>("max_image_bytes", default: defaults.maxImageBytes, "Largest picture accepted.")
    public static let codeLifetime = Setting<Double>("code_lifetime", default: defaults.codeLifetime, "Seconds an SMS code stays valid.")
    public static let codeResendInterval = Setting<Double>("code_resend_interval", default: defaults.codeResendInterval, "Seconds before the same phone may get another code.")
    public static let codeDailyLimit = Setting<Int>("code_daily_limit", default: defaults.codeDailyLimit, "Codes one phone may get in 24 hours.")
    public static let codeMaxAttempts = Setting<Int>("code_max_attempts", default: defaults.codeMaxAttempts, "Wrong attempts that kill a code.")
    public static let phoneVerifiedWindow = Setting<Double>("phone_verified_window", default: defaults.phoneVerifiedWindow, "Seconds a verified phone may go on to register.")
    public static let streamHub = Setting<String>("stream_hub", default: defaults.streamDomains.hub, "Media hub (application) name in stream paths.")
    public static let streamPublishDomain = Setting<String>("stream_publish_domain", default: defaults.streamDomains.publish, "RTMP host streams are pushed to.")
    public static let streamRTMPDomain = Setting<String>("stream_rtmp_domain", default: defaults.streamDomains.rtmpPlay, "RTMP host streams are played from.")
    public static let streamHLSDomain = Setting<String>("stream_hls_domain", default: defaults.streamDomains.hlsPlay, "HLS host streams are played from.")
    public static let streamFLVDomain = Setting<String>("stream_flv_domain", default: defaults.streamDomains.flvPlay, "HTTP-FLV host streams are played from.")
    public static let streamSnapshotDomain = Setting<String>("stream_snapshot_domain", default: defaults.streamDomains.snapshot, "Host of stream snapshots.")
    public static let streamPlaybackDomain = Setting<String>("stream_playback_domain", default: defaults.streamDomains.playback, "Host of recorded playbacks (VOD).")

    private static let limits = defaults.limits
    public static let smsPerSource = Setting<Int>("sms_per_source", default: limits.smsPerSource.maximum, "SMS codes one client address may have sent per hour.")
    public static let smsPerPrefix = Setting<Int>("sms_per_prefix", default: limits.smsPerPrefix.maximum, "SMS codes sent per hour to one number prefix (the first seven digits).")
    public static let smsTotal = Setting<Int>("sms_total", default: limits.smsTotal.maximum, "SMS codes the gateway sends per hour in total.")
    public static let guessesPerPhone = Setting<Int>("guesses_per_phone", default: limits.guessesPerPhone.maximum, "Wrong SMS codes entered for one phone per 15 minutes, from anywhere.")
    public static let guessesPerSource = Setting<Int>("guesses_per_source", default: limits.guessesPerSource.maximum, "Wrong SMS codes one client address may enter per 10 minutes.")
    public static let guessesTotal = Setting<Int>("guesses_total", default: limits.guessesTotal.maximum, "Wrong SMS codes entered per 10 minutes in total.")
    public static let loginFreeFailures = Setting<Int>("login_free_failures", default: limits.loginFreeFailures, "Failed logins of one account from one address before each further attempt waits (1 s, doubling).")
    public static let loginMaxDelay = Setting<Double>("login_max_delay", default: limits.loginMaxDelay, "Longest wait, in seconds, between failed logins of one account from one address.")
    public static let loginPerSource = Setting<Int>("login_per_source", default: limits.loginPerSource.maximum, "Failed logins one client address may make per 15 minutes, any account.")
    public static let loginPerAccount = Setting<Int>("login_per_account", default: limits.loginPerAccount.maximum, "Failed logins of one account per hour, from everywhere, before only addresses it logged in from may try.")

    static let all: [SettingSpec] = [
        smsPerSource.spec, smsPerPrefix.spec, smsTotal.spec, guessesPerPhone.spec, guessesPerSource.spec, guessesTotal.spec,
        loginFreeFailures.spec, loginMaxDelay.spec, loginPerSource.spec, loginPerAccount.spec,
        bcryptCost.spec, maxImageBytes.spec, codeLifetime.spec, codeResendInterval.spec, codeDailyLimit.spec,
        codeMaxAttempts.spec, phoneVerifiedWindow.spec, streamHub.spec, streamPublishDomain.spec, streamRTMPDomain.spec,
        streamHLSDomain.spec, streamFLVDomain.spec, streamSnapshotDomain.spec, streamPlaybackDomain.spec,
    ]

    /// The core's settings as resolved.
    static func read(_ settings: SettingValues) -> CoreSettings {
        var core = CoreSettings()
        core.bcryptCost = UInt8(clamping: max(4, min(31, settings[bcryptCost])))
        core.codeLifetime = settings[codeLifetime]
        core.codeResendInterval = settings[codeResendInterval]
        core.codeDailyLimit = settings[codeDailyLimit]
        core.codeMaxAttempts = max(1, settings[codeMaxAttempts])
        core.phoneVerifiedWindow = settings[phoneVerifiedWindow]
        core.maxImageBytes = settings[maxImageBytes]
        core.limits.smsPerSource.maximum = max(0, settings[smsPerSource])
        core.limits.smsPerPrefix.maximum = max(0, settings[smsPerPrefix])
        core.limits.smsTotal.maximum = max(0, settings[smsTotal])
        core.limits.guessesPerPhone.maximum = max(0, settings[guessesPerPhone])
        core.limits.guessesPerSource.maximum = max(0, settings[guessesPerSource])
        core.limits.guessesTotal.maximum = max(0, settings[guessesTotal])
        core.limits.loginFreeFailures = max(0, settings[loginFreeFailures])
        core.limits.loginMaxDelay = max(0, settings[loginMaxDelay])
        core.limits.loginPerSource.maximum = max(0, settings[loginPerSource])
        core.limits.loginPerAccount.maximum = max(0, settings[loginPerAccount])
        core.streamDomains = StreamDomains(
            hub: settings[streamHub], publish: settings[streamPublishDomain], rtmpPlay: settings[streamRTMPDomain],
            hlsPlay: settings[streamHLSDomain], flvPlay: settings[streamFLVDomain],
            snapshot: settings[streamSnapshotDomain], playback: settings[streamPlaybackDomain])
        return core
    }
}

/// Every setting the gateway reads, core and dialects alike, and how they are resolved:
/// `--set`/flags over `LIVEGATE_<NAME>` environment variables over the config file over defaults.
public enum SettingsCatalog {
    public static var all: [SettingSpec] {
        GatewaySetting.all + CoreSetting.all + ThirdPartySetting.all + [SharedSetting.adminKey.spec]
            + DialectRegistry.all.flatMap { $0.settings }
    }

    /// Resolves every known setting. Unknown names in `overrides` or the file are refused, so a
    /// typo never silently does nothing.
    public static func resolve(overrides: [String: String], environment: [String: String],
                               configFile: String?) throws -> SettingValues {
        let specs = all
        let known = Set(specs.map(\.name))
        var fileValues: [String: String] = [:]
        if let configFile {
            guard let text = try? String(contentsOfFile: configFile, encoding: .utf8) else {
                throw GatewayError.configuration("cannot read config file \(configFile)")
            }
            fileValues = try parseConfig(text)
        }
        for name in Array(overrides.keys) + Array(fileValues.keys) where !known.contains(name) {
            throw GatewayError.configuration("unknown setting '\(name)' (see `livegate serve --help`)")
        }
        var values = SettingValues()
        for spec in specs {
            let value = overrides[spec.name] ?? environment[spec.environmentName] ?? fileValues[spec.name] ?? spec.defaultText
            guard spec.accepts(value) else {
                throw GatewayError.configuration("setting '\(spec.name)' takes \(spec.kind), got '\(value)'")
            }
            values.set(spec.name, value)
        }
        return values
    }

    /// `--set NAME=VALUE` items (serve and replay alike), names normalised as in a config file.
    public static func overrides(fromSetItems items: [String]) throws -> [String: String] {
        var overrides: [String: String] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !SettingSpec.normalized(parts[0]).isEmpty else {
                throw GatewayError.configuration("--set takes NAME=VALUE, got '\(item)'")
            }
            overrides[SettingSpec.normalized(parts[0])] = parts[1]
        }
        return overrides
    }

    /// `name = value` lines; `#` starts a comment; values may be quoted.
    static func parseConfig(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw GatewayError.configuration("config line \(number + 1): expected name = value")
            }
            var value = parts[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[SettingSpec.normalized(parts[0])] = value
        }
        return values
    }

    /// The text `livegate serve --help` shows.
    public static var helpText: String {
        var text = "SETTINGS (flag --set NAME=VALUE, environment LIVEGATE_<NAME>, or `NAME = VALUE` in --config FILE):\n"
        for spec in all {
            text += "  \(spec.name) (\(spec.environmentName), default \"\(spec.defaultText)\")\n      \(spec.help)\n"
        }
        return text
    }
}

public enum GatewayError: Error, CustomStringConvertible {
    case configuration(String)

    public var description: String {
        switch self {
        case .configuration(let message): return message
        }
    }
}
