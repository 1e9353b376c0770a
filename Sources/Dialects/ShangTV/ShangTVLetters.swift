import DialectKit
import LiveCore
import LiveJSON

/// Private letters: one conversation (`session_id`) per pair of users.
extension ShangTVDialect {
    var letterRoutes: [Route] {
        [
            authed("/letter/write_letter", OperationName.lettersWrite) { try await $0.writeLetter($1, $2) },
            authed("/letter/letter_list", OperationName.lettersConversations) { try await $0.letterList($1, $2) },
            authed("/letter/letter_show", OperationName.lettersRead) { try await $0.letterShow($1, $2) },
            authed("/letter/letter_open", OperationName.lettersRead) { try await $0.letterOpen($1, $2) },
            authed("/letter/del_session", OperationName.lettersClear) { try await $0.deleteSession($1, $2) },
            authed("/letter/letter_unread", OperationName.lettersUnread) { try await $0.letterUnread($1, $2) },
        ]
    }

    /// `oid` and `msg` (1 to 1000 characters): 40 to yourself, 25 when they blacklisted you, 8 unknown.
    func writeLetter(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let recipient = try Self.userID(p, "oid")
        let message = try p.requiredString("msg")
        do {
            try await core.letters.write(from: user.id, to: recipient, message)
        } catch let error as CoreError where error.kind == .invalidParameter {
            throw CoreError.invalid("msg")
        }
        return [:]
    }

    /// One row per conversation, the most recent first: the other user's `image` and `nick_name`,
    /// the newest letter's `message_body` and `record_time`, `session_id`, the `unread` letters to
    /// the caller, and (beyond the sample, for letter_show's `oid`) the other user's `uid`.
    func letterList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        var rows: [JSONValue] = []
        for summary in try await core.letters.conversations(of: user.id, offset: page.offset, limit: page.limit) {
            rows.append([
                "image": .string(try await image(of: summary.other)),
                "message_body": .string(summary.last.body),
                "nick_name": .string(summary.other.nickname),
                "record_time": .string(Self.dateTime(summary.last.createdAt)),
                "session_id": .string(String(summary.conversation.id)),
                "uid": .string(String(summary.other.id)),
                "unread": .string(String(summary.unread)),
            ])
        }
        return ["letter": .array(rows)]
    }

    /// The letters with `oid`, oldest first, ten to a page; opening the conversation marks every
    /// letter to the caller in it read. Someone never written to has an empty conversation.
    func letterShow(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let other = try Self.userID(p, "oid")
        let page = try Self.page(p)
        let letters = try await core.letters.letters(of: user.id, with: other, offset: page.offset, limit: page.limit)
        return ["letter": .array(letters.map { Self.letterRow($0, caller: user.id) })]
    }

    /// Deprecated in the document but served: the same, by `session_id`; 23 for a conversation the
    /// caller is not in.
    func letterOpen(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let session = try Self.userID(p, "session_id")
        let page = try Self.page(p)
        let letters = try await core.letters.letters(of: user.id, conversationID: session, offset: page.offset, limit: page.limit)
        return ["letter": .array(letters.map { Self.letterRow($0, caller: user.id) })]
    }

    static func letterRow(_ letter: Letter, caller: Int64) -> JSONValue {
        [
            "Id": .int(letter.id),
            "SessionId": .int(letter.conversationID),
            "IsSend": .bool(letter.senderID == caller),
            "MessageBody": .string(letter.body),
            "CreateTime": .string(rfc3339(letter.createdAt)),
        ]
    }

    /// Clears the conversation with `oid` for the caller only (the other keeps it); it comes back
    /// with the next letter. 23 when the two never wrote to each other.
    func deleteSession(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.letters.clear(user.id, with: try Self.userID(request.parameters, "oid"))
        return [:]
    }

    func letterUnread(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        ["unread": .int(try await core.letters.unreadCount(of: user.id))]
    }
}
