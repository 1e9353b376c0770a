import ArgumentParser
import FixtureKit
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "A recording reverse proxy: clients talk to it, it forwards to the upstream and writes fixtures.",
        discussion: """
            Point a client (or a test script) at the proxy's port instead of the server. Each client's consecutive \
            exchanges become one scenario file in --out; a pause longer than --gap starts a new one. Tokens, new ids \
            and timestamps are written as captures and matchers, account names and phones as per-run variables, so \
            the recording replays against another server with `livegate replay`. Stop with Ctrl-C.
            """)

    @Option(help: "The server to record, e.g. http://legacy-host:11000") var upstream: String
    @Option(help: "Port the proxy listens on.") var listen: Int = 8089
    @Option(help: "Address the proxy binds.") var host: String = "127.0.0.1"
    @Option(help: "Folder the fixture files are written to.") var out: String
    @Option(help: "Dialect name written into the fixtures.") var dialect: String = "recorded"
    @Option(help: "Seconds of silence from a client that end its scenario.") var gap: Double = 30
    @Option(help: "Seconds to wait for the upstream before answering 502.") var timeout: Double = 30

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "livegate.record")
        guard let upstreamURL = URL(string: upstream), upstreamURL.scheme?.hasPrefix("http") == true else {
            throw ValidationError("--upstream must be an http(s) URL")
        }
        let proxy = try RecordingProxy(upstream: upstreamURL, output: URL(fileURLWithPath: out, isDirectory: true),
                                       dialect: dialect, gap: gap, timeout: timeout, logger: logger)
        let app = proxy.application(host: host, port: listen) { port in
            logger.info("recording", metadata: ["listen": "\(port)", "upstream": "\(upstreamURL)", "out": "\(out)"])
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        for file in proxy.files { print("wrote \(file.path)") }
    }
}
