import ArgumentParser
import Foundation
import Gateway
import Logging
import DialectKit

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Start the gateway: the unified port plus each dialect's legacy port(s).",
        discussion: SettingsCatalog.helpText)

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let settings = try options.settings()
        let level = Logger.Level(rawValue: settings[GatewaySetting.logLevel]) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "livegate")
        let configuration: GatewayConfiguration
        do {
            configuration = try GatewayConfiguration(settings: settings)
        } catch let error as GatewayError {
            throw ValidationError(error.description)
        }
        logger.info("starting", metadata: ["data": "\(configuration.dataDirectory.path)"])
        let gateway = try await Gateway.start(configuration, logger: logger, handleSignals: true)
        await gateway.wait()
        logger.info("stopped")
    }
}

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes", abstract: "Print every route of every dialect: method, path, ports, core operation.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try GatewayConfiguration(settings: try options.settings())
        let rows = try Gateway.describeRoutes(configuration)
        let widths = [rows.map(\.dialect.count).max() ?? 0, rows.map(\.methods.count).max() ?? 0, rows.map(\.path.count).max() ?? 0]
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        for row in rows {
            let ports = row.ports.map(String.init).joined(separator: ",")
            print("\(pad(row.dialect, widths[0]))  \(pad(row.methods, widths[1]))  \(pad(row.path, widths[2]))  \(pad(ports, 12))  \(row.operation)")
        }
    }
}
