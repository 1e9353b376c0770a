import Foundation
import GRDB
import LiveCore

/// The broadcast domain's statements.
extension SQLiteTransaction {
    /// The broadcast columns every broadcast query selects (`broadcastColumns`, or `b.`-qualified),
    /// decoded by position: looking columns up by name lowercases every name on every read.
    enum BroadcastColumn: Int, CaseIterable {
        case id, ownerID, roomID, title, location, coverKind, cover, keepsPlayback, gameType, line, origin
        case createdAt, startedAt, finishedAt, earnings, recommendedAt, playbackDeleted

        var name: String {
            switch self {
            case .ownerID: return "owner_id"
            case .roomID: return "room_id"
            case .coverKind: return "cover_kind"
            case .keepsPlayback: return "keeps_playback"
            case .gameType: return "game_type"
            case .createdAt: return "created_at"
            case .startedAt: return "started_at"
            case .finishedAt: return "finished_at"
            case .recommendedAt: return "recommended_at"
            case .playbackDeleted: return "playback_deleted"
            default: return "\(self)"
            }
        }
    }

    static let broadcastColumns = BroadcastColumn.allCases.map(\.name).joined(separator: ", ")
    static let broadcastColumnsB = BroadcastColumn.allCases.map { "b." + $0.name }.joined(separator: ", ")

    private static func decodeBroadcast(_ row: Row) -> Broadcast {
        func at<T: DatabaseValueConvertible>(_ column: BroadcastColumn) -> T { row[column.rawValue] }
        func optional<T: DatabaseValueConvertible>(_ column: BroadcastColumn) -> T? { row[column.rawValue] }
        func date(_ column: BroadcastColumn) -> Date? { (optional(column) as Double?).map { Date(timeIntervalSince1970: $0) } }
        return Broadcast(
            id: at(.id), ownerID: at(.ownerID), roomID: optional(.roomID), title: at(.title),
            location: at(.location), coverKind: Broadcast.CoverKind(rawValue: at(.coverKind)) ?? .cover,
            cover: at(.cover), keepsPlayback: at(.keepsPlayback), gameType: at(.gameType), line: at(.line),
            origin: Broadcast.Origin(rawValue: at(.origin)) ?? .started,
            createdAt: Date(timeIntervalSince1970: at(.createdAt)), startedAt: date(.startedAt),
            finishedAt: date(.finishedAt), earnings: at(.earnings), recommendedAt: date(.recommendedAt),
            playbackDeleted: at(.playbackDeleted))
    }

    /// "The room `r` is live at ?1", as the rooms define it.
    private static let roomLive = "(r.live_since IS NOT NULL AND (r.live_deadline IS NULL OR r.live_deadline > ?1))"
    private static let open = "(b.started_at IS NOT NULL AND b.finished_at IS NULL)"
    /// An open broadcast `b` live at ?1: its room live, in the same session (not a later one).
    private static let liveNow = "\(open) AND \(roomLive) AND r.live_since <= b.started_at"
    private static let stale = "\(open) AND (r.id IS NULL OR NOT \(roomLive) OR r.live_since > b.started_at)"
    private static let roomWithoutOpen = """
        \(roomLive) AND NOT EXISTS (SELECT 1 FROM broadcasts b WHERE b.room_id = r.id AND \(open))
        """
    private static let playback = """
        (b.keeps_playback = 1 AND b.playback_deleted = 0 AND b.finished_at IS NOT NULL AND b.started_at IS NOT NULL)
        """

    func broadcast(id: String) throws -> Broadcast? {
        try one("SELECT \(Self.broadcastColumns) FROM broadcasts WHERE id = ?", [id], Self.decodeBroadcast)
    }

    func openBroadcast(roomID: Int64) throws -> Broadcast? {
        try one("SELECT \(Self.broadcastColumnsB) FROM broadcasts b WHERE b.room_id = ? AND \(Self.open)", [roomID], Self.decodeBroadcast)
    }

    func preparedBroadcast(ownerID: Int64) throws -> Broadcast? {
        try one("SELECT \(Self.broadcastColumns) FROM broadcasts WHERE owner_id = ? AND started_at IS NULL AND finished_at IS NULL",
                [ownerID], Self.decodeBroadcast)
    }

    func liveBroadcasts(at now: Date, offset: Int, limit: Int) throws -> [Broadcast] {
        try all("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b JOIN rooms r ON r.id = b.room_id WHERE \(Self.liveNow)
            ORDER BY b.started_at DESC, b.id DESC LIMIT ?2 OFFSET ?3
            """, [now.timeIntervalSince1970, limit, offset], Self.decodeBroadcast)
    }

    func liveBroadcastCount(at now: Date) throws -> Int {
        try count("SELECT COUNT(*) FROM broadcasts b JOIN rooms r ON r.id = b.room_id WHERE \(Self.liveNow)",
                  [now.timeIntervalSince1970])
    }

    func followedLiveBroadcasts(of followerID: Int64, at now: Date, offset: Int, limit: Int) throws -> [Broadcast] {
        try all("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b JOIN rooms r ON r.id = b.room_id
            JOIN follows f ON f.followee_id = b.owner_id AND f.follower_id = ?2
            WHERE \(Self.liveNow)
            ORDER BY b.started_at DESC, b.id DESC LIMIT ?3 OFFSET ?4
            """, [now.timeIntervalSince1970, followerID, limit, offset], Self.decodeBroadcast)
    }

    func followedLiveBroadcastCount(of followerID: Int64, at now: Date) throws -> Int {
        try count("""
            SELECT COUNT(*) FROM broadcasts b JOIN rooms r ON r.id = b.room_id
            JOIN follows f ON f.followee_id = b.owner_id AND f.follower_id = ?2
            WHERE \(Self.liveNow)
            """, [now.timeIntervalSince1970, followerID])
    }

    /// Two indexed reads instead of one sort of every playback: the recommended ones (few), then
    /// the rest by finish.
    func playbacks(offset: Int, limit: Int) throws -> [Broadcast] {
        let recommended = try count("SELECT COUNT(*) FROM broadcasts b WHERE b.recommended_at IS NOT NULL AND \(Self.playback)")
        var page: [Broadcast] = []
        if offset < recommended {
            page = try all("""
                SELECT \(Self.broadcastColumnsB) FROM broadcasts b WHERE b.recommended_at IS NOT NULL AND \(Self.playback)
                ORDER BY b.recommended_at DESC, b.id DESC LIMIT ? OFFSET ?
                """, [limit, offset], Self.decodeBroadcast)
        }
        let remaining = limit - page.count
        guard remaining > 0 else { return page }
        return page + (try all("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b WHERE b.recommended_at IS NULL AND \(Self.playback)
            ORDER BY b.finished_at DESC, b.id DESC LIMIT ? OFFSET ?
            """, [remaining, max(0, offset - recommended)], Self.decodeBroadcast))
    }

    func playbacks(ownerID: Int64) throws -> [Broadcast] {
        try all("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b WHERE b.owner_id = ? AND \(Self.playback)
            ORDER BY b.finished_at DESC, b.id DESC
            """, [ownerID], Self.decodeBroadcast)
    }

    func playbackCount(ownerID: Int64) throws -> Int {
        try count("SELECT COUNT(*) FROM broadcasts b WHERE b.owner_id = ? AND \(Self.playback)", [ownerID])
    }

    func recommendedPlayback(ownerID: Int64) throws -> Broadcast? {
        try one("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b WHERE b.owner_id = ? AND b.recommended_at IS NOT NULL AND \(Self.playback)
            ORDER BY b.recommended_at DESC LIMIT 1
            """, [ownerID], Self.decodeBroadcast)
    }

    func broadcastViewerCount(id: String) throws -> Int {
        try count("SELECT COUNT(*) FROM broadcast_viewers WHERE broadcast_id = ?", [id])
    }

    func presentUsers(roomID: Int64, excluding: Int64?, offset: Int, limit: Int) throws -> [User] {
        let ids = try all("""
            SELECT user_id FROM presence WHERE room_id = ? AND user_id != ? ORDER BY rowid LIMIT ? OFFSET ?
            """, [roomID, excluding ?? -1, limit, offset]) { $0["user_id"] as Int64 }
        return try orderedUsers(ids)
    }

    func presentUserCount(roomID: Int64, excluding: Int64?) throws -> Int {
        try count("SELECT COUNT(*) FROM presence WHERE room_id = ? AND user_id != ?", [roomID, excluding ?? -1])
    }

    func staleBroadcasts(at now: Date) throws -> [Broadcast] {
        try all("""
            SELECT \(Self.broadcastColumnsB) FROM broadcasts b LEFT JOIN rooms r ON r.id = b.room_id WHERE \(Self.stale) ORDER BY b.started_at
            """, [now.timeIntervalSince1970], Self.decodeBroadcast)
    }

    func liveRoomsWithoutBroadcast(at now: Date) throws -> [Room] {
        let ids = try all("SELECT r.id FROM rooms r WHERE \(Self.roomWithoutOpen) ORDER BY r.live_since",
                          [now.timeIntervalSince1970]) { $0["id"] as Int64 }
        let found = try rooms(ids: ids)
        return ids.compactMap { found[$0] }
    }

    func broadcastsNeedSettling(at now: Date) throws -> Bool {
        try count("""
            SELECT EXISTS (SELECT 1 FROM broadcasts b LEFT JOIN rooms r ON r.id = b.room_id WHERE \(Self.stale))
                OR EXISTS (SELECT 1 FROM rooms r WHERE \(Self.roomWithoutOpen))
            """, [now.timeIntervalSince1970]) != 0
    }

    func cover(userID: Int64) throws -> String? {
        try one("SELECT address FROM broadcast_covers WHERE user_id = ?", [userID]) { $0["address"] as String }
    }

    func insertBroadcast(_ b: Broadcast) throws {
        try guarded {
            try run("""
                INSERT INTO broadcasts (id, owner_id, room_id, title, location, cover_kind, cover, keeps_playback, game_type,
                    line, origin, created_at, started_at, finished_at, earnings, recommended_at, playback_deleted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [b.id, b.ownerID, b.roomID, b.title, b.location, b.coverKind.rawValue, b.cover, b.keepsPlayback,
                      b.gameType, b.line, b.origin.rawValue, b.createdAt.timeIntervalSince1970,
                      b.startedAt?.timeIntervalSince1970, b.finishedAt?.timeIntervalSince1970, b.earnings,
                      b.recommendedAt?.timeIntervalSince1970, b.playbackDeleted])
        }
    }

    func updateBroadcast(_ b: Broadcast) throws {
        try guarded {
            try run("""
                UPDATE broadcasts SET owner_id = ?, room_id = ?, title = ?, location = ?, cover_kind = ?, cover = ?,
                    keeps_playback = ?, game_type = ?, line = ?, origin = ?, started_at = ?, finished_at = ?, earnings = ?,
                    recommended_at = ?, playback_deleted = ?
                WHERE id = ?
                """, [b.ownerID, b.roomID, b.title, b.location, b.coverKind.rawValue, b.cover, b.keepsPlayback, b.gameType,
                      b.line, b.origin.rawValue, b.startedAt?.timeIntervalSince1970, b.finishedAt?.timeIntervalSince1970,
                      b.earnings, b.recommendedAt?.timeIntervalSince1970, b.playbackDeleted, b.id])
        }
    }

    func deleteBroadcast(id: String) throws {
        try run("DELETE FROM broadcasts WHERE id = ?", [id])
    }

    func addBroadcastViewer(id: String, userID: Int64) throws {
        try run("INSERT OR IGNORE INTO broadcast_viewers (broadcast_id, user_id) VALUES (?, ?)", [id, userID])
    }

    func moveBroadcastViewers(from: String, to: String) throws {
        try run("INSERT OR IGNORE INTO broadcast_viewers (broadcast_id, user_id) SELECT ?, user_id FROM broadcast_viewers WHERE broadcast_id = ?",
                [to, from])
        try run("DELETE FROM broadcast_viewers WHERE broadcast_id = ?", [from])
    }

    func setCover(userID: Int64, address: String, at date: Date) throws {
        try run("INSERT OR REPLACE INTO broadcast_covers (user_id, address, updated_at) VALUES (?, ?, ?)",
                [userID, address, date.timeIntervalSince1970])
    }
}
