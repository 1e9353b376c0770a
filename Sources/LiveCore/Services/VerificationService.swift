import Foundation

/// SMS codes: issued once per phone per interval, checked against what was issued to the phone the
/// request names, spent on use. Sends are bounded per phone, per requesting address, per number
/// prefix and in total; wrong guesses per code, per phone, per address and in total.
public struct VerificationService: Sendable {
    let environment: CoreEnvironment

    /// Issues a 4-digit code to `phone` and hands it to the SMS sender. Returns the code, which
    /// some legacy dialects echo back to their clients.
    @discardableResult
    public func issue(to phone: String, requireUnregistered: Bool = false, from source: ClientSource) async throws -> String {
        guard Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
        let now = environment.clock.now()
        let settings = environment.settings
        let limits = settings.limits
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
            let prefix = String(phone.prefix(7))
            if !source.exempt, try db.isExhausted(.smsSource, source.address, limits.smsPerSource, now: now) {
                throw CoreError(.codeLimitReached, "sms per source")
            }
            if try db.isExhausted(.smsPrefix, prefix, limits.smsPerPrefix, now: now) {
                throw CoreError(.codeLimitReached, "sms per prefix")
            }
            if try db.isExhausted(.smsTotal, everyone, limits.smsTotal, now: now) {
                throw CoreError(.codeLimitReached, "sms in total")
            }
            if !source.exempt { try db.record(.smsSource, source.address, limits.smsPerSource, now: now) }
            try db.record(.smsPrefix, prefix, limits.smsPerPrefix, now: now)
            try db.record(.smsTotal, everyone, limits.smsTotal, now: now)
            // Counters that can no longer refuse anything go on the way; sends are rare and bounded.
            try db.deleteLimitCounters(lastBefore: now.addingTimeInterval(-2 * 86_400))
            // Each code is drawn on its own: it is only ever checked against the phone it was sent
            // to, so two phones holding the same digits cannot spend each other's codes.
            let code = SecureRandom.digits(4)
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
    public func verify(phone: String, code: String, from source: ClientSource) async throws {
        guard Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
        let now = environment.clock.now()
        let settings = environment.settings
        try await environment.store.write { db in
            try Self.consume(code: code, phone: phone, from: source, in: db, now: now, settings: settings)
        }
    }

    public func isVerified(phone: String) async throws -> Bool {
        let now = environment.clock.now()
        return try await environment.store.read { db in
            try db.phoneVerifiedUntil(phone).map { $0 > now } ?? false
        }
    }

    /// The shared check: the newest unspent, unexpired code of `phone` must equal `code`. A source,
    /// phone or gateway that guessed wrong too often is refused before any code is looked at. A
    /// wrong attempt counts against the code (the last allowed one kills it), the phone, the source
    /// and the total. Inside the caller's transaction, so a registration that fails afterwards does
    /// not spend the code.
    static func consume(code: String, phone: String, from source: ClientSource, in db: any StoreWriter,
                        now: Date, settings: CoreSettings) throws {
        let limits = settings.limits
        if !source.exempt, try db.isExhausted(.guessSource, source.address, limits.guessesPerSource, now: now) {
            throw CoreError(.tooManyAttempts, "code guesses per source")
        }
        if try db.isExhausted(.guessPhone, phone, limits.guessesPerPhone, now: now) {
            throw CoreError(.tooManyAttempts, "code guesses per phone")
        }
        if try db.isExhausted(.guessTotal, everyone, limits.guessesTotal, now: now) {
            throw CoreError(.tooManyAttempts, "code guesses in total")
        }
        func wrong(_ kind: CoreError.Kind) throws -> Never {
            if !source.exempt { try db.record(.guessSource, source.address, limits.guessesPerSource, now: now) }
            try db.record(.guessPhone, phone, limits.guessesPerPhone, now: now)
            try db.record(.guessTotal, everyone, limits.guessesTotal, now: now)
            // The failed attempt must be remembered even though the caller's work is refused.
            throw CommitThenFail(CoreError(kind))
        }
        guard !code.isEmpty, code.count <= 16 else { throw CoreError(.codeInvalid) }
        guard var latest = try db.latestCode(phone: phone), !latest.consumed, latest.expiresAt > now else {
            try wrong(.codeInvalid)
        }
        guard latest.code == code else {
            latest.failedAttempts += 1
            let exhausted = latest.failedAttempts >= settings.codeMaxAttempts
            if exhausted { latest.consumed = true }
            try db.updateCode(latest)
            try wrong(exhausted ? .codeExhausted : .codeInvalid)
        }
        latest.consumed = true
        try db.updateCode(latest)
        try db.setPhoneVerified(phone, until: now.addingTimeInterval(settings.phoneVerifiedWindow))
    }
}
