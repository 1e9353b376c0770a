public import Foundation

/// One live session of a user's room, kept apart from the room itself. The room carries the one
/// live state every dialect reads (`Room.live`); a broadcast is the record of one stretch of it:
/// when it began and ended, its title, who watched, what it earned, and its recording.
///
/// A broadcast is *prepared* (no start yet: a client asked for its push address first), *open*
/// (started, not finished: live exactly while its room is live) or *finished*.
public struct Broadcast: Sendable, Equatable, Identifiable {
    /// What the broadcast shows as its picture.
    public enum CoverKind: Int, Sendable, CaseIterable {
        /// The cover the owner uploaded (captured in `cover` when the broadcast starts).
        case cover = 1
        /// The owner's avatar, whatever it is when read.
        case avatar = 2
    }

    /// Who opened the record.
    public enum Origin: String, Sendable {
        /// A client started it explicitly, with its own title and options.
        case started
        /// The room went live through a dialect that knows no broadcasts; the core opened it.
        case room
    }

    /// Decimal digits: `<owner id><unix seconds><1…99999>`.
    public var id: String
    public var ownerID: Int64
    /// The owner's room; nil once that room is deleted.
    public var roomID: Int64?
    public var title: String
    public var location: String
    public var coverKind: CoverKind
    /// The uploaded cover's address when `coverKind` is `.cover` ("" without one).
    public var cover: String
    /// Whether the broadcast is kept as a playback when it finishes.
    public var keepsPlayback: Bool
    /// A client-defined kind of broadcast (0: an ordinary one).
    public var gameType: Int64
    /// The delivery line the client chose (1 or 2); every line gets the same addresses.
    public var line: Int64
    public var origin: Origin
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    /// What viewers gave the owner during the broadcast, in the platform's earnings unit.
    public var earnings: Int64
    /// When the owner recommended the playback; nil when not recommended.
    public var recommendedAt: Date?
    /// The owner deleted the playback: the record stays, the playback is gone.
    public var playbackDeleted: Bool

    public init(id: String, ownerID: Int64, roomID: Int64?, title: String = "", location: String = "",
                coverKind: CoverKind = .cover, cover: String = "", keepsPlayback: Bool = false, gameType: Int64 = 0,
                line: Int64 = 1, origin: Origin = .started, createdAt: Date, startedAt: Date? = nil,
                finishedAt: Date? = nil, earnings: Int64 = 0, recommendedAt: Date? = nil, playbackDeleted: Bool = false) {
        self.id = id
        self.ownerID = ownerID
        self.roomID = roomID
        self.title = title
        self.location = location
        self.coverKind = coverKind
        self.cover = cover
        self.keepsPlayback = keepsPlayback
        self.gameType = gameType
        self.line = line
        self.origin = origin
        self.createdAt = createdAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.earnings = earnings
        self.recommendedAt = recommendedAt
        self.playbackDeleted = playbackDeleted
    }

    public var isPrepared: Bool { startedAt == nil && finishedAt == nil }
    public var isOpen: Bool { startedAt != nil && finishedAt == nil }
    public var isFinished: Bool { finishedAt != nil }
    /// A finished broadcast kept as a playback that its owner has not deleted.
    public var isPlayback: Bool { finishedAt != nil && startedAt != nil && keepsPlayback && !playbackDeleted }

    /// Whole seconds between start and finish (or `now` while open); 0 before it starts.
    public func duration(now: Date) -> Int64 {
        guard let start = startedAt else { return 0 }
        return max(0, Int64((finishedAt ?? now).timeIntervalSince(start)))
    }

    /// Broadcast ids and upload keys: `<owner id><unix seconds><1…99999>`, as the original built them.
    public static func makeID(ownerID: Int64, at date: Date) -> String {
        "\(ownerID)\(Int64(date.timeIntervalSince1970))\(Int.random(in: 1...99_999))"
    }

    /// Whether `text` can be a broadcast id at all (1 to 40 ASCII digits).
    public static func isWellFormedID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 40 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// How a broadcast starts: the options a client gives.
public struct BroadcastFields: Sendable {
    public var title: String
    public var location: String
    public var coverKind: Broadcast.CoverKind
    public var keepsPlayback: Bool
    public var gameType: Int64

    public init(title: String = "", location: String = "", coverKind: Broadcast.CoverKind = .cover,
                keepsPlayback: Bool = false, gameType: Int64 = 0) {
        self.title = title
        self.location = location
        self.coverKind = coverKind
        self.keepsPlayback = keepsPlayback
        self.gameType = gameType
    }
}

/// What a caller sees of a broadcast: the record, its owner, its room's stream and the counters
/// that are derived, not stored.
public struct BroadcastView: Sendable, Equatable {
    public var broadcast: Broadcast
    public var owner: User
    /// Live now: open, and its room live.
    public var isLive: Bool
    /// The room's audience now (0 unless live).
    public var viewersNow: Int
    /// Distinct viewers over the whole broadcast, the owner excluded.
    public var viewersTotal: Int
    /// The room's stream (the same every dialect shows); nil once the room is gone.
    public var stream: StreamInfo?
    /// The recording's address, for a playback.
    public var playbackURL: String?
    /// The picture: the captured cover, or the owner's avatar address ("" without one).
    public var coverAddress: String
    /// The owner's avatar address ("" without one).
    public var ownerAvatar: String

    public init(broadcast: Broadcast, owner: User, isLive: Bool, viewersNow: Int, viewersTotal: Int, stream: StreamInfo?,
                playbackURL: String?, coverAddress: String, ownerAvatar: String) {
        self.broadcast = broadcast
        self.owner = owner
        self.isLive = isLive
        self.viewersNow = viewersNow
        self.viewersTotal = viewersTotal
        self.stream = stream
        self.playbackURL = playbackURL
        self.coverAddress = coverAddress
        self.ownerAvatar = ownerAvatar
    }
}

/// What closing a broadcast answers.
public struct BroadcastSummary: Sendable, Equatable {
    public var broadcast: Broadcast
    /// Seconds live.
    public var duration: Int64
    /// Distinct viewers, the owner excluded.
    public var viewers: Int
    public var earnings: Int64

    public init(broadcast: Broadcast, duration: Int64, viewers: Int, earnings: Int64) {
        self.broadcast = broadcast
        self.duration = duration
        self.viewers = viewers
        self.earnings = earnings
    }
}
