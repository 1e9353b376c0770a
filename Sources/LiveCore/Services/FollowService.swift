import Foundation

/// Follows, for every dialect: one rule set. A user someone blacklisted cannot follow them; lists
/// carry whether the relation goes both ways.
public struct FollowService: Sendable {
    let environment: CoreEnvironment

    /// `followerID` starts or stops following `followeeID`. Following twice, or stopping when not
    /// following, changes nothing (the dialects whose clients toggle).
    public func set(_ followerID: Int64, follows followeeID: Int64, _ on: Bool) async throws {
        guard followerID != followeeID else { throw CoreError(.followSelf) }
        try await environment.store.write { db in
            guard try db.user(id: followeeID) != nil else { throw CoreError(.userNotFound) }
            if on, try db.isBlacklisted(followeeID, followerID) { throw CoreError(.blocked) }
            try db.setFollowing(followerID, followeeID, on)
        }
    }

    /// `followerID` follows `followeeID`, unless that user blacklisted them. Following twice
    /// changes nothing.
    public func follow(_ followerID: Int64, _ followeeID: Int64) async throws {
        try await set(followerID, follows: followeeID, true)
    }

    /// Stops following; `notFollowing` when there was nothing to stop (the dialects that report it).
    public func unfollow(_ followerID: Int64, _ followeeID: Int64) async throws {
        try await environment.store.write { db in
            guard try db.user(id: followeeID) != nil else { throw CoreError(.userNotFound) }
            guard try db.isFollowing(followerID, followeeID) else { throw CoreError(.notFollowing) }
            try db.setFollowing(followerID, followeeID, false)
        }
    }

    /// Whether `followerID` follows `followeeID`. With `requireFollowee`, an unknown followee is
    /// `userNotFound` rather than simply not followed.
    public func isFollowing(_ followerID: Int64, _ followeeID: Int64, requireFollowee: Bool = false) async throws -> Bool {
        try await environment.store.read { db in
            if requireFollowee, try db.user(id: followeeID) == nil { throw CoreError(.userNotFound) }
            return try db.isFollowing(followerID, followeeID)
        }
    }

    public func counts(of userID: Int64) async throws -> (following: Int, followers: Int) {
        try await environment.store.read { db in
            (try db.followingCount(of: userID), try db.followerCount(of: userID))
        }
    }

    /// A page of the users `userID` follows, the newest first, each with whether they follow back.
    public func following(of userID: Int64, offset: Int, limit: Int) async throws -> [(entry: FollowEntry, mutual: Bool)] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.read { db in
            let page = try db.following(of: userID, offset: offset, limit: limit)
            let back = try db.following(userID, among: page.map(\.user.id))
            return page.map { ($0, back.contains($0.user.id)) }
        }
    }

    /// A page of `userID`'s followers, the newest first, each with whether `userID` follows them back;
    /// and how many followers there are in all.
    public func followers(of userID: Int64, offset: Int, limit: Int) async throws
        -> (page: [(entry: FollowEntry, mutual: Bool)], total: Int) {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.read { db in
            let page = try db.followers(of: userID, offset: offset, limit: limit)
            let back = try db.followed(by: userID, among: page.map(\.user.id))
            return (page.map { ($0, back.contains($0.user.id)) }, try db.followerCount(of: userID))
        }
    }
}

/// Pages of lists, bounded whatever a dialect asks.
enum Paging {
    static let maxPage = 100

    static func bounded(_ offset: Int, _ limit: Int) -> (Int, Int) {
        (max(0, offset), min(maxPage, max(0, limit)))
    }
}
