import Foundation

extension Core {
    /// Who blacklisted whom; binds every dialect's follows and letters.
    public var blacklists: BlacklistService { BlacklistService(environment: environment) }
    /// Private letters between two users.
    public var letters: LetterService { LetterService(environment: environment) }
    /// Bans, reports, real-name data and the operator's switches and notice.
    public var moderation: ModerationService { ModerationService(environment: environment) }
    /// Things a user may do once a day.
    public var daily: DailyService { DailyService(environment: environment) }
}

/// Blacklists: a user someone blacklisted can neither follow nor write to them.
public struct BlacklistService: Sendable {
    let environment: CoreEnvironment

    /// `ownerID` blacklists `targetID`: the target's follow of the owner ends, and the target can
    /// neither follow nor write to the owner until taken off. Adding twice changes nothing.
    public func add(_ ownerID: Int64, _ targetID: Int64) async throws {
        guard ownerID != targetID else { throw CoreError.invalid(.blacklistTarget) }
        let now = environment.clock.now()
        try await environment.store.write { db in
            guard try db.user(id: targetID) != nil else { throw CoreError(.userNotFound) }
            try db.setBlacklisted(ownerID, targetID, true, at: now)
            try db.setFollowing(targetID, ownerID, false)
        }
    }

    /// Takes `targetID` off `ownerID`'s blacklist; removing one who is not there changes nothing.
    public func remove(_ ownerID: Int64, _ targetID: Int64) async throws {
        let now = environment.clock.now()
        try await environment.store.write { db in
            guard try db.user(id: targetID) != nil else { throw CoreError(.userNotFound) }
            try db.setBlacklisted(ownerID, targetID, false, at: now)
        }
    }

    public func isBlacklisted(_ ownerID: Int64, _ targetID: Int64) async throws -> Bool {
        try await environment.store.read { try $0.isBlacklisted(ownerID, targetID) }
    }

    /// A page of `ownerID`'s blacklist, the newest entry first.
    public func list(of ownerID: Int64, offset: Int, limit: Int) async throws -> [User] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.read { try $0.blacklist(of: ownerID, offset: offset, limit: limit) }
    }
}
