import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing
import Gateway

/// 001 "API_EXPIRED_SESSION_ERROR": sessions expire one hour after the last call, several live at
/// once, and (unlike the original's in-memory map) survive a restart.
@Suite("QPlus sessions")
struct QPlusSessionTests {
    @Test("A session expires after one idle hour with 10003; every call slides it")
    func slidingExpiry() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let idle = try #require(try await q.login(user.account)["sessionId"]?.stringValue)
            func call(_ session: String) async throws -> JSONValue {
                try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(session)])
            }
            // Used every 50 minutes, the session lives on well past its first hour.
            for _ in 0..<4 {
                clock.advance(by: 50 * 60)
                #expect(try await call(user.sessionId)["status"] == 10202)
            }
            // The other session, idle since login, is gone.
            let expired = try await call(idle)
            #expect(expired["status"] == 10003)
            #expect(expired["desc"] == "登录过期,重新登录")
            // One idle hour ends the used one too, and it stays ended.
            clock.advance(by: 3600)
            #expect(try await call(user.sessionId)["status"] == 10003)
            clock.advance(by: -3000)
            #expect(try await call(user.sessionId)["status"] == 10003)
            // The client logs in again and carries on.
            let fresh = try #require(try await q.login(user.account)["sessionId"]?.stringValue)
            #expect(try await call(fresh)["status"] == 10202)
        }
    }

    @Test("Expiry is exact to the hour: 59:59 idle is fine, 60:00 is not")
    func expiryEdge() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let other = try #require(try await q.login(user.account)["sessionId"]?.stringValue)
            clock.advance(by: 3599)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])["status"] == 10202)
            clock.advance(by: 1)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(other)])["status"] == 10003)
        }
    }

    @Test("The qplus_session_ttl setting sets the idle lifetime")
    func ttlSetting() async throws {
        let clock = ManualClock()
        try await withGateway(["qplus_session_ttl": "600"], clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            clock.advance(by: 599)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])["status"] == 10202)
            clock.advance(by: 600)
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])["status"] == 10003)
        }
    }

    @Test("Several sessions of one user live at once, each with its own identity")
    func severalSessions() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            var sessions = [user.sessionId]
            for _ in 0..<3 { sessions.append(try #require(try await q.login(user.account)["sessionId"]?.stringValue)) }
            #expect(Set(sessions).count == 4)
            let room = try await q.createRoom(sessions[2])
            for session in sessions {
                #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(session)])["LiveRoomId"] == .int(room))
            }
            // Other users' sessions see their own (absent) room.
            let other = try await q.user()
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(other.sessionId)])["status"] == 10202)
            // Concurrent calls on all of them.
            try await withThrowingTaskGroup(of: JSONValue.self) { group in
                for session in sessions + sessions {
                    group.addTask { try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(session)]) }
                }
                for try await r in group { #expect(r["liveRoomId"] == .int(room)) }
            }
        }
    }

    @Test("A restart keeps users, rooms, follows, pictures and sessions")
    func restart() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("livegate-qplus-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        var anchorSession = ""
        var fanSession = ""
        var room: Int64 = 0
        var picture: Int64 = 0
        var account = ""
        try await withGateway(data: data) { gateway in
            let q = QPlusClient(gateway)
            let (anchor, id) = try await q.anchor(name: "Persistent")
            let fan = try await q.user()
            _ = try await q.call("/live/FollowLiveRoom", ["sessionId": .string(fan.sessionId), "liveRoomId": .int(id)])
            _ = try await q.push(anchor.sessionId, room: id, timeout: 3600)
            picture = try #require(try await q.call("/live/ModifyUserHeadPic", [
                "sessionId": .string(anchor.sessionId), "headPic": .string(Data(tinyPNG).base64EncodedString()),
            ])["headPicId"]?.qplusInt)
            anchorSession = anchor.sessionId
            fanSession = fan.sessionId
            room = id
            account = anchor.account
        }
        try await withGateway(data: data) { gateway in
            let q = QPlusClient(gateway)
            let mine = try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(anchorSession)])
            #expect(mine["status"] == 10000)
            #expect(mine["liveRoomId"] == .int(room))
            #expect(mine["liveRoomName"] == "Persistent")
            #expect(mine["followCount"] == 1)
            #expect(mine["headPicId"] == .int(picture))
            // The live state is stored, so the room is still listed; the fan's follow too.
            let followed = try await q.list(fanSession, type: 2)
            #expect(followed["status"] == 10000)
            #expect(QPlusClient.ids(followed["onlineList"]) == [room])
            let login = try await q.login(account)
            #expect(login["status"] == 10000)
            #expect(login["liveRoomId"] == .int(room))
            let bytes = try await gateway.raw("GET", "/live/GetUserHeadPic?id=\(picture)")
            #expect(bytes.body == tinyPNG)
        }
    }

    @Test("The legacy listener serves QPlus alone, the same as the unified port")
    func legacyPort() async throws {
        try await withGateway(legacy: ["qplus": 0]) { gateway in
            let port = try #require(gateway.running.ports["qplus"]?.first)
            #expect(port != gateway.running.unifiedPort)
            let legacy = QPlusClient(gateway, port: port)
            let unified = QPlusClient(gateway)
            // Register on one port, log in on the other: one core.
            let (account, _, _) = try await legacy.register()
            let login = try await unified.login(account)
            #expect(login["status"] == 10000)
            let session = try #require(login["sessionId"]?.stringValue)
            let room = try await legacy.createRoom(session)
            #expect(try await unified.call("/live/GetMyLiveRoomId", ["sessionId": .string(session)])["LiveRoomId"] == .int(room))
            #expect(try await legacy.call("/live/GetLiveRoomList", ["sessionId": .string(session), "type": 1])["status"] == 10000)
            #expect(try await legacy.call("/live/Login", ["account": "nobody"])["status"] == 10100)
            // The gateway's own endpoints stay on the unified port.
            let health = try await gateway.raw("GET", "/_livegate/health", port: port)
            #expect(health.status == 404)
        }
    }
}
