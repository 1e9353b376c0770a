import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 回播列表 / 删除回播记录 / 检查回播数量 / 推荐回播房间 / 取消推荐回播房间, over HTTP.
@Suite("shangtv playbacks")
struct ShangTVPlaybackTests {
    /// Starts a broadcast with `save` 1, lets it run `seconds`, closes it, and returns its id.
    static func playback(_ s: ShangTVClient, _ clock: ManualClock, _ user: ShangTVClient.User, name: String = "",
                         seconds: TimeInterval = 60) async throws -> String {
        let id = try await s.startBroadcast(as: user, [("room_name", name), ("save", "1")])
        clock.advance(by: seconds)
        #expect(try await s.code(as: user, "/room/close_room", [("roomid", id)]) == 0)
        clock.advance(by: 1)
        return id
    }

    @Test("play_list: the caller's playbacks, latest first, on the playback domain; recommand and recommand_type; multiple_plist empty")
    func playList() async throws {
        let clock = ManualClock()
        try await withGateway(["stream_playback_domain": "vod.shangtv.example", "stream_hub": "fashion"], clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let viewer = try await s.register()
            let empty = try await s.call(as: anchor, "/room/play_list", method: "GET")
            #expect(empty == ["ErrCode": 0, "plist": [], "recommand": "", "recommand_type": 0, "multiple_plist": []])

            let first = try await s.startBroadcast(as: anchor, [("room_name", "第一"), ("save", "1")])
            try await s.present(viewer, in: anchor)
            clock.advance(by: 46)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", first)])
            clock.advance(by: 100)
            // Not kept: no playback.
            let unsaved = try await s.startBroadcast(as: anchor, [("save", "0")])
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", unsaved)])
            let second = try await Self.playback(s, clock, anchor, name: "第二")

            let r = try await s.call(as: anchor, "/room/play_list")
            #expect(r.objectValue?.keys == ["ErrCode", "plist", "recommand", "recommand_type", "multiple_plist"])
            let plist = try #require(r["plist"]?.arrayValue)
            #expect(plist.compactMap { $0["room_id"]?.stringValue } == [second, first])
            let title = try await s.stream(of: anchor).stream.record.title
            #expect(plist.last == [
                "count": "1",
                "play_url": .string("http://vod.shangtv.example/recordings/fashion.\(title)/1700000000_1700000046.m3u8"),
                "room_id": .string(first), "room_name": "第一", "save_time": "1700000046", "uid": .string(String(anchor.uid)),
            ])
            #expect(plist.last?.objectValue?.keys == ["count", "play_url", "room_id", "room_name", "save_time", "uid"])
            // Someone else's list is their own.
            #expect(try await s.call(as: viewer, "/room/play_list")["plist"] == [])
            #expect(try await s.code("/room/play_list") == 32)
        }
    }

    @Test("A kept broadcast ended elsewhere (REST, QPlus, an administrator) is a playback all the same")
    func endedElsewhere() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor, [("save", "1")])
            clock.advance(by: 10)
            let room = try await s.stream(of: anchor).room
            try await gateway.core.rooms.endLive(roomID: room.id, by: anchor.uid)
            #expect(try await s.call(as: anchor, "/room/play_list")["plist"]?.arrayValue?.first?["room_id"]?.stringValue == id)
        }
    }

    @Test("check_play_count: 0 below shangtv_playback_max, 64 at it; create_room with save=1 is refused at it, save=0 is not")
    func checkPlayCount() async throws {
        let clock = ManualClock()
        try await withGateway(["shangtv_playback_max": "2"], clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            #expect(try await s.call(as: anchor, "/room/check_play_count", method: "GET") == ["ErrCode": 0])
            let first = try await Self.playback(s, clock, anchor)
            #expect(try await s.code(as: anchor, "/room/check_play_count") == 0)
            _ = try await Self.playback(s, clock, anchor)
            #expect(try await s.code(as: anchor, "/room/check_play_count") == 64)
            #expect(try await s.code(as: anchor, "/room/create_room", [("save", "1")]) == 64)
            #expect(try await s.liveIDs() == [])
            let unsaved = try await s.startBroadcast(as: anchor, [("save", "0")])
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", unsaved)])
            // Deleting one makes room again.
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", first)]) == 0)
            #expect(try await s.code(as: anchor, "/room/check_play_count") == 0)
            #expect(try await s.code("/room/check_play_count") == 32)
        }
    }

    @Test("del_play: the owner's playback goes from every list; 36 not yours, 4 unknown / live / unsaved / deleted, multiple 1 is 4, other values 10")
    func deletePlay() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let other = try await s.register()
            let id = try await Self.playback(s, clock, anchor)
            let unsaved = try await s.startBroadcast(as: anchor)
            _ = try await s.call(as: anchor, "/room/close_room", [("roomid", unsaved)])
            let live = try await s.startBroadcast(as: anchor, [("save", "1")])

            #expect(try await s.code(as: other, "/room/del_play", [("roomid", id)]) == 36)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", "31337")]) == 4)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", live)]) == 4)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", unsaved)]) == 4)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", id), ("multiple", "1")]) == 4)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", id), ("multiple", "2")]) == 10)
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", "id")]) == 10)
            #expect(try await s.code(as: anchor, "/room/del_play") == 10)
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", id)]) == 0)

            #expect(try await s.call(as: anchor, "/room/del_play", [("roomid", id), ("multiple", "0")], method: "GET") == ["ErrCode": 0])
            #expect(try await s.code(as: anchor, "/room/del_play", [("roomid", id)]) == 4)
            let list = try await s.call(as: anchor, "/room/play_list")
            #expect(list["plist"] == [])
            #expect(list["recommand"] == "")
            #expect(try await s.call("/recommand_list")["PlayBackList"] == [])
            // The broadcast itself is still there, finished, without an address.
            #expect(try await s.call("/room_info", [("rid", id)])["info"]?["LiveUrl"] == "")
        }
    }

    @Test("recommand / cancel_recommand: one recommended playback per owner (65 when set again or when none to cancel); it leads PlayBackList")
    func recommend() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let anchor = try await s.register()
            let other = try await s.register()
            let old = try await Self.playback(s, clock, anchor)
            let new = try await Self.playback(s, clock, anchor)
            let others = try await Self.playback(s, clock, other)
            #expect(try await s.call("/recommand_list")["PlayBackList"]?.arrayValue?.compactMap { $0["room_id"]?.stringValue }
                    == [others, new, old])

            #expect(try await s.code(as: anchor, "/room/cancel_recommand") == 65)
            #expect(try await s.code(as: other, "/room/recommand", [("rid", old)]) == 36)
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", "99")]) == 4)
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", old), ("multiple", "1")]) == 4)
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", old), ("multiple", "x")]) == 10)
            #expect(try await s.code(as: anchor, "/room/recommand") == 10)
            #expect(try await s.call(as: anchor, "/room/recommand", [("rid", old), ("multiple", "0")]) == ["ErrCode": 0])
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", old)]) == 65)
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", new)]) == 65)

            let list = try await s.call(as: anchor, "/room/play_list")
            #expect(list["recommand"]?.stringValue == old)
            #expect(list["recommand_type"] == 1)
            #expect(try await s.call("/recommand_list")["PlayBackList"]?.arrayValue?.compactMap { $0["room_id"]?.stringValue }
                    == [old, others, new])

            #expect(try await s.call(as: anchor, "/room/cancel_recommand") == ["ErrCode": 0])
            #expect(try await s.code(as: anchor, "/room/cancel_recommand") == 65)
            #expect(try await s.call(as: anchor, "/room/play_list")["recommand"] == "")
            #expect(try await s.code(as: anchor, "/room/recommand", [("rid", new)]) == 0)
            #expect(try await s.code("/room/recommand", [("rid", new)]) == 32)
            #expect(try await s.code("/room/cancel_recommand") == 32)
        }
    }
}
