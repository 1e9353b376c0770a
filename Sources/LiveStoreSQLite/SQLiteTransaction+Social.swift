import Foundation
import GRDB
import LiveCore

/// The social domain's statements: follow lists, blacklists, letters, reports, daily records,
/// real names and operator values. Users are read through `user(id:)`, one cached statement.
extension SQLiteTransaction {
    // MARK: Follow lists

    func following(of userID: Int64, offset: Int, limit: Int) throws -> [FollowEntry] {
        try entries("""
            SELECT rowid AS entry, followee_id AS other FROM follows WHERE follower_id = ?
            ORDER BY rowid DESC LIMIT ? OFFSET ?
            """, [userID, limit, offset])
    }

    func followers(of userID: Int64, offset: Int, limit: Int) throws -> [FollowEntry] {
        try entries("""
            SELECT rowid AS entry, follower_id AS other FROM follows WHERE followee_id = ?
            ORDER BY rowid DESC LIMIT ? OFFSET ?
            """, [userID, limit, offset])
    }

    private func entries(_ sql: String, _ arguments: StatementArguments) throws -> [FollowEntry] {
        let rows: [(Int64, Int64)] = try all(sql, arguments) { ($0["entry"], $0["other"]) }
        let users = try users(ids: rows.map(\.1))
        return rows.compactMap { entry, other in users[other].map { FollowEntry(id: entry, user: $0) } }
    }

    // MARK: Blacklist

    func isBlacklisted(_ ownerID: Int64, _ targetID: Int64) throws -> Bool {
        try count("SELECT COUNT(*) FROM blacklist WHERE owner_id = ? AND target_id = ?", [ownerID, targetID]) > 0
    }

    func blacklist(of ownerID: Int64, offset: Int, limit: Int) throws -> [User] {
        let ids: [Int64] = try all("""
            SELECT target_id FROM blacklist WHERE owner_id = ? ORDER BY rowid DESC LIMIT ? OFFSET ?
            """, [ownerID, limit, offset]) { $0["target_id"] }
        return try orderedUsers(ids)
    }

    func setBlacklisted(_ ownerID: Int64, _ targetID: Int64, _ on: Bool, at date: Date) throws {
        if on {
            try run("INSERT OR IGNORE INTO blacklist (owner_id, target_id, created_at) VALUES (?, ?, ?)",
                    [ownerID, targetID, date.timeIntervalSince1970])
        } else {
            try run("DELETE FROM blacklist WHERE owner_id = ? AND target_id = ?", [ownerID, targetID])
        }
    }

    // MARK: Conversations and letters

    private static func conversation(_ row: Row) -> Conversation {
        Conversation(id: row["id"], members: [row["user_low"], row["user_high"]], lastLetterID: row["last_letter_id"],
                     createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    private static func letter(_ row: Row) -> Letter {
        Letter(id: row["id"], conversationID: row["conversation_id"], senderID: row["sender_id"],
               recipientID: row["recipient_id"], body: row["body"],
               createdAt: Date(timeIntervalSince1970: row["created_at"]), read: row["read"])
    }

    func conversation(id: Int64) throws -> Conversation? {
        try one("SELECT * FROM conversations WHERE id = ?", [id], Self.conversation)
    }

    func conversation(between a: Int64, and b: Int64) throws -> Conversation? {
        try one("SELECT * FROM conversations WHERE user_low = ? AND user_high = ?", [min(a, b), max(a, b)], Self.conversation)
    }

    func clearedThrough(conversationID: Int64, userID: Int64) throws -> Int64 {
        try one("SELECT cleared_through FROM conversation_members WHERE conversation_id = ? AND user_id = ?",
                [conversationID, userID]) { $0["cleared_through"] as Int64 } ?? 0
    }

    func conversationSummaries(of userID: Int64, offset: Int, limit: Int) throws -> [ConversationSummary] {
        let conversations = try all("""
            SELECT c.* FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.user_id = ? AND c.last_letter_id > m.cleared_through
            ORDER BY c.last_letter_id DESC LIMIT ? OFFSET ?
            """, [userID, limit, offset], Self.conversation)
        guard !conversations.isEmpty else { return [] }
        // The other members, the last letters and the unread counts: one statement each.
        let others = try users(ids: conversations.compactMap { $0.other(than: userID) })
        let lastLetters = try all("SELECT * FROM letters WHERE id IN (SELECT value FROM json_each(?))",
                                  [Self.idList(conversations.map(\.lastLetterID))], Self.letter)
        let lasts = Dictionary(lastLetters.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let unreadRows: [(Int64, Int)] = try all("""
            SELECT l.conversation_id, COUNT(*) AS n FROM letters l
            JOIN conversation_members m ON m.conversation_id = l.conversation_id AND m.user_id = ?2
            WHERE l.conversation_id IN (SELECT value FROM json_each(?1)) AND l.recipient_id = ?2 AND l.read = 0
              AND l.id > m.cleared_through
            GROUP BY l.conversation_id
            """, [Self.idList(conversations.map(\.id)), userID]) { ($0["conversation_id"], $0["n"]) }
        let unread = Dictionary(unreadRows, uniquingKeysWith: { first, _ in first })
        return conversations.compactMap { conversation in
            guard let otherID = conversation.other(than: userID), let other = others[otherID],
                  let last = lasts[conversation.lastLetterID] else { return nil }
            return ConversationSummary(conversation: conversation, other: other, last: last, unread: unread[conversation.id] ?? 0)
        }
    }

    func letters(conversationID: Int64, after afterID: Int64, offset: Int, limit: Int) throws -> [Letter] {
        try all("""
            SELECT * FROM letters WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ? OFFSET ?
            """, [conversationID, afterID, limit, offset], Self.letter)
    }

    func unreadLetterCount(of userID: Int64) throws -> Int {
        try count("""
            SELECT COUNT(*) FROM letters l
            JOIN conversation_members m ON m.conversation_id = l.conversation_id AND m.user_id = l.recipient_id
            WHERE l.recipient_id = ? AND l.read = 0 AND l.id > m.cleared_through
            """, [userID])
    }

    func insertConversation(between a: Int64, and b: Int64, at date: Date) throws -> Conversation {
        try guarded {
            try run("INSERT INTO conversations (user_low, user_high, created_at) VALUES (?, ?, ?)",
                    [min(a, b), max(a, b), date.timeIntervalSince1970])
        }
        let id = db.lastInsertedRowID
        for member in Set([a, b]) {
            try run("INSERT INTO conversation_members (conversation_id, user_id) VALUES (?, ?)", [id, member])
        }
        guard let conversation = try conversation(id: id) else { throw StoreConflict(.other) }
        return conversation
    }

    func insertLetter(conversationID: Int64, senderID: Int64, recipientID: Int64, body: String, at date: Date) throws -> Letter {
        try run("""
            INSERT INTO letters (conversation_id, sender_id, recipient_id, body, created_at) VALUES (?, ?, ?, ?, ?)
            """, [conversationID, senderID, recipientID, body, date.timeIntervalSince1970])
        let id = db.lastInsertedRowID
        try run("UPDATE conversations SET last_letter_id = ? WHERE id = ?", [id, conversationID])
        return Letter(id: id, conversationID: conversationID, senderID: senderID, recipientID: recipientID, body: body,
                      createdAt: date, read: false)
    }

    func markLettersRead(conversationID: Int64, readerID: Int64) throws {
        try run("UPDATE letters SET read = 1 WHERE conversation_id = ? AND recipient_id = ? AND read = 0",
                [conversationID, readerID])
    }

    func setClearedThrough(conversationID: Int64, userID: Int64, letterID: Int64) throws {
        try run("UPDATE conversation_members SET cleared_through = ? WHERE conversation_id = ? AND user_id = ?",
                [letterID, conversationID, userID])
    }

    // MARK: Reports

    private static func report(_ row: Row) -> AbuseReport {
        AbuseReport(id: row["id"], reporterID: row["reporter_id"], targetID: row["target_id"],
                    description: row["description"], authenticated: row["authenticated"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func reports(offset: Int, limit: Int) throws -> [AbuseReport] {
        try all("SELECT * FROM reports ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset], Self.report)
    }

    func insertReport(reporterID: Int64, targetID: Int64, description: String, authenticated: Bool,
                      at date: Date) throws -> AbuseReport {
        try run("""
            INSERT INTO reports (reporter_id, target_id, description, authenticated, created_at) VALUES (?, ?, ?, ?, ?)
            """, [reporterID, targetID, description, authenticated, date.timeIntervalSince1970])
        return AbuseReport(id: db.lastInsertedRowID, reporterID: reporterID, targetID: targetID, description: description,
                           authenticated: authenticated, createdAt: date)
    }

    // MARK: Daily records

    func hasDailyRecord(userID: Int64, activity: String, day: String) throws -> Bool {
        try count("SELECT COUNT(*) FROM daily_records WHERE user_id = ? AND activity = ? AND day = ?",
                  [userID, activity, day]) > 0
    }

    func insertDailyRecord(userID: Int64, activity: String, day: String, at date: Date) throws -> Bool {
        try run("INSERT OR IGNORE INTO daily_records (user_id, activity, day, created_at) VALUES (?, ?, ?, ?)",
                [userID, activity, day, date.timeIntervalSince1970])
        return db.changesCount > 0
    }

    // MARK: Real names

    func realName(userID: Int64) throws -> RealNameRecord? {
        try one("SELECT * FROM real_names WHERE user_id = ?", [userID]) { row in
            RealNameRecord(userID: row["user_id"], name: row["name"], sex: Sex(rawValue: row["sex"]) ?? .unknown,
                           birthday: row["birthday"], identification: row["identification"], school: row["school"],
                           document: RealNameRecord.Document(rawValue: row["document"]) ?? .identityCard,
                           submittedAt: Date(timeIntervalSince1970: row["submitted_at"]))
        }
    }

    func setRealName(_ r: RealNameRecord) throws {
        try run("""
            INSERT OR REPLACE INTO real_names (user_id, name, sex, birthday, identification, school, document, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.userID, r.name, r.sex.rawValue, r.birthday, r.identification, r.school, r.document.rawValue,
                  r.submittedAt.timeIntervalSince1970])
    }

    // MARK: Operator values

    func operatorValue(_ name: String) throws -> String? {
        try one("SELECT value FROM operator_values WHERE name = ?", [name]) { $0["value"] as String }
    }

    func setOperatorValue(_ name: String, _ value: String?, at date: Date) throws {
        if let value {
            try run("INSERT OR REPLACE INTO operator_values (name, value, updated_at) VALUES (?, ?, ?)",
                    [name, value, date.timeIntervalSince1970])
        } else {
            try run("DELETE FROM operator_values WHERE name = ?", [name])
        }
    }
}
