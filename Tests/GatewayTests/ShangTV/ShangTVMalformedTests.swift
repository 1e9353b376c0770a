import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Every part-1 path against missing, mistyped and unreadable input: always HTTP 200 with ErrCode
/// 10 (or the token codes), never a crash.
@Suite("shangtv malformed input")
struct ShangTVMalformedTests {
    /// Paths that need a token, with the parameters each requires.
    static let authed: [(path: String, required: [String])] = [
        ("/user/modify_pwd", ["oldpwd", "newpwd"]),
        ("/user/modify_char", ["nickname"]),
        ("/user/modify_info_nick", ["nick_name"]),
        ("/user/modify_info_sex", ["sex"]),
        ("/user/modify_info_location", ["location"]),
        ("/user/modify_info_sign", ["sign"]),
        ("/user/set_push", ["push"]),
        ("/look_info_all", ["oid"]),
        ("/user/auth_real", ["name", "identification", "identify_type"]),
        ("/focus/focus_other", ["oid"]),
        ("/focus/cancel_focus", ["oid"]),
        ("/focus/search_focus", ["oid"]),
        ("/black/add_black", ["blackid"]),
        ("/black/del_black", ["blackid"]),
        ("/letter/write_letter", ["oid", "msg"]),
        ("/letter/letter_show", ["oid"]),
        ("/letter/letter_open", ["session_id"]),
        ("/letter/del_session", ["oid"]),
    ]

    /// Paths without a token, with the parameters each requires.
    static let open: [(path: String, required: [String])] = [
        ("/action/login", ["account", "pwd"]),
        ("/action/register", ["account", "pwd", "code"]),
        ("/action/send_sns", ["mobile"]),
        ("/action/verify_tel", ["tel"]),
        ("/action/modify_pwd", ["account", "pwd", "code"]),
        ("/look_info", ["uid"]),
        ("/report", ["uid", "oid"]),
        ("/third_login/weixin_login", ["openid", "access_token"]),
        ("/third_login/qq_login", ["openid", "access_token"]),
        ("/third_login/sina_login", ["uid", "access_token"]),
        ("/third_login/facebook_login", ["openid"]),
        ("/third_login/twitter_login", ["openid"]),
    ]

    @Test("a missing required parameter is 10; so is each one sent as a JSON array or object")
    func missingAndMistyped() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            for (path, required) in Self.authed {
                #expect(try await s.code(as: user, path, []) == 10, "\(path)")
                for name in required {
                    for bad: JSONValue in [["x"], ["k": "v"]] {
                        var body: JSONObject = ["token": .string(user.token), "uid": .int(user.uid)]
                        for other in required { body[other] = "1" }
                        body[name] = bad
                        let result = try await gateway.post(path, json: .object(body))
                        let r = try ShangTVClient.envelope(result, path: path, sourceLocation: #_sourceLocation)
                        #expect(r["ErrCode"] == 10, "\(path) \(name)=\(bad.serialized()): \(r.serialized())")
                    }
                }
            }
            for (path, required) in Self.open {
                #expect(try await s.code(path, []) == 10, "\(path)")
                for name in required {
                    var body: JSONObject = [:]
                    for other in required { body[other] = "13900000000" }
                    body[name] = ["x"]
                    let result = try await gateway.post(path, json: .object(body))
                    let r = try ShangTVClient.envelope(result, path: path, sourceLocation: #_sourceLocation)
                    #expect(r["ErrCode"] == 10, "\(path) \(name): \(r.serialized())")
                }
            }
        }
    }

    @Test("unreadable bodies and odd methods: HTTP 200, ErrCode 10 or a token code, never a crash")
    func unreadable() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            let paths = Self.authed.map(\.path) + Self.open.map(\.path) + [
                "/user/refresh_info", "/action/daily_record", "/focus/focus_list", "/focus/fans_list", "/black/black_list",
                "/letter/letter_list", "/letter/letter_unread", "/user/upload_image", "/admin/forbid_user_power",
                "/admin/switch_account_auth", "/admin/switch_auth", "/admin/flush_notice", "/admin/auth_real_status",
                "/admin/report_list",
            ]
            let bodies: [(String, [UInt8])] = [
                ("application/json", Array("{\"token\":".utf8)),
                ("application/json", [0xFF, 0xFE, 0x00]),
                ("application/x-www-form-urlencoded", Array("token=%ZZ&uid=%".utf8)),
                ("multipart/form-data; boundary=x", Array("--x\r\nbroken".utf8)),
                ("text/plain", Array("[1,2,3]".utf8)),
            ]
            for path in paths {
                for (type, body) in bodies {
                    let result = try await gateway.raw("POST", path + "?token=\(user.token)&uid=\(user.uid)", body: body,
                                                       headers: [("Content-Type", type)])
                    let r = try ShangTVClient.envelope(result, path: path, sourceLocation: #_sourceLocation)
                    let code = r["ErrCode"]?.intValue ?? -1
                    #expect([0, 10, 36].contains(code), "\(path) \(type): \(r.serialized())")
                }
                for method in ["PUT", "DELETE", "PATCH"] {
                    let result = try await gateway.raw(method, path)
                    #expect(result.status == 200, "\(method) \(path)")
                    #expect(result.json?["ErrCode"]?.intValue != nil, "\(method) \(path): \(result.text)")
                }
            }
        }
    }

    @Test("JSON bodies work like forms, with JSON numbers where the form has text")
    func jsonBodies() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            let follow = try await gateway.post("/focus/focus_other", json: ["token": .string(a.token), "uid": .int(a.uid), "oid": .int(b.uid)])
            #expect(try ShangTVClient.envelope(follow, path: "/focus/focus_other", sourceLocation: #_sourceLocation)["ErrCode"] == 0)
            let sex = try await gateway.post("/user/modify_info_sex", json: ["token": .string(a.token), "sex": 2])
            #expect(try ShangTVClient.envelope(sex, path: "/user/modify_info_sex", sourceLocation: #_sourceLocation)["ErrCode"] == 0)
            let push = try await gateway.post("/user/set_push", json: ["token": .string(a.token), "push": true])
            #expect(try ShangTVClient.envelope(push, path: "/user/set_push", sourceLocation: #_sourceLocation)["ErrCode"] == 0)
            let info = try await s.call(as: a, "/user/refresh_info")["user"]
            #expect(info?["Sex"] == 2 && info?["Push"] == true && info?["Focus"] == 1)
            let badSex = try await gateway.post("/user/modify_info_sex", json: ["token": .string(a.token), "sex": 1.5])
            #expect(try ShangTVClient.envelope(badSex, path: "/user/modify_info_sex", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
            let boolOid = try await gateway.post("/focus/focus_other", json: ["token": .string(a.token), "oid": true])
            #expect(try ShangTVClient.envelope(boolOid, path: "/focus/focus_other", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
            let huge = try await gateway.post("/focus/focus_other", json: ["token": .string(a.token), "oid": "99999999999999999999999"])
            #expect(try ShangTVClient.envelope(huge, path: "/focus/focus_other", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
            let index = try await gateway.post("/focus/focus_list", json: ["token": .string(a.token), "index": 100_000])
            #expect(try ShangTVClient.envelope(index, path: "/focus/focus_list", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
        }
    }
}
