import Foundation

/// Private letters. Two users share one conversation; each may clear it for themselves (the other
/// keeps it), and it comes back for them with the next letter written in it.
public struct LetterService: Sendable {
    let environment: CoreEnvironment

    /// Longest letter, in characters.
    public static let maxLength = 1000

    /// `senderID` writes `body` to `recipientID`, unless the recipient blacklisted the sender.
    @discardableResult
    public func write(from senderID: Int64, to recipientID: Int64, _ body: String) async throws -> Letter {
        guard senderID != recipientID else { throw CoreError(.letterToSelf) }
        let body = try Self.validated(body)
        let now = environment.clock.now()
        return try await environment.store.write { db in
            guard try db.user(id: recipientID) != nil else { throw CoreError(.userNotFound) }
            if try db.isBlacklisted(recipientID, senderID) { throw CoreError(.blocked) }
            let conversation = try db.conversation(between: senderID, and: recipientID)
                ?? db.insertConversation(between: senderID, and: recipientID, at: now)
            return try db.insertLetter(conversationID: conversation.id, senderID: senderID, recipientID: recipientID,
                                       body: body, at: now)
        }
    }

    /// A page of `userID`'s conversations, the most recently written to first.
    public func conversations(of userID: Int64, offset: Int, limit: Int) async throws -> [ConversationSummary] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.read { try $0.conversationSummaries(of: userID, offset: offset, limit: limit) }
    }

    /// A page of the letters between `userID` and `otherID` that `userID` has not cleared, oldest
    /// first; every letter to `userID` in the conversation is marked read. Users who never wrote to
    /// each other have an empty conversation.
    public func letters(of userID: Int64, with otherID: Int64, offset: Int, limit: Int) async throws -> [Letter] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.write { db in
            guard try db.user(id: otherID) != nil else { throw CoreError(.userNotFound) }
            guard let conversation = try db.conversation(between: userID, and: otherID) else { return [] }
            return try Self.read(conversation, by: userID, in: db, offset: offset, limit: limit)
        }
    }

    /// The same, by the conversation's id; `conversationNotFound` unless `userID` is in it.
    public func letters(of userID: Int64, conversationID: Int64, offset: Int, limit: Int) async throws -> [Letter] {
        let (offset, limit) = Paging.bounded(offset, limit)
        return try await environment.store.write { db in
            guard let conversation = try db.conversation(id: conversationID), conversation.members.contains(userID) else {
                throw CoreError(.conversationNotFound)
            }
            return try Self.read(conversation, by: userID, in: db, offset: offset, limit: limit)
        }
    }

    static func read(_ conversation: Conversation, by userID: Int64, in db: any StoreWriter, offset: Int, limit: Int) throws -> [Letter] {
        let cleared = try db.clearedThrough(conversationID: conversation.id, userID: userID)
        let page = try db.letters(conversationID: conversation.id, after: cleared, offset: offset, limit: limit)
        try db.markLettersRead(conversationID: conversation.id, readerID: userID)
        return page
    }

    /// Clears the conversation with `otherID` for `userID` only; `conversationNotFound` when they
    /// never wrote to each other.
    public func clear(_ userID: Int64, with otherID: Int64) async throws {
        try await environment.store.write { db in
            guard try db.user(id: otherID) != nil else { throw CoreError(.userNotFound) }
            guard let conversation = try db.conversation(between: userID, and: otherID) else {
                throw CoreError(.conversationNotFound)
            }
            try db.setClearedThrough(conversationID: conversation.id, userID: userID, letterID: conversation.lastLetterID)
        }
    }

    /// Letters to `userID` not yet read, in every conversation they have not cleared.
    public func unreadCount(of userID: Int64) async throws -> Int {
        try await environment.store.read { try $0.unreadLetterCount(of: userID) }
    }

    /// Not empty, within `maxLength`, and no control characters but line breaks and tabs.
    static func validated(_ body: String) throws -> String {
        guard !body.allSatisfy(\.isWhitespace), body.count <= maxLength,
              !body.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0) })
        else { throw CoreError.invalid(.letterText) }
        return body
    }
}
