public import Foundation

/// A 4-digit SMS code issued to a phone. One table serves every dialect: a code sent through one
/// is valid through the others.
public struct VerificationCode: Sendable, Equatable {
    public var id: Int64
    public var phone: String
    public var code: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var failedAttempts: Int
    /// Set once the code was accepted, or killed by too many wrong attempts.
    public var consumed: Bool

    public init(id: Int64, phone: String, code: String, issuedAt: Date, expiresAt: Date,
                failedAttempts: Int = 0, consumed: Bool = false) {
        self.id = id
        self.phone = phone
        self.code = code
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.failedAttempts = failedAttempts
        self.consumed = consumed
    }
}
