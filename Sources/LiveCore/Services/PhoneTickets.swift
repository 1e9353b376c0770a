public import Foundation

extension VerificationService {
    /// A ticket for `phone`, valid long enough to receive a code and then register within the
    /// verified-phone window (or for `lifetime` seconds). Expired tickets are swept on the way.
    public func ticket(for phone: String, lifetime: TimeInterval? = nil) async throws -> PhoneTicket {
        guard Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
        let now = environment.clock.now()
        let settings = environment.settings
        let ticket = PhoneTicket(token: SecureRandom.token(), phone: phone,
                                 expiresAt: now.addingTimeInterval(lifetime ?? settings.codeLifetime + settings.phoneVerifiedWindow))
        try await environment.store.write { db in
            try db.deletePhoneTickets(expiredAt: now)
            try db.insertPhoneTicket(ticket)
        }
        return ticket
    }

    /// The phone behind a live ticket; nil for a missing, unknown or expired one.
    public func phone(ticket token: String?) async throws -> String? {
        guard let token, token.count == 32, token.allSatisfy(\.isHexDigit) else { return nil }
        let now = environment.clock.now()
        return try await environment.store.read { db in
            guard let ticket = try db.phoneTicket(token: token), ticket.expiresAt > now else { return nil }
            return ticket.phone
        }
    }
}
