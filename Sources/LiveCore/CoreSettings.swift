public import Foundation

/// Tunables of the core. Every one is a `serve` setting in the gateway.
public struct CoreSettings: Sendable {
    public var bcryptCost: UInt8 = 10
    /// How long an SMS code stays valid.
    public var codeLifetime: TimeInterval = 300
    /// How soon the same phone may ask for another code.
    public var codeResendInterval: TimeInterval = 60
    public var codeDailyLimit: Int = 10
    /// Wrong attempts after which a code is dead.
    public var codeMaxAttempts: Int = 5
    /// How long a verified phone may go on to register.
    public var phoneVerifiedWindow: TimeInterval = 1800
    public var maxImageBytes: Int = 2 * 1024 * 1024
    public var streamDomains = StreamDomains()
    /// A room live without heartbeats lapses after this long unless the dialect says otherwise.
    public var defaultHeartbeat: TimeInterval = 60
    /// Bounds on SMS sends, code guesses and failed logins.
    public var limits = LimitSettings()

    public init() {}
}

/// Everything a service needs from the outside world.
public struct CoreEnvironment: Sendable {
    public var store: any Store
    public var clock: any CoreClock
    public var hasher: any PasswordHasher
    public var sms: any SMSSender
    public var mediaStorage: any MediaStorage
    public var settings: CoreSettings
    /// Checks third-party access tokens (WeChat, QQ, Weibo logins). Accepts every token by default.
    public var thirdPartyVerifier: any ThirdPartyTokenVerifier = AcceptingThirdPartyTokenVerifier()
    /// Shared by every copy of the environment: when broadcast reads last checked for lapses.
    let settleSchedule = SettleSchedule()

    public init(store: any Store, clock: any CoreClock = SystemClock(), hasher: any PasswordHasher,
                sms: any SMSSender, mediaStorage: any MediaStorage, settings: CoreSettings) {
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.sms = sms
        self.mediaStorage = mediaStorage
        self.settings = settings
    }
}

/// The canonical core: one set of services that every dialect adapter calls.
public struct Core: Sendable {
    /// The store and the outside world, for the services only: a dialect reaches data through a
    /// service, never through the store.
    let environment: CoreEnvironment
    public let accounts: AccountService
    public let sessions: SessionService
    public let verification: VerificationService
    public let rooms: RoomService
    public let follows: FollowService
    public let media: MediaService
    public let streams: StreamService

    public init(environment: CoreEnvironment) {
        self.environment = environment
        let streams = StreamService(environment: environment)
        self.streams = streams
        self.accounts = AccountService(environment: environment)
        self.sessions = SessionService(environment: environment)
        self.verification = VerificationService(environment: environment)
        self.rooms = RoomService(environment: environment, streams: streams)
        self.follows = FollowService(environment: environment)
        self.media = MediaService(environment: environment)
    }

    public func now() -> Date { environment.clock.now() }

    /// The checker of third-party access tokens the dialects with third-party logins use.
    public var thirdPartyVerifier: any ThirdPartyTokenVerifier { environment.thirdPartyVerifier }
}
