import Foundation

/// What a limit counts: the store's scope names. Typed so that a check and the count it reads can
/// never disagree on the spelling.
enum LimitScope: String {
    /// Codes sent at the request of one address, to one number prefix, and in total.
    case smsSource = "sms.source", smsPrefix = "sms.prefix", smsTotal = "sms.total"
    /// Wrong codes entered for one phone, from one address, and in total.
    case guessPhone = "guess.phone", guessSource = "guess.source", guessTotal = "guess.total"
    /// Failed logins of one account from one address, from one address, and of one account.
    case loginAccountSource = "login.account-source", loginSource = "login.source", loginAccount = "login.account"
    /// Addresses an account logged in from, which its own failures do not shut out.
    case knownSource = "login.known"
}

/// The key of the "in total" counters.
let everyone = "*"

extension StoreReader {
    /// Whether `key` of `scope` already reached `limit` in its current window.
    func isExhausted(_ scope: LimitScope, _ key: String, _ limit: RateLimit, now: Date) throws -> Bool {
        guard let counter = try limitCounter(scope: scope.rawValue, key: key),
              now.timeIntervalSince(counter.windowStart) < limit.window else { return false }
        return counter.count >= limit.maximum
    }
}

extension StoreWriter {
    /// Counts one event of `key` in `scope`, starting a new window when the last one has passed.
    func record(_ scope: LimitScope, _ key: String, _ limit: RateLimit, now: Date) throws {
        var counter = try limitCounter(scope: scope.rawValue, key: key)
            .flatMap { now.timeIntervalSince($0.windowStart) < limit.window ? $0 : nil }
            ?? LimitCounter(scope: scope.rawValue, key: key, windowStart: now, count: 0, last: now)
        counter.count += 1
        counter.last = now
        try saveLimitCounter(counter)
    }

    /// Uncounts one event that turned out not to be a failure.
    func takeBack(_ scope: LimitScope, _ key: String) throws {
        guard var counter = try limitCounter(scope: scope.rawValue, key: key), counter.count > 0 else { return }
        counter.count -= 1
        try saveLimitCounter(counter)
    }
}

/// The core's limits as settings: what each counts, how many, per how long.
public struct LimitSettings: Sendable {
    /// SMS codes sent at the request of one address.
    public var smsPerSource = RateLimit(10, per: 3600)
    /// SMS codes sent to one number prefix (the first seven digits, a carrier's block of 10,000):
    /// pumping walks a block, real users are spread over thousands of them.
    public var smsPerPrefix = RateLimit(100, per: 3600)
    /// SMS codes sent by the whole gateway (and every gateway on its database).
    public var smsTotal = RateLimit(5000, per: 3600)
    /// Wrong codes entered for one phone, whatever the code and the address.
    public var guessesPerPhone = RateLimit(10, per: 900)
    /// Wrong codes entered from one address, whatever the phone.
    public var guessesPerSource = RateLimit(10, per: 600)
    /// Wrong codes entered in total.
    public var guessesTotal = RateLimit(2000, per: 600)
    /// Failed logins of one account from one address before each further attempt waits.
    public var loginFreeFailures = 5
    /// The first wait after the free failures; each further failure doubles it, up to the maximum.
    public var loginBaseDelay: Double = 1
    public var loginMaxDelay: Double = 900
    /// Failed logins from one address, whatever the account (password spraying).
    public var loginPerSource = RateLimit(50, per: 900)
    /// Failed logins of one account from every address; past it, only addresses the account logged
    /// in from within `knownSourceLifetime` may try.
    public var loginPerAccount = RateLimit(100, per: 3600)
    public var knownSourceLifetime: Double = 30 * 86_400

    public init() {}
}
