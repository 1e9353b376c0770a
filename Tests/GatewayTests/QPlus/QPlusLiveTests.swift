import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 001 "直播室相关", live state and discovery: PushLiveStream, GetLiveRoomList, FollowLiveRoom,
/// SearchLiveStream / SearchLiveRoom, and the original's PlayLiveStream and GetLiveroomNumber.
@Suite("QPlus live rooms")
struct QPlusLiveTests {
    // MARK: PushLiveStream

    @Test("PushLiveStream status 1 lists the room, status 0 removes it at once")
    func pushStartStop() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            let viewer = try await q.user()
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
            let started = try await q.push(anchor.sessionId, room: room, status: 1, timeout: 60)
            #expect(started["status"] == 10000)
            #expect(started.objectValue?.keys == ["access", "status", "desc"])
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [room])
            #expect(try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId), "keyword": .string("\(room)")])["isPlay"] == 1)
            #expect(try await q.push(anchor.sessionId, room: room, status: 0)["status"] == 10000)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
            #expect(try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId), "keyword": .string("\(room)")])["isPlay"] == 0)
            // Stopping a room that is not live is harmless; any status but 1 stops, as in the original.
            #expect(try await q.push(anchor.sessionId, room: room, status: 0)["status"] == 10000)
            #expect(try await q.push(anchor.sessionId, room: room, status: 1)["status"] == 10000)
            #expect(try await q.push(anchor.sessionId, room: room, status: 7)["status"] == 10000)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
        }
    }

    @Test("PushLiveStream: a room lapses `timeout` seconds after the last status 1; another status 1 keeps it")
    func pushHeartbeat() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            let viewer = try await q.user()
            #expect(try await q.push(anchor.sessionId, room: room, timeout: 30)["status"] == 10000)
            clock.advance(by: 20)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [room])
            // The heartbeat the iOS client re-sends.
            #expect(try await q.push(anchor.sessionId, room: room, timeout: 30)["status"] == 10000)
            clock.advance(by: 20)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [room])
            clock.advance(by: 11)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
            #expect(try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId),
                                                              "keyword": .string("\(room)")])["isPlay"] == 0)
            // Without `timeout` (or with 0) the default is 60 seconds.
            #expect(try await q.push(anchor.sessionId, room: room)["status"] == 10000)
            clock.advance(by: 59)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [room])
            clock.advance(by: 2)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
            #expect(try await q.push(anchor.sessionId, room: room, timeout: 0)["status"] == 10000)
            clock.advance(by: 59)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [room])
            clock.advance(by: 2)
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1)["list"]) == [])
        }
    }

    @Test("PushLiveStream: the qplus_push_timeout setting is the default timeout")
    func pushTimeoutSetting() async throws {
        let clock = ManualClock()
        try await withGateway(["qplus_push_timeout": "10"], clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            #expect(try await q.push(anchor.sessionId, room: room)["status"] == 10000)
            clock.advance(by: 9)
            #expect(QPlusClient.ids(try await q.list(anchor.sessionId, type: 1)["list"]) == [room])
            clock.advance(by: 2)
            #expect(QPlusClient.ids(try await q.list(anchor.sessionId, type: 1)["list"]) == [])
        }
    }

    @Test("PushLiveStream: only the owner (10200), unknown room 10200, 10002 malformed, 10003 no session")
    func pushErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (_, room) = try await q.anchor()
            let (other, _) = try await q.anchor()
            let foreign = try await q.push(other.sessionId, room: room)
            #expect(foreign["status"] == 10200)
            #expect(foreign["desc"] == "直播室ID不存在")
            #expect(QPlusClient.ids(try await q.list(other.sessionId, type: 1)["list"]) == [])
            #expect(try await q.push(other.sessionId, room: 987654)["status"] == 10200)
            let session = JSONValue.string(other.sessionId)
            for body: JSONValue in [["sessionId": session, "status": 1], ["sessionId": session, "liveRoomId": "x", "status": 1],
                                    ["sessionId": session, "liveRoomId": .int(room), "status": "on"],
                                    ["sessionId": session, "liveRoomId": .int(room), "status": 1, "timeout": "soon"],
                                    ["sessionId": session, "liveRoomId": [1], "status": 1]] {
                #expect(try await q.call("/live/PushLiveStream", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.call("/live/PushLiveStream", ["liveRoomId": .int(room), "status": 1])["status"] == 10003)
        }
    }

    // MARK: GetLiveRoomList

    /// `n` anchors live one second apart; returns their rooms newest first.
    static func liveRooms(_ q: QPlusClient, _ clock: ManualClock, _ n: Int) async throws -> [(QPlusClient.User, Int64)] {
        var rooms: [(QPlusClient.User, Int64)] = []
        for i in 0..<n {
            let (anchor, room) = try await q.anchor(name: "room \(i)")
            try #require(try await q.push(anchor.sessionId, room: room, timeout: 3600)["status"] == 10000)
            rooms.append((anchor, room))
            clock.advance(by: 1)
        }
        return rooms.reversed()
    }

    @Test("GetLiveRoomList type 1: pages of `count` (default 5) with a cursor per session; refresh 1 restarts")
    func listPaging() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let rooms = try await Self.liveRooms(q, clock, 7).map(\.1)
            let viewer = try await q.user()
            let first = try await q.list(viewer.sessionId, type: 1)
            #expect(first["status"] == 10000)
            #expect(first["type"] == 1)
            #expect(first["Type"] == 1)
            #expect(first["onlineList"] == nil)
            #expect(QPlusClient.ids(first["list"]) == Array(rooms[0..<5]))
            for item in first["list"]?.arrayValue ?? [] {
                for key in qplusRoomKeys { #expect(item[key] != nil, "\(key)") }
            }
            #expect(first["list"]?.arrayValue?.first?["liveRoomName"] == "room 6")
            let second = try await q.list(viewer.sessionId, type: 1, refresh: 0)
            #expect(QPlusClient.ids(second["list"]) == Array(rooms[5..<7]))
            let past = try await q.list(viewer.sessionId, type: 1, refresh: 0)
            #expect(QPlusClient.ids(past["list"]) == [])
            #expect(past["list"] == [])
            // refresh 1 starts over; an explicit count pages by it.
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1, refresh: 1, count: 3)["list"]) == Array(rooms[0..<3]))
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1, refresh: 0, count: 3)["list"]) == Array(rooms[3..<6]))
            // Another session of the same user has its own cursor.
            let again = try #require(try await q.login(viewer.account)["sessionId"]?.stringValue)
            #expect(QPlusClient.ids(try await q.list(again, type: 1, refresh: 0, count: 2)["list"]) == Array(rooms[0..<2]))
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1, refresh: 0, count: 3)["list"]) == [rooms[6]])
            // count 0 or negative means the default 5; an absent refresh means "next page".
            #expect(QPlusClient.ids(try await q.list(again, type: 1, refresh: 1, count: 0)["list"]) == Array(rooms[0..<5]))
            let next = try await q.call("/live/GetLiveRoomList", ["sessionId": .string(again), "type": 1, "count": -4])
            #expect(QPlusClient.ids(next["list"]) == Array(rooms[5..<7]))
        }
    }

    @Test("GetLiveRoomList type 2: followed rooms, live ones in onlineList, the rest in offlineList, isFollow 1")
    func listFollowed() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let viewer = try await q.user()
            var offline: [Int64] = []
            for _ in 0..<3 {
                let (_, room) = try await q.anchor()
                offline.append(room)
            }
            let live = try await Self.liveRooms(q, clock, 2)
            let (_, unfollowed) = try await q.anchor()
            let (stranger, strangerRoom) = try await q.anchor()
            _ = try await q.push(stranger.sessionId, room: strangerRoom)
            for room in offline + live.map(\.1) {
                #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(viewer.sessionId), "liveRoomId": .int(room),
                                                                  "isFollow": 1])["status"] == 10000)
            }
            let r = try await q.list(viewer.sessionId, type: 2, count: 10)
            #expect(r["status"] == 10000)
            #expect(r["type"] == 2 && r["Type"] == 2)
            #expect(r["list"] == nil)
            #expect(QPlusClient.ids(r["onlineList"]) == live.map(\.1))
            // Offline: the most recent owner first, as the original's ORDER BY user_id DESC.
            #expect(QPlusClient.ids(r["offlineList"]) == offline.reversed())
            for item in (r["onlineList"]?.arrayValue ?? []) + (r["offlineList"]?.arrayValue ?? []) {
                #expect(item["isFollow"] == 1)
                #expect(item["followCount"] == 1)
            }
            #expect(!QPlusClient.ids(r["offlineList"]).contains(unfollowed))
            // Paging runs across both lists: online first, then offline fills the page.
            let p1 = try await q.list(viewer.sessionId, type: 2, refresh: 1, count: 3)
            #expect(QPlusClient.ids(p1["onlineList"]) == live.map(\.1))
            #expect(QPlusClient.ids(p1["offlineList"]) == [offline[2]])
            let p2 = try await q.list(viewer.sessionId, type: 2, refresh: 0, count: 3)
            #expect(QPlusClient.ids(p2["onlineList"]) == [])
            #expect(p2["onlineList"] == [])
            #expect(QPlusClient.ids(p2["offlineList"]) == [offline[1], offline[0]])
            // The type-1 and type-2 cursors are apart.
            #expect(QPlusClient.ids(try await q.list(viewer.sessionId, type: 1, refresh: 0, count: 10)["list"]).count == 3)
            // isFollow in type 1 is relative to the caller.
            let all = try await q.list(viewer.sessionId, type: 1, refresh: 1, count: 10)
            for item in all["list"]?.arrayValue ?? [] {
                let followed = live.map(\.1).contains(item["liveRoomId"]?.qplusInt ?? 0)
                #expect(item["isFollow"] == (followed ? 1 : 0))
            }
            let anchorsView = try await q.list(stranger.sessionId, type: 1, count: 10)
            for item in anchorsView["list"]?.arrayValue ?? [] { #expect(item["isFollow"] == 0) }
            // Nobody followed: both lists empty, never null.
            let empty = try await q.list(stranger.sessionId, type: 2)
            #expect(empty["onlineList"] == [] && empty["offlineList"] == [])
        }
    }

    @Test("GetLiveRoomList: type 3, 0 or absent is 10002; input keys match without regard to case")
    func listErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            _ = try await q.push(anchor.sessionId, room: room)
            let session = JSONValue.string(anchor.sessionId)
            for body: JSONValue in [["sessionId": session, "type": 3], ["sessionId": session, "type": 0], ["sessionId": session],
                                    ["sessionId": session, "type": "all"], ["sessionId": session, "type": 1, "count": "many"],
                                    ["sessionId": session, "type": 1, "refresh": [1]]] {
                let r = try await q.call("/live/GetLiveRoomList", body)
                #expect(r["status"] == 10002, "\(body.serialized())")
                #expect(r["access"] == "liveapi/GetLiveRoomList")
            }
            #expect(try await q.call("/live/GetLiveRoomList", ["type": 1])["status"] == 10003)
            // `Type`, `REFRESH`, `Count`, `SessionID`: Go bound them all.
            let r = try await q.call("/live/GetLiveRoomList", ["SessionID": session, "Type": 1, "REFRESH": 1, "Count": 10])
            #expect(r["status"] == 10000)
            #expect(QPlusClient.ids(r["list"]) == [room])
            // Text numbers, as a form would send them.
            let f = try await q.form("/live/GetLiveRoomList", [("sessionId", anchor.sessionId), ("type", "1"), ("refresh", "1")])
            #expect(QPlusClient.ids(f["list"]) == [room])
        }
    }

    // MARK: FollowLiveRoom

    @Test("FollowLiveRoom: follow and unfollow show in isFollow and followCount; access is its own path")
    func follow() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            let fan = try await q.user()
            let fan2 = try await q.user()
            let r = try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan.sessionId), "liveRoomId": .int(room), "isFollow": 1])
            #expect(r["status"] == 10000)
            #expect(r["access"] == "/live/FollowLiveRoom")
            // Twice is once; an absent isFollow means follow.
            #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan.sessionId), "liveRoomId": .int(room)])["status"] == 10000)
            #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan2.sessionId), "liveroomid": .string("\(room)"),
                                                              "isfollow": "1"])["status"] == 10000)
            func seen(by user: QPlusClient.User) async throws -> JSONValue {
                try await q.call("/live/SearchLiveStream", ["sessionId": .string(user.sessionId), "keyword": .string("\(room)")])
            }
            #expect(try await seen(by: fan)["isFollow"] == 1)
            #expect(try await seen(by: fan)["followCount"] == 2)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(anchor.sessionId)])["followCount"] == 2)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(anchor.sessionId)])["isFollow"] == 0)
            #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan.sessionId), "liveRoomId": .int(room), "isFollow": 0])["status"] == 10000)
            #expect(try await seen(by: fan)["isFollow"] == 0)
            #expect(try await seen(by: fan)["followCount"] == 1)
            #expect(try await seen(by: fan2)["isFollow"] == 1)
            // Unfollowing what one does not follow changes nothing.
            #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan.sessionId), "liveRoomId": .int(room), "isFollow": 0])["status"] == 10000)
            #expect(try await seen(by: fan)["followCount"] == 1)
        }
    }

    @Test("FollowLiveRoom: 10200 unknown room, 10002 own room / bad isFollow / malformed, 10003 no session")
    func followErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            let fan = try await q.user()
            let session = JSONValue.string(fan.sessionId)
            let unknown = try await q.call("/live/FollowLiveRoom", ["sessionId": session, "liveRoomId": 424242, "isFollow": 1])
            #expect(unknown["status"] == 10200)
            #expect(try await q.call("/live/FollowLiveRoom", ["sessionId": .string(anchor.sessionId), "liveRoomId": .int(room)])["status"] == 10002)
            for body: JSONValue in [["sessionId": session, "isFollow": 1], ["sessionId": session, "liveRoomId": .int(room), "isFollow": 2],
                                    ["sessionId": session, "liveRoomId": .int(room), "isFollow": "yes"],
                                    ["sessionId": session, "liveRoomId": "room", "isFollow": 1]] {
                #expect(try await q.call("/live/FollowLiveRoom", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.call("/live/FollowLiveRoom", ["liveRoomId": .int(room), "isFollow": 1])["status"] == 10003)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(anchor.sessionId)])["followCount"] == 0)
        }
    }

    // MARK: SearchLiveStream / SearchLiveRoom

    @Test("SearchLiveStream and SearchLiveRoom find a room by id (or name) and add isPlay")
    func search() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor(name: "Jazz night")
            let viewer = try await q.user()
            for path in ["/live/SearchLiveStream", "/live/SearchLiveRoom"] {
                let r = try await q.call(path, ["sessionId": .string(viewer.sessionId), "keyword": .string("\(room)")])
                #expect(r["status"] == 10000)
                #expect(r["access"] == .string(path))
                for key in qplusRoomKeys + ["isPlay"] { #expect(r[key] != nil, "\(path) \(key)") }
                #expect(r["liveRoomId"] == .int(room))
                #expect(r["liveRoomName"] == "Jazz night")
                #expect(r["anchorName"] == anchor.login["nickName"])
                #expect(r["isPlay"] == 0)
            }
            // The keyword as a JSON number, and a name fragment.
            #expect(try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId), "keyword": .int(room)])["liveRoomId"] == .int(room))
            #expect(try await q.call("/live/SearchLiveRoom", ["sessionId": .string(viewer.sessionId), "keyword": "Jazz"])["liveRoomId"] == .int(room))
            _ = try await q.push(anchor.sessionId, room: room)
            #expect(try await q.call("/live/SearchLiveStream", ["sessionId": .string(viewer.sessionId), "keyword": .string("\(room)")])["isPlay"] == 1)
        }
    }

    @Test("Search: 10200 no such room, 10002 missing or malformed keyword, 10003 no session")
    func searchErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (_, room) = try await q.anchor(name: "Jazz night")
            let viewer = try await q.user()
            let session = JSONValue.string(viewer.sessionId)
            for path in ["/live/SearchLiveStream", "/live/SearchLiveRoom"] {
                let none = try await q.call(path, ["sessionId": session, "keyword": .string("\(room + 100)")])
                #expect(none["status"] == 10200)
                #expect(none["liveRoomId"] == nil)
                #expect(try await q.call(path, ["sessionId": session, "keyword": "Blues"])["status"] == 10200)
                for body: JSONValue in [["sessionId": session], ["sessionId": session, "keyword": ""], ["sessionId": session, "keyword": "   "],
                                        ["sessionId": session, "keyword": ["x"]],
                                        ["sessionId": session, "keyword": .string(String(repeating: "k", count: 65))]] {
                    #expect(try await q.call(path, body)["status"] == 10002, "\(path) \(body.serialized())")
                }
                #expect(try await q.call(path, ["keyword": .string("\(room)")])["status"] == 10003)
            }
        }
    }

    // MARK: PlayLiveStream / GetLiveroomNumber

    @Test("PlayLiveStream joins (1) and leaves (0); GetLiveroomNumber and room answers show the count")
    func play() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (anchor, room) = try await q.anchor()
            _ = try await q.push(anchor.sessionId, room: room)
            let a = try await q.user()
            let b = try await q.user()
            let joined = try await q.call("/live/PlayLiveStream", ["sessionId": .string(a.sessionId), "liveroomId": .int(room), "status": 1])
            #expect(joined["status"] == 10000)
            #expect(joined["liveroomId"] == .int(room))
            #expect(joined["playerCount"] == 1)
            // Joining twice counts once; the client's other spelling binds too.
            #expect(try await q.call("/live/PlayLiveStream", ["sessionId": .string(a.sessionId), "liveRoomId": .int(room), "status": 1])["playerCount"] == 1)
            #expect(try await q.call("/live/PlayLiveStream", ["sessionId": .string(b.sessionId), "liveroomId": .int(room)])["playerCount"] == 2)
            let number = try await q.call("/live/GetLiveroomNumber", ["sessionId": .string(a.sessionId), "liveroomId": .int(room)])
            #expect(number["status"] == 10000)
            #expect(number["liveroomId"] == .int(room))
            #expect(number["number"] == 2)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(anchor.sessionId)])["playerCount"] == 2)
            #expect(try await q.list(a.sessionId, type: 1)["list"]?.arrayValue?.first?["playerCount"] == 2)
            #expect(try await q.call("/live/PlayLiveStream", ["sessionId": .string(a.sessionId), "liveroomId": .int(room), "status": 0])["playerCount"] == 1)
            #expect(try await q.call("/live/GetLiveroomNumber", ["sessionId": .string(b.sessionId), "LiveRoomID": .int(room)])["number"] == 1)
            // Ending the stream empties the audience.
            _ = try await q.push(anchor.sessionId, room: room, status: 0)
            #expect(try await q.call("/live/GetLiveroomNumber", ["sessionId": .string(b.sessionId), "liveroomId": .int(room)])["number"] == 0)
        }
    }

    @Test("PlayLiveStream and GetLiveroomNumber: 10200 unknown room, 10002 malformed, 10003 no session")
    func playErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (_, room) = try await q.anchor()
            let viewer = try await q.user()
            let session = JSONValue.string(viewer.sessionId)
            for path in ["/live/PlayLiveStream", "/live/GetLiveroomNumber"] {
                let unknown = try await q.call(path, ["sessionId": session, "liveroomId": .int(room + 50), "status": 1])
                #expect(unknown["status"] == 10200, "\(path)")
                for body: JSONValue in [["sessionId": session], ["sessionId": session, "liveroomId": "abc"],
                                        ["sessionId": session, "liveroomId": [1]]] {
                    #expect(try await q.call(path, body)["status"] == 10002, "\(path) \(body.serialized())")
                }
                #expect(try await q.call(path, ["liveroomId": .int(room), "status": 1])["status"] == 10003)
            }
            #expect(try await q.call("/live/PlayLiveStream", ["sessionId": session, "liveroomId": .int(room), "status": 2])["status"] == 10002)
            #expect(try await q.call("/live/GetLiveroomNumber", ["sessionId": session, "liveroomId": .int(room)])["number"] == 0)
        }
    }
}
