import ArgumentParser
import DialectKit
import Foundation
import Gateway

/// The flags every command that builds a gateway shares; each is also a setting.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to bind (setting host).") var host: String?
    @Option(help: "Unified listener port (setting port, default 8080).") var port: Int?
    @Option(help: "Data folder (setting data, default ./livegate-data).") var data: String?
    @Option(name: .customLong("listen"), help: "DIALECT=PORT legacy listener; repeat; replaces the defaults.") var listen: [String] = []
    @Flag(name: .customLong("no-legacy-ports"), help: "Serve only the unified port.") var noLegacyPorts = false
    @Option(help: "Config file of `name = value` lines.") var config: String?
    @Option(name: .customLong("set"), help: "NAME=VALUE for any setting listed below; repeat.") var set: [String] = []

    func settings() throws -> SettingValues {
        var overrides: [String: String] = [:]
        for item in set {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--set takes NAME=VALUE, got '\(item)'") }
            overrides[parts[0].lowercased().replacingOccurrences(of: "-", with: "_")] = parts[1]
        }
        if let host { overrides["host"] = host }
        if let port { overrides["port"] = String(port) }
        if let data { overrides["data"] = data }
        if !listen.isEmpty { overrides["listen"] = listen.joined(separator: ",") }
        if noLegacyPorts { overrides["legacy_ports"] = "false" }
        do {
            return try SettingsCatalog.resolve(overrides: overrides, environment: ProcessInfo.processInfo.environment,
                                               configFile: config)
        } catch let error as GatewayError {
            throw ValidationError(error.description)
        }
    }
}
