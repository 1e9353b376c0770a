import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing
import Gateway

/// The whole flow, the wire format, the legacy port, and the other dialects seeing Pyramid's users
/// and streams.
@Suite("Pyramid flow and wire")
struct PyramidFlowTests {
    @Test("The whole flow: send code, verify, upload, register, log in, go live, leave")
    func wholeFlow() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            #expect(try await p.verify(phone, code: code) == ["result": "0000", "message": nil])
            let uploaded = try await p.multipart("/upload", files: [("img", "head.png", "image/png", tinyPNG)])
            let path = try #require(uploaded["message"]?.stringValue)
            #expect(try await p.register(phone, extra: [("headImage", path), ("gender", "0"), ("nickname", "pyramid")])
                    == ["result": "0000", "message": nil])
            let login = try await p.login(phone)
            let token = try #require(login["message"]?.stringValue)
            let live = try await p.goLive(token)
            #expect(live["result"] == "0000")
            #expect(try PyramidClient.stream(live)["publishSecurity"] == "static")
            #expect(try await gateway.core.rooms.liveRoomCount() == 1)
            #expect(try await p.leave(token) == ["result": "0000", "message": nil])
            #expect(try await gateway.core.rooms.liveRoomCount() == 0)
        }
    }

    @Test("Cross-dialect: registered here, logged in through QPlus; a stream started here is live in QPlus lists")
    func crossDialect() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, token) = try await p.user()
            let qLogin = try #require(try await gateway.post("/live/Login", json: ["account": .string(phone), "password": "abc12345"],
                                                             contentType: nil).json)
            #expect(qLogin["status"] == 10000)
            let session = try #require(qLogin["sessionId"]?.stringValue)
            func qplusLive() async throws -> [JSONValue] {
                let list = try #require(try await gateway.post("/live/GetLiveRoomList",
                                                               json: ["sessionId": .string(session), "type": 1, "refresh": 1, "count": 10],
                                                               contentType: nil).json)
                #expect(list["status"] == 10000)
                return list["list"]?.arrayValue ?? []
            }
            #expect(try await qplusLive().isEmpty)

            let stream = try PyramidClient.stream(try await p.goLive(token))
            let rooms = try await qplusLive()
            #expect(rooms.count == 1)
            let room = try #require(rooms.first)
            let title = try #require(stream["title"]?.stringValue)
            let hub = try #require(stream["hub"]?.stringValue)
            let hosts = try #require(stream["hosts"])
            #expect(room["playRtmpUrl"] == .string("rtmp://\(hosts["live"]?["rtmp"]?.stringValue ?? "")/\(hub)/\(title)"))
            #expect(room["playHlsUrl"] == .string("http://\(hosts["live"]?["hls"]?.stringValue ?? "")/\(hub)/\(title).m3u8"))
            #expect(room["playFlvUrl"] == .string("http://\(hosts["live"]?["hdl"]?.stringValue ?? "")/\(hub)/\(title).flv"))
            // QPlus sees the room Pyramid made as this user's own.
            let mine = try #require(try await gateway.post("/live/GetMyLiveRoomId", json: ["sessionId": .string(session)],
                                                           contentType: nil).json)
            #expect(mine["liveRoomId"] == room["liveRoomId"])

            // REST: logs in by the phone, and lists the room active.
            let restLogin = try await gateway.post("/login/", json: ["username": .string(phone), "password": "abc12345"])
            #expect(restLogin.status == 200)
            #expect(restLogin.json?["token"]?.stringValue?.count == 32)
            func restRoom() async throws -> JSONValue? {
                let list = try await gateway.raw("GET", "/rooms/?pageSize=100")
                #expect(list.status == 200)
                return list.json?["results"]?.arrayValue?.first { $0["username"] == .string(phone) }
            }
            #expect(try await restRoom()?["active"] == true)
            if case .int(let roomID)? = room["liveRoomId"] {
                #expect(try await restRoom()?["pk"] == .string(String(roomID)))
            } else {
                Issue.record("liveRoomId is not an integer")
            }

            #expect(try await p.leave(token)["result"] == "0000")
            #expect(try await qplusLive().isEmpty)
            #expect(try await restRoom() == nil)

            // And the other way: a QPlus session token is accepted on /room (every token is core-wide).
            #expect(try await p.goLive(session)["result"] == "0000")
            #expect(try await qplusLive().count == 1)
            #expect(try await p.form("/room", [("token", session)], method: "DELETE")["result"] == "0000")
        }
    }

    @Test("A code sent through Pyramid verifies through QPlus Register, and the reverse")
    func sharedCodes() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let registered = try #require(try await gateway.post("/live/Register", json: [
                "phone": .string(phone), "password": "abc12345", "authCode": .string(code),
            ], contentType: nil).json)
            #expect(registered["status"] == 10000)
            #expect(try await p.login(phone)["result"] == "0000")
        }
    }

    @Test("The legacy listener (6543 in production) serves Pyramid alone")
    func legacyPort() async throws {
        try await withGateway(legacy: ["pyramid": 0]) { gateway in
            let port = try #require(gateway.running.ports["pyramid"]?.first)
            #expect(port != gateway.running.unifiedPort)
            let p = PyramidClient(gateway, port: port)
            #expect(try await p.sendCode(uniquePhone())["result"] == "0000")
            #expect(try await p.login(uniquePhone())["result"] == "0007")
            // Not QPlus's paths.
            let other = try await gateway.post("/live/Login", json: ["account": "x", "password": "y"], port: port)
            #expect(other.status == 404)
        }
    }

    @Test("Wire: Python json.dumps bytes, ensure_ascii, application/json, HTTP 200")
    func wire() async throws {
        try await withGateway(["pyramid_echo_code": "true"]) { gateway in
            let result = try await gateway.form("POST", "/log", [("userId", "nobody"), ("pasword", "x")])
            #expect(result.status == 200)
            #expect(result.header("Content-Type") == "application/json")
            #expect(result.text == "{\"result\": \"0007\", \"message\": null}")
            let code = try await gateway.form("GET", "/register", [("userId", uniquePhone())])
            #expect(code.text.range(of: #"^\{"result": "0000", "message": "[0-9]{4}"\}$"#, options: .regularExpression) != nil)
            // POST /register whose body cannot be read, before any operation is chosen: 0006.
            let unreadable = try await gateway.raw("POST", "/register", body: Array("{\"userId\":".utf8),
                                                   headers: [("Content-Type", "application/json")])
            #expect(try PyramidClient.envelope(unreadable) == ["result": "0006", "message": nil])
            // A method /register does not serve: 405, Allow, the envelope.
            let put = try await gateway.raw("PUT", "/register")
            #expect(try PyramidClient.envelope(put, status: 405)["result"] == "0002")
            #expect(put.header("Allow") == "GET, POST")
        }
    }

    @Test("Unknown paths are 404; the routes list names each operation")
    func routesListed() async throws {
        try await withGateway { gateway in
            #expect(try await gateway.raw("GET", "/registers").status == 404)
            let routes = try await gateway.raw("GET", "/_livegate/health")
            #expect(routes.json?["dialects"]?.arrayValue?.contains("pyramid") == true)
        }
    }
}
