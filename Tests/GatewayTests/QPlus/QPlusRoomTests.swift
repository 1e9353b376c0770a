import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 001 "直播室相关", the room itself: CreateLiveRoom, GetMyLiveRoomId, GetMyLiveRoom, ModifyMyLiveRoom.
@Suite("QPlus rooms")
struct QPlusRoomTests {
    @Test("CreateLiveRoom: given fields are kept, empty passwords get the original's defaults")
    func create() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let created = try await q.call("/live/CreateLiveRoom", [
                "sessionId": .string(user.sessionId), "liveRoomAnchorPwd": "", "liveRoomAssistPwd": "",
                "liveRoomUserPwd": "", "liveRoomName": "Morning show", "liveRoomDesc": "desc <b>&", "liveRoomTopic": "Swift",
            ])
            #expect(created["status"] == 10000)
            let id = try #require(created["liveRoomId"]?.qplusInt)
            #expect(id > 0)
            let mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])
            #expect(mine["status"] == 10000)
            #expect(mine["liveRoomId"] == .int(id))
            #expect(mine["liveRoomName"] == "Morning show")
            #expect(mine["liveRoomDesc"] == "desc <b>&")
            #expect(mine["liveRoomTopic"] == "Swift")
            #expect(mine["liveRoomAnchorPwd"] == "anchorpwd")
            #expect(mine["liveRoomanchorPwd"] == "anchorpwd")
            #expect(mine["liveRoomUserPwd"] == "userpwd")
            #expect(mine["anchorName"] == user.login["nickName"])
            // Go's encoder escaped <, > and &: so does the gateway.
            let raw = try await gateway.post("/live/GetMyLiveRoom", json: ["sessionId": .string(user.sessionId)], contentType: nil)
            #expect(raw.text.contains(#""desc \u003cb\u003e\u0026""#))
            // Assist password is stored though QPlus never shows it.
            #expect(try await gateway.core.rooms.room(id: id).assistPassword == "assistpwd")
        }
    }

    @Test("A room made through another dialect stores no passwords and QPlus shows the original's defaults")
    func passwordsOfOtherDialectsRooms() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let owner = try #require(try await gateway.core.accounts.user(login: user.account))
            let room = try await gateway.core.rooms.create(ownerID: owner.id, RoomFields(name: "elsewhere")).room
            #expect(room.anchorPassword == "" && room.assistPassword == "" && room.viewerPassword == "")
            let mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])
            #expect(mine["liveRoomId"] == .int(room.id))
            #expect(mine["liveRoomAnchorPwd"] == "anchorpwd")
            #expect(mine["liveRoomUserPwd"] == "userpwd")
        }
    }

    @Test("CreateLiveRoom returns the existing room unchanged; no fields at all is fine")
    func createReturnsExisting() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let first = try await q.createRoom(user.sessionId, ["liveRoomAnchorPwd": "a1", "liveRoomUserPwd": "u1"])
            let second = try await q.call("/live/CreateLiveRoom", ["sessionId": .string(user.sessionId), "liveRoomName": "Other",
                                                                   "liveRoomAnchorPwd": "a2"])
            #expect(second["status"] == 10000)
            #expect(second["liveRoomId"] == .int(first))
            let mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])
            #expect(mine["liveRoomAnchorPwd"] == "a1")
            #expect(mine["liveRoomUserPwd"] == "u1")
            // A bare create: the room is named after its owner.
            let other = try await q.user()
            let bare = try await q.createRoom(other.sessionId)
            #expect(bare != first)
            let view = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(other.sessionId)])
            #expect(view["liveRoomName"] == other.login["nickName"])
            #expect(view["liveRoomAnchorPwd"] == "anchorpwd")
        }
    }

    @Test("CreateLiveRoom: 10203 bad name, 10204 bad password, 10002 bad types, 10003 no session")
    func createErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let session = JSONValue.string(user.sessionId)
            let longName = try await q.call("/live/CreateLiveRoom", ["sessionId": session, "liveRoomName": .string(String(repeating: "名", count: 65))])
            #expect(longName["status"] == 10203)
            #expect(longName["desc"] == "直播室名称非法")
            #expect(try await q.call("/live/CreateLiveRoom", ["sessionId": session, "liveRoomName": "tab\u{7}bell"])["status"] == 10203)
            for key in ["liveRoomAnchorPwd", "liveRoomAssistPwd", "liveRoomUserPwd"] {
                let r = try await q.call("/live/CreateLiveRoom", ["sessionId": session, key: .string(String(repeating: "p", count: 65))])
                #expect(r["status"] == 10204, "\(key)")
                #expect(r["desc"] == "直播室密码非法")
            }
            for body: JSONValue in [["sessionId": session, "liveRoomDesc": .string(String(repeating: "d", count: 513))],
                                    ["sessionId": session, "liveRoomTopic": .string(String(repeating: "t", count: 129))],
                                    ["sessionId": session, "liveRoomName": ["x"]],
                                    ["sessionId": session, "liveRoomAnchorPwd": ["x": 1]],
                                    ["sessionId": session, "liveRoomUserPwd": [1]],
                                    ["sessionId": session, "liveRoomDesc": ["a": 1]]] {
                #expect(try await q.call("/live/CreateLiveRoom", body)["status"] == 10002, "\(body.serialized().prefix(60))")
            }
            #expect(try await q.call("/live/CreateLiveRoom", ["liveRoomName": "x"])["status"] == 10003)
            // Nothing was created by any of those.
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": session])["status"] == 10202)
        }
    }

    @Test("GetMyLiveRoomId: LiveRoomId and liveRoomId, 10202 without a room")
    func myRoomID() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let none = try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])
            #expect(none["status"] == 10202)
            #expect(none["desc"] == "直播室不存在")
            #expect(none["LiveRoomId"] == nil)
            let id = try await q.createRoom(user.sessionId)
            let r = try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])
            #expect(r["status"] == 10000)
            #expect(r["LiveRoomId"] == .int(id))
            #expect(r["liveRoomId"] == .int(id))
            #expect(try await q.call("/live/GetMyLiveRoomId", [:])["status"] == 10003)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": 12345])["status"] == 10003)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": ["x"]])["status"] == 10002)
        }
    }

    @Test("GetMyLiveRoom: every LiveRoomInfo key, 10202 without a room")
    func myRoom() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let none = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])
            #expect(none["status"] == 10202)
            #expect(none["liveRoomId"] == nil)
            let id = try await q.createRoom(user.sessionId, ["liveRoomName": "R"])
            let r = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])
            #expect(r["status"] == 10000)
            for key in qplusRoomKeys { #expect(r[key] != nil, "\(key)") }
            #expect(r["liveRoomId"] == .int(id))
            #expect(r["isFollow"] == 0)
            #expect(r["followCount"] == 0)
            #expect(r["playerCount"] == 0)
            let rtmp = try #require(r["playRtmpUrl"]?.stringValue)
            #expect(rtmp.hasPrefix("rtmp://"))
            #expect(r["playHlsUrl"]?.stringValue?.hasSuffix(".m3u8") == true)
            #expect(r["playFlvUrl"]?.stringValue?.hasSuffix(".flv") == true)
            // Stable: the same URLs every time.
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])["playRtmpUrl"] == .string(rtmp))
            #expect(try await q.call("/live/GetMyLiveRoom", [:])["status"] == 10003)
        }
    }

    @Test("ModifyMyLiveRoom: liveRoomId 0, absent or its own id edits one's room; empty fields keep their value")
    func modify() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let id = try await q.createRoom(user.sessionId, ["liveRoomName": "Old", "liveRoomTopic": "T0"])
            let session = JSONValue.string(user.sessionId)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": 0, "liveRoomName": "New",
                                                                "liveRoomAnchorPwd": "ap", "liveRoomUserPwd": "up",
                                                                "liveRoomDesc": "D", "liveRoomTopic": "T1"])["status"] == 10000)
            var mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": session])
            #expect(mine["liveRoomName"] == "New")
            #expect(mine["liveRoomAnchorPwd"] == "ap")
            #expect(mine["liveRoomUserPwd"] == "up")
            #expect(mine["liveRoomDesc"] == "D")
            #expect(mine["liveRoomTopic"] == "T1")
            // Empty name and passwords leave them; absent fields too.
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomName": "", "liveRoomAnchorPwd": "",
                                                                "liveRoomUserPwd": ""])["status"] == 10000)
            mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": session])
            #expect(mine["liveRoomName"] == "New")
            #expect(mine["liveRoomAnchorPwd"] == "ap")
            #expect(mine["liveRoomDesc"] == "D")
            // Its own id works, as text too (form-ish clients).
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": .int(id), "liveRoomTopic": "T2"])["status"] == 10000)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": .string("\(id)"), "liveRoomDesc": ""])["status"] == 10000)
            mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": session])
            #expect(mine["liveRoomTopic"] == "T2")
            #expect(mine["liveRoomDesc"] == "")
        }
    }

    @Test("ModifyMyLiveRoom: 10200 someone else's or unknown room, 10203 bad name, 10204 bad password, 10002, 10003")
    func modifyErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (owner, room) = try await q.anchor(name: "Owner's")
            let intruder = try await q.user()
            let session = JSONValue.string(intruder.sessionId)
            // Without a room of one's own, 0 names nothing.
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": 0, "liveRoomName": "x"])["status"] == 10200)
            let theirs = try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": .int(room), "liveRoomName": "Mine now"])
            #expect(theirs["status"] == 10200)
            #expect(theirs["desc"] == "直播室ID不存在")
            _ = try await q.createRoom(intruder.sessionId)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": .int(room), "liveRoomName": "Mine now"])["status"] == 10200)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": session, "liveRoomId": 999999, "liveRoomName": "x"])["status"] == 10200)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(owner.sessionId)])["liveRoomName"] == "Owner's")

            let own = JSONValue.string(owner.sessionId)
            let longName = try await q.call("/live/ModifyMyLiveRoom", ["sessionId": own, "liveRoomName": .string(String(repeating: "n", count: 65))])
            #expect(longName["status"] == 10203)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": own, "liveRoomUserPwd": .string(String(repeating: "p", count: 65))])["status"] == 10204)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionId": own, "liveRoomAnchorPwd": "bad\npassword"])["status"] == 10204)
            for body: JSONValue in [["sessionId": own, "liveRoomId": "abc"], ["sessionId": own, "liveRoomId": 1.5],
                                    ["sessionId": own, "liveRoomName": ["x"]], ["sessionId": own, "liveRoomAnchorPwd": [1]],
                                    ["sessionId": own, "liveRoomId": ["x"]], ["sessionId": own, "liveRoomTopic": ["x": 1]]] {
                #expect(try await q.call("/live/ModifyMyLiveRoom", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["liveRoomName": "x"])["status"] == 10003)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": own])["liveRoomName"] == "Owner's")
        }
    }

    @Test("Room lists and search show the anchor password only to the room's owner; viewers keep the viewer password")
    func anchorPasswordOnlyToOwner() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let anchor = try await q.user()
            let viewer = try await q.user()
            let room = try await q.createRoom(anchor.sessionId, ["liveRoomAnchorPwd": "secret-a", "liveRoomUserPwd": "view-u"])
            try #require(try await q.push(anchor.sessionId, room: room, timeout: 3600)["status"] == 10000)
            func entry(_ session: String) async throws -> JSONValue? {
                let list = try await q.call("/live/GetLiveRoomList", ["sessionId": .string(session), "type": 1, "refresh": 1, "count": 50])
                return list["list"]?.arrayValue?.first { $0["liveRoomId"]?.qplusInt == room }
            }
            let seen = try #require(try await entry(viewer.sessionId))
            #expect(seen["liveRoomAnchorPwd"] == "" && seen["liveRoomanchorPwd"] == "")
            #expect(seen["liveRoomUserPwd"] == "view-u")
            let own = try #require(try await entry(anchor.sessionId))
            #expect(own["liveRoomAnchorPwd"] == "secret-a")
            let found = try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId), "keyword": .string("\(room)")])
            #expect(found["liveRoomAnchorPwd"] == "")
        }
    }
}
