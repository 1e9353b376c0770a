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
        /// The phone reached its daily number of codes.
        case codeLimitReached
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
        case internalError
    }

    public let kind: Kind
    public let detail: String?

    public init(_ kind: Kind, _ detail: String? = nil) {
        self.kind = kind
        self.detail = detail
    }

    public static func invalid(_ field: String) -> CoreError { CoreError(.invalidParameter, field) }

    public var description: String {
        detail.map { "\(kind.rawValue): \($0)" } ?? kind.rawValue
    }
}
