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
    /// a banned user is refused even with a live token.
    public func authenticate(_ token: String?) async throws -> (session: Session, user: User) {
        guard let token, !token.isEmpty else { throw CoreError(.missingToken) }
        let now = environment.clock.now()
        let found: (Session, User)? = try await environment.store.write { db in
            guard let session = try db.session(token: token) else { return nil }
            if session.isExpired(at: now) {
                try db.deleteSession(token: token)
                return nil
            }
            guard let user = try db.user(id: session.userID) else {
                try db.deleteSession(token: token)
                return nil
            }
            var current = session
            // Touch sparingly: a write per request buys nothing the next minute would not.
            if session.sliding, now.timeIntervalSince(session.lastSeenAt) >= min(30, session.lifetime / 100) {
                try db.touchSession(token: token, at: now)
                current.lastSeenAt = now
            }
            return (current, user)
        }
        guard let (session, user) = found else { throw CoreError(.invalidToken) }
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
