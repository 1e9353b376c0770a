import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Private letters: write_letter, letter_list, letter_show, letter_open, del_session, letter_unread.
@Suite("shangtv letters")
struct ShangTVLetterTests {
    @Test("a conversation: unread counts, one row per conversation, letter_show oldest first marks read")
    func conversation() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_459_305_619))  // 2016-03-30 10:40:19 in China
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.call(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "love")]) == ["ErrCode": 0])
            clock.advance(by: 1)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "444")]) == 0)
            #expect(try await s.call(as: b, "/letter/letter_unread", method: "GET") == ["ErrCode": 0, "unread": 2])
            #expect(try await s.call(as: a, "/letter/letter_unread") == ["ErrCode": 0, "unread": 0])

            let list = try await s.call(as: b, "/letter/letter_list", [("index", "0")], method: "GET")
            let rows = try #require(list["letter"]?.arrayValue)
            #expect(rows.count == 1)
            let row = try #require(rows.first?.objectValue)
            #expect(row.keys == ["image", "message_body", "nick_name", "record_time", "session_id", "uid", "unread"])
            #expect(row["message_body"] == "444" && row["unread"] == "2" && row["uid"] == .string(String(a.uid)))
            #expect(row["nick_name"] == a.user["NickName"])
            #expect(row["record_time"] == "2016-03-30 10:40:20")
            let session = try #require(row["session_id"]?.stringValue)
            // The writer sees the same conversation with nothing unread.
            let mine = try await s.call(as: a, "/letter/letter_list")["letter"]?.arrayValue?.first
            #expect(mine?["session_id"] == .string(session) && mine?["unread"] == "0" && mine?["uid"] == .string(String(b.uid)))

            let shown = try await s.call(as: b, "/letter/letter_show", [("oid", String(a.uid)), ("index", "0")], method: "GET")
            let letters = try #require(shown["letter"]?.arrayValue)
            #expect(letters.count == 2)
            #expect(letters[0].objectValue?.keys == ["Id", "SessionId", "IsSend", "MessageBody", "CreateTime"])
            #expect(letters[0]["MessageBody"] == "love" && letters[1]["MessageBody"] == "444")
            #expect(letters[0]["IsSend"] == false)
            #expect(letters[0]["SessionId"] == .int(Int64(session)!))
            #expect(letters[0]["CreateTime"] == "2016-03-30T10:40:19+08:00")
            #expect(try await s.call(as: b, "/letter/letter_unread") == ["ErrCode": 0, "unread": 0])
            #expect(try await s.call(as: b, "/letter/letter_list")["letter"]?.arrayValue?.first?["unread"] == "0")
            let sent = try await s.call(as: a, "/letter/letter_show", [("oid", String(b.uid))])
            #expect(sent["letter"]?.arrayValue?.allSatisfy { $0["IsSend"] == true } == true)

            // The reply makes one conversation, the newest letter on top.
            clock.advance(by: 60)
            #expect(try await s.code(as: b, "/letter/write_letter", [("oid", String(a.uid)), ("msg", "re: love")]) == 0)
            #expect(try await s.call(as: a, "/letter/letter_unread")["unread"] == 1)
            let aList = try await s.call(as: a, "/letter/letter_list")["letter"]?.arrayValue
            #expect(aList?.count == 1 && aList?.first?["message_body"] == "re: love" && aList?.first?["unread"] == "1")
        }
    }

    @Test("letter_list orders conversations by their newest letter and pages by index; letter_show pages oldest first")
    func paging() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            var friends: [ShangTVClient.User] = []
            for _ in 0..<11 { friends.append(try await s.register()) }
            for friend in friends {
                #expect(try await s.code(as: friend, "/letter/write_letter", [("oid", String(me.uid)), ("msg", "hi from \(friend.uid)")]) == 0)
            }
            #expect(try await s.code(as: friends[0], "/letter/write_letter", [("oid", String(me.uid)), ("msg", "bump")]) == 0)
            let page0 = try #require(try await s.call(as: me, "/letter/letter_list")["letter"]?.arrayValue)
            #expect(page0.count == 10)
            #expect(page0[0]["uid"] == .string(String(friends[0].uid)) && page0[0]["unread"] == "2")
            #expect(page0[1]["uid"] == .string(String(friends[10].uid)))
            let page1 = try #require(try await s.call(as: me, "/letter/letter_list", [("index", "1")])["letter"]?.arrayValue)
            #expect(page1.map { $0["uid"] } == [.string(String(friends[1].uid))])
            #expect(try await s.call(as: me, "/letter/letter_unread")["unread"] == 12)

            for i in 0..<11 {
                #expect(try await s.code(as: me, "/letter/write_letter", [("oid", String(friends[1].uid)), ("msg", "m\(i)")]) == 0)
            }
            let show0 = try #require(try await s.call(as: me, "/letter/letter_show", [("oid", String(friends[1].uid))])["letter"]?.arrayValue)
            #expect(show0.count == 10)
            #expect(show0.first?["MessageBody"] == .string("hi from \(friends[1].uid)") && show0.last?["MessageBody"] == "m8")
            let show1 = try #require(try await s.call(as: me, "/letter/letter_show", [("oid", String(friends[1].uid)), ("index", "1")])["letter"]?.arrayValue)
            #expect(show1.map { $0["MessageBody"] } == ["m9", "m10"])
            let ids = (show0 + show1).compactMap { $0["Id"]?.intValue }
            #expect(ids == ids.sorted() && ids.count == 12)
            // Someone never written to: an empty conversation.
            let stranger = try await s.register()
            #expect(try await s.call(as: me, "/letter/letter_show", [("oid", String(stranger.uid))]) == ["ErrCode": 0, "letter": []])
        }
    }

    @Test("letter_open by session_id (deprecated, served); 23 for a conversation the caller is not in")
    func letterOpen() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            let c = try await s.register()
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "love")]) == 0)
            let session = try #require(try await s.call(as: b, "/letter/letter_list")["letter"]?.arrayValue?.first?["session_id"]?.stringValue)
            let opened = try await s.call(as: b, "/letter/letter_open", [("session_id", session), ("index", "0")], method: "GET")
            #expect(opened["letter"]?.arrayValue?.count == 1)
            #expect(opened["letter"]?.arrayValue?.first?["MessageBody"] == "love")
            #expect(opened["letter"]?.arrayValue?.first?["IsSend"] == false)
            #expect(try await s.call(as: b, "/letter/letter_unread")["unread"] == 0)
            #expect(try await s.code(as: c, "/letter/letter_open", [("session_id", session)]) == 23)
            #expect(try await s.code(as: c, "/letter/letter_open", [("session_id", "999999999")]) == 23)
            #expect(try await s.code(as: c, "/letter/letter_open", []) == 10)
            #expect(try await s.code(as: c, "/letter/letter_open", [("session_id", "x")]) == 10)
        }
    }

    @Test("del_session clears the conversation for the caller only; it comes back with the next letter; 23 unknown")
    func deleteSession() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: b, "/letter/del_session", [("oid", String(a.uid))]) == 23)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "one")]) == 0)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "two")]) == 0)
            #expect(try await s.call(as: b, "/letter/del_session", [("oid", String(a.uid))]) == ["ErrCode": 0])
            #expect(try await s.call(as: b, "/letter/letter_list") == ["ErrCode": 0, "letter": []])
            #expect(try await s.call(as: b, "/letter/letter_unread")["unread"] == 0)
            #expect(try await s.call(as: b, "/letter/letter_show", [("oid", String(a.uid))]) == ["ErrCode": 0, "letter": []])
            // The writer keeps it.
            #expect(try await s.call(as: a, "/letter/letter_show", [("oid", String(b.uid))])["letter"]?.arrayValue?.count == 2)
            #expect(try await s.call(as: a, "/letter/letter_list")["letter"]?.arrayValue?.count == 1)
            // Deleting again is fine.
            #expect(try await s.code(as: b, "/letter/del_session", [("oid", String(a.uid))]) == 0)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "three")]) == 0)
            let back = try await s.call(as: b, "/letter/letter_list")["letter"]?.arrayValue
            #expect(back?.count == 1 && back?.first?["unread"] == "1" && back?.first?["message_body"] == "three")
            #expect(try await s.call(as: b, "/letter/letter_show", [("oid", String(a.uid))])["letter"]?.arrayValue?.map { $0["MessageBody"] } == ["three"])
            #expect(try await s.code(as: b, "/letter/del_session", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: b, "/letter/del_session", []) == 10)
        }
    }

    @Test("write_letter: 40 to yourself, 25 when blacklisted, 8 unknown, 10 missing, empty or too long, 32 without a token")
    func writeErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(a.uid)), ("msg", "me")]) == 40)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", "999999999"), ("msg", "x")]) == 8)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid))]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "")]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "   ")]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", String(repeating: "m", count: 1001))]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "a\u{0}b")]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("msg", "x")]) == 10)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "line one\nline two")]) == 0)
            #expect(try await s.code(as: b, "/black/add_black", [("blackid", String(a.uid))]) == 0)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "let me in")]) == 25)
            // The one who blacklisted may still write.
            #expect(try await s.code(as: b, "/letter/write_letter", [("oid", String(a.uid)), ("msg", "go away")]) == 0)
            #expect(try await s.code(as: b, "/black/del_black", [("blackid", String(a.uid))]) == 0)
            #expect(try await s.code(as: a, "/letter/write_letter", [("oid", String(b.uid)), ("msg", "sorry")]) == 0)
            for path in ["/letter/write_letter", "/letter/letter_list", "/letter/letter_show", "/letter/letter_open",
                         "/letter/del_session", "/letter/letter_unread"] {
                #expect(try await s.code(path, []) == 32, "\(path)")
            }
            #expect(try await s.code(as: a, "/letter/letter_show", []) == 10)
            #expect(try await s.code(as: a, "/letter/letter_show", [("oid", String(b.uid)), ("index", "-1")]) == 10)
            #expect(try await s.code(as: a, "/letter/letter_list", [("index", "abc")]) == 10)
        }
    }
}
