public import Foundation
public import LiveCore
public import Logging
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The default sender: appends one JSON object per message to `<data>/sms/outbox.jsonl` and logs it,
/// so a developer (or a test) reads the code there.
///
/// Each message is one `write(2)` on a descriptor opened with `O_APPEND`, so the kernel places every
/// line whole at the end of the file, whatever else appends at the same moment — another request
/// of this gateway or another gateway on the same data directory. (Reading the size and writing at
/// that offset is not enough: an actor is reentrant at every `await`, so two sends read one size
/// and the second line overwrote the first.) The blocking calls run on NIO's thread pool, never on
/// an event loop or the cooperative pool.
public struct OutboxSMSSender: SMSSender {
    public let file: URL
    private let logger: Logger
    private let encoder: JSONEncoder

    public init(file: URL, logger: Logger = Logger(label: "livegate.sms")) {
        self.file = file
        self.logger = logger
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    public func send(_ message: SMSMessage) async throws {
        var line = try encoder.encode(message)
        line.append(0x0A)
        let bytes = Array(line), file = self.file
        try await NIOThreadPool.singleton.runIfActive {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.append(bytes, to: file.path)
        }
        logger.info("sms queued", metadata: ["to": "\(message.phone)", "outbox": "\(file.path)"])
    }

    private static func append(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw OutboxError(operation: "open", path: path, code: errno) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        // A regular file takes a short line in one write; anything else is a full disk or worse.
        guard written == bytes.count else { throw OutboxError(operation: "write", path: path, code: written < 0 ? errno : ENOSPC) }
    }
}

struct OutboxError: Error, CustomStringConvertible {
    let operation: String
    let path: String
    let code: Int32
    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}
