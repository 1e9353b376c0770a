import Foundation
import Gateway
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
            guard case .data(let answer) = kept.read(waiting: 5) else { Issue.record("no answer"); return }
            #expect(answer.hasPrefix("HTTP/1.1 200"))
            // Both are idle now: both go within a little more than the timeout.
            #expect(silent.waitForClose(within: 4))
            #expect(kept.waitForClose(within: 4))
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
                   case .data(let answer) = socket.read(waiting: 1), answer.hasPrefix("HTTP/1.1 200") {
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
            _ = client.read(waiting: 2)
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let second = try start()
        defer { if second.isRunning { second.terminate(); second.waitUntilExit() } }
        #expect(await waitUntilServing(second), "the restarted gateway did not bind (address reuse)")
        _ = clients
    }
}
