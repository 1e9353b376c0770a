import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP socket to 127.0.0.1, for what only a raw connection can show: requests sent a
/// byte at a time, connections that say nothing, and whether the server closed its end.
final class RawSocket: @unchecked Sendable {
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; nil when the connection is refused.
    init?(port: Int) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); return nil }
    }

    deinit { close(descriptor) }

    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    enum ReadResult: Equatable {
        case data(String)
        /// The server closed its end (or reset the connection).
        case closed
        /// Nothing arrived within the wait.
        case timedOut
    }

    /// Waits up to `seconds` for bytes or for the server to close, on a thread of its own: a test
    /// blocking Swift's cooperative pool would starve the in-process gateway it is waiting for.
    func read(waiting seconds: Double) async -> ReadResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.blockingRead(waiting: seconds)) }
        }
    }

    private func blockingRead(waiting seconds: Double) -> ReadResult {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(seconds * 1000))
        guard ready > 0 else { return .timedOut }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return .closed }
        return .data(String(decoding: buffer[..<count], as: UTF8.self))
    }

    /// Reads until the server closes or `seconds` pass; true when it closed.
    func waitForClose(within seconds: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            switch await read(waiting: max(0.01, deadline.timeIntervalSinceNow)) {
            case .closed: return true
            case .timedOut: return false
            case .data: continue
            }
        }
        return false
    }
}

/// The `livegate` executable built beside the tests.
var livegateBinary: String {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("livegate")
    return FileManager.default.fileExists(atPath: binary.path)
        ? binary.path : FileManager.default.currentDirectoryPath + "/.build/debug/livegate"
}

/// A port free at this moment (bound to 0 and released).
func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}
