import FixtureKit
import Foundation
import HTTPTypes
import Hummingbird
import LiveJSON
import NIOCore
import Testing

/// Third-party logins against local servers that speak each provider's token-check protocol: a
/// token is good when it is `good-<the user's id>`, as if the provider had issued it to that user.
@Suite("Hostile clients: third-party tokens")
struct ThirdPartyTokenTests {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    /// WeChat `sns/auth`, QQ `oauth2.0/me` (JSONP without `fmt=json`), Weibo `get_token_info`,
    /// Facebook `debug_token`, Twitter `2/users/me`.
    /// The user a token was issued to.
    @Sendable static func owner(_ token: String?) -> String? {
        guard let token, token.hasPrefix("good-") else { return nil }
        return String(token.dropFirst(5))
    }

    static var providers: Router<BasicRequestContext> {
        let router = Router()
        router.get("/sns/auth") { request, _ -> Response in
            let query = request.uri.queryParameters
            let ok = Self.owner(query["access_token"].map(String.init)) == query["openid"].map(String.init)
            return json(ok ? ["errcode": 0, "errmsg": "ok"] : ["errcode": 40003, "errmsg": "invalid openid"])
        }
        router.get("/oauth2.0/me") { request, _ -> Response in
            let query = request.uri.queryParameters
            guard query["fmt"] == "json" else { return json(["error": 100_000, "error_description": "fmt"], status: .badRequest) }
            guard let openid = Self.owner(query["access_token"].map(String.init)) else {
                return json(["error": 100_016, "error_description": "access token check failed"])
            }
            return json(["client_id": "qq-app", "openid": .string(openid)])
        }
        router.post("/oauth2/get_token_info") { request, _ -> Response in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 4096))
            let token = body.split(separator: "&").first { $0.hasPrefix("access_token=") }.map { String($0.dropFirst(13)) }
            guard let uid = Self.owner(token?.removingPercentEncoding), let number = Int64(uid) else {
                return json(["error": "invalid_access_token", "error_code": 21_332], status: .badRequest)
            }
            return json(["uid": .int(number), "appkey": "weibo-app", "scope": nil, "create_at": 1_700_000_000, "expire_in": 3600])
        }
        router.get("/debug_token") { request, _ -> Response in
            let query = request.uri.queryParameters
            guard query["access_token"] == "fb-app|fb-secret" else {
                return json(["error": ["message": "Invalid OAuth access token", "code": 190]], status: .badRequest)
            }
            guard let user = Self.owner(query["input_token"].map(String.init)) else {
                return json(["data": ["app_id": "fb-app", "is_valid": false]])
            }
            return json(["data": ["app_id": "fb-app", "is_valid": true, "user_id": .string(user)]])
        }
        router.get("/2/users/me") { request, _ -> Response in
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let id = Self.owner(bearer) else { return json(["title": "Unauthorized", "status": 401], status: .unauthorized) }
            return json(["data": ["id": .string(id), "name": "someone", "username": "someone"]])
        }
        return router
    }

    static func settings(_ port: Int) -> [String: String] {
        let base = "http://127.0.0.1:\(port)"
        return ["third_party_verify": "true", "wechat_api_url": base, "qq_api_url": base, "qq_app_id": "qq-app",
                "weibo_api_url": base, "weibo_app_key": "weibo-app", "facebook_graph_url": base,
                "facebook_app_id": "fb-app", "facebook_app_secret": "fb-secret", "twitter_api_url": base]
    }

    @Test("a made-up token is refused by every provider and dialect; the provider's own token logs in")
    func madeUpTokensRefused() async throws {
        try await withLocalServer(Self.providers) { port in
            try await withGateway(Self.settings(port)) { gateway in
                let shangtv: [(path: String, idKey: String)] = [
                    ("/third_login/weixin_login", "openid"), ("/third_login/qq_login", "openid"), ("/third_login/sina_login", "uid"),
                    ("/third_login/facebook_login", "openid"), ("/third_login/twitter_login", "openid"),
                ]
                for (path, idKey) in shangtv {
                    let id = String(Int.random(in: 100_000_000...999_999_999))
                    let forged = try await gateway.form("POST", path, [(idKey, id), ("access_token", "made-up"), ("nick_name", "x")])
                    #expect(forged.json?["ErrCode"] == 29, "\(path): \(forged.text)")
                    let none = try await gateway.form("POST", path, [(idKey, id), ("nick_name", "x")])
                    #expect(none.json?["ErrCode"] != 0, "\(path) without a token")
                    let another = try await gateway.form("POST", path, [(idKey, id), ("access_token", "good-1\(id)"), ("nick_name", "x")])
                    #expect(another.json?["ErrCode"] == 29, "\(path): another user's token")
                    let good = try await gateway.form("POST", path, [(idKey, id), ("access_token", "good-\(id)"), ("nick_name", "x")])
                    #expect(good.json?["ErrCode"] == 0, "\(path): \(good.text)")
                }
                for loginType in ["1", "2", "3"] {
                    let id = String(Int.random(in: 100_000_000...999_999_999))
                    let fields = [("username", "sns\(id)"), ("nickname", "n\(id)"), ("login_type", loginType), ("snsid", id)]
                    let forged = try await gateway.form("POST", "/snslogin/", fields + [("access_token", "made-up")])
                    #expect(forged.status == 400, "login_type \(loginType): \(forged.text)")
                    let good = try await gateway.form("POST", "/snslogin/", fields + [("access_token", "good-\(id)")])
                    #expect(good.status == 201, "login_type \(loginType): \(good.text)")
                }
            }
        }
    }

    @Test("a provider that cannot be reached lets nobody in and crashes nothing")
    func providerDown() async throws {
        var settings = Self.settings(freePort())
        settings["wechat_api_url"] = "http://127.0.0.1:\(freePort())"
        try await withGateway(settings) { gateway in
            let answer = try await gateway.form("POST", "/third_login/weixin_login", [("openid", "o1"), ("access_token", "good-o1")])
            #expect(answer.status == 200)
            #expect(answer.json?["ErrCode"] == 1, "the server error: \(answer.text)")
            let rest = try await gateway.form("POST", "/snslogin/", [("username", "u-down"), ("nickname", "n"), ("login_type", "1"),
                                                                      ("snsid", "o1"), ("access_token", "good-o1")])
            #expect(rest.status == 500)
        }
    }
}
