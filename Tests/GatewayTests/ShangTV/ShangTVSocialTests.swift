import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Follows, the blacklist and reports.
@Suite("shangtv follows, blacklist and reports")
struct ShangTVSocialTests {
    @Test("focus_other, cancel_focus, search_focus; Focus and Fans stay true in every user object")
    func follow() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.call(as: a, "/focus/focus_other", [("oid", String(b.uid))]) == ["ErrCode": 0])
            #expect(try await s.code(as: a, "/focus/focus_other", [("oid", String(b.uid))]) == 0)  // again: no change
            #expect(try await s.code(as: a, "/focus/search_focus", [("oid", String(b.uid))], method: "GET") == 0)
            #expect(try await s.code(as: b, "/focus/search_focus", [("oid", String(a.uid))]) == 6)
            #expect(try await s.call(as: a, "/user/refresh_info")["user"]?["Focus"] == 1)
            #expect(try await s.call(as: b, "/user/refresh_info")["user"]?["Fans"] == 1)
            #expect(try await s.login(b.account)["user"]?["Fans"] == 1)
            #expect(try await s.call("/look_info", [("uid", String(b.uid))])["user"]?["Fans"] == 1)
            #expect(try await s.call(as: a, "/focus/cancel_focus", [("oid", String(b.uid))]) == ["ErrCode": 0])
            #expect(try await s.code(as: a, "/focus/cancel_focus", [("oid", String(b.uid))]) == 6)
            #expect(try await s.code(as: a, "/focus/search_focus", [("oid", String(b.uid))]) == 6)
            #expect(try await s.call(as: a, "/user/refresh_info")["user"]?["Focus"] == 0)
        }
    }

    @Test("follow errors: 41 yourself, 8 unknown, 10 missing or malformed, 32 without a token")
    func followErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            #expect(try await s.code(as: a, "/focus/focus_other", [("oid", String(a.uid))]) == 41)
            #expect(try await s.code(as: a, "/focus/focus_other", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: a, "/focus/cancel_focus", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: a, "/focus/search_focus", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: a, "/focus/cancel_focus", [("oid", String(a.uid))]) == 6)
            for path in ["/focus/focus_other", "/focus/cancel_focus", "/focus/search_focus"] {
                #expect(try await s.code(as: a, path, []) == 10, "\(path)")
                #expect(try await s.code(as: a, path, [("oid", "abc")]) == 10, "\(path)")
                #expect(try await s.code(as: a, path, [("oid", "0")]) == 10, "\(path)")
                #expect(try await s.code(path, [("oid", "1")]) == 32, "\(path)")
            }
            for path in ["/focus/focus_list", "/focus/fans_list", "/black/black_list"] {
                #expect(try await s.code(as: a, path, [("index", "-1")]) == 10, "\(path)")
                #expect(try await s.code(as: a, path, [("index", "x")]) == 10, "\(path)")
                #expect(try await s.code(path, []) == 32, "\(path)")
            }
        }
    }

    @Test("focus_list and fans_list: the document's keys and types, newest first, ten to a page by index")
    func lists() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            var others: [ShangTVClient.User] = []
            for _ in 0..<12 { others.append(try await s.register()) }
            for other in others {
                #expect(try await s.code(as: me, "/focus/focus_other", [("oid", String(other.uid))]) == 0)
            }
            // Three of them follow me; I follow all of them, so each relation is mutual.
            for other in others.prefix(3) {
                #expect(try await s.code(as: other, "/focus/focus_other", [("oid", String(me.uid))]) == 0)
            }
            #expect(try await s.code(as: others[11], "/user/modify_info_sign", [("sign", "newest")]) == 0)
            let page0 = try await s.call(as: me, "/focus/focus_list", [("index", "0")], method: "GET")
            let rows = try #require(page0["focus"]?.arrayValue)
            #expect(rows.count == 10)
            let first = try #require(rows.first?.objectValue)
            #expect(first.keys == ["id", "image", "nick_name", "sex", "signature", "uid", "user_level", "anchor_level", "live",
                                   "room_id", "cover"])
            #expect(first["uid"] == .string(String(others[11].uid)))
            #expect(first["signature"] == "newest")
            #expect(first["sex"] == "0" && first["user_level"] == 0 && first["live"] == "" && first["room_id"] == "" && first["cover"] == "")
            #expect(first["id"]?.stringValue.flatMap { Int64($0) } != nil)
            let page1 = try await s.call(as: me, "/focus/focus_list", [("index", "1")])
            #expect(page1["focus"]?.arrayValue?.count == 2)
            #expect(page1["focus"]?.arrayValue?.last?["uid"] == .string(String(others[0].uid)))
            #expect(try await s.call(as: me, "/focus/focus_list", [("index", "2")])["focus"] == [])
            #expect(try await s.call(as: me, "/focus/focus_list")["focus"]?.arrayValue?.count == 10)

            let fans = try await s.call(as: me, "/focus/fans_list", [("index", "0")])
            #expect(fans["count"] == 3)
            let fanRows = try #require(fans["fans"]?.arrayValue)
            #expect(fanRows.count == 3)
            #expect(fanRows[0].objectValue?.keys == ["id", "image", "nick_name", "relation", "sex", "signature", "statue", "uid",
                                                      "user_level", "anchor_level"])
            #expect(fanRows[0]["uid"] == .string(String(others[2].uid)))
            #expect(fanRows.allSatisfy { $0["relation"] == "1" && $0["statue"] == "0" })
            #expect(try await s.code(as: me, "/focus/cancel_focus", [("oid", String(others[2].uid))]) == 0)
            let after = try await s.call(as: me, "/focus/fans_list")
            #expect(after["fans"]?.arrayValue?.first?["relation"] == "0")
            #expect(try await s.call(as: me, "/focus/fans_list", [("index", "1")]) == ["ErrCode": 0, "count": 3, "fans": []])
            // The other side's lists.
            #expect(try await s.call(as: others[0], "/focus/focus_list")["focus"]?.arrayValue?.first?["uid"] == .string(String(me.uid)))
        }
    }

    @Test("focus_list shows a live anchor's broadcast, play address and cover; fans_list's statue follows the live state")
    func liveInFocusList() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            let anchor = try await s.register()
            #expect(try await s.code(as: me, "/focus/focus_other", [("oid", String(anchor.uid))]) == 0)
            let (room, _) = try await gateway.core.rooms.create(ownerID: anchor.uid, RoomFields())
            var row = try await s.call(as: me, "/focus/focus_list")["focus"]?.arrayValue?.first
            #expect(row?["room_id"] == "" && row?["live"] == "" && row?["cover"] == "")
            // Live through the core (as QPlus or REST would make it): the core opens a broadcast.
            _ = try await gateway.core.rooms.goLive(roomID: room.id, by: anchor.uid, heartbeat: nil)
            row = try await s.call(as: me, "/focus/focus_list")["focus"]?.arrayValue?.first
            let id = try #require(row?["room_id"]?.stringValue)
            #expect(!id.isEmpty && id.allSatisfy(\.isASCIIDigit))
            let view = try await gateway.core.broadcasts.view(id: id)
            #expect(view.broadcast.ownerID == anchor.uid && view.isLive)
            #expect(row?["live"] == .string(view.stream?.playRTMPURL ?? "-"))
            #expect(row?["live"]?.stringValue?.hasPrefix("rtmp://") == true)
            #expect(try await s.call(as: anchor, "/focus/fans_list")["fans"]?.arrayValue?.first?["statue"] == "0")
            #expect(try await s.code(as: anchor, "/focus/focus_other", [("oid", String(me.uid))]) == 0)
            let (mine, _) = try await gateway.core.rooms.create(ownerID: me.uid, RoomFields())
            _ = try await gateway.core.rooms.goLive(roomID: mine.id, by: me.uid, heartbeat: nil)
            #expect(try await s.call(as: anchor, "/focus/fans_list")["fans"]?.arrayValue?.first?["statue"] == "1")
            _ = try await gateway.core.rooms.endLive(roomID: room.id, by: anchor.uid)
            row = try await s.call(as: me, "/focus/focus_list")["focus"]?.arrayValue?.first
            #expect(row?["room_id"] == "" && row?["live"] == "")
        }
    }

    // MARK: Blacklist

    @Test("add_black, black_list (Index or index), del_black; a blacklisted user cannot follow (25) and their follow ends")
    func blacklist() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            let pest = try await s.register()
            #expect(try await s.code(as: pest, "/focus/focus_other", [("oid", String(me.uid))]) == 0)
            #expect(try await s.code(as: me, "/focus/focus_other", [("oid", String(pest.uid))]) == 0)
            #expect(try await s.code(as: pest, "/user/modify_info_location", [("location", "火星")]) == 0)
            #expect(try await s.call(as: me, "/black/add_black", [("blackid", String(pest.uid))]) == ["ErrCode": 0])
            #expect(try await s.code(as: me, "/black/add_black", [("blackid", String(pest.uid))]) == 0)
            // Their follow of me ended; mine of them stays.
            #expect(try await s.code(as: pest, "/focus/search_focus", [("oid", String(me.uid))]) == 6)
            #expect(try await s.code(as: me, "/focus/search_focus", [("oid", String(pest.uid))]) == 0)
            #expect(try await s.call(as: me, "/user/refresh_info")["user"]?["Fans"] == 0)
            #expect(try await s.code(as: pest, "/focus/focus_other", [("oid", String(me.uid))]) == 25)
            let list = try await s.call(as: me, "/black/black_list", [("Index", "0")], method: "GET")
            let rows = try #require(list["black"]?.arrayValue)
            #expect(rows.count == 1)
            #expect(rows[0].objectValue?.keys == ["image", "level", "location", "nick_name", "signature", "uid"])
            #expect(rows[0]["uid"] == .string(String(pest.uid)) && rows[0]["level"] == "0" && rows[0]["location"] == "火星")
            #expect(try await s.call(as: me, "/black/black_list", [("index", "1")]) == ["ErrCode": 0, "black": []])
            #expect(try await s.call(as: me, "/black/black_list", [("Index", "1")]) == ["ErrCode": 0, "black": []])
            #expect(try await s.call(as: pest, "/black/black_list") == ["ErrCode": 0, "black": []])
            #expect(try await s.call(as: me, "/black/del_black", [("blackid", String(pest.uid))]) == ["ErrCode": 0])
            #expect(try await s.code(as: me, "/black/del_black", [("blackid", String(pest.uid))]) == 0)
            #expect(try await s.call(as: me, "/black/black_list")["black"] == [])
            #expect(try await s.code(as: pest, "/focus/focus_other", [("oid", String(me.uid))]) == 0)
        }
    }

    @Test("blacklist errors: 10 yourself, missing or malformed; 8 unknown")
    func blacklistErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            for path in ["/black/add_black", "/black/del_black"] {
                #expect(try await s.code(as: me, path, []) == 10, "\(path)")
                #expect(try await s.code(as: me, path, [("blackid", "x")]) == 10, "\(path)")
                #expect(try await s.code(as: me, path, [("blackid", "999999999")]) == 8, "\(path)")
                #expect(try await s.code(path, [("blackid", "1")]) == 32, "\(path)")
            }
            #expect(try await s.code(as: me, "/black/add_black", [("blackid", String(me.uid))]) == 10)
        }
    }

    // MARK: Reports

    @Test("report: with the reporter's token, or by uid alone; stored for administrators; 8 unknown, 10 malformed")
    func report() async throws {
        try await withGateway(["admin_key": "k"]) { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            let bad = try await s.register()
            #expect(try await s.call(as: me, "/report", [("oid", String(bad.uid)), ("desc", "spam")]) == ["ErrCode": 0])
            #expect(try await s.call("/report", [("uid", String(me.uid)), ("oid", String(bad.uid)), ("desc", "again")]) == ["ErrCode": 0])
            #expect(try await s.code("/report", [("uid", String(me.uid)), ("oid", String(bad.uid))]) == 0)
            let reports = try await gateway.core.moderation.reports(offset: 0, limit: 10)
            #expect(reports.map(\.description) == ["", "again", "spam"])
            #expect(reports.map(\.authenticated) == [false, false, true])
            #expect(reports.allSatisfy { $0.reporterID == me.uid && $0.targetID == bad.uid })
            #expect(try await s.code("/report", [("uid", "999999999"), ("oid", String(bad.uid))]) == 8)
            #expect(try await s.code(as: me, "/report", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: me, "/report", [("oid", String(me.uid))]) == 10)
            #expect(try await s.code(as: me, "/report", []) == 10)
            #expect(try await s.code("/report", [("oid", String(bad.uid))]) == 10)
            #expect(try await s.code(as: me, "/report", [("oid", String(bad.uid)), ("desc", String(repeating: "d", count: 501))]) == 10)
            // A token must be the reporter's.
            #expect(try await s.code("/report", [("token", me.token), ("uid", String(bad.uid)), ("oid", String(bad.uid))]) == 7)
            #expect(try await s.code("/report", [("token", String(repeating: "a", count: 32)), ("oid", String(bad.uid))]) == 24)
            // A banned reporter is refused, with or without a token.
            try await gateway.core.moderation.setBan(userID: me.uid, .permanent)
            #expect(try await s.code("/report", [("uid", String(me.uid)), ("oid", String(bad.uid))]) == 60)
            #expect(try await s.code(as: me, "/report", [("oid", String(bad.uid))]) == 60)
        }
    }

    @Test("report with shangtv_report_requires_token: 32 without a token, and a uid alone files nothing")
    func reportRequiresToken() async throws {
        try await withGateway(["shangtv_report_requires_token": "true"]) { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            let bad = try await s.register()
            #expect(try await s.code("/report", [("uid", String(me.uid)), ("oid", String(bad.uid))]) == 32)
            #expect(try await gateway.core.moderation.reports(offset: 0, limit: 10).isEmpty)
            #expect(try await s.call(as: me, "/report", [("oid", String(bad.uid))]) == ["ErrCode": 0])
            #expect(try await gateway.core.moderation.reports(offset: 0, limit: 10).map(\.authenticated) == [true])
        }
    }
}
