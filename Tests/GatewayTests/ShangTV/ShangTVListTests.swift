import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 房间列表 / 推荐列表 / 关注的人正在直播列表 / 获取房间信息 / 聊天室 / 检查房间可用, over HTTP.
@Suite("shangtv lists")
struct ShangTVListTests {
    static let roomKeys = ["cover", "live_url", "location", "nick_name", "owner_id", "room_id", "room_name", "sex", "statue"]
    static let focusKeys = ["cover", "image", "live_url", "location", "nick_name", "owner_id", "room_id", "room_name", "sex",
                            "statue", "viewer"]
    static let playbackKeys = focusKeys
    static let userKeys = ["AnchorLevel", "Image", "Location", "NickName", "Sex", "Signature", "Uid", "UserLevel"]

    @Test("list_room: the sample's keys, all strings, statue \"1\", the RTMP play address; newest first, ten to a page by index")
    func listRoom() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            var ids: [String] = []
            var anchors: [ShangTVClient.User] = []
            for n in 0..<12 {
                let anchor = try await s.register()
                anchors.append(anchor)
                ids.append(try await s.startBroadcast(as: anchor, [("room_name", "房\(n)"), ("location", "火星"), ("itype", "2")]))
                clock.advance(by: 1)
            }
            let first = try await s.roomList(index: 0)
            #expect(first.count == 10)
            #expect(first.compactMap { $0["room_id"]?.stringValue } == Array(ids.reversed().prefix(10)))
            #expect(try await s.roomList(index: 1).compactMap { $0["room_id"]?.stringValue } == [ids[1], ids[0]])
            #expect(try await s.roomList(index: 2).isEmpty)
            let newest = try #require(first.first)
            // Go writes a map's keys sorted.
            #expect(newest.objectValue?.keys == Self.roomKeys)
            let anchor = anchors[11]
            let stream = try await s.stream(of: anchor).stream
            #expect(newest == [
                "cover": "", "live_url": .string("rtmp://127.0.0.1:1935/livegate/\(stream.record.title)"), "location": "火星",
                "nick_name": anchor.user["NickName"]!, "owner_id": .string(String(anchor.uid)), "room_id": .string(ids[11]),
                "room_name": "房11", "sex": "0", "statue": "1",
            ])
            // No token needed; GET and POST alike; bad index is 10.
            #expect(try await s.call("/list_room", [("index", "0")])["RoomList"]?.arrayValue?.count == 10)
            #expect(try await s.code("/list_room", [("index", "-1")]) == 10)
            #expect(try await s.code("/list_room", [("index", "x")]) == 10)
            #expect(try await s.code("/list_room", [("index", "1.5")]) == 10)
        }
    }

    @Test("list_room with nothing live: an empty array, never null")
    func emptyList() async throws {
        try await withGateway { gateway in
            let r = try await ShangTVClient(gateway).call("/list_room", method: "GET")
            #expect(r == ["ErrCode": 0, "RoomList": []])
        }
    }

    @Test("recommand_list: MultipleList and PlayBackMultipleList empty, RoomList by index, PlayBackList by play_index, recommended first")
    func recommendList() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            let viewer = try await s.register()
            // Two finished playbacks of a, one of b; b is live now.
            var playbacks: [String] = []
            for n in 0..<2 {
                let id = try await s.startBroadcast(as: a, [("room_name", "回播\(n)"), ("save", "1"), ("location", "地球")])
                try await s.present(viewer, in: a)
                clock.advance(by: 60)
                _ = try await s.call(as: a, "/room/close_room", [("roomid", id)])
                playbacks.append(id)
                clock.advance(by: 1)
            }
            let bPlayback = try await s.startBroadcast(as: b, [("save", "1")])
            clock.advance(by: 10)
            _ = try await s.call(as: b, "/room/close_room", [("roomid", bPlayback)])
            let live = try await s.startBroadcast(as: b, [("room_name", "直播中")])

            let r = try await s.call("/recommand_list", [("index", "0"), ("play_index", "0"), ("uid", String(viewer.uid))], method: "GET")
            #expect(r.objectValue?.keys.sorted() == ["ErrCode", "MultipleList", "PlayBackList", "PlayBackMultipleList", "RoomList"])
            #expect(r["MultipleList"] == [])
            #expect(r["PlayBackMultipleList"] == [])
            #expect(r["RoomList"]?.arrayValue?.compactMap { $0["room_id"]?.stringValue } == [live])
            let list = try #require(r["PlayBackList"]?.arrayValue)
            #expect(list.compactMap { $0["room_id"]?.stringValue } == [bPlayback, playbacks[1], playbacks[0]])
            let item = try #require(list.first { $0["room_id"]?.stringValue == playbacks[1] })
            #expect(item.objectValue?.keys == Self.playbackKeys)
            let stream = try await s.stream(of: a).stream
            let start = 1_700_000_061
            #expect(item == [
                "cover": "", "image": "", "live_url": .string("http://127.0.0.1:8088/recordings/livegate.\(stream.record.title)/\(start)_\(start + 60).m3u8"),
                "location": "地球", "nick_name": a.user["NickName"]!, "owner_id": .string(String(a.uid)),
                "room_id": .string(playbacks[1]), "room_name": "回播1", "sex": "0", "statue": "0", "viewer": "1",
            ])

            // a recommends its older playback: it leads.
            #expect(try await s.code(as: a, "/room/recommand", [("rid", playbacks[0]), ("multiple", "0")]) == 0)
            let again = try await s.call("/recommand_list", [("index", "0"), ("play_index", "0")])
            #expect(again["PlayBackList"]?.arrayValue?.compactMap { $0["room_id"]?.stringValue } == [playbacks[0], bPlayback, playbacks[1]])
            // play_index pages the playbacks only; index the live rooms only.
            let paged = try await s.call("/recommand_list", [("index", "1"), ("play_index", "1")])
            #expect(paged["RoomList"] == [])
            #expect(paged["PlayBackList"] == [])
            #expect(try await s.code("/recommand_list", [("play_index", "-2")]) == 10)
            #expect(try await s.code("/recommand_list", [("index", "zz")]) == 10)
        }
    }

    @Test("focus_live_list: the followed anchors' live broadcasts, count in all, viewers present; token needed")
    func focusLiveList() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let me = try await s.register()
            let followed = try await s.register()
            let idle = try await s.register()
            let stranger = try await s.register()
            let viewer = try await s.register()
            try await gateway.core.follows.set(me.uid, follows: followed.uid, true)
            try await gateway.core.follows.set(me.uid, follows: idle.uid, true)
            let id = try await s.startBroadcast(as: followed, [("room_name", "关注的"), ("location", "深圳市宝安区"), ("itype", "2")])
            _ = try await s.startBroadcast(as: stranger)
            try await s.present(viewer, in: followed)
            try await s.present(me, in: followed)

            let r = try await s.call(as: me, "/focus/focus_live_list", [("index", "0"), ("app_version", "1.1")], method: "GET")
            #expect(r.objectValue?.keys == ["ErrCode", "count", "focus"])
            #expect(r["count"] == 1)
            let item = try #require(r["focus"]?.arrayValue?.first)
            #expect(item.objectValue?.keys == Self.focusKeys)
            let stream = try await s.stream(of: followed).stream
            #expect(item == [
                "cover": "", "image": "", "live_url": .string(stream.playRTMPURL), "location": "深圳市宝安区",
                "nick_name": followed.user["NickName"]!, "owner_id": .string(String(followed.uid)), "room_id": .string(id),
                "room_name": "关注的", "sex": "0", "statue": "1", "viewer": "2",
            ])
            #expect(try await s.call(as: me, "/focus/focus_live_list", [("index", "1")])["focus"] == [])
            #expect(try await s.call(as: stranger, "/focus/focus_live_list") == ["ErrCode": 0, "count": 0, "focus": []])
            #expect(try await s.code("/focus/focus_live_list") == 32)
            #expect(try await s.code(as: me, "/focus/focus_live_list", [("index", "-1")]) == 10)
        }
    }

    @Test("room_info: live (Statue 1, FinishTime Go's zero time, the RTMP address) and finished (the playback address); 4 unknown, 10 malformed")
    func roomInfo() async throws {
        let clock = ManualClock()
        try await withGateway(["stream_playback_domain": "vod.example.com"], clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor, [("room_name", "大米 111"), ("location", "huoxing"), ("save", "1")])
            let stream = try await s.stream(of: anchor).stream
            let live = try await s.call("/room_info", [("rid", id)], method: "GET")
            #expect(live.objectValue?.keys == ["ErrCode", "info"])
            #expect(live["info"]?.objectValue?.keys == ["RoomId", "RoomName", "OwnerId", "CreateTime", "FinishTime", "Location",
                                                       "Cover", "Statue", "LiveUrl"])
            // ManualClock starts at 1_700_000_000: 2023-11-15T06:13:20 at +08:00.
            #expect(live["info"] == [
                "RoomId": .string(id), "RoomName": "大米 111", "OwnerId": .int(anchor.uid),
                "CreateTime": "2023-11-15T06:13:20+08:00", "FinishTime": "0001-01-01T00:00:00Z", "Location": "huoxing",
                "Cover": "", "Statue": 1, "LiveUrl": .string(stream.playRTMPURL),
            ])
            clock.advance(by: 29)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            let done = try await s.call("/room_info", [("rid", id)])
            #expect(done["info"]?["Statue"] == 0)
            #expect(done["info"]?["FinishTime"] == "2023-11-15T06:13:49+08:00")
            #expect(done["info"]?["LiveUrl"]?.stringValue
                    == "http://vod.example.com/recordings/livegate.\(stream.record.title)/1700000000_1700000029.m3u8")
            // Without save, a finished broadcast has no address.
            let unsaved = try await s.startBroadcast(as: anchor)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", unsaved)])
            #expect(try await s.call("/room_info", [("rid", unsaved)])["info"]?["LiveUrl"] == "")

            #expect(try await s.code("/room_info", [("rid", "42")]) == 4)
            #expect(try await s.code("/room_info") == 10)
            #expect(try await s.code("/room_info", [("rid", "4x")]) == 10)
            #expect(try await s.code("/room_info", [("rid", String(repeating: "9", count: 41))]) == 10)
        }
    }

    @Test("chat_info: count of viewers present, a page of them (owner aside), the owner, the room; 35 once over, 4 unknown")
    func chatInfo() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let me = try await s.register()
            let id = try await s.startBroadcast(as: anchor, [("room_name", "聊天"), ("itype", "2")])
            var viewers: [ShangTVClient.User] = []
            for _ in 0..<11 {
                let viewer = try await s.register()
                viewers.append(viewer)
                try await s.present(viewer, in: anchor)
            }
            try await s.present(anchor, in: anchor)
            try await gateway.core.follows.set(me.uid, follows: anchor.uid, true)
            try await gateway.core.broadcasts.credit(ownerID: anchor.uid, earnings: 11)

            let r = try await s.call(as: me, "/chat_info", [("rid", id), ("index", "0")], method: "GET")
            #expect(r.objectValue?.keys.sorted() == ["ErrCode", "count", "info", "owner", "room"])
            #expect(r["count"] == 11)
            let info = try #require(r["info"]?.arrayValue)
            #expect(info.count == 10)
            #expect(info.compactMap { $0["Uid"]?.intValue } == viewers.prefix(10).map(\.uid))
            #expect(info.first?.objectValue?.keys.sorted() == Self.userKeys)
            #expect(r["owner"] == [
                "Uid": .int(anchor.uid), "Image": "", "NickName": anchor.user["NickName"]!, "Location": "",
                "UserLevel": 0, "AnchorLevel": 0, "Sex": 0, "Signature": "",
            ])
            #expect(r["room"] == [
                "Rid": .string(id), "Name": "聊天", "Begintime": 1_700_000_000, "Uid": .int(anchor.uid), "Image": "",
                "Mtype": 0, "rice": 11, "focus": 1,
            ])
            let second = try await s.call(as: me, "/chat_info", [("rid", id), ("index", "1")])
            #expect(second["info"]?.arrayValue?.compactMap { $0["Uid"]?.intValue } == [viewers[10].uid])
            #expect(second["count"] == 11)
            #expect(try await s.call(as: viewers[0], "/chat_info", [("rid", id)])["room"]?["focus"] == 0)

            #expect(try await s.code("/chat_info", [("rid", id)]) == 32)
            #expect(try await s.code(as: me, "/chat_info", [("rid", "777")]) == 4)
            #expect(try await s.code(as: me, "/chat_info", [("rid", "x")]) == 10)
            #expect(try await s.code(as: me, "/chat_info", [("rid", id), ("index", "-3")]) == 10)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            #expect(try await s.code(as: me, "/chat_info", [("rid", id)]) == 35)
        }
    }

    @Test("audience_info (deprecated, served): rice and the viewers present")
    func audienceInfo() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let viewer = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            try await s.present(viewer, in: anchor)
            let r = try await s.call(as: viewer, "/audience_info", [("rid", id), ("index", "0")])
            #expect(r.objectValue?.keys == ["ErrCode", "rice", "info"])
            #expect(r["rice"] == 0)
            #expect(r["info"]?.arrayValue?.compactMap { $0["Uid"]?.intValue } == [viewer.uid])
            #expect(try await s.code("/audience_info", [("rid", id)]) == 32)
            #expect(try await s.code(as: viewer, "/audience_info", [("rid", "5")]) == 4)
            #expect(try await s.code(as: viewer, "/audience_info") == 10)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            #expect(try await s.code(as: viewer, "/audience_info", [("rid", id)]) == 35)
        }
    }

    @Test("check_channel/:num: 0 live, 35 finished, 4 unknown, 10 not a number; token needed")
    func checkChannel() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            #expect(try await s.call(as: anchor, "/check_channel/\(id)", method: "GET") == ["ErrCode": 0])
            #expect(try await s.code("/check_channel/\(id)") == 32)
            #expect(try await s.code(as: anchor, "/check_channel/123") == 4)
            #expect(try await s.code(as: anchor, "/check_channel/abc") == 10)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            #expect(try await s.code(as: anchor, "/check_channel/\(id)") == 35)
        }
    }

    @Test("Rooms made live by QPlus, REST and Pyramid are broadcasts here; ended there, they are finished here")
    func otherDialectsLiveRooms() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let q = try await s.register(password: "abc12345")
            let r = try await s.register(password: "abc12345")
            let p = try await s.register(password: "abc12345")
            let viewer = try await s.register()

            // QPlus: create the room and push with a 60-second heartbeat.
            let login = try #require(try await gateway.post("/live/Login", json: ["account": .string(q.account), "password": "abc12345"]).json)
            let session = try #require(login["sessionId"]?.stringValue)
            let created = try #require(try await gateway.post("/live/CreateLiveRoom",
                                                              json: ["sessionId": .string(session), "liveRoomName": "QPlus房"]).json)
            let qRoom = try #require(created["liveRoomId"]?.intValue)
            _ = try await gateway.post("/live/PlayLiveStream", json: ["sessionId": .string(session), "liveroomId": .int(qRoom), "status": 1])
            let pushed = try await gateway.post("/live/PushLiveStream",
                                                json: ["sessionId": .string(session), "liveRoomId": .int(qRoom), "status": 1, "timeout": 60])
            #expect(pushed.json?["status"] == 10000)
            clock.advance(by: 1)

            // REST: a room made active.
            let restLogin = try #require(try await gateway.post("/login/", json: ["username": .string(r.account), "password": "abc12345"]).json)
            let restToken = try #require(restLogin["token"]?.stringValue)
            let restPost = try await gateway.post("/rooms/", json: ["room_alias": .string("rest\(r.uid)"), "active": true,
                                                                   "token": .string(restToken)])
            #expect(restPost.status == 201)
            clock.advance(by: 1)

            // Pyramid: go live.
            let log = try #require(try await gateway.form("POST", "/log", [("userId", p.account), ("password", "abc12345")]).json)
            let pyramidToken = try #require(log["message"]?.stringValue)
            _ = try await gateway.form("POST", "/room", [("token", pyramidToken)])

            let list = try await s.roomList()
            #expect(list.compactMap { $0["owner_id"]?.stringValue } == [String(p.uid), String(r.uid), String(q.uid)])
            let qItem = try #require(list.last)
            #expect(qItem["room_name"] == "QPlus房")
            #expect(qItem["statue"] == "1")
            let qID = try #require(qItem["room_id"]?.stringValue)
            #expect(qID.hasPrefix("\(q.uid)1700000000"))
            // The id is stable while the session lasts, and QPlus's heartbeats do not change it.
            _ = try await gateway.post("/live/PushLiveStream",
                                       json: ["sessionId": .string(session), "liveRoomId": .int(qRoom), "status": 1, "timeout": 60])
            #expect(try await s.roomList().last?["room_id"]?.stringValue == qID)
            // Viewers present are the room's presence (the anchor's own PlayLiveStream aside).
            try await s.present(viewer, in: q)
            let chat = try await s.call(as: viewer, "/chat_info", [("rid", qID)])
            #expect(chat["count"] == 1)
            #expect(chat["info"]?.arrayValue?.compactMap { $0["Uid"]?.intValue } == [viewer.uid])
            // REST ends its room: finished here.
            let rID = try #require(list[1]["room_id"]?.stringValue)
            let restRooms = try #require(try await gateway.form("GET", "/rooms/", [("pageSize", "100")]).json)
            let pk = try #require(restRooms["results"]?.arrayValue?.first { $0["room_alias"]?.stringValue == "rest\(r.uid)" }?["pk"])
            let pkText = pk.stringValue ?? pk.intValue.map { String($0) } ?? ""
            let put = try await gateway.raw("PUT", "/rooms/\(pkText)/", body: Array(#"{"active": false, "token": "\#(restToken)"}"#.utf8),
                                            headers: [("Content-Type", "application/json")])
            #expect(put.status == 200)
            #expect(try await s.code(as: r, "/check_channel/\(rID)") == 35)

            // QPlus's heartbeat lapses: the broadcast finished when the heartbeat was due.
            clock.advance(by: 120)
            #expect(try await s.roomList().compactMap { $0["owner_id"]?.stringValue } == [String(p.uid)])
            let info = try await s.call("/room_info", [("rid", qID)])
            #expect(info["info"]?["Statue"] == 0)
            #expect(info["info"]?["FinishTime"] == "2023-11-15T06:14:22+08:00")
            // QPlus pushes again: a new session, a new broadcast.
            _ = try await gateway.post("/live/PushLiveStream",
                                       json: ["sessionId": .string(session), "liveRoomId": .int(qRoom), "status": 1, "timeout": 60])
            let newQ = try #require(try await s.roomList().first?["room_id"]?.stringValue)
            #expect(newQ != qID)
            #expect(newQ.hasPrefix("\(q.uid)1700000122"))

            // A room made live elsewhere can be closed here by its owner.
            #expect(try await s.code(as: q, "/room/close_room", [("roomid", newQ)]) == 0)
            let qList = try #require(try await gateway.post("/live/GetLiveRoomList",
                                                            json: ["sessionId": .string(session), "type": 1, "refresh": 1, "count": 100]).json)
            #expect(qList["list"]?.arrayValue?.contains { $0["liveRoomId"] == .int(qRoom) } == false)
            // Pyramid's leave ends its broadcast.
            _ = try await gateway.form("DELETE", "/room", [("token", pyramidToken)])
            #expect(try await s.roomList().isEmpty)
        }
    }

    @Test("A heartbeat lapse noticed only when QPlus pushes again still finishes the old broadcast at its deadline")
    func lapseSeenByGoLive() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let q = try await s.register()
            let room = try await gateway.core.rooms.create(ownerID: q.uid, RoomFields()).room
            try await gateway.core.rooms.goLive(roomID: room.id, by: q.uid, heartbeat: 60)
            let first = try #require(try await s.liveIDs().first)
            clock.advance(by: 300)
            // No shangtv read in between: the go-live hook finishes the stale record itself.
            try await gateway.core.rooms.goLive(roomID: room.id, by: q.uid, heartbeat: 60)
            let second = try #require(try await s.liveIDs().first)
            #expect(second != first)
            #expect(try await s.call("/room_info", [("rid", first)])["info"]?["FinishTime"] == "2023-11-15T06:14:20+08:00")
        }
    }
}
