import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing
import Gateway

/// One account, every dialect: passwords as MD5, follows seen by QPlus, the legacy ports.
@Suite("shangtv across dialects")
struct ShangTVCrossDialectTests {
    @Test("registered through QPlus with a plaintext password, logged in here with its MD5, and back")
    func qplusPassword() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let phone = uniquePhone()
            let q = try await gateway.post("/live/Register", json: ["account": .string("q\(phone)"), "phone": .string(phone),
                                                                     "email": .string("q\(phone)@example.com"), "password": "abc12345"])
            #expect(q.json?["status"] == 10000)
            let login = try await s.login(phone)
            #expect(login["ErrCode"] == 0)
            #expect(login["user"]?["Account"] == .string("q\(phone)"))
            #expect(login["user"]?["Tel"] == .string(phone))
            #expect(try await s.login("q\(phone)")["ErrCode"] == 0)
            #expect(try await s.login(phone, "wrong")["ErrCode"] == 3)
            // Registered here with an MD5, logged in through QPlus with the plaintext.
            let user = try await s.register(password: "secret99")
            let back = try await gateway.post("/live/Login", json: ["account": .string(user.account), "password": "secret99"])
            #expect(back.json?["status"] == 10000)
            // A password changed here is changed there.
            #expect(try await s.code(as: user, "/user/modify_pwd", [("oldpwd", MD5Hex.of("secret99")), ("newpwd", MD5Hex.of("changed1"))]) == 0)
            let changed = try await gateway.post("/live/Login", json: ["account": .string(user.account), "password": "changed1"])
            #expect(changed.json?["status"] == 10000)
        }
    }

    @Test("registered through REST, logged in here with the MD5 of its password")
    func restPassword() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let name = "rest\(UUID().uuidString.prefix(8).lowercased())"
            let r = try await gateway.post("/users/", json: ["username": .string(name), "password": "abc12345", "nickname": "r", "sex": "1"])
            #expect(r.status == 200, "\(r.text)")
            let login = try await s.login(name)
            #expect(login["ErrCode"] == 0)
            #expect(login["user"]?["Account"] == .string(name))
            #expect(login["user"]?["NickName"] == "r")
            #expect(login["user"]?["Sex"] == 2)  // REST 1 is female
        }
    }

    @Test("a follow made here shows as isFollow in QPlus lists, and QPlus follows count here")
    func followSeenByQPlus() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            // The anchor: a QPlus user with a live room.
            let phone = uniquePhone()
            _ = try await gateway.post("/live/Register", json: ["account": .string("a\(phone)"), "phone": .string(phone),
                                                                 "email": .string("a\(phone)@example.com"), "password": "abc12345"])
            let anchorSession = try #require(try await gateway.post("/live/Login", json: ["account": .string(phone), "password": "abc12345"]).json?["sessionId"]?.stringValue)
            let room = try #require(try await gateway.post("/live/CreateLiveRoom", json: ["sessionId": .string(anchorSession)]).json?["liveRoomId"])
            _ = try await gateway.post("/live/PushLiveStream", json: ["sessionId": .string(anchorSession), "liveRoomId": room, "status": 1])
            let anchor = try await s.loggedIn(phone)
            // The fan: registered here, follows the anchor here.
            let fan = try await s.register()
            #expect(try await s.code(as: fan, "/focus/focus_other", [("oid", String(anchor.uid))]) == 0)
            let fanSession = try #require(try await gateway.post("/live/Login", json: ["account": .string(fan.account), "password": "abc12345"]).json?["sessionId"]?.stringValue)
            let list = try await gateway.post("/live/GetLiveRoomList", json: ["sessionId": .string(fanSession), "type": 1, "refresh": 1, "count": 10])
            let item = list.json?["list"]?.arrayValue?.first { $0["liveRoomId"] == room }
            #expect(item?["isFollow"] == 1)
            #expect(item?["followCount"] == 1)
            let followed = try await gateway.post("/live/GetLiveRoomList", json: ["sessionId": .string(fanSession), "type": 2, "refresh": 1, "count": 10])
            #expect(followed.json?["onlineList"]?.arrayValue?.contains { $0["liveRoomId"] == room } == true)
            // The live room shows in focus_list.
            let row = try await s.call(as: fan, "/focus/focus_list")["focus"]?.arrayValue?.first
            #expect(row?["room_id"]?.stringValue?.isEmpty == false && row?["live"]?.stringValue?.hasPrefix("rtmp://") == true)
            // Unfollowed here, gone there.
            #expect(try await s.code(as: fan, "/focus/cancel_focus", [("oid", String(anchor.uid))]) == 0)
            let after = try await gateway.post("/live/GetLiveRoomList", json: ["sessionId": .string(fanSession), "type": 1, "refresh": 1, "count": 10])
            #expect(after.json?["list"]?.arrayValue?.first { $0["liveRoomId"] == room }?["isFollow"] == 0)
            // A QPlus follow counts here.
            _ = try await gateway.post("/live/FollowLiveRoom", json: ["sessionId": .string(fanSession), "liveRoomId": room, "isFollow": 1])
            #expect(try await s.code(as: fan, "/focus/search_focus", [("oid", String(anchor.uid))]) == 0)
            #expect(try await s.call(as: anchor, "/focus/fans_list")["count"] == 1)
            // A blacklist set here binds QPlus follows too: the rule is the core's.
            #expect(try await s.code(as: anchor, "/black/add_black", [("blackid", String(fan.uid))]) == 0)
            let refused = try await gateway.post("/live/FollowLiveRoom", json: ["sessionId": .string(fanSession), "liveRoomId": room, "isFollow": 1])
            #expect(refused.json?["status"] == 10002)
            #expect(refused.json?["desc"] == "已被对方拉黑")
            #expect(try await s.code(as: fan, "/focus/search_focus", [("oid", String(anchor.uid))]) == 6)
            #expect(try await gateway.post("/live/FollowLiveRoom", json: ["sessionId": .string(fanSession), "liveRoomId": room, "isFollow": 0]).json?["status"] == 10000,
                    "unfollowing is always allowed")
        }
    }

    @Test("the legacy ports 3000 and 3003 serve the same answers")
    func legacyPorts() async throws {
        try await withGateway(legacy: ["shangtv": 0]) { gateway in
            let ports = gateway.running.ports["shangtv"] ?? []
            try #require(!ports.isEmpty)
            let s = ShangTVClient(gateway, port: ports[0])
            let user = try await s.register()
            #expect(try await s.code(as: user, "/focus/focus_list") == 0)
            #expect(try await s.code("/look_info", [("uid", String(user.uid))]) == 0)
        }
    }
}
