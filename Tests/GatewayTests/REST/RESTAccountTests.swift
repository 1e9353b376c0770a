import FixtureKit
import Foundation
@testable import LiveCore
import LiveJSON
import Testing

/// 004 sections 1, 3, 4 and 7: register, login, logout, password; and the token's life.
@Suite("REST accounts")
struct RESTAccountTests {
    // MARK: Register

    @Test("POST /users/ answers every documented field, a token and the assigned room")
    func register() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let r = try await rest.send("POST", "/users/", json: [
                "username": .string("never\(phone)"), "password": "secret1", "nickname": "never", "sex": "0", "age": "26",
                "email": .string("never\(phone)@gmail.com"), "phone": .string(phone), "country": "中国", "province": "江苏",
                "city": "南京", "career": "engineer",
            ])
            #expect(r.status == 200)
            #expect(r.json.restKeys == restUserKeys)
            #expect(r["username"] == .string("never\(phone)"))
            #expect(r["password"] == "")
            #expect(restIsHex32(r.token))
            #expect(r["login_type"] == "0")
            #expect(r["nickname"] == "never")
            #expect(r["sex"] == "0")
            #expect(r["age"] == "26")
            #expect(r["email"] == .string("never\(phone)@gmail.com"))
            #expect(r["phone"] == .string(phone))
            #expect(r["img"] == "")
            #expect(r["country"] == "中国")
            #expect(r["province"] == "江苏")
            #expect(r["city"] == "南京")
            #expect(r["career"] == "engineer")
            #expect(r["msg"] == "创建成功")
            #expect(restIsDate(r["date_joined"]?.stringValue))
            // The room registration assigned is the user's room in the core.
            let user = try #require(try await gateway.core.accounts.user(login: "never\(phone)"))
            #expect(r.pk == String(user.id))
            let room = try #require(try await gateway.core.rooms.room(ownerID: user.id))
            #expect(r["roomid"] == .string(String(room.number)))
            // The token works at once.
            #expect(try await gateway.core.sessions.authenticate(r.token).user.id == user.id)
        }
    }

    @Test("date_joined is UTC ISO 8601 with six fraction digits and a Z, like the sample")
    func dateJoinedFormat() async throws {
        try await withGateway(clock: ManualClock(Date(timeIntervalSince1970: 1_477_621_635.211240))) { gateway in
            let user = try await RESTClient(gateway).register()
            #expect(user.body["date_joined"] == "2016-10-28T02:27:15.211240Z")
        }
        // A whole second keeps its zeros (Python's isoformat would drop them).
        try await withGateway(clock: ManualClock(Date(timeIntervalSince1970: 1_700_000_000))) { gateway in
            let user = try await RESTClient(gateway).register()
            #expect(user.body["date_joined"] == "2023-11-14T22:13:20.000000Z")
        }
    }

    @Test("POST /users/ with only the required fields: sex 2 (unknown), age 0, empty strings")
    func registerMinimal() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            #expect(user.body["sex"] == "2")
            #expect(user.body["age"] == "0")
            #expect(user.body["email"] == "")
            #expect(user.body["phone"] == "")
            #expect(user.roomid.isEmpty == false)
            // Form bodies work as well as JSON.
            let r = try await rest.send("POST", "/users/", form: [("username", "form\(uniquePhone())"), ("password", "pw"),
                                                                  ("nickname", "formy"), ("sex", "1")])
            #expect(r.status == 200)
            #expect(r["sex"] == "1")
        }
    }

    @Test("POST /users/: 400 for each missing or malformed field, duplicates, malformed JSON and wrong types")
    func registerErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let taken = try await rest.register(extra: ["phone": .string(uniquePhone())])
            let base: JSONObject = ["username": .string("x\(uniquePhone())"), "password": "secret1", "nickname": "x"]
            func attempt(_ change: (inout JSONObject) -> Void, field: String,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
                var body = base
                change(&body)
                let r = try await rest.send("POST", "/users/", json: .object(body), sourceLocation: sourceLocation)
                #expect(r.status == 400, "\(body.count): \(r.result.text)", sourceLocation: sourceLocation)
                #expect(r.msg.hasPrefix("\(field):"), "\(r.msg)", sourceLocation: sourceLocation)
            }
            try await attempt({ $0["username"] = nil }, field: "username")
            try await attempt({ $0["username"] = "" }, field: "username")
            try await attempt({ $0["username"] = .string(String(repeating: "a", count: 65)) }, field: "username")
            try await attempt({ $0["password"] = nil }, field: "password")
            try await attempt({ $0["nickname"] = nil }, field: "nickname")
            try await attempt({ $0["sex"] = "3" }, field: "sex")
            try await attempt({ $0["sex"] = true }, field: "sex")
            try await attempt({ $0["age"] = "old" }, field: "age")
            try await attempt({ $0["age"] = "-1" }, field: "age")
            try await attempt({ $0["email"] = "not-an-email" }, field: "email")
            try await attempt({ $0["phone"] = "12345" }, field: "phone")
            try await attempt({ $0["username"] = ["a"] }, field: "username")
            try await attempt({ $0["password"] = ["a": 1] }, field: "password")
            try await attempt({ $0["username"] = .string(taken.username) }, field: "username")
            try await attempt({ $0["username"] = .string(taken.username.uppercased()) }, field: "username")
            try await attempt({ $0["phone"] = taken.body["phone"]! }, field: "phone")
            // A JSON number reads as its text: it is not a type error for a string field.
            var numeric = base
            numeric["username"] = .int(Int64(uniquePhone())!)
            numeric["age"] = 30
            numeric["sex"] = 1
            let r = try await rest.send("POST", "/users/", json: .object(numeric))
            #expect(r.status == 200)
            #expect(r["age"] == "30")
            #expect(r["sex"] == "1")
            // Malformed bodies.
            for bad in ["{\"username\": ", "[1, 2]", "{\"username\" \"x\"}"] {
                let m = try await rest.send("POST", "/users/", body: Array(bad.utf8), contentType: "application/json")
                #expect(m.status == 400)
                #expect(m.msg.hasPrefix("body:"))
            }
        }
    }

    // MARK: Login

    @Test("POST /login/ answers the user with a new token and login_type 0")
    func login() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register(extra: ["sex": "1", "phone": .string(uniquePhone())])
            let r = try await rest.login(user.username)
            #expect(r.status == 200)
            #expect(r.json.restKeys == restUserKeys)
            #expect(r["msg"] == "登录成功")
            #expect(r["login_type"] == "0")
            #expect(r["password"] == "")
            #expect(r.pk == user.pk)
            #expect(r["roomid"] == .string(user.roomid))
            #expect(r["sex"] == "1")
            #expect(r["date_joined"] == user.body["date_joined"])
            #expect(restIsHex32(r.token))
            #expect(r.token != user.token)
            // Form and query parameters work too.
            #expect(try await rest.send("POST", "/login/", form: [("username", user.username), ("password", "secret1")]).status == 200)
            #expect(try await rest.send("POST", "/login/?username=\(user.username)&password=secret1").status == 200)
            // The phone logs in as well as the username.
            #expect(try await rest.login(user.body["phone"]!.stringValue!).pk == user.pk)
        }
    }

    @Test("POST /login/: 400 for a wrong password, an unknown user, missing fields; 403 banned")
    func loginErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let wrong = try await rest.login(user.username, "nope")
            #expect(wrong.status == 400)
            #expect(wrong.msg == "用户名或密码错误")
            let unknown = try await rest.login("nobody\(uniquePhone())")
            #expect(unknown.status == 400)
            #expect(unknown.msg == "用户名或密码错误")
            #expect(try await rest.send("POST", "/login/", json: ["username": .string(user.username)]).msg.hasPrefix("password:"))
            #expect(try await rest.send("POST", "/login/", json: ["password": "x"]).msg.hasPrefix("username:"))
            #expect(try await rest.send("POST", "/login/", json: ["username": ["x"], "password": "x"]).status == 400)
            #expect(try await rest.send("POST", "/login/", body: Array("{oops".utf8), contentType: "application/json").status == 400)
            var stored = try await gateway.core.accounts.user(id: user.id)
            stored.flags.ban = .permanent
            let banned = stored
            try await gateway.core.environment.store.write { try $0.updateUser(banned) }
            let refused = try await rest.login(user.username)
            #expect(refused.status == 403)
            #expect(refused.msg == "账号已被封禁")
        }
    }

    // MARK: Tokens

    @Test("A new login invalidates the previous token; the token works from header, body and query")
    func tokenPlacesAndRenewal() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let path = "/users/\(user.pk)/"
            #expect(try await rest.send("PUT", path, json: ["city": "a"], token: user.token).status == 200)
            #expect(try await rest.send("PUT", path, json: ["city": "b", "token": .string(user.token)]).status == 200)
            #expect(try await rest.send("PUT", path + "?token=\(user.token)", json: ["city": "c"]).status == 200)
            #expect(try await rest.send("PUT", path, form: [("city", "d"), ("token", user.token)]).status == 200)
            #expect(try await rest.send("PUT", path, json: ["city": "e"],
                                        headers: [("Authorization", "token \(user.token)")]).status == 200)
            let second = try #require(try await rest.login(user.username).token)
            let old = try await rest.send("PUT", path, json: ["city": "f"], token: user.token)
            #expect(old.status == 401)
            #expect(old.result.header("WWW-Authenticate") == "Token")
            #expect(try await rest.send("PUT", path, json: ["city": "g"], token: second).status == 200)
            // A malformed Authorization header is 401, another scheme is ignored.
            #expect(try await rest.send("PUT", path, json: ["city": "h"], headers: [("Authorization", "Token")]).status == 401)
            #expect(try await rest.send("PUT", path, json: ["city": "h"], headers: [("Authorization", "Token a b")]).status == 401)
            #expect(try await rest.send("PUT", path, json: ["city": "i", "token": .string(second)],
                                        headers: [("Authorization", "Basic Zm9vOmJhcg==")]).status == 200)
        }
    }

    @Test("401 without a token, with an unknown one, and 24 hours after issue")
    func tokenExpiry() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let path = "/users/\(user.pk)/"
            let missing = try await rest.send("PUT", path, json: ["city": "x"])
            #expect(missing.status == 401)
            #expect(missing.msg == "未提供身份认证信息(token)")
            let unknown = try await rest.send("PUT", path, json: ["city": "x"], token: String(repeating: "0", count: 32))
            #expect(unknown.status == 401)
            #expect(unknown.msg == "token无效或已过期,请重新登录")
            // Use does not extend it: the lifetime counts from issue.
            clock.advance(by: 86_000)
            #expect(try await rest.send("PUT", path, json: ["city": "y"], token: user.token).status == 200)
            clock.advance(by: 401)
            let expired = try await rest.send("PUT", path, json: ["city": "z"], token: user.token)
            #expect(expired.status == 401)
            #expect(try await rest.send("POST", "/logout/", token: user.token).status == 401)
        }
    }

    @Test("The token lifetime is a setting")
    func tokenLifetimeSetting() async throws {
        let clock = ManualClock()
        try await withGateway(["rest_token_ttl": "60"], clock: clock) { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            clock.advance(by: 61)
            #expect(try await rest.send("PUT", "/users/\(user.pk)/", json: ["city": "x"], token: user.token).status == 401)
        }
    }

    // MARK: Logout

    @Test("POST /logout/ revokes the token; 401 without one")
    func logout() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let r = try await rest.send("POST", "/logout/", json: ["token": .string(user.token)])
            #expect(r.status == 200)
            #expect(r.json.restKeys == ["status", "code", "msg"])
            #expect(r.msg == "注销成功")
            #expect(try await rest.send("POST", "/logout/", json: ["token": .string(user.token)]).status == 401)
            #expect(try await rest.send("POST", "/logout/").status == 401)
            #expect(try await rest.send("PUT", "/users/\(user.pk)/", json: ["city": "x"], token: user.token).status == 401)
            // By header, and with a form body.
            let again = try #require(try await rest.login(user.username).token)
            #expect(try await rest.send("POST", "/logout", token: again).status == 200)
            let third = try #require(try await rest.login(user.username).token)
            #expect(try await rest.send("POST", "/logout/", form: [("token", third)]).status == 200)
        }
    }

    // MARK: Password

    @Test("PUT /password/ and /users/password/ change the password and answer a new token")
    func changePassword() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let other = try await rest.send("PUT", "/password/", json: [
                "username": .string(user.username), "old_password": "secret1", "password": "secret2",
                "token": .string(user.token),
            ])
            #expect(other.status == 200)
            #expect(other.json.restKeys == restUserKeys)
            #expect(other.msg == "修改成功")
            #expect(other["password"] == "")
            let newToken = try #require(other.token)
            #expect(restIsHex32(newToken) && newToken != user.token)
            // The old token is dead, the new one works; the old password is refused.
            #expect(try await rest.send("PUT", "/users/\(user.pk)/", json: ["city": "x"], token: user.token).status == 401)
            #expect(try await rest.send("PUT", "/users/\(user.pk)/", json: ["city": "x"], token: newToken).status == 200)
            #expect(try await rest.login(user.username, "secret1").status == 400)
            #expect(try await rest.login(user.username, "secret2").status == 200)
            // The same at /users/password (no trailing slash), with the header token of that login.
            let login = try #require(try await rest.login(user.username, "secret2").token)
            let r = try await rest.send("PUT", "/users/password", json: [
                "username": .string(user.username), "old_password": "secret2", "password": "secret3",
            ], token: login)
            #expect(r.status == 200)
            #expect(try await rest.login(user.username, "secret3").status == 200)
        }
    }

    @Test("PUT /password/ ends the account's sessions in every dialect")
    func changePasswordEndsOtherSessions() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let qplus = try await gateway.post("/live/Login", json: ["account": .string(user.username), "password": "secret1"])
            let session = try #require(qplus.json?["sessionId"]?.stringValue)
            _ = try await rest.send("PUT", "/password/", json: [
                "username": .string(user.username), "old_password": "secret1", "password": "secret2",
            ], token: user.token)
            let after = try await gateway.post("/live/GetMyLiveRoomId", json: ["sessionId": .string(session)])
            #expect(after.json?["status"] == 10003)
        }
    }

    @Test("PUT /password/: 400 wrong old password or missing fields, 401 without token, 403 another username")
    func changePasswordErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let other = try await rest.register()
            let body: JSONObject = ["username": .string(user.username), "old_password": "secret1", "password": "secret2"]
            #expect(try await rest.send("PUT", "/password/", json: .object(body)).status == 401)
            var wrong = body
            wrong["old_password"] = "nope"
            let w = try await rest.send("PUT", "/password/", json: .object(wrong), token: user.token)
            #expect(w.status == 400)
            #expect(w.msg == "old_password: 旧密码错误")
            for field in ["username", "old_password", "password"] {
                var missing = body
                missing[field] = nil
                let m = try await rest.send("PUT", "/password/", json: .object(missing), token: user.token)
                #expect(m.status == 400)
                #expect(m.msg.hasPrefix("\(field):"))
            }
            var theirs = body
            theirs["username"] = .string(other.username)
            let t = try await rest.send("PUT", "/password/", json: .object(theirs), token: user.token)
            #expect(t.status == 403)
            #expect(t.msg.hasPrefix("username:"))
            // Nothing changed, and the token still works.
            #expect(try await rest.login(other.username, "secret1").status == 200)
            #expect(try await rest.send("PUT", "/password/", json: .object(body), token: user.token).status == 200)
            // POST is not a method of this route.
            let post = try await rest.send("POST", "/password/", json: .object(body))
            #expect(post.status == 405)
            #expect(post.result.header("Allow") == "PUT, OPTIONS")
        }
    }
}
