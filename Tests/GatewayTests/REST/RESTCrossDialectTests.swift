import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// One core under every dialect: accounts, sessions and the live flag are shared with QPlus.
@Suite("REST cross-dialect")
struct RESTCrossDialectTests {
    /// Registers and logs in through QPlus, creates a room and starts pushing; returns the account,
    /// the QPlus session and the room id.
    func qplusLive(_ gateway: TestGateway, account: String, phone: String) async throws -> (session: String, room: Int64) {
        func call(_ path: String, _ body: JSONValue) async throws -> JSONValue {
            let r = try await gateway.post(path, json: body, contentType: nil)
            let json = try #require(r.json)
            try #require(json["status"] == 10000, "\(path): \(r.text)")
            return json
        }
        _ = try await call("/live/Register", ["account": .string(account), "phone": .string(phone),
                                              "email": .string("\(account)@example.com"), "password": "secret1"])
        let login = try await call("/live/Login", ["account": .string(account), "password": "secret1"])
        let session = try #require(login["sessionId"]?.stringValue)
        let created = try await call("/live/CreateLiveRoom", ["sessionId": .string(session), "liveRoomName": "QPlus room"])
        guard case .int(let room)? = created["liveRoomId"] else { throw RESTTestError("no liveRoomId: \(created.serialized())") }
        _ = try await call("/live/PushLiveStream", ["sessionId": .string(session), "liveRoomId": .int(room), "status": 1, "timeout": 60])
        return (session, room)
    }

    @Test("Register through QPlus, go live there, log in here and see the room active in GET /rooms/")
    func qplusRoomIsActiveHere() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let account = "qp\(phone)"
            let (session, room) = try await qplusLive(gateway, account: account, phone: phone)
            let login = try await rest.login(account)
            #expect(login.status == 200)
            #expect(login["phone"] == .string(phone))
            #expect(login["email"] == .string("\(account)@example.com"))
            let stored = try await gateway.core.rooms.room(id: room)
            #expect(login["roomid"] == .string(String(stored.number)))
            let items = try await rest.liveRooms()
            let item = try #require(items.first { $0["pk"] == .string(String(room)) })
            #expect(item["active"] == true)
            #expect(item["username"] == .string(account))
            #expect(item["roomid"] == .string(String(stored.number)))
            // Stopping through QPlus ends it here.
            _ = try await gateway.post("/live/PushLiveStream", json: ["sessionId": .string(session), "liveRoomId": .int(room), "status": 0],
                                       contentType: nil)
            #expect(try await rest.liveRooms().contains { $0["pk"] == .string(String(room)) } == false)
            #expect(try await rest.send("GET", "/rooms/\(room)/")["active"] == false)
        }
    }

    @Test("A room that stops its QPlus heartbeats lapses here too")
    func heartbeatLapses() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let (_, room) = try await qplusLive(gateway, account: "hb\(phone)", phone: phone)
            #expect(try await rest.send("GET", "/rooms/\(room)/")["active"] == true)
            clock.advance(by: 61)
            #expect(try await rest.send("GET", "/rooms/\(room)/")["active"] == false)
            #expect(try await rest.liveRooms().isEmpty)
        }
    }

    @Test("active set here makes the room live in QPlus; DELETE here ends it there")
    func activeHereIsLiveThere() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let pk = try await rest.roomPK(of: user)
            _ = try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": true], token: user.token)
            // The REST token is a session every dialect accepts.
            let list = try await gateway.post("/live/GetLiveRoomList", json: ["sessionId": .string(user.token), "type": 1, "refresh": 1, "count": 10],
                                              contentType: nil)
            let ids = (list.json?["list"]?.arrayValue ?? []).compactMap { $0["liveRoomId"] }
            #expect(ids.contains(.int(pk)))
            #expect(try await rest.send("DELETE", "/rooms/\(pk)/", token: user.token).status == 204)
            let after = try await gateway.post("/live/GetLiveRoomList", json: ["sessionId": .string(user.token), "type": 1, "refresh": 1, "count": 10],
                                               contentType: nil)
            #expect((after.json?["list"]?.arrayValue ?? []).compactMap { $0["liveRoomId"] }.contains(.int(pk)) == false)
        }
    }

    @Test("sex: QPlus male (1) reads \"0\" here; \"1\" (female) here reads 2 in QPlus")
    func sexMapping() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let account = "sx\(phone)"
            _ = try await gateway.post("/live/Register", json: ["account": .string(account), "phone": .string(phone), "password": "secret1"],
                                       contentType: nil)
            let login = try await gateway.post("/live/Login", json: ["account": .string(account), "password": "secret1"], contentType: nil)
            let session = try #require(login.json?["sessionId"]?.stringValue)
            _ = try await gateway.post("/live/ModifyUserInfo", json: ["sessionId": .string(session), "sex": 1], contentType: nil)
            let here = try await rest.login(account)
            #expect(here["sex"] == "0")
            // QPlus has no room for this user: roomid is "".
            #expect(here["roomid"] == "")
            _ = try await rest.send("PUT", "/users/\(here.pk!)/", json: ["sex": "1"], token: here.token!)
            let again = try await gateway.post("/live/Login", json: ["account": .string(account), "password": "secret1"], contentType: nil)
            #expect(again.json?["sex"] == 2)
        }
    }
}
