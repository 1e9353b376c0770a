import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 004 sections 2, 9 and 10: third-party login, the SMS captcha, phone login.
@Suite("REST third-party and phone login")
struct RESTLoginTests {
    // MARK: snslogin

    @Test("POST /snslogin/ with every field in the query string and an empty body, as the Android client sends it")
    func snsLoginQueryString() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let snsid = "wx\(uniquePhone())"
            let query = FormCoding.encode([("username", "wechat-\(snsid)"), ("nickname", "微信用户"), ("login_type", "1"),
                                           ("snsid", snsid), ("access_token", "ACCESS"),
                                           ("icon", "http://wx.qlogo.cn/a.png"), ("sex", "1")])
            let first = try await rest.send("POST", "/snslogin/?\(query)")
            #expect(first.status == 201)
            #expect(first.json.restKeys == restUserKeys)
            #expect(first["code"] == "201")
            #expect(first["msg"] == "登录成功")
            #expect(first["username"] == .string("wechat-\(snsid)"))
            #expect(first["nickname"] == "微信用户")
            #expect(first["login_type"] == "1")
            #expect(first["sex"] == "1")
            #expect(first["img"] == "http://wx.qlogo.cn/a.png")
            #expect(first["password"] == "")
            #expect(first["roomid"]?.stringValue?.isEmpty == false)
            #expect(restIsHex32(first.token))
            // The same (login_type, snsid) is the same user: 200, a new token, the old one dead.
            let again = try await rest.send("POST", "/snslogin?\(query)")
            #expect(again.status == 200)
            #expect(again["code"] == "200")
            #expect(again.pk == first.pk)
            #expect(again["roomid"] == first["roomid"])
            #expect(again.token != first.token)
            let pk = try #require(first.pk)
            #expect(try await rest.send("PUT", "/users/\(pk)/", json: ["city": "x"], token: first.token!).status == 401)
            #expect(try await rest.send("PUT", "/users/\(pk)/", json: ["city": "x"], token: again.token!).status == 200)
        }
    }

    @Test("POST /snslogin/ with JSON; login_type 1, 2, 3 are three providers; the pair identifies the user")
    func snsLoginProviders() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let snsid = "id\(uniquePhone())"
            var pks: Set<String> = []
            for type in ["1", "2", "3"] {
                let r = try await rest.send("POST", "/snslogin/", json: [
                    "username": .string("sns\(type)\(snsid)"), "nickname": "n", "login_type": .string(type),
                    "snsid": .string(snsid), "access_token": "t", "icon": "",
                    "email": .string("\(type)\(snsid)@qq.com"), "age": "18", "city": "深圳",
                ])
                #expect(r.status == 201)
                #expect(r["login_type"] == .string(type))
                #expect(r["img"] == "")
                #expect(r["age"] == "18")
                #expect(r["city"] == "深圳")
                pks.insert(try #require(r.pk))
            }
            #expect(pks.count == 3)
            // A taken username does not stop a third-party login: the account gets a provider-scoped name.
            let taken = try await rest.register()
            let r = try await rest.send("POST", "/snslogin/", json: [
                "username": .string(taken.username), "nickname": "n", "login_type": 2, "snsid": .string("q\(uniquePhone())"),
                "access_token": "t",
            ])
            #expect(r.status == 201)
            #expect(r["username"] != .string(taken.username))
            // The account has no password: /login/ refuses it.
            #expect(try await rest.login(r["username"]!.stringValue!, "").status == 400)
        }
    }

    @Test("POST /snslogin/: 400 for each missing field, a bad login_type, and a refused access token")
    func snsLoginErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let base: JSONObject = ["username": "u", "nickname": "n", "login_type": "1", "snsid": "s1", "access_token": "t"]
            for field in ["username", "nickname", "login_type", "snsid", "access_token"] {
                var body = base
                body[field] = nil
                let r = try await rest.send("POST", "/snslogin/", json: .object(body))
                #expect(r.status == 400)
                #expect(r.msg.hasPrefix("\(field):"))
            }
            for type in ["0", "4", "wechat", "-1"] {
                var body = base
                body["login_type"] = .string(type)
                let r = try await rest.send("POST", "/snslogin/", json: .object(body))
                #expect(r.status == 400)
                #expect(r.msg.hasPrefix("login_type:"))
            }
            var body = base
            body["snsid"] = .string(String(repeating: "x", count: 129))
            #expect(try await rest.send("POST", "/snslogin/", json: .object(body)).msg.hasPrefix("snsid:"))
            body = base
            body["sex"] = "9"
            #expect(try await rest.send("POST", "/snslogin/", json: .object(body)).msg.hasPrefix("sex:"))
            body = base
            body["email"] = "not-an-email"
            #expect(try await rest.send("POST", "/snslogin/", json: .object(body)).msg.hasPrefix("email:"))
            body = base
            body["phone"] = "123"
            #expect(try await rest.send("POST", "/snslogin/", json: .object(body)).msg.hasPrefix("phone:"))
            body = base
            body["icon"] = ["not": "a string"]
            #expect(try await rest.send("POST", "/snslogin/", json: .object(body)).msg.hasPrefix("icon:"))
            #expect(try await rest.send("POST", "/snslogin/", body: Array("{\"a\":".utf8), contentType: "application/json").status == 400)
            #expect(try await rest.send("GET", "/snslogin/").status == 405)
        }
    }

    // MARK: phonelogin

    @Test("POST /phonelogin/?phone= sends a captcha; GET /phonelogin/ logs in, creating the account (201), then 200")
    func phoneLogin() async throws {
        try await withGateway(["code_resend_interval": "0"]) { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let sent = try await rest.send("POST", "/phonelogin/?phone=\(phone)")
            #expect(sent.status == 200)
            #expect(sent.json.restKeys == ["status", "code", "msg"])
            #expect(sent.msg == "验证码已发送")
            let code = try rest.sms(phone)
            #expect(code.count == 4)
            let first = try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(code)")
            #expect(first.status == 201)
            #expect(first.json.restKeys == restUserKeys)
            #expect(first["code"] == "201")
            #expect(first["msg"] == "登录成功")
            // Phone-created accounts are named by their phone.
            #expect(first["username"] == .string(phone))
            #expect(first["phone"] == .string(phone))
            #expect(first["login_type"] == "0")
            #expect(first["roomid"]?.stringValue?.isEmpty == false)
            #expect(restIsHex32(first.token))
            // The code is spent.
            #expect(try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(code)").status == 400)
            // A JSON body works for the captcha request too; the next login is the same user (200).
            #expect(try await rest.send("POST", "/phonelogin/", json: ["phone": .string(phone)]).status == 200)
            let second = try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(try rest.sms(phone))")
            #expect(second.status == 200)
            #expect(second.pk == first.pk)
            #expect(second["roomid"] == first["roomid"])
            #expect(second.token != first.token)
            #expect(try await rest.send("PUT", "/users/\(first.pk!)/", json: ["city": "x"], token: first.token!).status == 401)
            // No password yet: /login/ refuses it; the first password is set with the token alone.
            #expect(try await rest.login(phone, "").status == 400)
            let set = try await rest.send("PUT", "/password/", json: ["username": .string(phone), "password": "first1"],
                                          token: second.token!)
            #expect(set.status == 200)
            #expect(try await rest.login(phone, "first1").pk == first.pk)
            // From then on the old password is required.
            let login = try #require(try await rest.login(phone, "first1").token)
            #expect(try await rest.send("PUT", "/password/", json: ["username": .string(phone), "password": "x2"],
                                        token: login).msg.hasPrefix("old_password:"))
        }
    }

    @Test("GET /phonelogin/ for a phone registered elsewhere logs that account in (200)")
    func phoneLoginExistingAccount() async throws {
        try await withGateway(["code_resend_interval": "0"]) { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let user = try await rest.register(extra: ["phone": .string(phone)])
            #expect(try await rest.send("POST", "/phonelogin/", form: [("phone", phone)]).status == 200)
            let r = try await rest.send("GET", "/phonelogin?phone=\(phone)&captcha=\(try rest.sms(phone))")
            #expect(r.status == 200)
            #expect(r.pk == user.pk)
            #expect(r["username"] == .string(user.username))
            #expect(r["roomid"] == .string(user.roomid))
            // And a second code, sent with JSON, logs in again.
            #expect(try await rest.send("POST", "/phonelogin/", json: ["phone": .string(phone)]).status == 200)
            #expect(try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(try rest.sms(phone))").status == 200)
        }
    }

    @Test("phone-created username: the phone, or phone_<phone> when that name is taken")
    func phoneLoginNameTaken() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            _ = try await rest.register(phone)
            _ = try await rest.send("POST", "/phonelogin/", json: ["phone": .string(phone)])
            let r = try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(try rest.sms(phone))")
            #expect(r.status == 201)
            #expect(r["username"] == .string("phone_\(phone)"))
        }
    }

    @Test("phonelogin: 400 bad phone, missing or wrong captcha; 429 too soon; 405 other methods")
    func phoneLoginErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            for bad in ["", "123", "2\(phone.dropFirst())", "abcdefghijk"] {
                let r = try await rest.send("POST", "/phonelogin/", json: ["phone": .string(bad)])
                #expect(r.status == 400)
                #expect(r.msg.hasPrefix("phone:"))
            }
            #expect(try await rest.send("POST", "/phonelogin/").msg.hasPrefix("phone:"))
            #expect(try await rest.send("POST", "/phonelogin/?phone=\(phone)").status == 200)
            let soon = try await rest.send("POST", "/phonelogin/?phone=\(phone)")
            #expect(soon.status == 429)
            let code = try rest.sms(phone)
            let wrongCode = code == "0000" ? "1111" : "0000"
            let wrong = try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(wrongCode)")
            #expect(wrong.status == 400)
            #expect(wrong.msg.hasPrefix("captcha:"))
            #expect(try await rest.send("GET", "/phonelogin/?phone=\(phone)").msg.hasPrefix("captcha:"))
            #expect(try await rest.send("GET", "/phonelogin/?captcha=\(code)").msg.hasPrefix("phone:"))
            #expect(try await rest.send("GET", "/phonelogin/?phone=123&captcha=\(code)").msg.hasPrefix("phone:"))
            // The right code still works after one wrong attempt.
            #expect(try await rest.send("GET", "/phonelogin/?phone=\(phone)&captcha=\(code)").status == 201)
            let put = try await rest.send("PUT", "/phonelogin/")
            #expect(put.status == 405)
            #expect(put.result.header("Allow") == "GET, POST, HEAD, OPTIONS")
        }
    }
}
