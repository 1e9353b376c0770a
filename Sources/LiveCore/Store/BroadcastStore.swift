public import Foundation

/// Statements of the broadcast domain: broadcasts, their audiences, playbacks and recommendations.
///
/// "Open" is started and not finished; "prepared" is neither started nor finished; a "playback" is
/// finished, kept and not deleted. "Live at `now`" is open with the room live at `now` (the rooms'
/// one definition of live).
public protocol BroadcastStoreReader {
    func broadcast(id: String) throws -> Broadcast?
    /// The room's open broadcast (at most one).
    func openBroadcast(roomID: Int64) throws -> Broadcast?
    /// The owner's prepared broadcast (at most one).
    func preparedBroadcast(ownerID: Int64) throws -> Broadcast?
    /// Broadcasts live at `now`, the most recently started first.
    func liveBroadcasts(at now: Date, offset: Int, limit: Int) throws -> [Broadcast]
    func liveBroadcastCount(at now: Date) throws -> Int
    /// Broadcasts live at `now` of the users `followerID` follows, the most recently started first.
    func followedLiveBroadcasts(of followerID: Int64, at now: Date, offset: Int, limit: Int) throws -> [Broadcast]
    func followedLiveBroadcastCount(of followerID: Int64, at now: Date) throws -> Int
    /// Every playback: recommended ones first (latest recommendation first), then the latest finished.
    func playbacks(offset: Int, limit: Int) throws -> [Broadcast]
    /// The owner's playbacks, the latest finished first.
    func playbacks(ownerID: Int64) throws -> [Broadcast]
    func playbackCount(ownerID: Int64) throws -> Int
    /// The owner's recommended playback, if any.
    func recommendedPlayback(ownerID: Int64) throws -> Broadcast?
    /// Distinct viewers recorded for the broadcast.
    func broadcastViewerCount(id: String) throws -> Int
    /// The users present in the room, in the order they came, `excluding` one (the owner).
    func presentUsers(roomID: Int64, excluding: Int64?, offset: Int, limit: Int) throws -> [User]
    func presentUserCount(roomID: Int64, excluding: Int64?) throws -> Int
    /// Open broadcasts that are no longer live at `now`: their room is gone, idle, lapsed, or live
    /// again in a later session than theirs.
    func staleBroadcasts(at now: Date) throws -> [Broadcast]
    /// Rooms live at `now` with no open broadcast.
    func liveRoomsWithoutBroadcast(at now: Date) throws -> [Room]
    /// Whether either of the two lists above is non-empty (one cheap query).
    func broadcastsNeedSettling(at now: Date) throws -> Bool
    /// The cover picture address the user last set, if any.
    func cover(userID: Int64) throws -> String?
}

public protocol BroadcastStoreWriter {
    /// Inserts a broadcast; an id already taken is a `StoreConflict`.
    func insertBroadcast(_ broadcast: Broadcast) throws
    func updateBroadcast(_ broadcast: Broadcast) throws
    func deleteBroadcast(id: String) throws
    /// Records `userID` among the broadcast's viewers (once).
    func addBroadcastViewer(id: String, userID: Int64) throws
    /// Moves every recorded viewer of one broadcast to another.
    func moveBroadcastViewers(from: String, to: String) throws
    func setCover(userID: Int64, address: String, at: Date) throws
}
