import Foundation

extension Core {
    /// Follows that respect blacklists, follow lists, and the blacklists themselves.
    public var social: SocialService { SocialService(environment: environment) }
    /// Private letters between two users.
    public var letters: LetterService { LetterService(environment: environment) }
    /// Bans, reports, real-name data and the operator's switches and notice.
    public var moderation: ModerationService { ModerationService(environment: environment) }
    /// Things a user may do once a day.
    public var daily: DailyService { DailyService(environment: environment) }
}

/// Follows seen as a social graph: a user someone blacklisted cannot follow them, lists carry
/// whether the relation goes both ways.
public struct SocialService: Sendable {
    let environment: CoreEnvironment

    /// Largest page a list returns, whatever a dialect asks.
    static let maxPage = 100

    /// `followerID` follows `followeeID`, unless that user blacklisted them. Following twice
    /// changes nothing.
    public func follow(_ followerID: Int64, _ followeeID: Int64) async throws {
        try await FollowService(environment: environment).set(followerID, follows: followeeID, true)
    }

    /// Stops following; `notFollowing` when there was nothing to stop.
    public func unfollow(_ followerID: Int64, _ followeeID: Int64) async throws {
        try await environment.store.write { db in
            guard try db.user(id: followeeID) != nil else { throw CoreError(.userNotFound) }
            guard try db.isFollowing(followerID, followeeID) else { throw CoreError(.notFollowing) }
            try db.setFollowing(followerID, followeeID, false)
        }
    }

    /// Whether `followerID` follows `followeeID`; `userNotFound` for an unknown followee.
    public func isFollowing(_ followerID: Int64, _ followeeID: Int64) async throws -> Bool {
        try await environment.store.read { db in
            guard try db.user(id: followeeID) != nil else { throw CoreError(.userNotFound) }
            return try db.isFollowing(followerID, followeeID)
        }
    }

    /// A page of the users `userID` follows, the newest first, each with whether they follow back.
    public func following(of userID: Int64, offset: Int, limit: Int) async throws -> [(entry: FollowEntry, mutual: Bool)] {
        let (offset, limit) = Self.bounded(offset, limit)
        return try await environment.store.read { db in
            try db.following(of: userID, offset: offset, limit: limit).map { ($0, try db.isFollowing($0.user.id, userID)) }
        }
    }

    /// A page of `userID`'s followers, the newest first, each with whether `userID` follows them back;
    /// and how many followers there are in all.
    public func followers(of userID: Int64, offset: Int, limit: Int) async throws
        -> (page: [(entry: FollowEntry, mutual: Bool)], total: Int) {
        let (offset, limit) = Self.bounded(offset, limit)
        return try await environment.store.read { db in
            let page = try db.followers(of: userID, offset: offset, limit: limit).map { ($0, try db.isFollowing(userID, $0.user.id)) }
            return (page, try db.followerCount(of: userID))
        }
    }

    // MARK: Blacklist

    /// `ownerID` blacklists `targetID`: the target's follow of the owner ends, and the target can
    /// neither follow nor write to the owner until taken off. Adding twice changes nothing.
    public func blacklist(_ ownerID: Int64, _ targetID: Int64) async throws {
        guard ownerID != targetID else { throw CoreError.invalid(.blacklistTarget) }
        let now = environment.clock.now()
        try await environment.store.write { db in
            guard try db.user(id: targetID) != nil else { throw CoreError(.userNotFound) }
            try db.setBlacklisted(ownerID, targetID, true, at: now)
            try db.setFollowing(targetID, ownerID, false)
        }
    }

    /// Takes `targetID` off `ownerID`'s blacklist; removing one who is not there changes nothing.
    public func unblacklist(_ ownerID: Int64, _ targetID: Int64) async throws {
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
    public func blacklist(of ownerID: Int64, offset: Int, limit: Int) async throws -> [User] {
        let (offset, limit) = Self.bounded(offset, limit)
        return try await environment.store.read { try $0.blacklist(of: ownerID, offset: offset, limit: limit) }
    }

    static func bounded(_ offset: Int, _ limit: Int) -> (Int, Int) {
        (max(0, offset), min(maxPage, max(0, limit)))
    }
}
