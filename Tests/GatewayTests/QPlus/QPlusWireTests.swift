import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 001 "请求回复说明" and the original's wire habits: JSON whatever the Content-Type, form fields,
/// keys matched without regard to case, always HTTP 200 with the envelope, and 10002 (never a
/// 500) for any body the gateway cannot read.
@Suite("QPlus wire format")
struct QPlusWireTests {
    @Test("JSON is read with no Content-Type, a form Content-Type, text/plain or JSON's own")
    func jsonWhateverContentType() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (account, _, _) = try await q.register()
            // The iOS client's body: pretty-printed JSON, no Content-Type.
            let pretty = Array("{\n  \"account\" : \"\(account)\",\n  \"password\" : \"secret1\"\n}".utf8)
            for contentType in [nil, "application/x-www-form-urlencoded", "text/plain", "application/json",
                                "application/json; charset=utf-8", "application/octet-stream"] as [String?] {
                let r = try await q.raw("/live/Login", pretty, contentType: contentType)
                #expect(r["status"] == 10000, "\(contentType ?? "none")")
                #expect(r["account"] == .string(account))
            }
            // Leading whitespace before the object does not hide it.
            #expect(try await q.raw("/live/Login", Array("\r\n\t {\"account\":\"\(account)\",\"password\":\"secret1\"}".utf8),
                                    contentType: "application/x-www-form-urlencoded")["status"] == 10000)
        }
    }

    @Test("Form fields and query parameters work too")
    func formFields() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            let registered = try await q.form("/live/Register", [("account", "form\(phone)"), ("phone", phone), ("password", "p@ss word&1")])
            #expect(registered["status"] == 10000)
            let login = try await q.form("/live/Login", [("account", "form\(phone)"), ("password", "p@ss word&1")])
            #expect(login["status"] == 10000)
            let session = try #require(login["sessionId"]?.stringValue)
            let created = try await q.form("/live/CreateLiveRoom", [("sessionId", session), ("liveRoomName", "直播 & chat")])
            let room = try #require(created["liveRoomId"]?.qplusInt)
            #expect(try await q.form("/live/PushLiveStream", [("sessionId", session), ("liveRoomId", "\(room)"), ("status", "1"),
                                                              ("timeout", "60")])["status"] == 10000)
            let mine = try await q.form("/live/GetMyLiveRoom", [("sessionId", session)])
            #expect(mine["liveRoomName"] == "直播 & chat")
            // Query string, any method.
            let viaQuery = try await q.raw("/live/GetMyLiveRoomId?sessionId=\(session)", [], method: "GET")
            #expect(viaQuery["LiveRoomId"] == .int(room))
            // The body wins over the query.
            let both = try await gateway.post("/live/GetMyLiveRoomId?sessionId=bogus", json: ["sessionId": .string(session)], contentType: nil)
            #expect(try QPlusClient.envelope(both, path: "/live/GetMyLiveRoomId", sourceLocation: #_sourceLocation)["status"] == 10000)
            // Multipart, as some HTTP libraries send forms.
            let multipart = try await gateway.multipart("POST", "/live/GetMyLiveRoomId", fields: [("sessionId", session)], files: [])
            #expect(try QPlusClient.envelope(multipart, path: "/live/GetMyLiveRoomId", sourceLocation: #_sourceLocation)["LiveRoomId"] == .int(room))
        }
    }

    @Test("Keys match without regard to case: liveroomId, liveRoomId, LIVEROOMID, SessionId")
    func caseInsensitiveKeys() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (account, _, _) = try await q.register()
            let login = try await q.call("/live/Login", ["Account": .string(account), "PASSWORD": "secret1"])
            #expect(login["status"] == 10000)
            let session = try #require(login["sessionId"]?.stringValue)
            let room = try await q.createRoom(session)
            for key in ["liveRoomId", "liveroomId", "LiveRoomId", "LIVEROOMID", "liveroomid"] {
                let r = try await q.call("/live/PushLiveStream", ["SessionId": .string(session), key: .int(room), "Status": 1])
                #expect(r["status"] == 10000, "\(key)")
            }
            let fan = try await q.user()
            #expect(try await q.form("/live/FollowLiveRoom", [("SESSIONID", fan.sessionId), ("LiveRoomID", "\(room)"), ("ISFOLLOW", "1")])["status"] == 10000)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(session)])["followCount"] == 1)
            #expect(try await q.call("/live/ModifyMyLiveRoom", ["sessionid": .string(session), "LIVEROOMNAME": "Shouted"])["status"] == 10000)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(session)])["liveRoomName"] == "Shouted")
        }
    }

    @Test("Every endpoint answers an unreadable body with 10002, HTTP 200 and its own access")
    func unreadableBodies() async throws {
        try await withGateway(["max_body_bytes": "1024"]) { gateway in
            let q = QPlusClient(gateway)
            let bodies: [(String, [UInt8], String?)] = [
                ("not JSON, labelled JSON", Array("hello there".utf8), "application/json"),
                ("truncated JSON", Array("{\"account\": \"x\", ".utf8), nil),
                ("JSON array", Array("[1, 2, 3]".utf8), nil),
                ("JSON string", Array("\"text\"".utf8), "application/json"),
                ("bad UTF-8 in JSON", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], nil),
                ("bad UTF-8 in a form", [0x61, 0x3D, 0xFF, 0xFE], "application/x-www-form-urlencoded"),
                ("deeply nested JSON", Array((String(repeating: "[", count: 200) + String(repeating: "]", count: 200)).utf8), "application/json"),
                ("multipart without a boundary", Array("--x\r\n".utf8), "multipart/form-data"),
                ("over max_body_bytes", Array(("{\"account\":\"" + String(repeating: "a", count: 4096) + "\"}").utf8), nil),
            ]
            for path in qplusPaths + ["/live/GetUserHeadPic"] {
                for (label, bytes, contentType) in bodies {
                    let r = try await q.raw(path, bytes, contentType: contentType)
                    #expect(r["status"] == 10002, "\(path): \(label)")
                    #expect(r["desc"] == "参数错误", "\(path): \(label)")
                }
            }
            // The gateway is still fine afterwards.
            let (account, _, _) = try await q.register()
            #expect(try await q.login(account)["status"] == 10000)
        }
    }

    @Test("Every endpoint answers an empty body and any method with its envelope, never a 500")
    func emptyBodiesAndMethods() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            for path in qplusPaths {
                let empty = try await q.raw(path, [])
                let expected: JSONValue = ["/live/Login", "/live/Register", "/live/AuthCode", "/live/ModifyUserPwd"].contains(path) ? 10002 : 10003
                #expect(empty["status"] == expected, "\(path)")
                for method in ["GET", "PUT", "DELETE", "PATCH"] {
                    let r = try await q.raw(path, [], method: method)
                    #expect(r["status"] == expected, "\(method) \(path)")
                }
            }
        }
    }

    @Test("The envelope keeps the document's order and Go's escaping; status and desc follow the table")
    func envelopeShape() async throws {
        try await withGateway { gateway in
            let result = try await gateway.post("/live/Login", json: ["account": "nobody", "password": "x"], contentType: nil)
            #expect(result.status == 200)
            #expect(result.header("Content-Type") == "application/json;charset=utf-8")
            #expect(result.text == #"{"access":"/live/Login","status":10100,"desc":"账号不存在"}"#)
            // Paths match with a trailing slash too.
            let slash = try await gateway.post("/live/Login/", json: ["account": "nobody", "password": "x"], contentType: nil)
            #expect(slash.json?["status"] == 10100)
            // An unknown path is not QPlus's to answer.
            let unknown = try await gateway.post("/live/NoSuchThing", json: [:], contentType: nil)
            #expect(unknown.status == 404)
        }
    }
}
