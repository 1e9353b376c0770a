import DialectKit
import Dialects
import Foundation

/// Every setting the gateway reads, core and dialects alike, and how they are resolved:
/// `--set`/flags over `LIVEGATE_<NAME>` environment variables over the config file over defaults.
public enum SettingsCatalog {
    public static let core: [SettingSpec] = [
        SettingSpec("host", default: "0.0.0.0", "Address every listener binds."),
        SettingSpec("port", default: "8080", "The unified listener, serving every dialect by path."),
        SettingSpec("data", default: "./livegate-data", "Folder for the SQLite database, pictures and the SMS outbox."),
        SettingSpec("listen", default: "", "Comma-separated DIALECT=PORT legacy listeners; replaces each dialect's original ports."),
        SettingSpec("legacy_ports", default: "true", "Serve each dialect alone on its original port(s) too."),
        SettingSpec("log_level", default: "info", "trace, debug, info, notice, warning, error or critical."),
        SettingSpec("bcrypt_cost", default: "10", "bcrypt work factor for password verifiers."),
        SettingSpec("max_body_bytes", default: "8388608", "Largest request body accepted."),
        SettingSpec("max_image_bytes", default: "2097152", "Largest picture accepted."),
        SettingSpec("code_lifetime", default: "300", "Seconds an SMS code stays valid."),
        SettingSpec("code_resend_interval", default: "60", "Seconds before the same phone may get another code."),
        SettingSpec("code_daily_limit", default: "10", "Codes one phone may get in 24 hours."),
        SettingSpec("code_max_attempts", default: "5", "Wrong attempts that kill a code."),
        SettingSpec("phone_verified_window", default: "1800", "Seconds a verified phone may go on to register."),
        SettingSpec("sms_sender", default: "outbox", "outbox (append to <data>/sms/outbox.jsonl) or webhook."),
        SettingSpec("sms_webhook_url", default: "", "With sms_sender=webhook: URL that receives each SMS as a JSON POST."),
        SettingSpec("stream_hub", default: "livegate", "Media hub (application) name in stream paths."),
        SettingSpec("stream_publish_domain", default: "127.0.0.1:1935", "RTMP host streams are pushed to."),
        SettingSpec("stream_rtmp_domain", default: "127.0.0.1:1935", "RTMP host streams are played from."),
        SettingSpec("stream_hls_domain", default: "127.0.0.1:8088", "HLS host streams are played from."),
        SettingSpec("stream_flv_domain", default: "127.0.0.1:8088", "HTTP-FLV host streams are played from."),
        SettingSpec("stream_snapshot_domain", default: "127.0.0.1:8088", "Host of stream snapshots."),
        SettingSpec("stream_playback_domain", default: "127.0.0.1:8088", "Host of recorded playbacks (VOD)."),
        SettingSpec("admin_key", default: "", "Operator key accepted as X-LiveGate-Admin-Key on administrator endpoints; empty disables it."),
    ]

    public static var all: [SettingSpec] {
        core + DialectRegistry.all.flatMap { $0.settings }
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
            let value = overrides[spec.name] ?? environment[spec.environmentName] ?? fileValues[spec.name] ?? spec.defaultValue
            values.set(spec.name, value)
        }
        return values
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
            values[parts[0].lowercased().replacingOccurrences(of: "-", with: "_")] = value
        }
        return values
    }

    /// The text `livegate serve --help` shows.
    public static var helpText: String {
        var text = "SETTINGS (flag --set NAME=VALUE, environment LIVEGATE_<NAME>, or `NAME = VALUE` in --config FILE):\n"
        for spec in all {
            text += "  \(spec.name) (\(spec.environmentName), default \"\(spec.defaultValue)\")\n      \(spec.help)\n"
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
