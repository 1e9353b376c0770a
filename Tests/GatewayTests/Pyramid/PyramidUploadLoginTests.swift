import FixtureKit
import Foundation
@testable import LiveCore
import LiveJSON
import Testing

/// 注册step1 (upload) and 登录 (login).
@Suite("Pyramid upload and login")
struct PyramidUploadLoginTests {
    static let tinyGIF: [UInt8] = Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
        0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]

    // MARK: Upload

    @Test("Upload: multipart img → 0000 and the path the gateway serves the picture at")
    func upload() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let r = try await p.multipart("/upload", files: [("img", "avatar.png", "image/png", tinyPNG)])
            #expect(r["result"] == "0000")
            let path = try #require(r["message"]?.stringValue)
            #expect(path.hasPrefix("/media/") && path.hasSuffix(".png"))
            let served = try await gateway.raw("GET", path)
            #expect(served.status == 200)
            #expect(served.header("Content-Type") == "image/png")
            #expect(served.body == tinyPNG)
            // The same picture again: the same path (content-addressed). The type is the bytes', not the label's.
            let again = try await p.multipart("/upload", fields: [("note", "x")],
                                              files: [("img", "whatever.jpg", "application/octet-stream", tinyPNG)])
            #expect(again == ["result": "0000", "message": .string(path)])
            let gif = try await p.multipart("/upload", files: [("img", "a.gif", "image/gif", Self.tinyGIF)])
            #expect(gif["message"]?.stringValue?.hasSuffix(".gif") == true)
        }
    }

    @Test("Upload: 0006 for no img, not an image, too large, text instead of a file, form or JSON bodies, GET")
    func uploadErrors() async throws {
        try await withGateway(["max_image_bytes": "1024"]) { gateway in
            let p = PyramidClient(gateway)
            let failed: JSONValue = ["result": "0006", "message": nil]
            #expect(try await p.multipart("/upload", fields: [("other", "1")]) == failed)
            #expect(try await p.multipart("/upload", files: [("picture", "a.png", "image/png", tinyPNG)]) == failed)
            #expect(try await p.multipart("/upload", files: [("img", "a.png", "image/png", Array("not a picture".utf8))]) == failed)
            #expect(try await p.multipart("/upload", files: [("img", "a.png", "image/png", [])]) == failed)
            #expect(try await p.multipart("/upload", files: [("img", "big.png", "image/png", tinyPNG + [UInt8](repeating: 0, count: 2000))]) == failed)
            #expect(try await p.multipart("/upload", fields: [("img", "iVBORw0KGgo=")]) == failed)
            #expect(try await p.form("/upload", [("img", "x")]) == failed)
            #expect(try await p.json("/upload", ["img": "x"]) == failed)
            #expect(try await p.raw("POST", "/upload") == failed)
            // A broken multipart body.
            #expect(try await p.raw("POST", "/upload", body: Array("--x\r\ngarbage".utf8),
                                    headers: [("Content-Type", "multipart/form-data; boundary=x")]) == failed)
            #expect(try await p.raw("POST", "/upload", body: Array("garbage".utf8),
                                    headers: [("Content-Type", "multipart/form-data")]) == failed)
            let get = try await gateway.raw("GET", "/upload")
            #expect(try PyramidClient.envelope(get, status: 405) == failed)
            #expect(get.header("Allow") == "POST")
        }
    }

    @Test("Upload: a body over max_body_bytes is 0006, not a crash")
    func uploadTooLargeBody() async throws {
        try await withGateway(["max_body_bytes": "2048"]) { gateway in
            let p = PyramidClient(gateway)
            let r = try await p.multipart("/upload", files: [("img", "a.png", "image/png", tinyPNG + [UInt8](repeating: 1, count: 4096))])
            #expect(r == ["result": "0006", "message": nil])
        }
    }

    // MARK: Login

    @Test("Login: userId + pasword (000) or password → 0000 with a fresh 32-hex token each time")
    func login() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, first) = try await p.user()
            #expect(first.count == 32 && first.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            let second = try await p.login(phone, field: "password")
            #expect(second["result"] == "0000")
            #expect(second["message"] != .string(first))
            // Both tokens work: several devices may be logged in.
            #expect(try await p.goLive(first)["result"] == "0000")
            #expect(try await p.goLive(try #require(second["message"]?.stringValue))["result"] == "0000")
            // When both spellings come, `password` is the one read.
            #expect(try await p.form("/log", [("userId", phone), ("password", PyramidClient.password),
                                              ("pasword", "wrong1234")])["result"] == "0000")
        }
    }

    @Test("Login as JSON, multipart and query string")
    func loginEncodings() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, _) = try await p.user()
            #expect(try await p.json("/log", ["userId": .string(phone), "pasword": "abc12345"])["result"] == "0000")
            #expect(try await p.json("/log", ["userId": .int(Int64(phone)!), "password": "abc12345"], contentType: nil)["result"] == "0000")
            #expect(try await p.multipart("/log", fields: [("userId", phone), ("pasword", "abc12345")])["result"] == "0000")
            #expect(try await p.raw("POST", "/log?userId=\(phone)&pasword=abc12345")["result"] == "0000")
        }
    }

    @Test("Login: 0007 unknown or missing user, 0008 wrong or missing password, banned")
    func loginErrors() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, _) = try await p.user()
            #expect(try await p.login(uniquePhone()) == ["result": "0007", "message": nil])
            #expect(try await p.form("/log", [("pasword", "abc12345")]) == ["result": "0007", "message": nil])
            #expect(try await p.form("/log", [("userId", ""), ("pasword", "abc12345")]) == ["result": "0007", "message": nil])
            #expect(try await p.json("/log", ["userId": [1], "pasword": "abc12345"]) == ["result": "0007", "message": nil])
            #expect(try await p.form("/log", []) == ["result": "0007", "message": nil])
            #expect(try await p.login(phone, password: "abc123456") == ["result": "0008", "message": nil])
            #expect(try await p.form("/log", [("userId", phone)]) == ["result": "0008", "message": nil])
            #expect(try await p.form("/log", [("userId", phone), ("pasword", "")]) == ["result": "0008", "message": nil])
            #expect(try await p.json("/log", ["userId": .string(phone), "pasword": ["a": 1]]) == ["result": "0008", "message": nil])
            // An unknown user without a password is still 0007.
            #expect(try await p.form("/log", [("userId", uniquePhone())]) == ["result": "0007", "message": nil])
            // A banned user: refused as 0008, and the live token with it (0009 on /room).
            let token = try #require(try await p.login(phone)["message"]?.stringValue)
            var user = try #require(try await gateway.core.accounts.user(phone: phone))
            user.flags.ban = .permanent
            let banned = user
            try await gateway.core.environment.store.write { try $0.updateUser(banned) }
            #expect(try await p.login(phone) == ["result": "0008", "message": nil])
            #expect(try await p.goLive(token) == ["result": "0009", "message": nil])
            // Malformed bodies.
            #expect(try await p.raw("POST", "/log", body: Array("{not json".utf8), headers: [("Content-Type", "application/json")])
                    == ["result": "0007", "message": nil])
            #expect(try await p.raw("POST", "/log", body: [0xFF, 0xFE, 0x3D], headers: [("Content-Type", "application/x-www-form-urlencoded")])
                    == ["result": "0007", "message": nil])
        }
    }

    @Test("Login with an account made through QPlus, by phone or by account name")
    func loginCrossDialect() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let account = "zhang\(phone.suffix(6))"
            let q = try await gateway.post("/live/Register", json: ["account": .string(account), "phone": .string(phone),
                                                                     "email": .string("\(account)@example.com"), "password": "secret12"])
            #expect(q.json?["status"] == 10000)
            #expect(try await p.login(phone, password: "secret12")["result"] == "0000")
            #expect(try await p.login(account, password: "secret12")["result"] == "0000")
        }
    }

    @Test("Tokens live 30 days, sliding with use; an expired one is 0009")
    func sessionLifetime() async throws {
        let clock = ManualClock()
        try await withGateway(pyramidSettings, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (_, token) = try await p.user()
            let day: TimeInterval = 86_400
            clock.advance(by: 29 * day)
            #expect(try await p.goLive(token)["result"] == "0000")
            // Used on day 29: good until day 59.
            clock.advance(by: 29 * day)
            #expect(try await p.leave(token)["result"] == "0000")
            clock.advance(by: 30 * day + 1)
            #expect(try await p.goLive(token) == ["result": "0009", "message": nil])
            #expect(try await p.leave(token) == ["result": "0009", "message": nil])
        }
        try await withGateway(["code_resend_interval": "0", "pyramid_session_ttl": "60"], clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let (_, token) = try await p.user()
            clock.advance(by: 61)
            #expect(try await p.goLive(token)["result"] == "0009")
        }
    }
}
