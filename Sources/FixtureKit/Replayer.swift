import Foundation
import LiveJSON

/// Where each dialect's requests go: one URL for all (the unified port), or one per dialect
/// (legacy servers on their own hosts).
public struct ReplayTargets: Sendable {
    public var fallback: URL?
    public var byDialect: [String: URL]

    public init(fallback: URL?, byDialect: [String: URL] = [:]) {
        self.fallback = fallback
        self.byDialect = byDialect
    }

    func url(for dialect: String) throws -> URL {
        guard let url = byDialect[dialect] ?? fallback else { throw FixtureError("no target for dialect \(dialect)") }
        return url
    }
}

/// A server started for one fixture file.
public struct IsolatedServer: Sendable {
    public var url: URL
    public var smsCode: @Sendable (String) -> String?
    public var stop: @Sendable () async -> Void

    public init(url: URL, smsCode: @escaping @Sendable (String) -> String?, stop: @escaping @Sendable () async -> Void) {
        self.url = url
        self.smsCode = smsCode
        self.stop = stop
    }
}

public struct StepOutcome: Sendable {
    public enum Status: Sendable { case passed, failed, skipped }
    public var index: Int
    public var name: String
    public var status: Status
    /// For a failure: the request and the differences, ready to print.
    public var report: String
    public var seconds: Double
}

public struct FileOutcome: Sendable {
    public var file: String
    public var steps: [StepOutcome]
    public var seconds: Double

    public var failed: Bool { steps.contains { $0.status == .failed } }
}

/// Replays fixtures: files in parallel, steps within a file in order, each file with its own
/// variables (fresh accounts and phones). A file stops at its first failing step; the steps after
/// it count as skipped.
public struct Replayer: Sendable {
    public var targets: ReplayTargets
    public var jobs: Int
    /// The newest SMS code sent to a phone, for `sms` steps (nil when it cannot be known).
    public var smsCode: @Sendable (String) -> String?
    public var corpusNoise: [String: NoiseRules]
    /// Starts a dedicated server with the given settings for a file that asks for them; nil when
    /// replaying against a fixed target, where such files are skipped with the reason.
    public var isolatedServer: (@Sendable ([String: String]) async throws -> IsolatedServer)?
    let client: HTTPClient

    public init(targets: ReplayTargets, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                corpusNoise: [String: NoiseRules] = [:], smsCode: @escaping @Sendable (String) -> String? = { _ in nil }) {
        self.targets = targets
        self.jobs = max(1, jobs)
        self.smsCode = smsCode
        self.corpusNoise = corpusNoise
        self.isolatedServer = nil
        self.client = HTTPClient()
    }

    /// Runs every fixture; `progress` is called as each file finishes.
    public func run(_ fixtures: [Fixture], progress: @escaping @Sendable (FileOutcome) -> Void = { _ in }) async -> [FileOutcome] {
        await withTaskGroup(of: (Int, FileOutcome).self) { group in
            var results = [FileOutcome?](repeating: nil, count: fixtures.count)
            var next = 0
            func launch() {
                guard next < fixtures.count else { return }
                let index = next
                next += 1
                group.addTask {
                    let outcome = await self.run(fixtures[index])
                    progress(outcome)
                    return (index, outcome)
                }
            }
            for _ in 0..<min(jobs, fixtures.count) { launch() }
            while let (index, outcome) = await group.next() {
                results[index] = outcome
                launch()
            }
            return results.compactMap { $0 }
        }
    }

    public func run(_ fixture: Fixture) async -> FileOutcome {
        guard !fixture.gatewaySettings.isEmpty else { return await run(fixture, with: self) }
        guard let isolatedServer else {
            let steps = fixture.steps.enumerated().map {
                StepOutcome(index: $0.offset + 1, name: $0.element.name, status: .skipped,
                            report: "needs an in-process gateway with settings \(fixture.gatewaySettings)", seconds: 0)
            }
            return FileOutcome(file: fixture.file, steps: steps, seconds: 0)
        }
        do {
            let server = try await isolatedServer(fixture.gatewaySettings)
            var dedicated = self
            dedicated.targets = ReplayTargets(fallback: server.url)
            dedicated.smsCode = server.smsCode
            let outcome = await run(fixture, with: dedicated)
            await server.stop()
            return outcome
        } catch {
            let failure = StepOutcome(index: 1, name: fixture.steps.first?.name ?? "start", status: .failed,
                                      report: "  could not start a gateway with \(fixture.gatewaySettings): \(error)\n", seconds: 0)
            return FileOutcome(file: fixture.file, steps: [failure], seconds: 0)
        }
    }

    private func run(_ fixture: Fixture, with replayer: Replayer) async -> FileOutcome {
        await replayer.runSteps(fixture)
    }

    func runSteps(_ fixture: Fixture) async -> FileOutcome {
        let started = Date()
        var variables = Variables.fresh()
        var noise = fixture.noise
        if let all = corpusNoise["*"] { noise = noise.merged(with: all) }
        if let mine = corpusNoise[fixture.dialect] { noise = noise.merged(with: mine) }
        var outcomes: [StepOutcome] = []
        var stopped = false
        for (index, step) in fixture.steps.enumerated() {
            let stepStarted = Date()
            if stopped {
                outcomes.append(StepOutcome(index: index + 1, name: step.name, status: .skipped, report: "", seconds: 0))
                continue
            }
            var report = ""
            do {
                report = try await perform(step, fixture: fixture, variables: &variables, noise: noise)
            } catch {
                report = "  \(error)"
            }
            let status: StepOutcome.Status = report.isEmpty ? .passed : .failed
            if status == .failed { stopped = true }
            outcomes.append(StepOutcome(index: index + 1, name: step.name, status: status, report: report,
                                        seconds: Date().timeIntervalSince(stepStarted)))
        }
        return FileOutcome(file: fixture.file, steps: outcomes, seconds: Date().timeIntervalSince(started))
    }

    /// Runs one step; returns "" when it passed, else the failure report.
    func perform(_ step: Fixture.Step, fixture: Fixture, variables: inout Variables, noise: NoiseRules) async throws -> String {
        switch step {
        case .wait(_, let seconds):
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return ""
        case .sms(_, let phoneValue, let capture):
            guard case .string(let phone) = try variables.substitute(phoneValue) else { throw FixtureError("sms phone must be a string") }
            // The SMS is written after the response; give the sender a moment.
            for _ in 0..<50 {
                if let code = smsCode(phone) {
                    variables[capture] = .string(code)
                    return ""
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            return "  no SMS code found for \(phone) (in-process replays read the gateway's outbox; against --target pass --sms-outbox FILE)"
        case .exchange(let exchange):
            return try await perform(exchange, fixture: fixture, variables: &variables, noise: noise)
        }
    }

    func perform(_ exchange: Fixture.Exchange, fixture: Fixture, variables: inout Variables, noise: NoiseRules) async throws -> String {
        guard case .object(let request) = try variables.substitute(.object(exchange.request)) else { return "" }
        let base = try targets.url(for: exchange.dialect ?? fixture.dialect)
        let spec = try RequestBuilder.build(request, base: base)
        let result = try await client.send(spec)
        guard case .object(let expected) = try variables.substitute(.object(exchange.response)) else { return "" }
        var matcher = Matcher(noise: noise)
        let wantStatus: Int
        switch expected["status"] {
        case .int(let code)?: wantStatus = Int(code)
        case nil: wantStatus = 200
        default: throw FixtureError("response status must be an integer")
        }
        if result.status != wantStatus { matcher.fail("status", "expected HTTP \(wantStatus), got \(result.status)") }
        if let headers = expected["headers"]?.objectValue {
            for (name, want) in headers {
                matcher.compare(want, result.header(name).map(JSONValue.string), at: "header \(name)")
            }
        }
        if let want = expected["json"] {
            if let actual = result.json {
                matcher.compare(want, actual, at: "$")
            } else {
                matcher.fail("body", "expected JSON, got \(result.body.isEmpty ? "an empty body" : "\"\(String(result.text.prefix(200)))\"")")
            }
        }
        if let want = expected["text"]?.stringValue, result.text != want {
            matcher.fail("body", "expected \"\(String(want.prefix(200)))\", got \"\(String(result.text.prefix(200)))\"")
        }
        if let want = expected["base64"]?.stringValue, Data(result.body).base64EncodedString() != want {
            matcher.fail("body", "expected \(want.count) base64 characters of bytes, got \(result.body.count) different bytes")
        }
        if expected["empty"] == .bool(true), !result.body.isEmpty {
            matcher.fail("body", "expected an empty body, got \(result.body.count) bytes")
        }
        for (name, value) in matcher.captures { variables[name] = value }
        for (name, path) in exchange.captures {
            guard let json = result.json, let value = try JSONPath(path).evaluate(json) else {
                matcher.fail(path, "nothing to capture as \(name)")
                continue
            }
            variables[name] = value
        }
        guard !matcher.mismatches.isEmpty else { return "" }
        var report = "  \(spec.method) \(spec.url.absoluteString)\n"
        if !spec.body.isEmpty {
            let body = String(decoding: spec.body.prefix(400), as: UTF8.self)
            report += "  > \(body)\(spec.body.count > 400 ? "…" : "")\n"
        }
        report += "  < HTTP \(result.status) \(String(result.text.prefix(400)))\(result.body.count > 400 ? "…" : "")\n"
        for mismatch in matcher.mismatches { report += "  ✗ \(mismatch)\n" }
        return report
    }
}
