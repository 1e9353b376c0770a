public import Foundation

/// How long a session lives and whether use extends it. Each dialect mints with its own policy;
/// the policy travels with the session, so a token minted by one dialect keeps its rule everywhere.
public struct SessionPolicy: Sendable, Equatable {
    public var lifetime: TimeInterval
    /// Sliding sessions expire `lifetime` after their last use; fixed ones `lifetime` after issue.
    public var sliding: Bool
    /// Minting revokes the user's other sessions from the same issuer (one device per dialect).
    public var exclusivePerIssuer: Bool

    public init(lifetime: TimeInterval, sliding: Bool, exclusivePerIssuer: Bool = false) {
        self.lifetime = lifetime
        self.sliding = sliding
        self.exclusivePerIssuer = exclusivePerIssuer
    }
}

public struct Session: Sendable, Equatable {
    /// 32 lowercase hex characters from a CSPRNG.
    public var token: String
    public var userID: Int64
    /// The name of the dialect that minted it: an opaque tag to the core.
    public var issuer: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var lifetime: TimeInterval
    public var sliding: Bool

    public init(token: String, userID: Int64, issuer: String, createdAt: Date, lastSeenAt: Date,
                lifetime: TimeInterval, sliding: Bool) {
        self.token = token
        self.userID = userID
        self.issuer = issuer
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.lifetime = lifetime
        self.sliding = sliding
    }

    public var expiresAt: Date {
        (sliding ? lastSeenAt : createdAt).addingTimeInterval(lifetime)
    }

    public func isExpired(at now: Date) -> Bool { expiresAt <= now }
}
