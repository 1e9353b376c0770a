import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 管理关闭房间 / 监控查询地址, over HTTP.
@Suite("shangtv room administration")
struct ShangTVRoomAdminTests {
    static let key = "operator-key"

    @Test("close_chat: an administrator ends the anchor's live broadcast everywhere; 35 not live, 8 no such user, 10 malformed, 36 not an administrator")
    func closeChat() async throws {
        let clock = ManualClock()
        try await withGateway(["admin_key": Self.key], clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let admin = try await s.register()
            try await s.grantAdministrator(admin)
            let admin2 = try await s.loggedIn(admin.account)
            let anchor = try await s.register()
            let id = try await s.startBroadcast(as: anchor, [("save", "1")])
            clock.advance(by: 30)

            #expect(try await s.code(as: anchor, "/admin/close_chat", [("anchorid", String(anchor.uid))]) == 36)
            #expect(try await s.code("/admin/close_chat", [("anchorid", String(anchor.uid))]) == 36)
            #expect(try await s.liveIDs() == [id])
            #expect(try await s.code(as: admin2, "/admin/close_chat", [("anchorid", "x")]) == 10)
            #expect(try await s.code(as: admin2, "/admin/close_chat") == 10)
            #expect(try await s.code(as: admin2, "/admin/close_chat", [("anchorid", "99999999")]) == 8)
            #expect(try await s.code(as: admin2, "/admin/close_chat", [("anchorid", String(admin2.uid))]) == 35)

            #expect(try await s.call(as: admin2, "/admin/close_chat", [("anchorid", String(anchor.uid))]) == ["ErrCode": 0])
            #expect(try await s.liveIDs() == [])
            #expect(try await s.code(as: anchor, "/check_channel/\(id)") == 35)
            #expect(try await s.stream(of: anchor).room.live == .idle)
            // Kept as a playback, 30 seconds long.
            let plist = try await s.call(as: anchor, "/room/play_list")["plist"]?.arrayValue
            #expect(plist?.first?["play_url"]?.stringValue?.hasSuffix("/1700000000_1700000030.m3u8") == true)
            #expect(try await s.code(as: admin2, "/admin/close_chat", [("anchorid", String(anchor.uid))]) == 35)

            // The operator key, and a room made live by another dialect.
            let room = try await gateway.core.rooms.create(ownerID: anchor.uid, RoomFields()).room
            try await gateway.core.rooms.goLive(roomID: room.id, by: anchor.uid, heartbeat: nil)
            let result = try await gateway.raw("POST", "/admin/close_chat?anchorid=\(anchor.uid)", headers: [("X-LiveGate-Admin-Key", Self.key)])
            #expect(result.json == ["ErrCode": 0])
            #expect(try await gateway.core.rooms.room(id: room.id).live == .idle)
            let wrong = try await gateway.raw("POST", "/admin/close_chat?anchorid=\(anchor.uid)", headers: [("X-LiveGate-Admin-Key", "nope")])
            #expect(wrong.json == ["ErrCode": 36])
        }
    }

    @Test("monitor: a bare array [{userId, playUrl}] of every live stream, whatever made it live; 36 in the envelope for others")
    func monitor() async throws {
        let clock = ManualClock()
        try await withGateway(["admin_key": Self.key, "stream_rtmp_domain": "rtmp.pull.shangtv.cn", "stream_hub": "fashion"],
                              clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let admin = try await s.register()
            try await s.grantAdministrator(admin)
            let empty = try await gateway.form("GET", "/admin/monitor", [("token", admin.token), ("uid", String(admin.uid))])
            #expect(empty.status == 200)
            #expect(empty.header("Content-Type") == "application/json; charset=UTF-8")
            #expect(empty.text == "[]")

            let anchor = try await s.register()
            _ = try await s.startBroadcast(as: anchor)
            clock.advance(by: 1)
            let other = try await s.register()
            let room = try await gateway.core.rooms.create(ownerID: other.uid, RoomFields()).room
            try await gateway.core.rooms.goLive(roomID: room.id, by: other.uid, heartbeat: 60)

            let result = try await gateway.form("GET", "/admin/monitor", [("token", admin.token)])
            #expect(result.status == 200)
            #expect(result.header("Content-Type") == "application/json; charset=UTF-8")
            let a = try await s.stream(of: anchor).stream.record.title
            let b = try await s.stream(of: other).stream.record.title
            #expect(result.json == [
                ["userId": .int(other.uid), "playUrl": .string("rtmp://rtmp.pull.shangtv.cn/fashion/\(b)")],
                ["userId": .int(anchor.uid), "playUrl": .string("rtmp://rtmp.pull.shangtv.cn/fashion/\(a)")],
            ])
            #expect(result.text.hasPrefix("[{\"userId\":\(other.uid),\"playUrl\":\"rtmp://"))
            // The operator key works too; after the heartbeat lapses, only the broadcast remains.
            clock.advance(by: 61)
            let keyed = try await gateway.raw("GET", "/admin/monitor", headers: [("X-LiveGate-Admin-Key", Self.key)])
            #expect(keyed.json == [["userId": .int(anchor.uid), "playUrl": .string("rtmp://rtmp.pull.shangtv.cn/fashion/\(a)")]])

            let refused = try await gateway.form("GET", "/admin/monitor", [("token", anchor.token)])
            #expect(try ShangTVClient.envelope(refused, path: "monitor", sourceLocation: #_sourceLocation) == ["ErrCode": 36])
            let anonymous = try await gateway.form("GET", "/admin/monitor", [])
            #expect(anonymous.json == ["ErrCode": 36])
        }
    }
}
