public import Foundation

/// One follow relation seen from a list: its own id (stable, for clients that show it), the other
/// user, and when it was made.
public struct FollowEntry: Sendable, Equatable {
    public var id: Int64
    public var user: User

    public init(id: Int64, user: User) {
        self.id = id
        self.user = user
    }
}

/// A private conversation between two users. Each member may clear it for themselves: they then
/// see only the letters written after `clearedThrough` (a letter id).
public struct Conversation: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var members: [Int64]
    public var lastLetterID: Int64
    public var createdAt: Date

    public init(id: Int64, members: [Int64], lastLetterID: Int64, createdAt: Date) {
        self.id = id
        self.members = members
        self.lastLetterID = lastLetterID
        self.createdAt = createdAt
    }

    /// The member who is not `userID`.
    public func other(than userID: Int64) -> Int64? { members.first { $0 != userID } }
}

/// A private letter.
public struct Letter: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var conversationID: Int64
    public var senderID: Int64
    public var recipientID: Int64
    public var body: String
    public var createdAt: Date
    /// Whether the recipient has seen it.
    public var read: Bool

    public init(id: Int64, conversationID: Int64, senderID: Int64, recipientID: Int64, body: String, createdAt: Date,
                read: Bool) {
        self.id = id
        self.conversationID = conversationID
        self.senderID = senderID
        self.recipientID = recipientID
        self.body = body
        self.createdAt = createdAt
        self.read = read
    }
}

/// One row of a user's conversation list: the conversation, the other member, its newest letter
/// the user can see, and how many letters to the user in it are unread.
public struct ConversationSummary: Sendable, Equatable {
    public var conversation: Conversation
    public var other: User
    public var last: Letter
    public var unread: Int

    public init(conversation: Conversation, other: User, last: Letter, unread: Int) {
        self.conversation = conversation
        self.other = other
        self.last = last
        self.unread = unread
    }
}

/// A user's complaint about another, kept for administrators.
public struct AbuseReport: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var reporterID: Int64
    public var targetID: Int64
    public var description: String
    /// Whether the reporter proved who they are with a session (some clients send only their id).
    public var authenticated: Bool
    public var createdAt: Date

    public init(id: Int64, reporterID: Int64, targetID: Int64, description: String, authenticated: Bool, createdAt: Date) {
        self.id = id
        self.reporterID = reporterID
        self.targetID = targetID
        self.description = description
        self.authenticated = authenticated
        self.createdAt = createdAt
    }
}

/// Real-name data a user submitted. Stored for the operator; no dialect ever shows it.
public struct RealNameRecord: Sendable, Equatable {
    /// The kinds of identity document.
    public enum Document: Int, Sendable, Equatable {
        case identityCard = 1, passport = 2, militaryCard = 3
    }

    public var userID: Int64
    public var name: String
    public var sex: Sex
    public var birthday: String
    public var identification: String
    public var school: String
    public var document: Document
    public var submittedAt: Date

    public init(userID: Int64, name: String, sex: Sex, birthday: String, identification: String, school: String,
                document: Document, submittedAt: Date) {
        self.userID = userID
        self.name = name
        self.sex = sex
        self.birthday = birthday
        self.identification = identification
        self.school = school
        self.document = document
        self.submittedAt = submittedAt
    }
}

/// How an administrator changes a user's ban.
public enum BanChange: Sendable, Equatable {
    /// No ban any more.
    case lift
    case permanent
    /// A temporary ban, lengthened by this many seconds: from the end of a temporary ban still in
    /// force, else from now.
    case extend(TimeInterval)
}
