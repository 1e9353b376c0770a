import FixtureKit
import Foundation
@testable import LiveCore
import LiveJSON
import Testing

/// 001 "账号相关": Login, Register (both shapes), AuthCode, ModifyUserPwd, ModifyUserInfo.
@Suite("QPlus accounts")
struct QPlusAccountTests {
    // MARK: Login

    @Test("Login answers account, nickName, liveRoomId, sessionId, headPicId and sex")
    func login() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (account, phone, email) = try await q.register()
            let r = try await q.login(account)
            #expect(r["status"] == 10000)
            #expect(r["desc"] == "成功")
            #expect(r["account"] == .string(account))
            #expect(r["nickName"]?.stringValue?.isEmpty == false)
            #expect(r["liveRoomId"] == 0)
            #expect(r["headPicId"] == 0)
            #expect(r["sex"] == 0)
            let session = try #require(r["sessionId"]?.stringValue)
            #expect(session.count == 32 && session.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            // The original looked up by phone too; the core adds email.
            #expect(try await q.login(phone)["status"] == 10000)
            #expect(try await q.login(email)["status"] == 10000)
            // Each login is a new session.
            #expect(try await q.login(account)["sessionId"] != r["sessionId"])
            // Once the user has a room, Login reports its id.
            let room = try await q.createRoom(session)
            #expect(try await q.login(account)["liveRoomId"] == .int(room))
        }
    }

    @Test("Login: 10100 unknown account, 10101 wrong password, 10002 malformed")
    func loginErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (account, phone, _) = try await q.register()
            let unknown = try await q.login("nobody-\(phone)")
            #expect(unknown["status"] == 10100)
            #expect(unknown["desc"] == "账号不存在")
            #expect(unknown["sessionId"] == nil)
            let wrong = try await q.login(account, "wrong-password")
            #expect(wrong["status"] == 10101)
            #expect(wrong["desc"] == "登录密码错误")
            #expect(try await q.call("/live/Login", ["account": .string(account)])["status"] == 10101)
            #expect(try await q.call("/live/Login", ["password": "secret1"])["status"] == 10002)
            #expect(try await q.call("/live/Login", ["account": "", "password": "secret1"])["status"] == 10002)
            #expect(try await q.call("/live/Login", ["account": ["x"], "password": "secret1"])["status"] == 10002)
            #expect(try await q.call("/live/Login", ["account": .string(account), "password": ["a": 1]])["status"] == 10002)
            // A phone sent as a JSON number still reads as the phone.
            #expect(try await q.call("/live/Login", ["account": .int(Int64(phone)!), "password": "secret1"])["status"] == 10000)
        }
    }

    @Test("Login by a banned user is refused with 10001")
    func loginBanned() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            var stored = try #require(try await gateway.core.accounts.user(login: user.account))
            stored.flags.ban = .permanent
            let banned = stored
            try await gateway.core.environment.store.write { try $0.updateUser(banned) }
            let r = try await q.login(user.account)
            #expect(r["status"] == 10001)
            #expect(r["desc"] == "账号已被封禁")
            // The live session is refused too.
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])["status"] == 10001)
        }
    }

    // MARK: Register, document shape

    @Test("Register with the document's {account, phone, email, password}")
    func registerDocumentShape() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            let r = try await q.call("/live/Register", ["account": "zhangsan", "phone": .string(phone),
                                                        "email": "zs@example.com", "password": "123456"])
            #expect(r["status"] == 10000)
            #expect(r.objectValue?.keys == ["access", "status", "desc"])
            #expect(try await q.login("zhangsan", "123456")["status"] == 10000)
            // Phone and email are optional in this shape.
            #expect(try await q.call("/live/Register", ["account": "lisi", "password": "123456"])["status"] == 10000)
            #expect(try await q.call("/live/Register", ["account": "wangwu", "phone": "", "email": "",
                                                        "password": "123456"])["status"] == 10000)
            #expect(try await q.login("wangwu", "123456")["status"] == 10000)
        }
    }

    @Test("Register: 10102 account, 10103 phone, 10105 email taken")
    func registerConflicts() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let (account, phone, email) = try await q.register()
            let sameAccount = try await q.call("/live/Register", ["account": .string(account), "phone": .string(uniquePhone()),
                                                                  "password": "secret1"])
            #expect(sameAccount["status"] == 10102)
            #expect(sameAccount["desc"] == "账号已注册")
            // Accounts are unique without regard to case.
            #expect(try await q.call("/live/Register", ["account": .string(account.uppercased()),
                                                        "password": "secret1"])["status"] == 10102)
            let samePhone = try await q.call("/live/Register", ["account": "other1", "phone": .string(phone), "password": "secret1"])
            #expect(samePhone["status"] == 10103)
            #expect(samePhone["desc"] == "手机已注册")
            let sameEmail = try await q.call("/live/Register", ["account": "other2", "email": .string(email), "password": "secret1"])
            #expect(sameEmail["status"] == 10105)
            #expect(sameEmail["desc"] == "邮箱已注册")
            // None of the refused registrations exists.
            #expect(try await q.login("other1", "secret1")["status"] == 10100)
            #expect(try await q.login("other2", "secret1")["status"] == 10100)
        }
    }

    @Test("Register: bad input is 10002")
    func registerMalformed() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let bodies: [JSONValue] = [
                ["account": "a1", "password": "12345"],                      // shorter than 6
                ["account": "a1", "password": .string(String(repeating: "x", count: 129))],
                ["account": "a1"],                                           // no password
                ["password": "123456"],                                      // no account, no authCode
                ["account": "a1", "phone": "12345", "password": "123456"],   // not a mobile number
                ["account": "a1", "email": "not-an-email", "password": "123456"],
                ["account": ["a1"], "password": "123456"],
                ["account": "a1", "password": ["k": "123456"]],
                ["account": "a1", "phone": ["x": 1], "password": "123456"],
                ["account": "bad\u{01}name", "password": "123456"],
                ["account": .string(String(repeating: "a", count: 65)), "password": "123456"],
            ]
            for body in bodies {
                let r = try await q.call("/live/Register", body)
                #expect(r["status"] == 10002, "\(body.serialized())")
                #expect(r["desc"] == "参数错误")
            }
            #expect(try await q.login("a1", "123456")["status"] == 10100)
            // A number where text is wanted reads as its text (DialectKit's rule for every dialect).
            #expect(try await q.call("/live/Register", ["account": "a2", "password": 1234567])["status"] == 10000)
            #expect(try await q.login("a2", "1234567")["status"] == 10000)
        }
    }

    // MARK: AuthCode and Register, newer shape

    @Test("AuthCode writes the SMS outbox; Register {phone, password, authCode} spends the code")
    func authCodeRegister() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            let issued = try await q.call("/live/AuthCode", ["phone": .string(phone)])
            #expect(issued["status"] == 10000)
            #expect(issued["authCode"] == nil && issued["code"] == nil) // the code goes by SMS only
            let outbox = try String(contentsOf: gateway.data.appendingPathComponent("sms/outbox.jsonl"), encoding: .utf8)
            let line = try #require(outbox.split(separator: "\n").last.map { try JSONValue.parse(String($0)) })
            #expect(line["phone"] == .string(phone))
            let code = try #require(line["code"]?.stringValue)
            #expect(code.count == 4 && code.allSatisfy(\.isASCIIDigit))
            #expect(line["text"]?.stringValue?.contains(code) == true)
            #expect(line["sent_at"]?.stringValue != nil)
            #expect(try gateway.lastSMSCode(for: phone) == code)

            let wrongCode = code == "0000" ? "1111" : "0000"
            let wrong = try await q.call("/live/Register", ["phone": .string(phone), "password": "123456", "authCode": .string(wrongCode)])
            #expect(wrong["status"] == 10107)
            #expect(wrong["desc"] == "验证码错误")
            let ok = try await q.call("/live/Register", ["phone": .string(phone), "password": "123456", "authCode": .string(code)])
            #expect(ok["status"] == 10000)
            // The account is the phone: the client logs in with account = phone.
            let login = try await q.login(phone, "123456")
            #expect(login["status"] == 10000)
            #expect(login["account"] == .string(phone))
            // The phone is now registered: AuthCode says so.
            let again = try await q.call("/live/AuthCode", ["phone": .string(phone)])
            #expect(again["status"] == 10103)
            #expect(again["desc"] == "手机已注册")
        }
    }

    @Test("AuthCode: resend too soon is 10108, the interval passes; bad phone is 10002")
    func authCodeInterval() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            #expect(try await q.call("/live/AuthCode", ["phone": .string(phone)])["status"] == 10000)
            let soon = try await q.call("/live/AuthCode", ["phone": .string(phone)])
            #expect(soon["status"] == 10108)
            #expect(soon["desc"] == "验证码请求过于频繁")
            clock.advance(by: 61)
            #expect(try await q.call("/live/AuthCode", ["phone": .string(phone)])["status"] == 10000)
            let lines = try String(contentsOf: gateway.data.appendingPathComponent("sms/outbox.jsonl"), encoding: .utf8)
                .split(separator: "\n").filter { $0.contains(phone) }
            #expect(lines.count == 2)
            for body: JSONValue in [[:], ["phone": ""], ["phone": "12345"], ["phone": "23900000000"], ["phone": ["x"]]] {
                #expect(try await q.call("/live/AuthCode", body)["status"] == 10002, "\(body.serialized())")
            }
        }
    }

    @Test("Register with an expired authCode is 10107; only the newest code counts")
    func authCodeExpiry() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            #expect(try await q.call("/live/AuthCode", ["phone": .string(phone)])["status"] == 10000)
            let old = try #require(try gateway.lastSMSCode(for: phone))
            clock.advance(by: 301)
            let expired = try await q.call("/live/Register", ["phone": .string(phone), "password": "123456", "authCode": .string(old)])
            #expect(expired["status"] == 10107)
            #expect(try await q.call("/live/AuthCode", ["phone": .string(phone)])["status"] == 10000)
            let fresh = try #require(try gateway.lastSMSCode(for: phone))
            if fresh != old {
                #expect(try await q.call("/live/Register", ["phone": .string(phone), "password": "123456",
                                                            "authCode": .string(old)])["status"] == 10107)
            }
            #expect(try await q.call("/live/Register", ["phone": .string(phone), "password": "123456",
                                                        "authCode": .string(fresh)])["status"] == 10000)
        }
    }

    @Test("Register: five wrong authCodes kill the code; a bad phone or password is 10002 and spends nothing")
    func authCodeAttempts() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let phone = uniquePhone()
            #expect(try await q.call("/live/AuthCode", ["phone": .string(phone)])["status"] == 10000)
            let code = try #require(try gateway.lastSMSCode(for: phone))
            // Refused before the code is looked at: the code stays good.
            #expect(try await q.call("/live/Register", ["phone": .string(phone), "password": "123",
                                                        "authCode": .string(code)])["status"] == 10002)
            #expect(try await q.call("/live/Register", ["phone": "1234", "password": "123456",
                                                        "authCode": .string(code)])["status"] == 10002)
            #expect(try await q.call("/live/Register", ["password": "123456", "authCode": .string(code)])["status"] == 10002)
            let wrongCode = code == "0000" ? "1111" : "0000"
            for _ in 1...5 {
                #expect(try await q.call("/live/Register", ["phone": .string(phone), "password": "123456",
                                                            "authCode": .string(wrongCode)])["status"] == 10107)
            }
            // Dead now, even with the right digits.
            #expect(try await q.call("/live/Register", ["phone": .string(phone), "password": "123456",
                                                        "authCode": .string(code)])["status"] == 10107)
            #expect(try await q.login(phone, "123456")["status"] == 10100)
        }
    }

    // MARK: ModifyUserPwd

    @Test("ModifyUserPwd with a session of that user")
    func modifyPasswordWithSession() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let r = try await q.call("/live/ModifyUserPwd", ["sessionId": .string(user.sessionId), "phone": .string(user.phone),
                                                             "password": "newpass1"])
            #expect(r["status"] == 10000)
            #expect(try await q.login(user.account, "secret1")["status"] == 10101)
            #expect(try await q.login(user.account, "newpass1")["status"] == 10000)
            // The session stays valid.
            #expect(try await q.call("/live/GetMyLiveRoomId", ["sessionId": .string(user.sessionId)])["status"] == 10202)
        }
    }

    @Test("ModifyUserPwd with an authCode sent to that phone")
    func modifyPasswordWithCode() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            // QPlus's AuthCode only serves registration (10103 for a registered phone), as the original's
            // did; the code table is shared, so a code sent to the phone by any dialect proves it.
            #expect(try await q.call("/live/AuthCode", ["phone": .string(user.phone)])["status"] == 10103)
            let code = try await gateway.core.verification.issue(to: user.phone, from: .local)
            #expect(try gateway.lastSMSCode(for: user.phone) == code)
            let wrongCode = code == "0000" ? "1111" : "0000"
            let wrong = try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "newpass1",
                                                                 "authCode": .string(wrongCode)])
            #expect(wrong["status"] == 10107)
            #expect(try await q.login(user.account, "newpass1")["status"] == 10101)
            let ok = try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "newpass1",
                                                              "authCode": .string(code)])
            #expect(ok["status"] == 10000)
            #expect(try await q.login(user.account, "newpass1")["status"] == 10000)
            // The code is spent.
            #expect(try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "newpass2",
                                                             "authCode": .string(code)])["status"] == 10107)
        }
    }

    @Test("ModifyUserPwd: 10104 unknown phone, 10003 without proof or with another user's session, 10002 malformed")
    func modifyPasswordErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let other = try await q.user()
            let unknown = try await q.call("/live/ModifyUserPwd", ["phone": .string(uniquePhone()), "password": "newpass1",
                                                                   "sessionId": .string(user.sessionId)])
            #expect(unknown["status"] == 10104)
            #expect(unknown["desc"] == "手机不存在")
            #expect(try await q.call("/live/ModifyUserPwd", ["phone": .string(uniquePhone()), "password": "newpass1"])["status"] == 10104)
            // The document's bare {phone, password}: refused, nothing changes.
            let bare = try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "hijack1"])
            #expect(bare["status"] == 10003)
            #expect(try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "hijack1",
                                                             "sessionId": "", "authCode": ""])["status"] == 10003)
            // Someone else's session does not prove this phone.
            #expect(try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "hijack1",
                                                             "sessionId": .string(other.sessionId)])["status"] == 10003)
            #expect(try await q.call("/live/ModifyUserPwd", ["phone": .string(user.phone), "password": "hijack1",
                                                             "sessionId": .string(String(repeating: "0", count: 32))])["status"] == 10003)
            #expect(try await q.login(user.account, "hijack1")["status"] == 10101)
            #expect(try await q.login(user.account, "secret1")["status"] == 10000)
            let malformed: [JSONValue] = [
                ["password": "newpass1", "sessionId": .string(user.sessionId)],
                ["phone": .string(user.phone), "sessionId": .string(user.sessionId)],
                ["phone": .string(user.phone), "password": "12345", "sessionId": .string(user.sessionId)],
                ["phone": "abc", "password": "newpass1", "sessionId": .string(user.sessionId)],
                ["phone": .string(user.phone), "password": ["x"], "sessionId": .string(user.sessionId)],
                ["phone": .string(user.phone), "password": "newpass1", "sessionId": ["x": 1]],
            ]
            for body in malformed {
                #expect(try await q.call("/live/ModifyUserPwd", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.login(user.account, "secret1")["status"] == 10000)
        }
    }

    // MARK: ModifyUserInfo

    @Test("ModifyUserInfo changes nickname, sex and address; empty and 0 leave them")
    func modifyInfo() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let r = try await q.call("/live/ModifyUserInfo", ["sessionId": .string(user.sessionId), "nickName": "小明",
                                                              "sex": 2, "address": "上海"])
            #expect(r["status"] == 10000)
            var login = try await q.login(user.account)
            #expect(login["nickName"] == "小明")
            #expect(login["sex"] == 2)
            #expect(try await gateway.core.accounts.user(login: user.account)?.location == "上海")
            // "" and 0 mean "leave as it is".
            #expect(try await q.call("/live/ModifyUserInfo", ["sessionId": .string(user.sessionId), "nickName": "",
                                                              "sex": 0, "address": ""])["status"] == 10000)
            login = try await q.login(user.account)
            #expect(login["nickName"] == "小明")
            #expect(login["sex"] == 2)
            #expect(try await gateway.core.accounts.user(login: user.account)?.location == "上海")
            // Form-style text numbers work too.
            #expect(try await q.call("/live/ModifyUserInfo", ["sessionId": .string(user.sessionId), "sex": "1"])["status"] == 10000)
            #expect(try await q.login(user.account)["sex"] == 1)
            // Keeping one's own nickname is no clash.
            #expect(try await q.call("/live/ModifyUserInfo", ["sessionId": .string(user.sessionId), "nickName": "小明"])["status"] == 10000)
            // The anchor name in room answers follows the nickname.
            _ = try await q.createRoom(user.sessionId)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])["anchorName"] == "小明")
        }
    }

    @Test("ModifyUserInfo: 10102 nickname taken, 10002 sex 3 or bad types, 10003 without a session")
    func modifyInfoErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let other = try await q.user()
            let taken = try #require(other.login["nickName"]?.stringValue)
            let clash = try await q.call("/live/ModifyUserInfo", ["sessionId": .string(user.sessionId), "nickName": .string(taken)])
            #expect(clash["status"] == 10102)
            #expect(clash["desc"] == "账号已注册")
            for body: JSONValue in [
                ["sessionId": .string(user.sessionId), "sex": 3],
                ["sessionId": .string(user.sessionId), "sex": -1],
                ["sessionId": .string(user.sessionId), "sex": "male"],
                ["sessionId": .string(user.sessionId), "sex": true],
                ["sessionId": .string(user.sessionId), "nickName": ["x"]],
                ["sessionId": .string(user.sessionId), "nickName": .string(String(repeating: "n", count: 65))],
                ["sessionId": .string(user.sessionId), "address": ["x": 1]],
            ] {
                #expect(try await q.call("/live/ModifyUserInfo", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.login(user.account)["sex"] == 0)
            #expect(try await q.login(user.account)["nickName"] == user.login["nickName"])
            for body: JSONValue in [["nickName": "x"], ["sessionId": "", "nickName": "x"],
                                    ["sessionId": .string(String(repeating: "a", count: 32)), "nickName": "x"]] {
                let r = try await q.call("/live/ModifyUserInfo", body)
                #expect(r["status"] == 10003, "\(body.serialized())")
                #expect(r["desc"] == "登录过期,重新登录")
            }
        }
    }
}
