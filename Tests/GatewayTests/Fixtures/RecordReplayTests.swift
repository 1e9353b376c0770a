import FixtureKit
import Foundation
import Hummingbird
import LiveJSON
import Logging
import ServiceLifecycle
import Testing
import Gateway

@Suite("Record and replay")
struct RecordReplayTests {
    @Test("a session recorded through the proxy replays against a second, fresh gateway")
    func recordThenReplay() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let recorded = try await TestGateway.start()
        let proxy = try RecordingProxy(upstream: URL(string: recorded.running.baseURL)!, output: output, dialect: "qplus")
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = proxy.application(port: 0) { continuation.yield($0) }
        var logger = Logger(label: "record-test")
        logger.logLevel = .error
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())

        // A client session through the proxy: SMS code, register, log in, a room, live, listed.
        let client = HTTPClient()
        func call(_ path: String, _ body: JSONValue) async throws -> HTTPResult {
            try await client.send(HTTPRequestSpec(method: "POST", url: URL(string: "http://127.0.0.1:\(port)\(path)")!,
                                                  headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                  body: Array(body.serialized().utf8)))
        }
        let phone = uniquePhone()
        #expect(try await call("/live/AuthCode", ["phone": .string(phone)]).json?["status"] == 10000)
        let code = try #require(try recorded.lastSMSCode(for: phone))
        #expect(try await call("/live/Register", ["phone": .string(phone), "password": "abc12345", "authCode": .string(code)]).json?["status"] == 10000)
        let login = try await call("/live/Login", ["account": .string(phone), "password": "abc12345"])
        let session = try #require(login.json?["sessionId"]?.stringValue)
        let created = try await call("/live/CreateLiveRoom", ["sessionId": .string(session), "liveRoomName": "recorded room"])
        let room = try #require(created.json?["liveRoomId"])
        #expect(try await call("/live/PushLiveStream", ["sessionId": .string(session), "liveRoomId": room, "status": 1]).json?["status"] == 10000)
        #expect(try await call("/live/GetMyLiveRoom", ["sessionId": .string(session)]).json?["liveRoomName"] == "recorded room")
        let unknown = try await call("/live/Login", ["account": .string("nobody-\(UUID().uuidString.prefix(6))"), "password": "x"])
        #expect(unknown.json?["status"] == 10100)

        await group.triggerGracefulShutdown()
        try await task.value
        await recorded.stop()
        #expect(proxy.files.count == 1)

        let corpus = try Corpus.load([output.path])
        #expect(corpus.fixtures.count == 1)
        #expect(corpus.fixtures[0].steps.count == 8, "7 exchanges and the SMS step the writer inserted")
        try await withGateway(over: .socket) { fresh in
            let replayer = Replayer(targets: ReplayTargets(fallback: URL(string: fresh.running.baseURL))) { phone in
                try? fresh.lastSMSCode(for: phone)
            }
            let outcomes = await replayer.run(corpus.fixtures)
            #expect(Report.totals(outcomes) == Report.Totals(passed: 8, failed: 0, skipped: 0), "\(Report.failures(outcomes))")
        }
    }

    @Test("an unreachable upstream is answered 502 with a reason, and the proxy keeps running")
    func upstreamDown() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("recorded-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var logger = Logger(label: "record-test")
        logger.logLevel = .critical
        let proxy = try RecordingProxy(upstream: URL(string: "http://127.0.0.1:9")!, output: output, timeout: 5, logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = proxy.application(port: 0) { continuation.yield($0) }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let client = HTTPClient()
        for _ in 0..<2 {
            let result = try await client.send(HTTPRequestSpec(method: "GET", url: URL(string: "http://127.0.0.1:\(port)/live/Login")!))
            #expect(result.status == 502)
            #expect(result.json?["error"]?.stringValue?.hasPrefix("upstream failed") == true)
        }
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
