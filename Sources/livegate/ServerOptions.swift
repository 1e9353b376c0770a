import ArgumentParser
import DialectKit
import Foundation
import Gateway

/// The flags every command that builds a gateway shares; each is also a setting.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to bind (setting host).") var host: String?
    @Option(help: "Unified listener port (setting port).") var port: Int?
    @Option(help: "Data folder (setting data).") var data: String?
    @Option(name: .customLong("listen"), help: "DIALECT=PORT legacy listener; repeat; replaces the defaults.") var listen: [String] = []
    @Flag(name: .customLong("no-legacy-ports"), help: "Serve only the unified port.") var noLegacyPorts = false
    @Option(help: "Config file of `name = value` lines.") var config: String?
    @Option(name: .customLong("set"), help: "NAME=VALUE for any setting listed below; repeat.") var set: [String] = []

    func settings() throws -> SettingValues {
        do {
            var overrides = try SettingsCatalog.overrides(fromSetItems: set)
            if let host { overrides[GatewaySetting.host.name] = host }
            if let port { overrides[GatewaySetting.port.name] = String(port) }
            if let data { overrides[GatewaySetting.data.name] = data }
            if !listen.isEmpty { overrides[GatewaySetting.listen.name] = listen.joined(separator: ",") }
            if noLegacyPorts { overrides[GatewaySetting.legacyPorts.name] = "false" }
            return try SettingsCatalog.resolve(overrides: overrides, environment: ProcessInfo.processInfo.environment,
                                               configFile: config)
        } catch let error as GatewayError {
            throw ValidationError(error.description)
        }
    }
}
