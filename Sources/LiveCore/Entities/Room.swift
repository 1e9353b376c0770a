public import Foundation

/// A user's persistent live room: at most one per user, created explicitly.
public struct Room: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var ownerID: Int64
    /// The public room number some dialects show beside the id.
    public var number: Int64
    /// A free label some clients set (REST `room_alias`).
    public var alias: String
    public var name: String
    public var description: String
    public var topic: String
    public var anchorPassword: String
    public var assistPassword: String
    public var viewerPassword: String
    public var live: LiveState
    public var createdAt: Date

    public init(id: Int64, ownerID: Int64, number: Int64, alias: String, name: String = "",
                description: String = "", topic: String = "", anchorPassword: String = "",
                assistPassword: String = "", viewerPassword: String = "", live: LiveState = .idle,
                createdAt: Date) {
        self.id = id
        self.ownerID = ownerID
        self.number = number
        self.alias = alias
        self.name = name
        self.description = description
        self.topic = topic
        self.anchorPassword = anchorPassword
        self.assistPassword = assistPassword
        self.viewerPassword = viewerPassword
        self.live = live
        self.createdAt = createdAt
    }

    public func isLive(at now: Date) -> Bool { live.isLive(at: now) }
}

/// The one live flag every dialect reads and writes.
public enum LiveState: Sendable, Equatable {
    case idle
    /// Live since `since`; with a heartbeat, it lapses when `deadline` passes without another one.
    case live(since: Date, deadline: Date?)

    public func isLive(at now: Date) -> Bool {
        switch self {
        case .idle: return false
        case .live(_, let deadline): return deadline.map { $0 > now } ?? true
        }
    }

    public var since: Date? {
        if case .live(let since, _) = self { return since }
        return nil
    }
}

/// What a caller sees of a room: the room, its owner and the counters that are derived, not stored.
public struct RoomView: Sendable, Equatable {
    public var room: Room
    public var owner: User
    public var isLive: Bool
    public var followCount: Int
    public var viewerCount: Int
    /// Whether the caller follows the owner; false without a caller.
    public var isFollowed: Bool
    public var stream: StreamInfo
    /// The owner's avatar address (an external URL, or the path of a picture stored here).
    public var ownerAvatar: String?

    public init(room: Room, owner: User, isLive: Bool, followCount: Int, viewerCount: Int,
                isFollowed: Bool, stream: StreamInfo, ownerAvatar: String? = nil) {
        self.ownerAvatar = ownerAvatar
        self.room = room
        self.owner = owner
        self.isLive = isLive
        self.followCount = followCount
        self.viewerCount = viewerCount
        self.isFollowed = isFollowed
        self.stream = stream
    }
}
