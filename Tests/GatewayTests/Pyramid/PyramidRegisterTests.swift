import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 注册: send code, verify, register step 2 (step 1, upload, has its own suite).
@Suite("Pyramid registration")
struct PyramidRegisterTests {
    // MARK: Send code

    @Test("Send code with pyramid_echo_code on: GET /register?userId= answers 0000 with the code, which the SMS carried")
    func sendCodeGet() async throws {
        try await withGateway(["pyramid_echo_code": "true"]) { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let r = try await p.sendCode(phone)
            #expect(r["result"] == "0000")
            let code = try #require(r["message"]?.stringValue)
            #expect(code.count == 4 && code.allSatisfy(\.isASCIIDigit))
            #expect(try gateway.lastSMSCode(for: phone) == code)
        }
    }

    @Test("Send code: POST /register with only userId, as form, JSON, multipart or query")
    func sendCodeEncodings() async throws {
        try await withGateway(pyramidSettings.merging(["pyramid_echo_code": "true"]) { $1 }) { gateway in
            let p = PyramidClient(gateway)
            let phones = (0..<5).map { _ in uniquePhone() }
            let answers = [
                try await p.form("/register", [("userId", phones[0])]),
                try await p.json("/register", ["userId": .string(phones[1])]),
                try await p.json("/register", ["userId": .string(phones[2])], contentType: nil),
                try await p.multipart("/register", fields: [("userId", phones[3])]),
                try await p.raw("POST", "/register?userId=\(phones[4])"),
            ]
            for (phone, answer) in zip(phones, answers) {
                #expect(answer["result"] == "0000")
                #expect(answer["message"]?.stringValue == (try gateway.lastSMSCode(for: phone)))
            }
            // A phone sent as a JSON number reads as the phone.
            let numeric = uniquePhone()
            #expect(try await p.json("/register", ["userId": .int(Int64(numeric)!)])["result"] == "0000")
        }
    }

    @Test("Send code: 0001 for a registered phone, and no SMS goes out")
    func sendCodeRegistered() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, _) = try await p.user()
            let before = try gateway.lastSMSCode(for: phone)
            let r = try await p.sendCode(phone)
            #expect(r == ["result": "0001", "message": nil])
            #expect(try gateway.lastSMSCode(for: phone) == before)
        }
    }

    @Test("Send code: 0002 for anything else — not a phone, too soon, daily limit, malformed")
    func sendCodeOtherErrors() async throws {
        try await withGateway(["code_daily_limit": "2"]) { gateway in
            let p = PyramidClient(gateway)
            for bad in ["", "1380013800", "138001380000", "23800138000", "1380013800a", "+8613800138000"] {
                let answer = try await p.sendCode(bad)
                #expect(answer == ["result": "0002", "message": nil], "\(bad)")
            }
            #expect(try await p.form("/register", [], method: "GET") == ["result": "0002", "message": nil])
            #expect(try await p.json("/register", ["userId": ["13800138000"]]) == ["result": "0002", "message": nil])
            #expect(try await p.json("/register", ["userId": ["a": 1]]) == ["result": "0002", "message": nil])
            // Asked again within 60 s.
            let phone = uniquePhone()
            #expect(try await p.sendCode(phone)["result"] == "0000")
            #expect(try await p.sendCode(phone) == ["result": "0002", "message": nil])
        }
        let clock = ManualClock()
        try await withGateway(["code_daily_limit": "2"], clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let first = try await p.sendCode(phone)
            #expect(first["result"] == "0000")
            clock.advance(by: 61)
            #expect(try await p.sendCode(phone)["result"] == "0000")
            clock.advance(by: 61)
            // The third of the day.
            #expect(try await p.sendCode(phone) == ["result": "0002", "message": nil])
            clock.advance(by: 86_400)
            #expect(try await p.sendCode(phone)["result"] == "0000")
        }
    }

    @Test("Send code: by default (pyramid_echo_code off) message is null; the SMS carries the code")
    func sendCodeNoEcho() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            #expect(try await p.sendCode(phone) == ["result": "0000", "message": nil])
            let code = try #require(try gateway.lastSMSCode(for: phone))
            // The client then verifies with what the user typed, naming the phone.
            #expect(try await p.form("/register", [("userId", phone), ("code", code)])["result"] == "0000")
            #expect(try await gateway.core.verification.isVerified(phone: phone))
        }
    }

    @Test("Send code sets a phone-ticket cookie")
    func sendCodeCookie() async throws {
        try await withGateway { gateway in
            let phone = uniquePhone()
            let result = try await gateway.form("GET", "/register", [("userId", phone)])
            let cookie = try #require(result.header("Set-Cookie"))
            #expect(cookie.hasPrefix("pyramid_phone="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("Path=/") && cookie.contains("Max-Age=2100"))
            // Failures set none.
            let failed = try await gateway.form("GET", "/register", [("userId", "123")])
            #expect(failed.header("Set-Cookie") == nil)
        }
    }

    // MARK: Verify

    @Test("Verify: code_v + code against the issued code: 0000, and the phone is verified")
    func verify() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            #expect(try await gateway.core.verification.isVerified(phone: phone) == false)
            #expect(try await p.verify(phone, code: code) == ["result": "0000", "message": nil])
            #expect(try await gateway.core.verification.isVerified(phone: phone))
            // Spent: the same code again is wrong.
            #expect(try await p.verify(phone, code: code) == ["result": "0004", "message": nil])
        }
    }

    @Test("Verify as JSON, multipart and query")
    func verifyEncodings() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phones = (0..<3).map { _ in uniquePhone() }
            var codes: [String] = []
            for phone in phones {
                codes.append(try await p.codeSent(to: phone))
            }
            #expect(try await p.json("/register", ["userId": .string(phones[0]), "code_v": .string(codes[0]), "code": .string(codes[0])])["result"] == "0000")
            #expect(try await p.multipart("/register", fields: [("userId", phones[1]), ("code_v", codes[1]), ("code", codes[1])])["result"] == "0000")
            #expect(try await p.raw("POST", "/register?userId=\(phones[2])&code_v=\(codes[2])&code=\(codes[2])")["result"] == "0000")
        }
    }

    @Test("Verify: matching code_v and code are not enough — the server checks what it issued")
    func verifyNotJustEqual() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let stranger = code == "0000" ? "1111" : "0000"
            #expect(try await p.verify(phone, code: stranger)["result"] == "0004")
            #expect(try await gateway.core.verification.isVerified(phone: phone) == false)
        }
    }

    @Test("Verify: 0004 wrong, 0005 on the fifth wrong attempt, then the code is dead")
    func verifyAttempts() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let wrong = code == "9999" ? "0000" : "9999"
            for attempt in 1...4 {
                #expect(try await p.verify(phone, code: wrong) == ["result": "0004", "message": nil], "attempt \(attempt)")
            }
            #expect(try await p.verify(phone, code: wrong) == ["result": "0005", "message": nil])
            #expect(try await p.verify(phone, code: code) == ["result": "0004", "message": nil])
            #expect(try await gateway.core.verification.isVerified(phone: phone) == false)
        }
    }

    @Test("Verify: a right code after a few wrong ones still passes")
    func verifyAfterWrong() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let wrong = code == "9999" ? "0000" : "9999"
            for _ in 1...4 { _ = try await p.verify(phone, code: wrong) }
            #expect(try await p.verify(phone, code: code)["result"] == "0000")
        }
    }

    @Test("Verify: an expired code (5 minutes) is 0004")
    func verifyExpired() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            clock.advance(by: 301)
            #expect(try await p.verify(phone, code: code) == ["result": "0004", "message": nil])
        }
    }

    @Test("Verify: malformed is 0004 — missing code, missing code_v, wrong types, too long")
    func verifyMalformed() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let bad: [JSONValue] = [
                ["code_v": .string(code)],
                ["code": .string(code)],
                ["code_v": .string(code), "code": ""],
                ["code_v": "", "code": .string(code)],
                ["code_v": .string(code), "code": [1, 2]],
                ["code_v": ["x": 1], "code": .string(code)],
                ["code_v": .string(code), "code": .string(String(repeating: "1", count: 40))],
                ["code_v": .string(code), "code": .string(code), "userId": "not-a-phone"],
            ]
            for body in bad {
                #expect(try await p.json("/register", body) == ["result": "0004", "message": nil], "\(body.serialized())")
            }
            // None of that spent the code.
            #expect(try await p.verify(phone, code: code)["result"] == "0000")
        }
    }

    @Test("Verify with userId checks that phone's code, whatever code_v says")
    func verifyWithUserId() async throws {
        try await withGateway { gateway in
            let p = PyramidClient(gateway)
            let phone = uniquePhone()
            let code = try await p.codeSent(to: phone)
            let other = uniquePhone()
            let wrong = code == "9999" ? "0000" : "9999"
            #expect(try await p.form("/register", [("userId", other), ("code_v", code), ("code", code)])["result"] == "0004")
            #expect(try await p.form("/register", [("userId", phone), ("code_v", code), ("code", wrong)])["result"] == "0004")
            #expect(try await p.form("/register", [("userId", phone), ("code_v", "0"), ("code", code)])["result"] == "0000")
            #expect(try await gateway.core.verification.isVerified(phone: phone))
        }
    }

    // MARK: Register

    @Test("Register: a verified phone, password, gender, nickname and headImage")
    func register() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let uploaded = try await p.multipart("/upload", files: [("img", "me.png", "image/png", tinyPNG)])
            let path = try #require(uploaded["message"]?.stringValue)
            let phone = try await p.verifiedPhone()
            let r = try await p.register(phone, extra: [("gender", "1"), ("nickname", "小明"), ("headImage", path)])
            #expect(r == ["result": "0000", "message": nil])
            let user = try #require(try await gateway.core.accounts.user(phone: phone))
            #expect(user.account == phone)
            #expect(user.nickname == "小明")
            #expect(user.sex == .male)
            let media = try #require(try await gateway.core.media.media(id: user.avatarMediaID ?? 0))
            #expect(media.publicPath == path)
            #expect(try await p.login(phone)["result"] == "0000")

            // gender "0" is female; the rest optional.
            let second = try await p.verifiedPhone()
            #expect(try await p.register(second, extra: [("gender", "0")])["result"] == "0000")
            #expect(try await gateway.core.accounts.user(phone: second)?.sex == .female)
            let third = try await p.verifiedPhone()
            #expect(try await p.register(third)["result"] == "0000")
            let plain = try #require(try await gateway.core.accounts.user(phone: third))
            #expect(plain.sex == .unknown)
            #expect(plain.avatarMediaID == nil)
            #expect(!plain.nickname.isEmpty)
        }
    }

    @Test("Register as JSON (gender a number), multipart, and with an absolute headImage URL")
    func registerEncodings() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let uploaded = try await p.multipart("/upload", files: [("img", "me.png", "image/png", tinyPNG)])
            let path = try #require(uploaded["message"]?.stringValue)
            let first = try await p.verifiedPhone()
            #expect(try await p.json("/register", ["register": "1", "userId": .string(first), "password": "abc12345",
                                                   "gender": 0, "headImage": .string("http://example.com:6543" + path)])["result"] == "0000")
            #expect(try await gateway.core.accounts.user(phone: first)?.sex == .female)
            #expect(try await gateway.core.accounts.user(phone: first)?.avatarMediaID != nil)
            let second = try await p.verifiedPhone()
            #expect(try await p.multipart("/register", fields: [("register", "1"), ("userId", second), ("pasword", "abc12345"),
                                                                ("gender", "1")])["result"] == "0000")
            #expect(try await p.login(second)["result"] == "0000")
        }
    }

    @Test("Register: 0004 when the phone was never verified, or the 30-minute window passed")
    func registerNotVerified() async throws {
        let clock = ManualClock()
        try await withGateway(pyramidSettings, clock: clock) { gateway in
            let p = PyramidClient(gateway)
            #expect(try await p.register(uniquePhone()) == ["result": "0004", "message": nil])
            // Sent but not verified.
            let sent = uniquePhone()
            _ = try await p.sendCode(sent)
            #expect(try await p.register(sent) == ["result": "0004", "message": nil])
            // Verified, but too long ago.
            let late = try await p.verifiedPhone()
            clock.advance(by: 1801)
            #expect(try await p.register(late) == ["result": "0004", "message": nil])
            // Within the window.
            let onTime = try await p.verifiedPhone()
            clock.advance(by: 1700)
            #expect(try await p.register(onTime)["result"] == "0000")
        }
    }

    @Test("Register: 0001 when the phone is already registered")
    func registerTaken() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let (phone, _) = try await p.user()
            #expect(try await p.register(phone) == ["result": "0001", "message": nil])
            // Also when another dialect made the account with that phone as its login name.
            let qplusPhone = uniquePhone()
            let q = try await gateway.post("/live/Register", json: ["account": .string(qplusPhone), "phone": .string(uniquePhone()),
                                                                     "email": .string("x\(qplusPhone)@example.com"), "password": "secret1"])
            #expect(q.json?["status"] == 10000)
            _ = try await p.verifiedPhone(qplusPhone)
            #expect(try await p.register(qplusPhone) == ["result": "0001", "message": nil])
        }
    }

    @Test("Register: 0006 for every invalid field, checked before anything is spent")
    func registerInvalid() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let phone = try await p.verifiedPhone()
            let bad: [(String, [(String, String)])] = [
                ("short password", [("register", "1"), ("userId", phone), ("password", "abc1234")]),
                ("letters only", [("register", "1"), ("userId", phone), ("password", "abcdefgh")]),
                ("digits only", [("register", "1"), ("userId", phone), ("password", "12345678")]),
                ("no password", [("register", "1"), ("userId", phone)]),
                ("empty password", [("register", "1"), ("userId", phone), ("password", "")]),
                ("control character", [("register", "1"), ("userId", phone), ("password", "abc1234\u{01}5")]),
                ("too long", [("register", "1"), ("userId", phone), ("password", "a1" + String(repeating: "x", count: 127))]),
                ("gender 2", [("register", "1"), ("userId", phone), ("password", "abc12345"), ("gender", "2")]),
                ("gender male", [("register", "1"), ("userId", phone), ("password", "abc12345"), ("gender", "male")]),
                ("not a phone", [("register", "1"), ("userId", "1380013800"), ("password", "abc12345")]),
                ("no userId", [("register", "1"), ("password", "abc12345")]),
                ("marker 0", [("register", "0"), ("userId", phone), ("password", "abc12345")]),
                ("marker empty", [("register", ""), ("userId", phone), ("password", "abc12345")]),
                ("unknown headImage", [("register", "1"), ("userId", phone), ("password", "abc12345"),
                                       ("headImage", "/media/" + String(repeating: "a", count: 64) + ".png")]),
                ("foreign headImage", [("register", "1"), ("userId", phone), ("password", "abc12345"),
                                       ("headImage", "/home/pyramid/static/img/1.png")]),
                ("long nickname", [("register", "1"), ("userId", phone), ("password", "abc12345"),
                                   ("nickname", String(repeating: "名", count: 65))]),
            ]
            for (label, fields) in bad {
                #expect(try await p.form("/register", fields) == ["result": "0006", "message": nil], "\(label)")
            }
            #expect(try await p.json("/register", ["register": "1", "userId": .string(phone), "password": ["abc12345"]])["result"] == "0006")
            #expect(try await p.json("/register", ["register": "1", "userId": .string(phone), "password": "abc12345",
                                                   "gender": ["0"]])["result"] == "0006")
            // The phone is still verified and free.
            #expect(try await p.register(phone)["result"] == "0000")
        }
    }

    @Test("Register with a headImage whose extension does not match the stored picture is 0006")
    func registerHeadImageMismatch() async throws {
        try await withGateway(pyramidSettings) { gateway in
            let p = PyramidClient(gateway)
            let path = try #require(try await p.multipart("/upload", files: [("img", "a.png", "image/png", tinyPNG)])["message"]?.stringValue)
            let phone = try await p.verifiedPhone()
            let jpg = path.replacingOccurrences(of: ".png", with: ".jpg")
            #expect(try await p.register(phone, extra: [("headImage", jpg)])["result"] == "0006")
            #expect(try await p.register(phone, extra: [("headImage", "")])["result"] == "0000")
        }
    }

    // MARK: 002's registration without userId

    @Test("002 flow: the phone-ticket cookie carries the phone from send code through verify to register")
    func registerWithCookie() async throws {
        try await withGateway { gateway in
            let phone = uniquePhone()
            let sent = try await gateway.form("GET", "/register", [("userId", phone)])
            let setCookie = try #require(sent.header("Set-Cookie"))
            let cookie = String(setCookie.split(separator: ";")[0])
            let code = try #require(try gateway.lastSMSCode(for: phone))
            let headers = [("Cookie", "other=1; " + cookie), ("Content-Type", "application/x-www-form-urlencoded")]
            // Verify with only the typed code: the cookie names the phone.
            let verified = try await gateway.raw("POST", "/register", body: Array("code=\(code)".utf8), headers: headers)
            #expect(try PyramidClient.envelope(verified) == ["result": "0000", "message": nil])
            #expect(verified.header("Set-Cookie")?.hasPrefix("pyramid_phone=") == true)
            // Register as 002 documents it: no userId.
            let registered = try await gateway.raw("POST", "/register", body: Array("register=1&password=abc12345&gender=1".utf8),
                                                   headers: headers)
            #expect(try PyramidClient.envelope(registered) == ["result": "0000", "message": nil])
            #expect(try await gateway.core.accounts.user(phone: phone)?.sex == .male)
        }
    }

    @Test("002 flow: an unknown or expired cookie is no phone")
    func registerWithBadCookie() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let body = Array("register=1&password=abc12345".utf8)
            let form = ("Content-Type", "application/x-www-form-urlencoded")
            let unknown = try await gateway.raw("POST", "/register", body: body,
                                                headers: [("Cookie", "pyramid_phone=" + String(repeating: "0", count: 32)), form])
            #expect(try PyramidClient.envelope(unknown)["result"] == "0006")
            let phone = uniquePhone()
            let sent = try await gateway.form("GET", "/register", [("userId", phone)])
            let cookie = String(try #require(sent.header("Set-Cookie")).split(separator: ";")[0])
            let code = try #require(try gateway.lastSMSCode(for: phone))
            #expect(try await PyramidClient(gateway).verify(phone, code: code)["result"] == "0000")
            clock.advance(by: 2101)
            let expired = try await gateway.raw("POST", "/register", body: body, headers: [("Cookie", cookie), form])
            #expect(try PyramidClient.envelope(expired)["result"] == "0006")
        }
    }
}
