import Foundation
import Logging

/// One SMS to a phone.
public struct SMSMessage: Sendable, Equatable, Codable {
    public var phone: String
    public var code: String
    public var text: String
    public var sentAt: Date

    public init(phone: String, code: String, text: String, sentAt: Date) {
        self.phone = phone
        self.code = code
        self.text = text
        self.sentAt = sentAt
    }

    enum CodingKeys: String, CodingKey {
        case phone, code, text
        case sentAt = "sent_at"
    }
}

/// Where verification codes go. The core only asks to send; operators pick the carrier.
public protocol SMSSender: Sendable {
    func send(_ message: SMSMessage) async throws
}

/// The default sender: appends one JSON object per message to `<data>/sms/outbox.jsonl` and logs it,
/// so a developer (or a test) reads the code there.
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
        let manager = FileManager.default
        try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !manager.fileExists(atPath: file.path) {
            manager.createFile(atPath: file.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        logger.info("sms queued", metadata: ["to": "\(message.phone)", "outbox": "\(file.path)"])
    }
}
