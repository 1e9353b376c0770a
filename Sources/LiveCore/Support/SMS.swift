public import Foundation

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

