import Foundation

public struct FollowService: Sendable {
    let environment: CoreEnvironment

    /// `followerID` starts or stops following `followeeID`. Following twice, or stopping when not
    /// following, changes nothing. Someone a user has blacklisted may not follow them, whichever
    /// dialect asks.
    public func set(_ followerID: Int64, follows followeeID: Int64, _ on: Bool) async throws {
        guard followerID != followeeID else { throw CoreError(.followSelf) }
        try await environment.store.write { db in
            guard try db.user(id: followeeID) != nil else { throw CoreError(.userNotFound) }
            if on, try db.isBlacklisted(followeeID, followerID) { throw CoreError(.blocked) }
            try db.setFollowing(followerID, followeeID, on)
        }
    }

    public func isFollowing(_ followerID: Int64, _ followeeID: Int64) async throws -> Bool {
        try await environment.store.read { try $0.isFollowing(followerID, followeeID) }
    }

    public func counts(of userID: Int64) async throws -> (following: Int, followers: Int) {
        try await environment.store.read { db in
            (try db.followingCount(of: userID), try db.followerCount(of: userID))
        }
    }
}
