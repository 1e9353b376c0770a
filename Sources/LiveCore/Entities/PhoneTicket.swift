public import Foundation

/// A bearer ticket naming the phone a client asked a code for, for dialects whose later steps do not
/// repeat the phone (the client keeps the ticket, e.g. as a cookie, instead). It proves only that the
/// holder made that request: whether the phone passed verification is still the verified-phone
/// window's to say.
public struct PhoneTicket: Sendable, Equatable {
    /// 32 lowercase hex characters from a CSPRNG.
    public var token: String
    public var phone: String
    public var expiresAt: Date

    public init(token: String, phone: String, expiresAt: Date) {
        self.token = token
        self.phone = phone
        self.expiresAt = expiresAt
    }
}
