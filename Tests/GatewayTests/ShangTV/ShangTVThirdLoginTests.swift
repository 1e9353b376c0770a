import Adapters
import DialectKit
import Dialects
import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import LiveStoreSQLite
import Logging
import Testing
import HTTPTypes

/// Third-party logins: weixin, qq, sina (access_token plus openid or uid), facebook and twitter
/// (openid plus profile fields).
@Suite("shangtv third-party logins")
struct ShangTVThirdLoginTests {
    @Test("each provider opens an account on first sight and finds it again; the answer is the login user")
    func providers() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let run = String(UUID().uuidString.prefix(8))
            let cases: [(path: String, fields: [(String, String)])] = [
                ("/third_login/weixin_login", [("access_token", "at"), ("refresh_token", "rt"), ("openid", "wx\(run)"), ("channel_id", "1")]),
                ("/third_login/qq_login", [("access_token", "at"), ("openid", "qq\(run)"), ("type", "0"), ("channel_id", "1")]),
                ("/third_login/sina_login", [("access_token", "at"), ("uid", "sina\(run)"), ("channel_id", "1")]),
                ("/third_login/facebook_login", [("openid", "fb\(run)"), ("channel_id", "1"), ("device", "ios")]),
                ("/third_login/twitter_login", [("openid", "tw\(run)"), ("channel_id", "1"), ("device", "android")]),
            ]
            var uids: Set<Int64> = []
            for (path, fields) in cases {
                let first = try await s.call(path, fields)
                #expect(first["ErrCode"] == 0, "\(path): \(first.serialized())")
                let user = try #require(first["user"]?.objectValue, "\(path)")
                #expect(user.keys == ShangTVAccountTests.loginKeys, "\(path)")
                #expect(user["Tel"] == "", "\(path)")
                #expect(user["NickName"]?.stringValue?.hasPrefix("大米_") == true, "\(path)")
                let uid = try #require(user["Uid"]?.intValue)
                uids.insert(uid)
                let again = try await s.call(path, fields, method: "GET")
                #expect(again["user"]?["Uid"] == .int(uid), "\(path)")
                // One session per user: the second login replaced the first token.
                #expect(try await s.code("/user/refresh_info", [("token", user["Token"]?.stringValue ?? "")]) == 24, "\(path)")
                #expect(try await s.code("/user/refresh_info", [("token", again["user"]?["Token"]?.stringValue ?? "")]) == 0, "\(path)")
            }
            #expect(uids.count == 5)
            // The same id at another provider is another person.
            let other = try await s.call("/third_login/qq_login", [("access_token", "at"), ("openid", "wx\(run)")])
            #expect(other["ErrCode"] == 0)
            #expect(!uids.contains(other["user"]?["Uid"]?.intValue ?? 0))
            // Sina's id may come as openid too.
            let sina = try await s.call("/third_login/sina_login", [("access_token", "at"), ("openid", "sina\(run)")])
            #expect(uids.contains(sina["user"]?["Uid"]?.intValue ?? 0))
        }
    }

    @Test("facebook and twitter: nick_name, head_img, sex and city make the new user; an existing one keeps its profile")
    func profileFields() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let run = String(UUID().uuidString.prefix(8))
            let r = try await s.call("/third_login/facebook_login", [
                ("Openid", "fb\(run)"), ("city", "chongqing"), ("head_img", "http://img.example.com/xxx.chongqing.jpg"),
                ("nick_name", "nick_names\(run)"), ("channel_id", "1"), ("device", "ios"), ("sex", "1"),
            ])
            let user = try #require(r["user"])
            #expect(user["NickName"] == .string("nick_names\(run)"))
            #expect(user["Image"] == "http://img.example.com/xxx.chongqing.jpg")
            #expect(user["Sex"] == 1)
            #expect(user["Location"] == "chongqing")
            #expect(user["Account"] == .string("facebook_fb\(run)"))
            let again = try await s.call("/third_login/facebook_login", [("openid", "fb\(run)"), ("nick_name", "changed"), ("sex", "2")])
            #expect(again["user"]?["NickName"] == .string("nick_names\(run)") && again["user"]?["Sex"] == 1)
            let tw = try await s.call("/third_login/twitter_login", [("openid", "tw\(run)"), ("sex", "2"), ("nick_name", "t\(run)")])
            #expect(tw["user"]?["Sex"] == 2 && tw["user"]?["Location"] == "")
            // WeChat's profile fields are read the same way when a client sends them.
            let wx = try await s.call("/third_login/weixin_login", [("openid", "wx\(run)"), ("access_token", "a"), ("nick_name", "w\(run)")])
            #expect(wx["user"]?["NickName"] == .string("w\(run)"))
        }
    }

    @Test("10: missing openid or uid, missing access_token (weixin, qq, sina), a bad sex, oversized fields")
    func malformed() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            #expect(try await s.code("/third_login/weixin_login", [("access_token", "a")]) == 10)
            #expect(try await s.code("/third_login/weixin_login", [("openid", "o1")]) == 10)
            #expect(try await s.code("/third_login/qq_login", [("openid", "o1")]) == 10)
            #expect(try await s.code("/third_login/qq_login", [("access_token", "a"), ("openid", "")]) == 10)
            #expect(try await s.code("/third_login/sina_login", [("access_token", "a")]) == 10)
            #expect(try await s.code("/third_login/sina_login", [("uid", "s1")]) == 10)
            #expect(try await s.code("/third_login/facebook_login", []) == 10)
            #expect(try await s.code("/third_login/twitter_login", [("nick_name", "x")]) == 10)
            #expect(try await s.code("/third_login/facebook_login", [("openid", "f"), ("sex", "5")]) == 10)
            #expect(try await s.code("/third_login/facebook_login", [("openid", "f"), ("sex", "x")]) == 10)
            #expect(try await s.code("/third_login/facebook_login", [("openid", String(repeating: "o", count: 129))]) == 10)
            #expect(try await s.code("/third_login/facebook_login", [("openid", "f"), ("nick_name", String(repeating: "n", count: 65))]) == 10)
            let json = try await gateway.post("/third_login/qq_login", json: ["openid": ["x"], "access_token": "a"])
            #expect(try ShangTVClient.envelope(json, path: "/third_login/qq_login", sourceLocation: #_sourceLocation)["ErrCode"] == 10)
        }
    }

    @Test("a banned third-party account gets 60 at login")
    func banned() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let r = try await s.call("/third_login/qq_login", [("access_token", "a"), ("openid", "ban\(UUID().uuidString.prefix(6))")])
            let uid = try #require(r["user"]?["Uid"]?.intValue)
            try await gateway.core.moderation.setBan(userID: uid, .permanent)
            #expect(try await s.code("/third_login/qq_login", [("access_token", "a"), ("openid", r["user"]?["Account"]?.stringValue?.replacingOccurrences(of: "qq_", with: "") ?? "")]) == 60)
        }
    }

    /// A verifier that knows one good token.
    struct OneTokenVerifier: ThirdPartyTokenVerifier {
        func verify(provider: String, externalID: String, accessToken: String) async throws -> Bool {
            accessToken == "good-\(provider)"
        }
    }

    @Test("a token the verifier refuses is 29; facebook without a token asks the verifier about an empty one")
    func refusedToken() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shangtv-verifier-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = CoreEnvironment(
            store: try SQLiteStore.inMemory(), hasher: BcryptPasswordHasher(cost: 4),
            sms: OutboxSMSSender(file: folder.appendingPathComponent("outbox.jsonl")),
            mediaStorage: FileMediaStorage(directory: folder), settings: CoreSettings())
        environment.thirdPartyVerifier = OneTokenVerifier()
        let dialect = ShangTVDialect(context: DialectContext(core: Core(environment: environment), settings: SettingValues([:]),
                                                             logger: Logger(label: "test")))
        func call(_ path: String, _ fields: JSONObject) async throws -> JSONValue {
            let route = try #require(dialect.routes.first { $0.path == path })
            var parameters = Parameters()
            for (key, value) in fields { parameters.set(key, value) }
            let response: DialectResponse
            do {
                response = try await route.handler(DialectRequest(method: .post, path: path, parameters: parameters))
            } catch let error as CoreError {
                response = dialect.render(error, route: route)
            }
            return try JSONValue.parse(response.body)
        }
        #expect(try await call("/third_login/weixin_login", ["openid": "o", "access_token": "bad"]) == ["ErrCode": 29])
        #expect(try await call("/third_login/weixin_login", ["openid": "o", "access_token": "good-wechat"])["ErrCode"] == 0)
        #expect(try await call("/third_login/qq_login", ["openid": "o", "access_token": "good-wechat"]) == ["ErrCode": 29])
        #expect(try await call("/third_login/sina_login", ["uid": "o", "access_token": "good-weibo"])["ErrCode"] == 0)
        #expect(try await call("/third_login/facebook_login", ["openid": "o"]) == ["ErrCode": 29])
        #expect(try await call("/third_login/facebook_login", ["openid": "o", "access_token": "good-facebook"])["ErrCode"] == 0)
        #expect(try await call("/third_login/twitter_login", ["openid": "o", "access_token": "good-twitter"])["ErrCode"] == 0)
    }
}
