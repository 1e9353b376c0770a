import Foundation
import Gateway
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Connection hygiene on real sockets: what a client that holds connections can and cannot do.
@Suite("Connections")
struct ConnectionTests {
    @Test("an idle keep-alive connection is closed after idle_timeout; a busy one is not cut short")
    func idleConnectionClosed() async throws {
        try await withGateway(["idle_timeout": "1"], over: .socket) { gateway in
            let silent = try #require(RawSocket(port: gateway.running.unifiedPort))
            let kept = try #require(RawSocket(port: gateway.running.unifiedPort))
            #expect(kept.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n"))
            guard case .data(let answer) = await kept.read(waiting: 5) else { Issue.record("no answer"); return }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            // Both are idle now: both go within a little more than the timeout.
            #expect(await silent.waitForClose(within: 4))
            #expect(await kept.waitForClose(within: 4))
        }
    }

    @Test("kill -9 with clients connected, then an immediate restart on the same port binds at once")
    func restartBindsAtOnce() async throws {
        let port = freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: livegateBinary)
            process.arguments = ["serve", "--port", "\(port)", "--data", folder.path,
                                 "--set", "legacy_ports=false", "--set", "host=127.0.0.1", "--set", "log_level=error"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        /// Polls until the port answers health, or the process dies.
        func waitUntilServing(_ process: Process) async -> Bool {
            for _ in 0..<200 {
                if !process.isRunning { return false }
                if let socket = RawSocket(port: port), socket.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n"),
                   case .data(let answer) = await socket.read(waiting: 1), answer.hasPrefix("HTTP/1.1 200") {
                    return true
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return false
        }
        let first = try start()
        #expect(await waitUntilServing(first))
        // Clients with open, used connections when the server dies: the server's ends go to TIME_WAIT.
        let clients = (0..<8).compactMap { _ in RawSocket(port: port) }
        for client in clients {
            client.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = await client.read(waiting: 2)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let second = try start()
        defer { if second.isRunning { second.terminate(); second.waitUntilExit() } }
        #expect(await waitUntilServing(second), "the restarted gateway did not bind (address reuse)")
        _ = clients
    }

    @Test("a request head sent a byte at a time (slowloris) is closed at head_timeout, well before idle_timeout")
    func slowHeadClosed() async throws {
        try await withGateway(["head_timeout": "1", "idle_timeout": "60"], over: .socket) { gateway in
            let socket = try #require(RawSocket(port: gateway.running.unifiedPort))
            let started = Date()
            var closed = false
            for byte in "GET /_livegate/health HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghijklmnopqrstuvwxyz".map(String.init) {
                guard socket.send(byte) else { closed = true; break }
                if case .closed = await socket.read(waiting: 0.15) { closed = true; break }
            }
            if !closed { closed = await socket.waitForClose(within: 3) }
            #expect(closed)
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test("a body that stops arriving is closed at body_timeout")
    func stalledBodyClosed() async throws {
        try await withGateway(["body_timeout": "2", "idle_timeout": "60"], over: .socket) { gateway in
            let socket = try #require(RawSocket(port: gateway.running.unifiedPort))
            #expect(socket.send("POST /live/Login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"account\":"))
            #expect(await socket.waitForClose(within: 6))
            // A slow body that keeps coming is not cut: one piece every 300 ms.
            let steady = try #require(RawSocket(port: gateway.running.unifiedPort))
            let body = #"{"account":"nobody","password":"x"}"#
            #expect(steady.send("POST /live/Login HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n"))
            for piece in stride(from: 0, to: body.count, by: 12) {
                let start = body.index(body.startIndex, offsetBy: piece)
                let end = body.index(start, offsetBy: min(12, body.count - piece))
                #expect(steady.send(String(body[start..<end])))
                try await Task.sleep(for: .milliseconds(300))
            }
            guard case .data(let answer) = await steady.read(waiting: 3) else { Issue.record("no answer to the slow body"); return }
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        }
    }

    @Test("past max_connections_per_source a new connection takes the place of that address's longest-idle one")
    func perSourceCapShedsIdle() async throws {
        try await withGateway(["max_connections_per_source": "5"], over: .socket) { gateway in
            let port = gateway.running.unifiedPort
            // One at a time, so the gateway admits them in this order (accepts run on several loops).
            var idle: [RawSocket] = []
            for _ in 0..<5 {
                idle.append(try #require(RawSocket(port: port)))
                try await Task.sleep(for: .milliseconds(100))
            }
            let fresh = try #require(RawSocket(port: port))
            #expect(fresh.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n"))
            guard case .data(let answer) = await fresh.read(waiting: 3) else { Issue.record("no answer"); return }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            #expect(await idle[0].waitForClose(within: 2), "the longest-idle connection was shed")
            #expect(await idle[4].read(waiting: 0.2) == .timedOut, "the newer idle ones stay")
        }
    }

    @Test("1,100 idle sockets against a gateway limited to 1,024 descriptors leave health answering")
    func descriptorExhaustion() async throws {
        // This process needs more than 1,100 descriptors of its own.
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 { limit.rlim_cur = min(limit.rlim_max, 4096); setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
        try #require(limit.rlim_cur >= 1_300, "this test needs a descriptor limit above 1,300")
        let port = freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 1024 && exec \"$0\" serve --port \(port) --data \"$1\" --set legacy_ports=false --set host=127.0.0.1 --set log_level=error",
                             livegateBinary, folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        func healthAnswers(within seconds: Double) async -> Bool {
            guard let socket = RawSocket(port: port), socket.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n"),
                  case .data(let answer) = await socket.read(waiting: seconds) else { return false }
            return answer.hasPrefix("HTTP/1.1 200")
        }
        var up = false
        for _ in 0..<200 where !up {
            up = await healthAnswers(within: 1)
            if !up { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(up)
        var held: [RawSocket] = []
        for _ in 0..<1_100 {
            if let socket = RawSocket(port: port) { held.append(socket) }
        }
        #expect(held.count == 1_100)
        #expect(await healthAnswers(within: 5), "health must answer with 1,100 idle sockets held")
        #expect(process.isRunning)
        _ = held
    }

    @Test("SIGTERM with a request that never finishes: the process exits within stop_deadline")
    func stopDeadline() async throws {
        let port = freePort()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: livegateBinary)
        process.arguments = ["serve", "--port", "\(port)", "--data", folder.path, "--set", "legacy_ports=false", "--set", "host=127.0.0.1",
                             "--set", "log_level=error", "--set", "stop_deadline=1", "--set", "body_timeout=120"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
        var hanging: RawSocket?
        for _ in 0..<200 where hanging == nil {
            if let socket = RawSocket(port: port), socket.send("GET /_livegate/health HTTP/1.1\r\nHost: x\r\n\r\n"),
               case .data = await socket.read(waiting: 1) {
                hanging = socket
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let client = try #require(hanging)
        // A request in flight whose body never comes.
        #expect(client.send("POST /live/Login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"))
        try await Task.sleep(for: .milliseconds(200))
        let stopped = Date()
        kill(process.processIdentifier, SIGTERM)
        while process.isRunning, Date().timeIntervalSince(stopped) < 10 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "still running 10 s after SIGTERM")
        #expect(Date().timeIntervalSince(stopped) < 5)
    }
}
