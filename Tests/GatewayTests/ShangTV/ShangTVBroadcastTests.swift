import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing
import Gateway

/// 开播 / 结束播放 / 预创建房间 / 取消上传 / 请求续播地址, over HTTP.
@Suite("shangtv broadcasts")
struct ShangTVBroadcastTests {
    @Test("create_room: a decimal-string id <uid><unix><1…99999>, the room created and live, one field besides ErrCode")
    func createRoom() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            #expect(try await gateway.core.rooms.room(ownerID: anchor.uid) == nil)
            let r = try await s.call(as: anchor, "/room/create_room",
                                     [("room_name", "直播室1802"), ("location", "火星"), ("itype", "2"), ("save", "0"), ("game_type", "0")])
            #expect(r.objectValue?.keys == ["ErrCode", "roomid"])
            let id = try #require(r["roomid"]?.stringValue)
            let prefix = "\(anchor.uid)1700000000"
            #expect(id.hasPrefix(prefix))
            let suffix = try #require(Int(id.dropFirst(prefix.count)))
            #expect((1...99_999).contains(suffix))
            // The canonical room exists now (named after the broadcast) and is live, without heartbeat.
            let room = try #require(try await gateway.core.rooms.room(ownerID: anchor.uid))
            #expect(room.name == "直播室1802")
            #expect(room.live == .live(since: clock.now(), deadline: nil))
            #expect(try await s.liveIDs() == [id])
            clock.advance(by: 86_400 * 30)
            #expect(try await s.liveIDs() == [id])
        }
    }

    @Test("create_room while live: the same broadcast, with the new fields; an existing room keeps its name")
    func oneLiveBroadcastPerUser() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            _ = try await gateway.core.rooms.create(ownerID: anchor.uid, RoomFields(name: "永久的房间"))
            let first = try await s.startBroadcast(as: anchor, [("room_name", "第一")])
            clock.advance(by: 30)
            let second = try await s.startBroadcast(as: anchor, [("room_name", "第二"), ("location", "北京")])
            #expect(second == first)
            let list = try await s.roomList()
            #expect(list.count == 1)
            #expect(list.first?["room_name"] == "第二")
            #expect(list.first?["location"] == "北京")
            #expect(try await s.stream(of: anchor).room.name == "永久的房间")
        }
    }

    @Test("create_room input: itype 1|2, save 0|1, game_type ≥ 0, a name within 64 characters; else 10")
    func createRoomInput() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            for fields in [[("itype", "3")], [("itype", "abc")], [("save", "2")], [("save", "yes")], [("game_type", "-1")],
                           [("game_type", "x")], [("room_name", String(repeating: "名", count: 65))],
                           [("location", String(repeating: "l", count: 129))], [("room_name", "a\u{1}b")]] {
                #expect(try await s.code(as: anchor, "/room/create_room", fields) == 10, "\(fields)")
            }
            #expect(try await gateway.core.rooms.room(ownerID: anchor.uid) == nil)
            // Everything optional: an empty create_room starts a broadcast named "".
            let id = try await s.startBroadcast(as: anchor, [])
            #expect(try await s.roomList().first?["room_name"] == "")
            #expect(try await s.roomList().first?["room_id"]?.stringValue == id)
        }
    }

    @Test("Authentication: no token 32, unknown token 24, a uid that names no one 8, someone else's uid 7")
    func authentication() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            for path in ["/room/create_room", "/room/close_room", "/room/live_create", "/room/exit_create", "/room/pull_addr"] {
                #expect(try await s.code(path, [("roomid", "1"), ("rid", "1")]) == 32, "\(path)")
                #expect(try await s.code(path, [("token", "0123456789abcdef0123456789abcdef")]) == 24, "\(path)")
                #expect(try await s.code(path, [("token", a.token), ("uid", "99999999")]) == 8, "\(path)")
                #expect(try await s.code(path, [("token", a.token), ("uid", String(b.uid))]) == 7, "\(path)")
            }
            // GET with the query string works the same.
            #expect(try await s.code(as: a, "/room/live_create", method: "GET") == 0)
        }
    }

    @Test("close_room: time in seconds (int), count of distinct viewers and rice (strings); 62 not yours, 4 unknown, 5 finished, 10 malformed")
    func closeRoom() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let v1 = try await s.register()
            let v2 = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            // v1 comes, goes and comes back; v2 comes; the anchor in its own room does not count.
            try await s.present(v1, in: anchor)
            try await s.present(v1, in: anchor, false)
            try await s.present(v1, in: anchor)
            try await s.present(v2, in: anchor)
            try await s.present(anchor, in: anchor)
            try await gateway.core.broadcasts.credit(ownerID: anchor.uid, earnings: 22)
            clock.advance(by: 3600)

            #expect(try await s.code(as: v1, "/room/close_room", [("roomid", id)]) == 62)
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", "1234567")]) == 4)
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", "abc")]) == 10)
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", "12a")]) == 10)
            #expect(try await s.code(as: anchor, "/room/close_room") == 10)
            #expect(try await s.liveIDs() == [id])

            let r = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            #expect(r == ["ErrCode": 0, "time": 3600, "count": "2", "rice": "22"])
            #expect(r.objectValue?.keys == ["ErrCode", "time", "count", "rice"])
            #expect(try await s.liveIDs() == [])
            let room = try await s.stream(of: anchor).room
            #expect(room.live == .idle)
            #expect(try await gateway.core.rooms.viewerCount(roomID: room.id) == 0)
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", id)]) == 5)
            // The id also reads as a JSON number.
            let json = try await gateway.post("/room/close_room",
                                              json: ["token": .string(anchor.token), "roomid": .int(Int64(id)!)])
            #expect(json.json?["ErrCode"] == 5)
        }
    }

    @Test("A new broadcast after closing has a new id; the old one stays finished")
    func againAfterClose() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let first = try await s.startBroadcast(as: anchor)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", first)])
            clock.advance(by: 5)
            let second = try await s.startBroadcast(as: anchor)
            #expect(second != first)
            #expect(try await s.liveIDs() == [second])
            #expect(try await s.code(as: anchor, "/check_channel/\(first)") == 35)
            #expect(try await s.code(as: anchor, "/check_channel/\(second)") == 0)
        }
    }

    @Test("live_create: liveid (the id create_room will answer) and the push url; again the same; exit_create cancels")
    func liveCreate() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let r = try await s.call(as: anchor, "/room/live_create", [("line", "1")])
            #expect(r.objectValue?.keys == ["ErrCode", "liveid", "url"])
            let liveid = try #require(r["liveid"]?.stringValue)
            #expect(liveid.hasPrefix("\(anchor.uid)1700000000"))
            let stream = try await s.stream(of: anchor).stream
            #expect(r["url"]?.stringValue == "rtmp://127.0.0.1:1935/livegate/\(stream.record.title)?key=\(stream.record.publishKey)")
            #expect(r["url"]?.stringValue == stream.publishURL)
            // Prepared is not live, not listed, not a room yet.
            #expect(try await s.liveIDs() == [])
            #expect(try await s.code("/room_info", [("rid", liveid)]) == 4)
            #expect(try await s.code(as: anchor, "/check_channel/\(liveid)") == 4)
            // Asking again (line 2) answers the same broadcast and address.
            let again = try await s.call(as: anchor, "/room/live_create", [("line", "2")])
            #expect(again["liveid"]?.stringValue == liveid)
            #expect(again["url"] == r["url"])
            // pull_addr serves the prepared broadcast too.
            #expect(try await s.call(as: anchor, "/room/pull_addr", [("rid", liveid)])["push_url"] == r["url"])
            clock.advance(by: 10)
            #expect(try await s.startBroadcast(as: anchor) == liveid)
            // While live, live_create answers the live broadcast.
            #expect(try await s.call(as: anchor, "/room/live_create")["liveid"]?.stringValue == liveid)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", liveid)])

            // Prepared, then cancelled: the next broadcast gets another id.
            let cancelled = try #require(try await s.call(as: anchor, "/room/live_create")["liveid"]?.stringValue)
            #expect(cancelled != liveid)
            #expect(try await s.call(as: anchor, "/room/exit_create") == ["ErrCode": 0])
            #expect(try await s.call(as: anchor, "/room/exit_create") == ["ErrCode": 0])
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", cancelled)]) == 4)
            clock.advance(by: 1)
            #expect(try await s.startBroadcast(as: anchor) != cancelled)
        }
    }

    @Test("live_create and pull_addr: a line other than 1 or 2 is 10")
    func lines() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            for line in ["0", "3", "x", "1.5"] {
                #expect(try await s.code(as: anchor, "/room/live_create", [("line", line)]) == 10, "\(line)")
            }
            let id = try await s.startBroadcast(as: anchor)
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", id), ("line", "9")]) == 10)
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", id), ("line", "2")]) == 0)
        }
    }

    @Test("pull_addr: push_url (no stray space) while live; 36 not yours, 4 unknown, 5 finished, 10 malformed")
    func pullAddress() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let other = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            let r = try await s.call(as: anchor, "/room/pull_addr", [("rid", id), ("line", "1")])
            #expect(r.objectValue?.keys == ["ErrCode", "push_url"])
            #expect(r["push_url"]?.stringValue == (try await s.stream(of: anchor).stream.publishURL))
            #expect(try await s.code(as: other, "/room/pull_addr", [("rid", id)]) == 36)
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", "987654321")]) == 4)
            #expect(try await s.code(as: anchor, "/room/pull_addr") == 10)
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", "-5")]) == 10)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", id)])
            #expect(try await s.code(as: anchor, "/room/pull_addr", [("rid", id)]) == 5)
        }
    }

    @Test("Cross-dialect: a broadcast started here is live in REST /rooms/ and QPlus type 1 with Pyramid's stream; closing it ends it everywhere")
    func crossDialect() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register(password: "abc12345")
            let id = try await s.startBroadcast(as: anchor, [("room_name", "跨方言")])
            let (room, stream) = try await s.stream(of: anchor)
            let pushURL = try #require(try await s.call(as: anchor, "/room/pull_addr", [("rid", id)])["push_url"]?.stringValue)
            let playURL = try #require(try await s.roomList().first?["live_url"]?.stringValue)

            // REST: active in /rooms/.
            func restActive() async throws -> [JSONValue] {
                let r = try #require(try await gateway.form("GET", "/rooms/", [("pageSize", "100")]).json)
                return (r["results"]?.arrayValue ?? []).filter { $0["active"] == true }
            }
            #expect(try await restActive().map { $0["pk"] } .contains { $0 == .int(room.id) || $0 == .string(String(room.id)) })

            // QPlus: the type-1 list has the room, with the same play address.
            let login = try #require(try await gateway.post("/live/Login", json: ["account": .string(anchor.account),
                                                                                    "password": "abc12345"]).json)
            let session = try #require(login["sessionId"]?.stringValue)
            func qplusList() async throws -> [JSONValue] {
                let r = try #require(try await gateway.post("/live/GetLiveRoomList",
                                                            json: ["sessionId": .string(session), "type": 1, "refresh": 1, "count": 100]).json)
                return r["list"]?.arrayValue ?? []
            }
            let item = try #require(try await qplusList().first { $0["liveRoomId"] == .int(room.id) })
            #expect(item["playRtmpUrl"]?.stringValue == playURL)
            #expect(playURL == stream.playRTMPURL)

            // Pyramid: the anchor's stream is this room's; its push address is the one shangtv gave.
            let log = try #require(try await gateway.form("POST", "/log", [("userId", anchor.account), ("password", "abc12345")]).json)
            let pyramidToken = try #require(log["message"]?.stringValue)
            let live = try #require(try await gateway.form("POST", "/room", [("token", pyramidToken)]).json)
            let pili = try JSONValue.parse(try #require(live["message"]?.stringValue))
            let title = try #require(pili["title"]?.stringValue)
            let key = try #require(pili["publishKey"]?.stringValue)
            let publish = try #require(pili["hosts"]?["publish"]?["rtmp"]?.stringValue)
            let hub = try #require(pili["hub"]?.stringValue)
            #expect(pushURL == "rtmp://\(publish)/\(hub)/\(title)?key=\(key)")
            // Pyramid's go-live on a live room changes nothing here.
            #expect(try await s.liveIDs() == [id])

            // Close here: gone everywhere.
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", id)]) == 0)
            #expect(try await s.liveIDs() == [])
            #expect(try await restActive().isEmpty)
            #expect(try await qplusList().isEmpty)
            let restRoom = try #require(try await gateway.form("GET", "/rooms/\(room.id)/", []).json)
            #expect(restRoom["active"] == false)
            #expect(try await s.call("/room_info", [("rid", id)])["info"]?["Statue"] == 0)
        }
    }

    @Test("A broadcast ended elsewhere (REST active false) is finished here: check_channel 35, close_room 5")
    func endedElsewhere() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            let room = try await s.stream(of: anchor).room
            try await gateway.core.rooms.endLive(roomID: room.id, by: anchor.uid)
            #expect(try await s.code(as: anchor, "/check_channel/\(id)") == 35)
            #expect(try await s.code(as: anchor, "/room/close_room", [("roomid", id)]) == 5)
            #expect(try await s.liveIDs() == [])
        }
    }

    @Test("Deleting the room (REST DELETE) finishes its broadcast; a kept one stays a playback without address")
    func roomDeleted() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor, [("save", "1")])
            let room = try await s.stream(of: anchor).room
            try await gateway.core.rooms.delete(roomID: room.id, by: anchor.uid)
            #expect(try await s.liveIDs() == [])
            #expect(try await s.code(as: anchor, "/check_channel/\(id)") == 35)
            #expect(try await s.call("/room_info", [("rid", id)])["info"]?["Statue"] == 0)
            // A new broadcast opens a new room.
            let next = try await s.startBroadcast(as: anchor)
            #expect(try await s.liveIDs() == [next])
        }
    }

    @Test("Malformed bodies: a roomid of the wrong JSON type, an unreadable body: 10, never a 500")
    func malformed() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            for body: JSONValue in [["token": .string(anchor.token), "roomid": [1]], ["token": .string(anchor.token), "roomid": ["a": 1]],
                                    ["token": .string(anchor.token), "roomid": true], ["token": .string(anchor.token), "roomid": 1.5]] {
                let r = try await gateway.post("/room/close_room", json: body)
                #expect(try ShangTVClient.envelope(r, path: "close_room", sourceLocation: #_sourceLocation)["ErrCode"] == 10, "\(body)")
            }
            let broken = try await gateway.raw("POST", "/room/create_room?token=\(anchor.token)", body: Array("--x\r\nbroken".utf8),
                                               headers: [("Content-Type", "multipart/form-data; boundary=x")])
            #expect(try ShangTVClient.envelope(broken, path: "create_room", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
            #expect(try await s.liveIDs() == [id])
        }
    }

    @Test("The legacy ports serve the broadcast routes too")
    func legacyPort() async throws {
        try await withGateway(legacy: ["shangtv": 0]) { gateway in
            let port = try #require(gateway.running.ports["shangtv"]?.first)
            let s = ShangTVClient(gateway, port: port)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor)
            #expect(try await s.liveIDs() == [id])
        }
    }
}
