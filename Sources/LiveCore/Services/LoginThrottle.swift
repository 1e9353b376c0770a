import Foundation

/// Failed-login throttling, shared by every dialect since one account logs in through all four.
///
/// - Per account and address: `loginFreeFailures` failures are free; after them each attempt must
///   wait `loginBaseDelay` doubled per further failure (up to `loginMaxDelay`) after the last
///   failure, and is refused without running bcrypt until then. A success resets it.
/// - Per address, any account: `loginPerSource` failures in its window refuse that address.
/// - Per account, every address: past `loginPerAccount` failures in its window, only addresses the
///   account logged in from lately may try.
///
/// The trade-off: throttling an account from everywhere would let an attacker lock its owner out
/// from any address, so an account's own counter only shuts out addresses it has never logged in
/// from. A distributed guesser is slowed by the per-account counter; the owner, at home, is not.
struct LoginThrottle {
    let limits: LimitSettings

    /// Refuses the attempt before the password is checked, when any counter says so.
    func check(userID: Int64?, from source: ClientSource, in db: any StoreReader, now: Date) throws {
        if !source.exempt, try db.isExhausted(.loginSource, source.address, limits.loginPerSource, now: now) {
            throw CoreError(.tooManyAttempts, "failed logins per source")
        }
        guard let userID else { return }
        let pair = "\(userID)|\(source.address)"
        if let counter = try db.limitCounter(scope: LimitScope.loginAccountSource.rawValue, key: pair),
           counter.count >= limits.loginFreeFailures {
            let doublings = Double(min(counter.count - limits.loginFreeFailures, 30))
            let wait = min(limits.loginBaseDelay * pow(2, doublings), limits.loginMaxDelay)
            if now.timeIntervalSince(counter.last) < wait {
                throw CoreError(.tooManyAttempts, "failed logins of one account from one source")
            }
        }
        if try db.isExhausted(.loginAccount, "\(userID)", limits.loginPerAccount, now: now),
           !(try isKnown(userID: userID, source: source, in: db, now: now)) {
            throw CoreError(.tooManyAttempts, "failed logins of one account")
        }
    }

    func recordFailure(userID: Int64?, from source: ClientSource, in db: any StoreWriter, now: Date) throws {
        if !source.exempt { try db.record(.loginSource, source.address, limits.loginPerSource, now: now) }
        guard let userID else { return }
        // The pair's counter lives until a success or a day without failures.
        try db.record(.loginAccountSource, "\(userID)|\(source.address)", RateLimit(Int.max, per: 86_400), now: now)
        try db.record(.loginAccount, "\(userID)", limits.loginPerAccount, now: now)
    }

    /// Takes back the attempt `recordFailure` counted, forgets the pair's failures and remembers
    /// the address as one the account logs in from.
    func recordSuccess(userID: Int64, from source: ClientSource, in db: any StoreWriter, now: Date) throws {
        let pair = "\(userID)|\(source.address)"
        try db.deleteLimitCounter(scope: LimitScope.loginAccountSource.rawValue, key: pair)
        try db.takeBack(.loginAccount, "\(userID)")
        if !source.exempt { try db.takeBack(.loginSource, source.address) }
        try db.saveLimitCounter(LimitCounter(scope: LimitScope.knownSource.rawValue, key: pair,
                                             windowStart: now, count: 1, last: now))
    }

    private func isKnown(userID: Int64, source: ClientSource, in db: any StoreReader, now: Date) throws -> Bool {
        guard let known = try db.limitCounter(scope: LimitScope.knownSource.rawValue, key: "\(userID)|\(source.address)") else {
            return false
        }
        return now.timeIntervalSince(known.last) < limits.knownSourceLifetime
    }
}
