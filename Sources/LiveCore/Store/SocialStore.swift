public import Foundation

/// Statements of the social domain: follow lists, blacklists, private letters, reports, daily
/// records, real-name data and operator switches.
public protocol SocialStoreReader {
    /// The users `userID` follows, the newest follow first.
    func following(of userID: Int64, offset: Int, limit: Int) throws -> [FollowEntry]
    /// The users who follow `userID`, the newest follow first.
    func followers(of userID: Int64, offset: Int, limit: Int) throws -> [FollowEntry]

    /// Whether `ownerID` has put `targetID` on their blacklist.
    func isBlacklisted(_ ownerID: Int64, _ targetID: Int64) throws -> Bool
    /// The users on `ownerID`'s blacklist, the newest entry first.
    func blacklist(of ownerID: Int64, offset: Int, limit: Int) throws -> [User]

    func conversation(id: Int64) throws -> Conversation?
    func conversation(between a: Int64, and b: Int64) throws -> Conversation?
    /// Where `userID` cleared `conversationID` up to (a letter id; 0 when never).
    func clearedThrough(conversationID: Int64, userID: Int64) throws -> Int64
    /// `userID`'s conversations with a letter they can see, the most recently written to first.
    func conversationSummaries(of userID: Int64, offset: Int, limit: Int) throws -> [ConversationSummary]
    /// Letters of a conversation after `afterID`, oldest first.
    func letters(conversationID: Int64, after afterID: Int64, offset: Int, limit: Int) throws -> [Letter]
    /// Letters to `userID` not yet read, in conversations they have not cleared past them.
    func unreadLetterCount(of userID: Int64) throws -> Int

    /// Reports, the newest first.
    func reports(offset: Int, limit: Int) throws -> [AbuseReport]

    /// Whether `userID` did `activity` on `day` (a calendar date, `yyyy-MM-dd`).
    func hasDailyRecord(userID: Int64, activity: String, day: String) throws -> Bool

    func realName(userID: Int64) throws -> RealNameRecord?

    /// An operator setting (a switch, a notice); nil when never set.
    func operatorValue(_ name: String) throws -> String?
}

public protocol SocialStoreWriter {
    func setBlacklisted(_ ownerID: Int64, _ targetID: Int64, _ on: Bool, at: Date) throws

    func insertConversation(between a: Int64, and b: Int64, at: Date) throws -> Conversation
    /// Appends a letter and makes it the conversation's newest.
    func insertLetter(conversationID: Int64, senderID: Int64, recipientID: Int64, body: String, at: Date) throws -> Letter
    /// Marks every letter to `readerID` in the conversation read.
    func markLettersRead(conversationID: Int64, readerID: Int64) throws
    func setClearedThrough(conversationID: Int64, userID: Int64, letterID: Int64) throws

    func insertReport(reporterID: Int64, targetID: Int64, description: String, authenticated: Bool, at: Date) throws -> AbuseReport

    /// Records `activity` for `userID` on `day`; false when it was already recorded.
    func insertDailyRecord(userID: Int64, activity: String, day: String, at: Date) throws -> Bool

    func setRealName(_ record: RealNameRecord) throws

    func setOperatorValue(_ name: String, _ value: String?, at: Date) throws
}
