import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 004 sections 6 and 8: the avatar and the profile.
@Suite("REST users")
struct RESTUserTests {
    @Test("PUT /users/icon/{pk}/ sets the avatar address; the answer has no password key, as the sample")
    func iconURL() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let r = try await rest.send("PUT", "/users/icon/\(user.pk)/",
                                        json: ["icon": "static/mcuser/img/tests1.png", "token": .string(user.token)])
            #expect(r.status == 200)
            #expect(r.json.restKeys == restUserKeys.filter { $0 != "password" })
            #expect(r["img"] == "static/mcuser/img/tests1.png")
            #expect(r["msg"] == "修改成功")
            #expect(r.token == user.token)
            // Login shows it, and so does the owner's room item.
            #expect(try await rest.login(user.username)["img"] == "static/mcuser/img/tests1.png")
            let pk = try await rest.roomPK(of: user)
            let login = try #require(try await rest.login(user.username).token)
            #expect(try await rest.send("PUT", "/rooms/\(pk)/", json: ["active": true], token: login)["image"]
                == "static/mcuser/img/tests1.png")
            // By header and without the trailing slash.
            #expect(try await rest.send("PUT", "/users/icon/\(user.pk)", json: ["icon": "http://cdn/x.jpg"], token: login)["img"]
                == "http://cdn/x.jpg")
        }
    }

    @Test("PUT /users/icon/{pk}/ with a picture file (multipart) stores it and answers its /media/ path")
    func iconFile() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let result = try await gateway.multipart("PUT", "/users/icon/\(user.pk)/", fields: [("token", user.token)],
                                                     files: [(name: "icon", filename: "a.png", contentType: "image/png", bytes: tinyPNG)])
            let r = try RESTClient.check(result, method: "PUT", path: "/users/icon", sourceLocation: #_sourceLocation)
            #expect(r.status == 200)
            let img = try #require(r["img"]?.stringValue)
            #expect(img.hasPrefix("/media/") && img.hasSuffix(".png"))
            let picture = try await gateway.raw("GET", img)
            #expect(picture.status == 200)
            #expect(picture.body == tinyPNG)
            // Not a picture: 400 naming icon.
            let bad = try await gateway.multipart("PUT", "/users/icon/\(user.pk)/", fields: [("token", user.token)],
                                                  files: [(name: "icon", filename: "a.png", contentType: "image/png", bytes: Array("text".utf8))])
            let b = try RESTClient.check(bad, method: "PUT", path: "/users/icon", sourceLocation: #_sourceLocation)
            #expect(b.status == 400)
            #expect(b.msg.hasPrefix("icon:"))
        }
    }

    @Test("PUT /users/icon/{pk}/: 400 missing icon, 401 no token, 403 another user, 404 unknown pk")
    func iconErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register()
            let other = try await rest.register()
            let path = "/users/icon/\(user.pk)/"
            #expect(try await rest.send("PUT", path, json: [:], token: user.token).msg.hasPrefix("icon:"))
            #expect(try await rest.send("PUT", path, json: ["icon": ["x"]], token: user.token).msg.hasPrefix("icon:"))
            #expect(try await rest.send("PUT", path, json: ["icon": .string(String(repeating: "a", count: 1025))],
                                        token: user.token).msg.hasPrefix("icon:"))
            #expect(try await rest.send("PUT", path, json: ["icon": "x"]).status == 401)
            let theirs = try await rest.send("PUT", path, json: ["icon": "x"], token: other.token)
            #expect(theirs.status == 403)
            #expect(theirs.msg == "无权修改其他用户的头像")
            #expect(try await rest.send("PUT", "/users/icon/999999/", json: ["icon": "x"], token: user.token).status == 404)
            #expect(try await rest.send("PUT", "/users/icon/abc/", json: ["icon": "x"], token: user.token).status == 404)
            let post = try await rest.send("POST", path, json: ["icon": "x"], token: user.token)
            #expect(post.status == 405)
            #expect(post.result.header("Allow") == "PUT, OPTIONS")
        }
    }

    @Test("PUT /users/{pk}/ changes the given fields and answers the whole user with the same token")
    func updateUser() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let user = try await rest.register(extra: ["email": "old@example.com", "city": "北京"])
            let phone = uniquePhone()
            let newName = "renamed\(phone)"
            let r = try await rest.send("PUT", "/users/\(user.pk)/", json: [
                "token": .string(user.token), "username": .string(newName), "nickname": "新昵称", "sex": "1", "age": "31",
                "email": .string("n\(phone)@example.com"), "phone": .string(phone), "country": "中国", "province": "广东",
                "city": "深圳", "career": "主播",
            ])
            #expect(r.status == 200)
            #expect(r.json.restKeys == restUserKeys)
            #expect(r["msg"] == "修改成功")
            #expect(r["password"] == "")
            #expect(r.token == user.token)
            #expect(r["username"] == .string(newName))
            #expect(r["nickname"] == "新昵称")
            #expect(r["sex"] == "1")
            #expect(r["age"] == "31")
            #expect(r["email"] == .string("n\(phone)@example.com"))
            #expect(r["phone"] == .string(phone))
            #expect(r["country"] == "中国")
            #expect(r["province"] == "广东")
            #expect(r["city"] == "深圳")
            #expect(r["career"] == "主播")
            #expect(r["roomid"] == .string(user.roomid))
            // The new name logs in (and that login's token replaces the registration's).
            let token = try #require(try await rest.login(newName).token)
            // Absent fields stay; empty username/nickname/sex/age stay; empty email/city clear.
            let s = try await rest.send("PUT", "/users/\(user.pk)", json: ["username": "", "nickname": "", "sex": "",
                                                                           "age": "", "email": "", "city": ""], token: token)
            #expect(s.status == 200)
            #expect(s["username"] == .string(newName))
            #expect(s["nickname"] == "新昵称")
            #expect(s["sex"] == "1")
            #expect(s["age"] == "31")
            #expect(s["email"] == "")
            #expect(s["city"] == "")
            #expect(s["province"] == "广东")
            // Form bodies with the token inside.
            let f = try await rest.send("PUT", "/users/\(user.pk)/", form: [("sex", "0"), ("token", token)])
            #expect(f["sex"] == "0")
        }
    }

    @Test("PUT /users/{pk}/: 400 bad or taken values, 401, 403 another user, 404 unknown pk, 405 GET")
    func updateUserErrors() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let phone = uniquePhone()
            let other = try await rest.register(nickname: "taken-nick", extra: ["phone": .string(phone), "email": "taken@example.com"])
            let user = try await rest.register()
            let path = "/users/\(user.pk)/"
            let cases: [(JSONObject, String)] = [
                (["sex": "5"], "sex"), (["age": "201"], "age"), (["age": "x"], "age"), (["email": "bad"], "email"),
                (["phone": "123"], "phone"), (["username": .string(other.username)], "username"),
                (["nickname": "taken-nick"], "nickname"), (["phone": .string(phone)], "phone"),
                (["email": "taken@example.com"], "email"), (["city": ["x"]], "city"),
                (["country": .string(String(repeating: "a", count: 65))], "country"), (["nickname": ["a": 1]], "nickname"),
            ]
            for (body, field) in cases {
                let r = try await rest.send("PUT", path, json: .object(body), token: user.token)
                #expect(r.status == 400, "\(body)")
                #expect(r.msg.hasPrefix("\(field):"), "\(body): \(r.msg)")
            }
            #expect(try await rest.send("PUT", path, json: ["city": "x"]).status == 401)
            let theirs = try await rest.send("PUT", "/users/\(other.pk)/", json: ["city": "x"], token: user.token)
            #expect(theirs.status == 403)
            #expect(theirs.msg == "无权修改其他用户的信息")
            let unknown = try await rest.send("PUT", "/users/888888/", json: ["city": "x"], token: user.token)
            #expect(unknown.status == 404)
            #expect(unknown.msg == "用户不存在")
            #expect(try await rest.send("PUT", path, body: Array("{,}".utf8), contentType: "application/json", token: user.token).status == 400)
            let get = try await rest.send("GET", path, token: user.token)
            #expect(get.status == 405)
            #expect(get.result.header("Allow") == "PUT, OPTIONS")
            // The other user is untouched.
            #expect(try await rest.login(other.username)["city"] == "")
        }
    }
}
