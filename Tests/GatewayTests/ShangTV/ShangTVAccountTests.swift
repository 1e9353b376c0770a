import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Document 003's account sections: register, login, send_sns, verify_tel, both modify_pwd,
/// daily_record; the token middleware's codes; sliding, single-device tokens; bans.
@Suite("shangtv accounts")
struct ShangTVAccountTests {
    static let loginKeys = ["Uid", "Account", "Tel", "NickName", "Sex", "UserLevel", "AnchorLevel", "UserExp", "AnchorExp",
                            "Image", "Diamond", "Focus", "Fans", "Coupons", "Push", "Signature", "Token", "Location",
                            "CanLinkMic", "Score", "Moon", "AuthReal", "IsSuperUser"]

    // MARK: Register and login

    @Test("register answers token, nick_name and the user; login answers every key of the sample")
    func registerAndLogin() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let phone = uniquePhone()
            let code = try await s.smsCode(phone)
            let r = try await s.call("/action/register", [("account", phone), ("pwd", MD5Hex.of("abc12345")), ("code", code),
                                                          ("type", "1"), ("channel_id", "7")])
            #expect(r["ErrCode"] == 0)
            let token = try #require(r["token"]?.stringValue)
            #expect(token.count == 32 && token.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            let nickname = try #require(r["nick_name"]?.stringValue)
            #expect(nickname.hasPrefix("大米_"))
            #expect(r["user"]?["Token"] == .string(token))
            #expect(r["user"]?["NickName"] == .string(nickname))

            let login = try await s.login(phone)
            #expect(login["ErrCode"] == 0)
            #expect(login.objectValue?.keys == ["ErrCode", "user"])
            let user = try #require(login["user"]?.objectValue)
            #expect(user.keys == Self.loginKeys)
            #expect(user["Account"] == .string(phone))
            #expect(user["Tel"] == .string(phone))
            #expect(user["NickName"] == .string(nickname))
            #expect(user["Sex"] == 0)
            #expect(user["Image"] == "")
            #expect(user["Focus"] == 0 && user["Fans"] == 0)
            #expect(user["Push"] == false)
            #expect(user["CanLinkMic"] == "1")
            #expect(user["AuthReal"] == 0)
            #expect(user["IsSuperUser"] == false)
            #expect(user["Uid"] == r["user"]?["Uid"])
            // A new login is a new token.
            #expect(user["Token"] != .string(token))
        }
    }

    @Test("login: 8 unknown account, 3 wrong password, 10 missing; plaintext pwd accepted; GET and JSON too")
    func loginErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.code("/action/login", [("account", "nobody\(user.account)"), ("pwd", MD5Hex.of("abc12345"))]) == 8)
            #expect(try await s.code("/action/login", [("account", user.account), ("pwd", MD5Hex.of("wrong"))]) == 3)
            #expect(try await s.code("/action/login", [("account", user.account)]) == 10)
            #expect(try await s.code("/action/login", [("pwd", MD5Hex.of("abc12345"))]) == 10)
            #expect(try await s.code("/action/login", [("account", ""), ("pwd", MD5Hex.of("abc12345"))]) == 10)
            #expect(try await s.code("/action/login", [("account", user.account), ("pwd", String(repeating: "x", count: 200))]) == 10)
            // Not 32 hex: taken as the plaintext.
            #expect(try await s.code("/action/login", [("account", user.account), ("pwd", "abc12345")]) == 0)
            // Upper-case MD5 hex is the same MD5.
            #expect(try await s.code("/action/login", [("account", user.account), ("pwd", MD5Hex.of("abc12345").uppercased())]) == 0)
            #expect(try await s.code("/action/login", [("account", user.account), ("pwd", MD5Hex.of("abc12345"))], method: "GET") == 0)
            let json = try await gateway.post("/action/login", json: ["account": .string(user.account), "pwd": .string(MD5Hex.of("abc12345"))])
            #expect(try ShangTVClient.envelope(json, path: "/action/login", sourceLocation: #_sourceLocation)["ErrCode"] == 0)
            let wrongType = try await gateway.post("/action/login", json: ["account": ["x"], "pwd": "y"])
            #expect(try ShangTVClient.envelope(wrongType, path: "/action/login", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
            // Failures carry only ErrCode.
            let failed = try await s.call("/action/login", [("account", user.account), ("pwd", "nope")])
            #expect(failed == ["ErrCode": 3])
        }
    }

    @Test("register: 15 phone registered, 14 wrong code, 10 missing or malformed, 2 account taken")
    func registerErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.code("/action/register", [("account", user.account), ("pwd", MD5Hex.of("x")), ("code", "1234")]) == 15)
            let phone = uniquePhone()
            let code = try await s.smsCode(phone)
            let wrong = code == "0000" ? "1111" : "0000"
            #expect(try await s.code("/action/register", [("account", phone), ("pwd", MD5Hex.of("x")), ("code", wrong)]) == 14)
            #expect(try await s.code("/action/register", [("account", phone), ("pwd", MD5Hex.of("x"))]) == 10)
            #expect(try await s.code("/action/register", [("account", phone), ("code", code)]) == 10)
            #expect(try await s.code("/action/register", [("pwd", MD5Hex.of("x")), ("code", code)]) == 10)
            #expect(try await s.code("/action/register", [("account", "not-a-phone"), ("pwd", MD5Hex.of("x")), ("code", code)]) == 10)
            // A phone used as another account's login name (REST users pick any username).
            let taken = uniquePhone()
            let rest = try await gateway.post("/users/", json: ["username": .string(taken), "password": "abc12345", "nickname": "n"])
            #expect(rest.status == 200, "\(rest.text)")
            let takenCode = try await s.smsCode(taken)
            #expect(try await s.code("/action/register", [("account", taken), ("pwd", MD5Hex.of("x")), ("code", takenCode)]) == 2)
            // The code still works after those failures.
            #expect(try await s.code("/action/register", [("account", phone), ("pwd", MD5Hex.of("x")), ("code", code)]) == 0)
        }
    }

    @Test("send_sns: a 4-digit code; 13 when asked again too soon; 10 missing or malformed")
    func sendSMS() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let phone = uniquePhone()
            let code = try await s.smsCode(phone)
            #expect(code.count == 4 && code.allSatisfy(\.isASCIIDigit))
            #expect(try await s.code("/action/send_sns", [("mobile", phone)]) == 13)
            #expect(try await s.code("/action/send_sns", []) == 10)
            #expect(try await s.code("/action/send_sns", [("mobile", "12345")]) == 10)
        }
    }

    @Test("verify_tel: 0 free, 15 registered, 10 missing or malformed")
    func verifyTel() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.call("/action/verify_tel", [("tel", uniquePhone())]) == ["ErrCode": 0])
            #expect(try await s.code("/action/verify_tel", [("tel", user.account)]) == 15)
            #expect(try await s.code("/action/verify_tel", [("tel", user.account)], method: "GET") == 15)
            #expect(try await s.code("/action/verify_tel", []) == 10)
            #expect(try await s.code("/action/verify_tel", [("tel", "abc")]) == 10)
        }
    }

    // MARK: Passwords

    @Test("action/modify_pwd recovers a password with a code: 14 wrong code, 8 unknown account, 16 no phone, 10 missing")
    func recoverPassword() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            clock.advance(by: 61)
            let code = try await s.smsCode(user.account)
            let wrong = code == "0000" ? "1111" : "0000"
            #expect(try await s.code("/action/modify_pwd", [("account", user.account), ("pwd", MD5Hex.of("new-pass")), ("code", wrong), ("type", "0")]) == 14)
            #expect(try await s.code("/action/modify_pwd", [("account", "nobody\(user.account)"), ("pwd", MD5Hex.of("new-pass")), ("code", code)]) == 8)
            #expect(try await s.code("/action/modify_pwd", [("account", user.account), ("code", code)]) == 10)
            #expect(try await s.code("/action/modify_pwd", [("account", user.account), ("pwd", MD5Hex.of("new-pass"))]) == 10)
            #expect(try await s.code("/action/modify_pwd", [("account", user.account), ("pwd", MD5Hex.of("new-pass")), ("code", code), ("type", "0")]) == 0)
            #expect(try await s.login(user.account)["ErrCode"] == 3)
            #expect(try await s.login(user.account, "new-pass")["ErrCode"] == 0)
            // The code is spent.
            #expect(try await s.code("/action/modify_pwd", [("account", user.account), ("pwd", MD5Hex.of("other")), ("code", code)]) == 14)
            // A WeChat account has no phone to send a code to.
            let wechat = try await s.call("/third_login/weixin_login", [("openid", "o\(user.uid)"), ("access_token", "t")])
            let account = try #require(wechat["user"]?["Account"]?.stringValue)
            #expect(try await s.code("/action/modify_pwd", [("account", account), ("pwd", MD5Hex.of("x")), ("code", "1234")]) == 16)
        }
    }

    @Test("user/modify_pwd: oldpwd and newpwd; 3 wrong old; 33 for a third-party account; 10 missing")
    func changePassword() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.code(as: user, "/user/modify_pwd", [("oldpwd", MD5Hex.of("wrong")), ("newpwd", MD5Hex.of("next1234"))]) == 3)
            #expect(try await s.code(as: user, "/user/modify_pwd", [("newpwd", MD5Hex.of("next1234"))]) == 10)
            #expect(try await s.code(as: user, "/user/modify_pwd", [("oldpwd", MD5Hex.of("abc12345"))]) == 10)
            #expect(try await s.code(as: user, "/user/modify_pwd", [("oldpwd", MD5Hex.of("abc12345")), ("newpwd", MD5Hex.of("next1234"))]) == 0)
            #expect(try await s.login(user.account)["ErrCode"] == 3)
            #expect(try await s.login(user.account, "next1234")["ErrCode"] == 0)
            let wechat = try await s.call("/third_login/weixin_login", [("openid", "o\(user.uid)"), ("access_token", "t")])
            let third = ShangTVClient.User(uid: try #require(wechat["user"]?["Uid"]?.intValue),
                                           token: try #require(wechat["user"]?["Token"]?.stringValue),
                                           account: "", password: "", user: wechat["user"]!)
            #expect(try await s.code(as: third, "/user/modify_pwd", [("oldpwd", MD5Hex.of("x")), ("newpwd", MD5Hex.of("y"))]) == 33)
        }
    }

    // MARK: The token middleware

    @Test("token codes: 32 none, 24 unknown, 8 unknown uid, 7 someone else's uid; uid may be left out")
    func tokenCodes() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code("/user/refresh_info", []) == 32)
            #expect(try await s.code("/user/refresh_info", [("token", "")]) == 32)
            #expect(try await s.code("/user/refresh_info", [("token", String(repeating: "0", count: 32))]) == 24)
            #expect(try await s.code("/user/refresh_info", [("token", a.token), ("uid", "999999999")]) == 8)
            #expect(try await s.code("/user/refresh_info", [("token", a.token), ("uid", String(b.uid))]) == 7)
            #expect(try await s.code("/user/refresh_info", [("token", a.token), ("uid", "abc")]) == 10)
            #expect(try await s.code("/user/refresh_info", [("token", a.token)]) == 0)
            #expect(try await s.code("/user/refresh_info", [("token", a.token), ("uid", String(a.uid))], method: "GET") == 0)
        }
    }

    @Test("one shangtv session per user: a login replaces the previous token; other dialects' sessions stay")
    func oneSessionPerUser() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let first = try await s.register()
            let qplus = try await gateway.post("/live/Login", json: ["account": .string(first.account), "password": "abc12345"])
            let session = try #require(qplus.json?["sessionId"]?.stringValue)
            let second = try await s.loggedIn(first.account)
            #expect(try await s.code(as: first, "/user/refresh_info") == 24)
            #expect(try await s.code(as: second, "/user/refresh_info") == 0)
            let room = try await gateway.post("/live/CreateLiveRoom", json: ["sessionId": .string(session)])
            #expect(room.json?["status"] == 10000)
        }
    }

    @Test("tokens slide: valid seven days from the last use")
    func slidingTokens() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            clock.advance(by: 6 * 86_400)
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
            clock.advance(by: 6 * 86_400)
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
            clock.advance(by: 7 * 86_400 + 1)
            #expect(try await s.code(as: user, "/user/refresh_info") == 24)
        }
    }

    // MARK: Daily record

    @Test("daily_record: once a day, 85 the second time, again the next day")
    func dailyRecord() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_700_000_000))  // 06:13 in China
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.call(as: user, "/action/daily_record") == ["ErrCode": 0])
            #expect(try await s.code(as: user, "/action/daily_record", method: "GET") == 85)
            clock.advance(by: 17 * 3600)  // 23:13 the same day in China
            #expect(try await s.code(as: user, "/action/daily_record") == 85)
            clock.advance(by: 3600)  // past midnight in China
            #expect(try await s.code(as: user, "/action/daily_record") == 0)
            #expect(try await s.code("/action/daily_record", []) == 32)
        }
    }

    // MARK: Bans

    @Test("a banned account: 59 temporary, 60 permanent, at login and on every call; lifted, the token works again")
    func banned() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            try await gateway.core.moderation.setBan(userID: user.uid, .extend(3600))
            #expect(try await s.code(as: user, "/user/refresh_info") == 59)
            #expect(try await s.login(user.account)["ErrCode"] == 59)
            try await gateway.core.moderation.setBan(userID: user.uid, .permanent)
            #expect(try await s.code(as: user, "/user/refresh_info") == 60)
            #expect(try await s.login(user.account)["ErrCode"] == 60)
            try await gateway.core.moderation.setBan(userID: user.uid, .lift)
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
            try await gateway.core.moderation.setBan(userID: user.uid, .extend(60))
            clock.advance(by: 61)
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
        }
    }
}
