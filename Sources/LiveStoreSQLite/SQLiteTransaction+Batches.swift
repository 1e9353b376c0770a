import Foundation
import GRDB
import LiveCore

/// Reads of many rows at once. The ids travel as one JSON array argument read with `json_each`, so
/// each statement's text is the same whatever the number of ids and is prepared once per
/// connection, like every other statement here.
extension SQLiteTransaction {
    static func idList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    func users(ids: [Int64]) throws -> [Int64: User] {
        guard !ids.isEmpty else { return [:] }
        let users = try all("SELECT \(Self.userColumns) FROM users WHERE id IN (SELECT value FROM json_each(?))",
                            [Self.idList(ids)], Self.user)
        return Dictionary(users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The users with these ids, in the order of `ids` (missing ones skipped): one statement.
    func orderedUsers(_ ids: [Int64]) throws -> [User] {
        let found = try users(ids: ids)
        return ids.compactMap { found[$0] }
    }

    func rooms(ids: [Int64]) throws -> [Int64: Room] {
        guard !ids.isEmpty else { return [:] }
        let rooms = try all("SELECT \(Self.roomColumns) FROM rooms WHERE id IN (SELECT value FROM json_each(?))", [Self.idList(ids)], Self.room)
        return Dictionary(rooms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func followerCounts(of userIDs: [Int64]) throws -> [Int64: Int] {
        guard !userIDs.isEmpty else { return [:] }
        // Kept by triggers on `follows` (`Schema+Counters`): a primary-key read per user.
        let rows: [(Int64, Int)] = try all("""
            SELECT id, follower_count FROM users WHERE id IN (SELECT value FROM json_each(?)) AND follower_count > 0
            """, [Self.idList(userIDs)]) { ($0["id"], $0["follower_count"]) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func viewerCounts(roomIDs: [Int64]) throws -> [Int64: Int] {
        guard !roomIDs.isEmpty else { return [:] }
        let rows: [(Int64, Int)] = try all("""
            SELECT room_id, COUNT(*) AS n FROM presence
            WHERE room_id IN (SELECT value FROM json_each(?)) GROUP BY room_id
            """, [Self.idList(roomIDs)]) { ($0["room_id"], $0["n"]) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func followed(by followerID: Int64, among followeeIDs: [Int64]) throws -> Set<Int64> {
        guard !followeeIDs.isEmpty else { return [] }
        let ids: [Int64] = try all("""
            SELECT followee_id FROM follows
            WHERE follower_id = ? AND followee_id IN (SELECT value FROM json_each(?))
            """, [followerID, Self.idList(followeeIDs)]) { $0["followee_id"] }
        return Set(ids)
    }

    func media(ids: [Int64]) throws -> [Int64: Media] {
        guard !ids.isEmpty else { return [:] }
        let found = try all("SELECT * FROM media WHERE id IN (SELECT value FROM json_each(?))", [Self.idList(ids)], Self.media)
        return Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func following(_ followeeID: Int64, among followerIDs: [Int64]) throws -> Set<Int64> {
        guard !followerIDs.isEmpty else { return [] }
        let ids: [Int64] = try all("""
            SELECT follower_id FROM follows
            WHERE followee_id = ? AND follower_id IN (SELECT value FROM json_each(?))
            """, [followeeID, Self.idList(followerIDs)]) { $0["follower_id"] }
        return Set(ids)
    }

    func broadcastViewerCounts(ids: [String]) throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map { JSONEncoding.quoted($0) }.joined(separator: ",") + "]"
        let rows: [(String, Int)] = try all("""
            SELECT broadcast_id, COUNT(*) AS n FROM broadcast_viewers
            WHERE broadcast_id IN (SELECT value FROM json_each(?)) GROUP BY broadcast_id
            """, [list]) { ($0["broadcast_id"], $0["n"]) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    func streams(roomIDs: [Int64]) throws -> [Int64: StreamRecord] {
        guard !roomIDs.isEmpty else { return [:] }
        let records = try all("SELECT * FROM streams WHERE room_id IN (SELECT value FROM json_each(?))",
                              [Self.idList(roomIDs)], Self.streamRecord)
        return Dictionary(records.map { ($0.roomID, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A string as a JSON string literal, for the id lists `json_each` reads.
enum JSONEncoding {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
