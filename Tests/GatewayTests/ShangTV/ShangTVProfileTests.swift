import FixtureKit
import Foundation
@testable import LiveCore
import LiveJSON
import Testing

/// Profiles: modify_char, modify_info_*, set_push, refresh_info, look_info, look_info_all,
/// auth_real, upload_image.
@Suite("shangtv profiles")
struct ShangTVProfileTests {
    @Test("modify_info_nick, _sex, _location, _sign and set_push show in refresh_info")
    func modifyInfo() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.call(as: user, "/user/modify_info_nick", [("nick_name", "元立轩\(user.uid)")]) == ["ErrCode": 0])
            #expect(try await s.code(as: user, "/user/modify_info_sex", [("sex", "2")]) == 0)
            #expect(try await s.code(as: user, "/user/modify_info_location", [("location", "shanghai")]) == 0)
            #expect(try await s.code(as: user, "/user/modify_info_sign", [("sign", "love")]) == 0)
            #expect(try await s.code(as: user, "/user/set_push", [("push", "1")]) == 0)
            let r = try await s.call(as: user, "/user/refresh_info", method: "GET")
            #expect(r.objectValue?.keys == ["ErrCode", "user"])
            let info = try #require(r["user"]?.objectValue)
            #expect(info.keys == ShangTVAccountTests.loginKeys)
            #expect(info["NickName"] == .string("元立轩\(user.uid)"))
            #expect(info["Sex"] == 2)
            #expect(info["Location"] == "shanghai")
            #expect(info["Signature"] == "love")
            #expect(info["Push"] == true)
            #expect(info["Token"] == .string(user.token))
            #expect(info["Uid"] == .int(user.uid))
            // Empty location and signature clear them; push false.
            #expect(try await s.code(as: user, "/user/modify_info_location", [("location", "")]) == 0)
            #expect(try await s.code(as: user, "/user/modify_info_sign", [("sign", "")]) == 0)
            #expect(try await s.code(as: user, "/user/set_push", [("push", "false")]) == 0)
            let after = try await s.call(as: user, "/user/refresh_info")["user"]
            #expect(after?["Location"] == "" && after?["Signature"] == "" && after?["Push"] == false)
            // Sex 0 is "unknown", 1 male.
            #expect(try await s.code(as: user, "/user/modify_info_sex", [("sex", "1")]) == 0)
            #expect(try await s.call(as: user, "/user/refresh_info")["user"]?["Sex"] == 1)
            #expect(try await s.code(as: user, "/user/modify_info_sex", [("sex", "0")]) == 0)
            #expect(try await s.call(as: user, "/user/refresh_info")["user"]?["Sex"] == 0)
        }
    }

    @Test("modify_info_*: 54 nickname taken, 10 missing or malformed, 32 without a token")
    func modifyInfoErrors() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: a, "/user/modify_info_nick", [("nick_name", "taken\(a.uid)")]) == 0)
            #expect(try await s.code(as: b, "/user/modify_info_nick", [("nick_name", "taken\(a.uid)")]) == 54)
            // Your own nickname again is no change.
            #expect(try await s.code(as: a, "/user/modify_info_nick", [("nick_name", "taken\(a.uid)")]) == 0)
            #expect(try await s.code(as: a, "/user/modify_info_nick", []) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_nick", [("nick_name", "")]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_nick", [("nick_name", String(repeating: "n", count: 65))]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_nick", [("nick_name", "a\u{7}b")]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_sex", []) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_sex", [("sex", "3")]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_sex", [("sex", "male")]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_location", []) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_location", [("location", String(repeating: "l", count: 129))]) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_sign", []) == 10)
            #expect(try await s.code(as: a, "/user/modify_info_sign", [("sign", String(repeating: "s", count: 257))]) == 10)
            #expect(try await s.code(as: a, "/user/set_push", []) == 10)
            #expect(try await s.code(as: a, "/user/set_push", [("push", "maybe")]) == 10)
            for path in ["/user/modify_info_nick", "/user/modify_info_sex", "/user/modify_info_location",
                         "/user/modify_info_sign", "/user/set_push", "/user/modify_char", "/user/refresh_info",
                         "/look_info_all", "/user/auth_real", "/user/upload_image"] {
                #expect(try await s.code(path, []) == 32, "\(path)")
            }
        }
    }

    @Test("modify_char sets nickname and sex together or apart; 54 taken; 10 for neither or a bad sex")
    func modifyChar() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: a, "/user/modify_char", [("nickname", "char\(a.uid)"), ("sex", "2")]) == 0)
            var info = try await s.call(as: a, "/user/refresh_info")["user"]
            #expect(info?["NickName"] == .string("char\(a.uid)") && info?["Sex"] == 2)
            #expect(try await s.code(as: a, "/user/modify_char", [("sex", "1")]) == 0)
            #expect(try await s.code(as: a, "/user/modify_char", [("nick_name", "char2\(a.uid)")]) == 0)
            info = try await s.call(as: a, "/user/refresh_info")["user"]
            #expect(info?["NickName"] == .string("char2\(a.uid)") && info?["Sex"] == 1)
            #expect(try await s.code(as: b, "/user/modify_char", [("nickname", "char2\(a.uid)")]) == 54)
            #expect(try await s.code(as: a, "/user/modify_char", []) == 10)
            #expect(try await s.code(as: a, "/user/modify_char", [("nickname", "")]) == 10)
            #expect(try await s.code(as: a, "/user/modify_char", [("nickname", "ok\(a.uid)"), ("sex", "9")]) == 10)
        }
    }

    @Test("look_info: anyone's public profile by uid, no token; 8 unknown, 10 missing or malformed")
    func lookInfo() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: a, "/user/modify_info_sign", [("sign", "hello")]) == 0)
            #expect(try await s.code(as: b, "/focus/focus_other", [("oid", String(a.uid))]) == 0)
            let r = try await s.call("/look_info", [("uid", String(a.uid))], method: "GET")
            #expect(r["ErrCode"] == 0)
            let info = try #require(r["user"]?.objectValue)
            #expect(info.keys == ["Image", "NickName", "Sex", "Signature", "Location", "Focus", "Fans", "School"])
            #expect(info["Signature"] == "hello" && info["Fans"] == 1 && info["Focus"] == 0 && info["School"] == "")
            #expect(info["NickName"] == a.user["NickName"])
            #expect(try await s.code("/look_info", [("uid", "999999999")]) == 8)
            #expect(try await s.code("/look_info", []) == 10)
            #expect(try await s.code("/look_info", [("uid", "x")]) == 10)
            #expect(try await s.code("/look_info", [("uid", "-3")]) == 10)
        }
    }

    @Test("look_info_all: the profile with IsFocus relative to the caller, levels and Gag; 8 unknown, 10 missing")
    func lookInfoAll() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            var r = try await s.call(as: b, "/look_info_all", [("oid", String(a.uid))], method: "GET")
            let info = try #require(r["user"]?.objectValue)
            #expect(info.keys == ["Uid", "Image", "NickName", "Sex", "Signature", "Location", "Focus", "Fans", "IsFocus",
                                  "UserLevel", "AnchorLevel", "Gag", "School"])
            #expect(info["Uid"] == .int(a.uid) && info["IsFocus"] == false && info["Gag"] == 0 && info["Fans"] == 0)
            #expect(try await s.code(as: b, "/focus/focus_other", [("oid", String(a.uid))]) == 0)
            r = try await s.call(as: b, "/look_info_all", [("oid", String(a.uid))])
            #expect(r["user"]?["IsFocus"] == true && r["user"]?["Fans"] == 1)
            // Relative to the caller: a does not follow b.
            #expect(try await s.call(as: a, "/look_info_all", [("oid", String(b.uid))])["user"]?["IsFocus"] == false)
            #expect(try await s.call(as: a, "/look_info_all", [("oid", String(b.uid))])["user"]?["Focus"] == 1)
            #expect(try await s.code(as: a, "/look_info_all", [("oid", "999999999")]) == 8)
            #expect(try await s.code(as: a, "/look_info_all", []) == 10)
            #expect(try await s.code(as: a, "/look_info_all", [("oid", "1.5")]) == 10)
        }
    }

    @Test("auth_real: stored, never echoed; AuthReal becomes 2; 10 missing or malformed")
    func authReal() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            let fields = [("name", "张三"), ("sex", "1"), ("birthday", "1990-01-02"), ("identification", "11010119900102123X"),
                          ("school", "北京大学"), ("identify_type", "1")]
            for missing in ["name", "identification", "identify_type"] {
                #expect(try await s.code(as: user, "/user/auth_real", fields.filter { $0.0 != missing }) == 10, "\(missing)")
            }
            #expect(try await s.code(as: user, "/user/auth_real", fields.map { $0.0 == "identify_type" ? ($0.0, "4") : $0 }) == 10)
            #expect(try await s.code(as: user, "/user/auth_real", fields.map { $0.0 == "sex" ? ($0.0, "7") : $0 }) == 10)
            #expect(try await s.code(as: user, "/user/auth_real", fields.map { $0.0 == "identification" ? ($0.0, "12 34") : $0 }) == 10)
            #expect(try await s.call(as: user, "/user/refresh_info")["user"]?["AuthReal"] == 0)
            #expect(try await s.call(as: user, "/user/auth_real", fields) == ["ErrCode": 0])
            let refreshed = try await s.call(as: user, "/user/refresh_info")
            #expect(refreshed["user"]?["AuthReal"] == 2)
            // Stored as submitted, for the operator.
            let record = try #require(try await gateway.core.environment.store.read { try $0.realName(userID: user.uid) })
            #expect(record.name == "张三" && record.identification == "11010119900102123X" && record.document == .identityCard)
            #expect(record.school == "北京大学" && record.sex == .male && record.birthday == "1990-01-02")
            // Never echoed: no answer about the user carries any of it.
            let other = try await s.register()
            let answers = [
                refreshed, try await s.login(user.account), try await s.call("/look_info", [("uid", String(user.uid))]),
                try await s.call(as: other, "/look_info_all", [("oid", String(user.uid))]),
            ]
            for answer in answers {
                let text = answer.serialized()
                for secret in ["张三", "11010119900102123X", "1990-01-02", "北京大学"] {
                    #expect(!text.contains(secret), "\(text)")
                }
            }
            // A second submission replaces the first (the login above replaced the token).
            let user2 = try await s.loggedIn(user.account)
            #expect(try await s.code(as: user2, "/user/auth_real", [("name", "李四"), ("identification", "E1234567"), ("identify_type", "2")]) == 0)
            let second = try #require(try await gateway.core.environment.store.read { try $0.realName(userID: user.uid) })
            #expect(second.name == "李四" && second.document == .passport && second.school == "")
        }
    }

    @Test("upload_image: a multipart file becomes the Image everywhere; 26 without a file or with a non-picture")
    func uploadImage() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            let auth = [("token", user.token), ("uid", String(user.uid))]
            let result = try await gateway.multipart("POST", "/user/upload_image", fields: auth,
                                                     files: [("file", "image.png", "image/png", tinyPNG)])
            let r = try ShangTVClient.envelope(result, path: "/user/upload_image", sourceLocation: #_sourceLocation)
            #expect(r["ErrCode"] == 0)
            let file = try #require(r["file"]?.stringValue)
            #expect(file.hasPrefix("/media/") && file.hasSuffix(".png"))
            #expect(try await s.call(as: user, "/user/refresh_info")["user"]?["Image"] == .string(file))
            #expect(try await s.call("/look_info", [("uid", String(user.uid))])["user"]?["Image"] == .string(file))
            let served = try await gateway.raw("GET", file)
            #expect(served.status == 200 && served.body == tinyPNG)
            let none = try await gateway.multipart("POST", "/user/upload_image", fields: auth, files: [])
            #expect(try ShangTVClient.envelope(none, path: "/user/upload_image", sourceLocation: #_sourceLocation)["ErrCode"] == 26)
            #expect(try await s.code(as: user, "/user/upload_image") == 26)
            let text = try await gateway.multipart("POST", "/user/upload_image", fields: auth,
                                                   files: [("file", "a.txt", "text/plain", Array("hello".utf8))])
            #expect(try ShangTVClient.envelope(text, path: "/user/upload_image", sourceLocation: #_sourceLocation)["ErrCode"] == 26)
        }
    }
}
