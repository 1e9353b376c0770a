import Foundation

public struct SessionService: Sendable {
    let environment: CoreEnvironment

    /// Starts a session for `userID`, minted by `issuer` under `policy`.
    public func mint(userID: Int64, issuer: String, policy: SessionPolicy) async throws -> Session {
        let now = environment.clock.now()
        let session = Session(token: SecureRandom.token(), userID: userID, issuer: issuer, createdAt: now,
                              lastSeenAt: now, lifetime: policy.lifetime, sliding: policy.sliding)
        try await environment.store.write { db in
            if policy.exclusivePerIssuer {
                try db.deleteSessions(userID: userID, issuer: issuer)
            }
            try db.insertSession(session)
        }
        return session
    }

    /// The live session behind `token` and its user. Sliding sessions are extended by this use;
    /// a banned user is refused even with a live token. Most calls only read: the single SQLite
    /// writer is taken only to drop an expired session or to slide a stale `lastSeenAt`.
    public func authenticate(_ token: String?) async throws -> (session: Session, user: User) {
        guard let token, !token.isEmpty else { throw CoreError(.missingToken) }
        let now = environment.clock.now()
        let found: (Session, User?)? = try await environment.store.read { db in
            guard let session = try db.session(token: token) else { return nil }
            return (session, try db.user(id: session.userID))
        }
        guard case (var session, let owner)? = found else { throw CoreError(.invalidToken) }
        guard !session.isExpired(at: now), let user = owner else {
            try await environment.store.write { db in try db.deleteSession(token: token) }
            throw CoreError(.invalidToken)
        }
        // Touch sparingly: a write per request buys nothing the next few seconds would not.
        if session.sliding, now.timeIntervalSince(session.lastSeenAt) >= min(30, session.lifetime / 100) {
            try await environment.store.write { db in try db.touchSession(token: token, at: now) }
            session.lastSeenAt = now
        }
        try AccountService.checkNotBanned(user, at: now)
        return (session, user)
    }

    public func revoke(_ token: String) async throws {
        try await environment.store.write { db in try db.deleteSession(token: token) }
    }

    public func revokeAll(userID: Int64, issuer: String? = nil) async throws {
        try await environment.store.write { db in try db.deleteSessions(userID: userID, issuer: issuer) }
    }
}
