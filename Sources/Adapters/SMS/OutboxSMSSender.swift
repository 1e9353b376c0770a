public import Foundation
public import LiveCore
public import Logging
import NIOCore
import _NIOFileSystem

/// The default sender: appends one JSON object per message to `<data>/sms/outbox.jsonl` and logs it,
/// so a developer (or a test) reads the code there. File I/O runs on NIO's thread pool, never on
/// an event loop or the cooperative pool; the actor keeps appends whole and in order.
public actor OutboxSMSSender: SMSSender {
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
        let fileSystem = FileSystem.shared
        try await fileSystem.createDirectory(at: FilePath(file.deletingLastPathComponent().path),
                                             withIntermediateDirectories: true)
        try await fileSystem.withFileHandle(forWritingAt: FilePath(file.path),
                                            options: .modifyFile(createIfNecessary: true)) { handle in
            let end = try await handle.info().size
            _ = try await handle.write(contentsOf: ByteBuffer(bytes: line), toAbsoluteOffset: end)
        }
        logger.info("sms queued", metadata: ["to": "\(message.phone)", "outbox": "\(file.path)"])
    }
}
