/// The one error type of the core. Dialects never see anything else from a service: each renders
/// a `Kind` through its own table of codes.
public struct CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// A parameter is missing, malformed or out of range; `detail` names it.
        case invalidParameter
        /// No session token was presented.
        case missingToken
        /// The token is unknown, revoked or expired.
        case invalidToken
        /// The token belongs to another user than the one named in the request.
        case tokenUserMismatch
        case userNotFound
        case wrongPassword
        case accountTaken
        case phoneTaken
        case emailTaken
        case nicknameTaken
        case phoneNotRegistered
        /// The SMS code is wrong, expired or already used.
        case codeInvalid
        /// Too many wrong attempts: the code is dead.
        case codeExhausted
        /// A code was asked for again before the resend interval passed.
        case codeTooSoon
        /// A bound on sending codes refused this one: the phone's daily number, or the requesting
        /// address's, the number prefix's or the gateway's hourly number. Nothing was sent.
        case codeLimitReached
        /// Too many failed attempts (wrong codes, wrong passwords) from this address, for this
        /// phone or account, or in total: refused before anything was checked.
        case tooManyAttempts
        /// An operation that needs a recently verified phone got one that is not.
        case phoneNotVerified
        case roomNotFound
        /// The caller does not own the thing it tries to change.
        case notOwner
        /// The caller is not an administrator.
        case notAdministrator
        case invalidImage
        case imageTooLarge
        case bannedTemporarily
        case bannedPermanently
        case followSelf
        case notFollowing
        /// The other user has blacklisted the caller.
        case blocked
        case letterToSelf
        case conversationNotFound
        /// A once-a-period action was already done.
        case alreadyDone
        case broadcastNotFound
        case broadcastFinished
        case notLive
        case limitReached
        case alreadySet
        /// The request, or a part of it, is larger than the gateway accepts.
        case contentTooLarge
        case internalError
    }

    public let kind: Kind
    /// The canonical field a core rule refused (`invalidParameter` from a service).
    public let field: CoreField?
    /// Free text for logs; for a parameter a dialect itself refused, that parameter's wire name.
    public let detail: String?

    public init(_ kind: Kind, _ detail: String? = nil) {
        self.kind = kind
        self.field = nil
        self.detail = detail
    }

    public init(_ kind: Kind, field: CoreField) {
        self.kind = kind
        self.field = field
        self.detail = nil
    }

    /// A canonical field broke a core rule; each dialect's error table names it its own way.
    public static func invalid(_ field: CoreField) -> CoreError { CoreError(.invalidParameter, field: field) }

    public var description: String {
        if let field { return "\(kind.rawValue): \(field)" }
        return detail.map { "\(kind.rawValue): \($0)" } ?? kind.rawValue
    }
}

/// The fields the core validates, named canonically. No dialect's wire name appears here: each
/// dialect's `ErrorTable` maps a field to the parameter its clients send (QPlus `liveRoomName`,
/// REST `room_alias`, …), and to a code where its document reserves one.
public enum CoreField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    // Accounts and profiles.
    case account, phone, email, password, nickname, signature, location, avatar, age
    case country, province, city, career, school
    // Third-party identities.
    case provider, externalID
    // Rooms.
    case roomName, roomDescription, roomTopic, anchorPassword, assistPassword, viewerPassword, roomAlias, searchText
    // Broadcasts and playbacks.
    case broadcastTitle, gameType, cover
    // Social and moderation.
    case blacklistTarget, reportTarget, reportDescription, letterText, banDuration
    case realName, identification, birthday, notice

    /// The canonical name (the case's own), for logs and for dialects with no name of their own.
    public var description: String { rawValue }
}
