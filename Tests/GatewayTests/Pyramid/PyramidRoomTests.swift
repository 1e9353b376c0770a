import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 房间: start live (the Pili stream JSON) and anchor leaves.
@Suite("Pyramid rooms")
struct PyramidRoomTests {
    static let streamKeys = ["nonce", "publishSecurity", "hub", "expireAt", "title", "publishKey", "disabled", "disabledTill",
                             "nropEnable", "hosts", "updatedAt", "id", "createdAt"]

    /// The hosts of 000's sample, as an operator would configure them.
    static let sampleDomains = [
        "stream_hub": "mrpyq",
        "stream_publish_domain": "pili-publish.mrpyq.com",
        "stream_rtmp_domain": "pili-live-rtmp.mrpyq.com",
        "stream_hls_domain": "pili-live-hls.mrpyq.com",
        "stream_flv_domain": "pili-live-hdl.mrpyq.com",
        "stream_snapshot_domain": "pili-live-snapshot.mrpyq.com",
        "stream_playback_domain": "10004p0.playback1.z1.pili.qiniucdn.com",
        "code_resend_interval": "0",
    ]

    @Test("Start live: message is the Pili v1 Stream.to_json() string, shaped like 000's sample")
    func goLiveShape() async throws {
        let clock = ManualClock()
        try await withGateway(Self.sampleDomains, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (_, token) = try await p.user()
            let r = try await p.goLive(token)
            #expect(r["result"] == "0000")
            let text = try #require(r["message"]?.stringValue)
            let stream = try PyramidClient.stream(r)
            // The nested document is itself written by json.dumps: ", " and ": ".
            #expect(text == stream.serialized(.python))
            #expect(text.hasPrefix("{\"nonce\": 0, \"publishSecurity\": \"static\", \"hub\": \"mrpyq\", \"expireAt\": \""))
            #expect(stream.objectValue?.keys == Self.streamKeys)
            let title = try #require(stream["title"]?.stringValue)
            let key = try #require(stream["publishKey"]?.stringValue)
            #expect(title.count == 24 && title.allSatisfy(\.isHexDigit))
            #expect(key.count == 16 && key.allSatisfy(\.isHexDigit))
            // ManualClock starts at 1_700_000_000: 2023-11-14T22:13:20Z, 06:13:20 the next day at +08:00.
            let expected: JSONValue = [
                "nonce": 0, "publishSecurity": "static", "hub": "mrpyq",
                "expireAt": "2023-12-01T06:13:20.000000000+08:00",
                "title": .string(title), "publishKey": .string(key), "disabled": false, "disabledTill": 0, "nropEnable": nil,
                "hosts": [
                    "live": ["snapshot": "pili-live-snapshot.mrpyq.com", "http": "pili-live-hls.mrpyq.com",
                             "hdl": "pili-live-hdl.mrpyq.com", "hls": "pili-live-hls.mrpyq.com", "rtmp": "pili-live-rtmp.mrpyq.com"],
                    "playback": ["http": "10004p0.playback1.z1.pili.qiniucdn.com", "hls": "10004p0.playback1.z1.pili.qiniucdn.com"],
                    "play": ["http": "pili-live-hls.mrpyq.com", "rtmp": "pili-live-rtmp.mrpyq.com"],
                    "publish": ["rtmp": "pili-publish.mrpyq.com"],
                ],
                "updatedAt": "2023-11-15T06:13:20.000+08:00",
                "id": .string("z1.mrpyq.\(title)"),
                "createdAt": "2023-11-15T06:13:20.000+08:00",
            ]
            #expect(stream == expected)
            // Nested key order too, as the sample prints them.
            #expect(stream["hosts"]?.objectValue?.keys == ["live", "playback", "play", "publish"])
            #expect(stream["hosts"]?["live"]?.objectValue?.keys == ["snapshot", "http", "hdl", "hls", "rtmp"])
        }
    }

    @Test("Start live while live: the very same stream; after leaving and going live again, the same identity")
    func goLiveAgain() async throws {
        let clock = ManualClock()
        try await withGateway(pyramidSettings, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            let first = try await p.goLive(token)
            clock.advance(by: 90)
            let second = try await p.goLive(token)
            #expect(second == first)
            // Another device of the same user sees the same stream.
            let otherToken = try #require(try await p.login(phone)["message"]?.stringValue)
            #expect(try await p.goLive(otherToken) == first)

            #expect(try await p.leave(token) == ["result": "0000", "message": nil])
            clock.advance(by: 3600)
            let again = try PyramidClient.stream(try await p.goLive(token))
            let before = try PyramidClient.stream(first)
            for key in ["id", "title", "publishKey", "hub", "createdAt", "hosts"] {
                #expect(again[key] == before[key], "\(key)")
            }
            #expect(again["updatedAt"] != before["updatedAt"])
            #expect(again["expireAt"] != before["expireAt"])
            // One room, made on first start.
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            let room = try #require(try await gateway.core.rooms.room(ownerID: user.id))
            #expect(room.isLive(at: clock.now()))
        }
    }

    @Test("Start live stays live without heartbeats until the anchor leaves")
    func noHeartbeat() async throws {
        let clock = ManualClock()
        try await withGateway(pyramidSettings, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            _ = try await p.goLive(token)
            clock.advance(by: 6 * 3600)
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            #expect(try await gateway.core.rooms.room(ownerID: user.id)?.isLive(at: clock.now()) == true)
            #expect(try await gateway.core.rooms.liveRoomCount() == 1)
            _ = try await p.leave(token)
            #expect(try await gateway.core.rooms.liveRoomCount() == 0)
        }
    }

    @Test("The stream's hosts give the same URLs the core (and so every dialect) gives the room")
    func urlsAgree() async throws {
        try await withGateway(Self.sampleDomains) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            let stream = try PyramidClient.stream(try await p.goLive(token))
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            let room = try #require(try await gateway.core.rooms.room(ownerID: user.id))
            let info = try await gateway.core.streams.ensure(roomID: room.id)
            let hub = try #require(stream["hub"]?.stringValue)
            let title = try #require(stream["title"]?.stringValue)
            let key = try #require(stream["publishKey"]?.stringValue)
            let hosts = try #require(stream["hosts"])
            func host(_ a: String, _ b: String) -> String { hosts[a]?[b]?.stringValue ?? "?" }
            #expect("rtmp://\(host("publish", "rtmp"))/\(hub)/\(title)?key=\(key)" == info.publishURL)
            #expect("rtmp://\(host("live", "rtmp"))/\(hub)/\(title)" == info.playRTMPURL)
            #expect("http://\(host("live", "hls"))/\(hub)/\(title).m3u8" == info.playHLSURL)
            #expect("http://\(host("live", "hdl"))/\(hub)/\(title).flv" == info.playFLVURL)
            #expect("rtmp://\(host("play", "rtmp"))/\(hub)/\(title)" == info.playRTMPURL)
        }
    }

    @Test("pyramid_pili_zone, pyramid_pili_expiry and pyramid_utc_offset")
    func piliSettings() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_483_669_725.799))
        let settings = ["code_resend_interval": "0", "pyramid_pili_zone": "z2", "pyramid_pili_expiry": "60",
                        "pyramid_utc_offset": "-05:30"]
        try await withGateway(settings, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (_, token) = try await p.user()
            let stream = try PyramidClient.stream(try await p.goLive(token))
            #expect(stream["id"]?.stringValue?.hasPrefix("z2.livegate.") == true)
            // 2017-01-06T02:28:45.799Z.
            #expect(stream["createdAt"] == "2017-01-05T20:58:45.799-05:30")
            #expect(stream["updatedAt"] == "2017-01-05T20:58:45.799-05:30")
            #expect(stream["expireAt"] == "2017-01-05T20:59:45.799000000-05:30")
        }
        await #expect(throws: (any Error).self) {
            try await withGateway(["pyramid_utc_offset": "8"]) { _ in }
        }
    }

    @Test("Start live and leave as JSON, multipart and query; leave also as DELETE /room?token=")
    func encodings() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            func live() async throws -> Bool { try await gateway.core.rooms.liveRoomCount() == 1 }
            #expect(try await p.json("/room", ["token": .string(token)])["result"] == "0000")
            #expect(try await live())
            #expect(try await p.json("/room", ["token": .string(token), "leave": 1]) == ["result": "0000", "message": nil])
            #expect(try await live() == false)
            #expect(try await p.multipart("/room", fields: [("token", token)])["result"] == "0000")
            #expect(try await p.json("/room", ["token": .string(token), "leave": true], contentType: nil)["result"] == "0000")
            #expect(try await live() == false)
            #expect(try await p.raw("POST", "/room?token=\(token)")["result"] == "0000")
            #expect(try await live())
            #expect(try await p.form("/room", [("token", token)], method: "DELETE") == ["result": "0000", "message": nil])
            #expect(try await live() == false)
            // leave="0" is not leaving.
            #expect(try await p.form("/room", [("token", token), ("leave", "0")])["result"] == "0000")
            #expect(try await live())
            #expect(try await p.raw("POST", "/room?token=\(token)&leave=1")["result"] == "0000")
            #expect(try await live() == false)
            _ = user
        }
    }

    @Test("Leaving when not live, or before ever having a room, succeeds")
    func leaveIdle() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            #expect(try await p.leave(token) == ["result": "0000", "message": nil])
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            #expect(try await gateway.core.rooms.room(ownerID: user.id) == nil)
            _ = try await p.goLive(token)
            #expect(try await p.leave(token)["result"] == "0000")
            #expect(try await p.leave(token)["result"] == "0000")
        }
    }

    @Test("0009: missing, empty, unknown, malformed token; bad leave value; other methods")
    func badRequests() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (_, token) = try await p.user()
            let bad: JSONValue = ["result": "0009", "message": nil]
            #expect(try await p.form("/room", []) == bad)
            #expect(try await p.form("/room", [("token", "")]) == bad)
            #expect(try await p.form("/room", [("token", String(repeating: "0", count: 32))]) == bad)
            #expect(try await p.form("/room", [("token", "' OR 1=1 --")]) == bad)
            #expect(try await p.json("/room", ["token": [.string(token)]]) == bad)
            #expect(try await p.form("/room", [("token", token), ("leave", "maybe")]) == bad)
            #expect(try await p.form("/room", [("leave", "1")]) == bad)
            #expect(try await p.form("/room", [], method: "DELETE") == bad)
            #expect(try await p.form("/room", [("token", "nope")], method: "DELETE") == bad)
            #expect(try await p.raw("POST", "/room", body: Array("{\"token\":".utf8), headers: [("Content-Type", "application/json")]) == bad)
            let get = try await gateway.raw("GET", "/room?token=\(token)")
            #expect(try PyramidClient.envelope(get, status: 405) == bad)
            #expect(get.header("Allow") == "POST, DELETE")
            // None of that started anything.
            #expect(try await gateway.core.rooms.liveRoomCount() == 0)
        }
    }
}
