import Foundation

/// SMS codes: issued once per phone per interval, checked against what was issued, spent on use.
public struct VerificationService: Sendable {
    let environment: CoreEnvironment

    /// Issues a 4-digit code to `phone` and hands it to the SMS sender. Returns the code, which
    /// some legacy dialects echo back to their clients.
    @discardableResult
    public func issue(to phone: String, requireUnregistered: Bool = false) async throws -> String {
        guard Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
        let now = environment.clock.now()
        let settings = environment.settings
        let code: String = try await environment.store.write { db in
            if requireUnregistered, try db.user(phone: phone) != nil { throw CoreError(.phoneTaken) }
            if let last = try db.latestCode(phone: phone),
               now.timeIntervalSince(last.issuedAt) < settings.codeResendInterval {
                throw CoreError(.codeTooSoon)
            }
            let dayStart = now.addingTimeInterval(-86_400)
            if try db.codeCount(phone: phone, since: dayStart) >= settings.codeDailyLimit {
                throw CoreError(.codeLimitReached)
            }
            // Digits no other live code has, while they are easy to find, so that a code alone names
            // its phone (`verify(issued:entered:)`): two users sent the same digits would otherwise
            // spend each other's codes.
            var code = SecureRandom.digits(4)
            var tries = 0
            while tries < 16, try db.latestCode(matching: code, at: now) != nil {
                code = SecureRandom.digits(4)
                tries += 1
            }
            _ = try db.insertCode(phone: phone, code: code, issuedAt: now,
                                  expiresAt: now.addingTimeInterval(settings.codeLifetime))
            return code
        }
        let text = "Your verification code is \(code). It expires in \(Int(settings.codeLifetime / 60)) minutes."
        do {
            try await environment.sms.send(SMSMessage(phone: phone, code: code, text: text, sentAt: now))
        } catch {
            throw CoreError(.internalError, "sms: \(error)")
        }
        return code
    }

    /// Checks `code` for `phone` and spends it; the phone counts as verified for the configured window.
    public func verify(phone: String, code: String) async throws {
        let now = environment.clock.now()
        let settings = environment.settings
        try await environment.store.write { db in
            try Self.consume(code: code, phone: phone, in: db, now: now, settings: settings)
        }
    }

    /// Checks a code when the client names only the code it was sent (Pyramid's `code_v`): the
    /// newest live code with those digits decides which phone it was. Returns that phone.
    public func verify(issued: String, entered: String) async throws -> String {
        let now = environment.clock.now()
        let settings = environment.settings
        return try await environment.store.write { db in
            guard let issuedCode = try db.latestCode(matching: issued, at: now) else {
                throw CoreError(.codeInvalid)
            }
            try Self.consume(code: entered, phone: issuedCode.phone, in: db, now: now, settings: settings)
            return issuedCode.phone
        }
    }

    public func isVerified(phone: String) async throws -> Bool {
        let now = environment.clock.now()
        return try await environment.store.read { db in
            try db.phoneVerifiedUntil(phone).map { $0 > now } ?? false
        }
    }

    /// The shared check: the newest unspent, unexpired code of `phone` must equal `code`. A wrong
    /// attempt counts; the last allowed one kills the code. Inside the caller's transaction, so a
    /// registration that fails afterwards does not spend it.
    static func consume(code: String, phone: String, in db: any StoreWriter, now: Date, settings: CoreSettings) throws {
        guard !code.isEmpty, code.count <= 16 else { throw CoreError(.codeInvalid) }
        guard var latest = try db.latestCode(phone: phone), !latest.consumed, latest.expiresAt > now else {
            throw CoreError(.codeInvalid)
        }
        guard latest.code == code else {
            latest.failedAttempts += 1
            let exhausted = latest.failedAttempts >= settings.codeMaxAttempts
            if exhausted { latest.consumed = true }
            try db.updateCode(latest)
            // The failed attempt must be remembered even though the caller's work is refused.
            throw CommitThenFail(CoreError(exhausted ? .codeExhausted : .codeInvalid))
        }
        latest.consumed = true
        try db.updateCode(latest)
        try db.setPhoneVerified(phone, until: now.addingTimeInterval(settings.phoneVerifiedWindow))
    }
}

