import ArgumentParser
import FixtureKit
import Foundation
import Gateway
import LiveJSON
import Logging
import Synchronization

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay fixture files against a gateway and report every difference.",
        discussion: """
            Without --target, starts an in-process gateway on a fresh temporary data folder. With --target URL (or \
            --target DIALECT=URL, repeated), replays against any running server: LiveGate or a legacy one. \
            Exits 1 if any step fails.
            """)

    @Argument(help: "Fixture files or folders (default: Fixtures).") var paths: [String] = ["Fixtures"]
    @Option(name: .customLong("target"), help: "URL for every dialect, or DIALECT=URL; repeat.") var targets: [String] = []
    @Option(help: "Files replayed at once (default: the core count).") var jobs: Int?
    @Option(help: "Write a JUnit XML report to this file.") var junit: String?
    @Option(name: .customLong("sms-outbox"), help: "With --target: the server's SMS outbox, for sms steps (default ./livegate-data/sms/outbox.jsonl).")
    var smsOutbox: String?
    @Option(name: .customLong("set"), help: "NAME=VALUE setting for the in-process gateway; repeat.") var set: [String] = []

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .error
            return handler
        }
        let corpus: Corpus
        do {
            corpus = try Corpus.load(paths)
        } catch let error as FixtureError {
            throw ValidationError(error.description)
        }
        var gateway: RunningGateway?
        var replayTargets = ReplayTargets(fallback: nil)
        var outbox = URL(fileURLWithPath: smsOutbox ?? "./livegate-data/sms/outbox.jsonl")
        let baseSettings: [String: String]
        do {
            baseSettings = try SettingsCatalog.overrides(fromSetItems: set)
        } catch let error as GatewayError {
            throw ValidationError(error.description)
        }
        if targets.isEmpty {
            let (started, data) = try await Self.inProcessGateway(baseSettings)
            gateway = started
            replayTargets.fallback = URL(string: started.baseURL)
            outbox = data.appendingPathComponent("sms/outbox.jsonl")
        } else {
            for target in targets {
                let parts = target.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2, !parts[0].contains(":"), let url = URL(string: parts[1]) {
                    replayTargets.byDialect[parts[0]] = url
                } else if let url = URL(string: target), url.scheme != nil {
                    replayTargets.fallback = url
                } else {
                    throw ValidationError("--target takes URL or DIALECT=URL, got '\(target)'")
                }
            }
        }
        let outboxFile = outbox
        var replayer = Replayer(targets: replayTargets, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                corpusNoise: corpus.noise) { phone in SMSOutbox.latestCode(for: phone, in: outboxFile) }
        if targets.isEmpty {
            replayer.isolatedServer = { settings in
                let (server, data) = try await Self.inProcessGateway(baseSettings.merging(settings) { $1 })
                let file = data.appendingPathComponent("sms/outbox.jsonl")
                return IsolatedServer(url: URL(string: server.baseURL)!, smsCode: { SMSOutbox.latestCode(for: $0, in: file) },
                                      stop: { await server.stop() })
            }
        }
        let total = corpus.fixtures.count
        let done = Mutex(0)
        print("replaying \(total) fixture file(s) against \(replayTargets.fallback?.absoluteString ?? "per-dialect targets")")
        let outcomes = await replayer.run(corpus.fixtures) { outcome in
            let count = done.withLock { $0 += 1; return $0 }
            print(Report.progressLine(outcome, done: count, of: total))
        }
        await gateway?.stop()
        let failures = Report.failures(outcomes)
        if !failures.isEmpty { print(failures) }
        if let junit {
            try Report.junit(outcomes).write(toFile: junit, atomically: true, encoding: .utf8)
        }
        let totals = Report.totals(outcomes)
        print(Report.summary(totals))
        if totals.failed > 0 { throw ExitCode(1) }
    }
}

extension ReplayCommand {
    /// A gateway on loopback over a fresh temporary data folder, quick to hash passwords.
    static func inProcessGateway(_ settings: [String: String]) async throws -> (RunningGateway, URL) {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("livegate-replay-\(UUID().uuidString)")
        // The replayer is a test rig on loopback: exempt from the per-source limits (SMS sends,
        // guesses, logins from one address), which a corpus of many users would reach at once.
        var overrides = ["host": "127.0.0.1", "port": "0", "data": data.path, "legacy_ports": "false", "bcrypt_cost": "4",
                         "rate_limit_exempt": "127.0.0.0/8,::1/128",
                         // The corpus's third-party logins use made-up tokens and must never reach a
                         // real provider: the in-process gateway trusts them, as staging does.
                         "third_party_verify": "false"]
        overrides.merge(settings) { $1 }
        let resolved = try SettingsCatalog.resolve(overrides: overrides, environment: [:], configFile: nil)
        return (try await Gateway.start(try GatewayConfiguration(settings: resolved), logger: Logger(label: "replay")), data)
    }
}

/// Reads the default SMS sender's outbox (`<data>/sms/outbox.jsonl`).
enum SMSOutbox {
    static func latestCode(for phone: String, in file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n").reversed() {
            if let json = try? JSONValue.parse(String(line)), json["phone"]?.stringValue == phone {
                return json["code"]?.stringValue
            }
        }
        return nil
    }
}
