public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import LiveCore
import LiveJSON

/// Where each provider's token check lives and the app credentials it needs. The addresses are the
/// providers' real ones by default; a setting names another (a test's local server, a proxy).
public struct ProviderEndpoints: Sendable {
    public var wechat = URL(string: "https://api.weixin.qq.com")!
    public var qq = URL(string: "https://graph.qq.com")!
    /// When set, QQ's answer must name this app (`client_id`).
    public var qqAppID = ""
    public var weibo = URL(string: "https://api.weibo.com")!
    /// When set, Weibo's answer must name this app (`appkey`).
    public var weiboAppKey = ""
    public var facebook = URL(string: "https://graph.facebook.com")!
    /// `debug_token` needs an app access token (`<app id>|<app secret>`); without both, Facebook
    /// logins are refused.
    public var facebookAppID = ""
    public var facebookAppSecret = ""
    public var twitter = URL(string: "https://api.twitter.com")!

    public init() {}
}

/// Checks a third-party access token with the provider that issued it, before the gateway trusts
/// the identity it names. Each check is the provider's documented one:
///
/// - WeChat: `GET /sns/auth?access_token=&openid=` answers `errcode` 0 for a token of that openid.
/// - QQ: `GET /oauth2.0/me?access_token=&fmt=json` answers the token's `openid` (and `client_id`).
/// - Weibo: `POST /oauth2/get_token_info` (form `access_token`) answers the token's `uid`.
/// - Facebook: `GET /debug_token?input_token=&access_token=<app id>|<secret>` answers `data.is_valid`,
///   `data.user_id` and `data.app_id`.
/// - Twitter: `GET /2/users/me` with the user's OAuth 2.0 bearer token answers `data.id`.
///
/// A provider that refuses, or names another user or app, is `false`; a provider that cannot be
/// reached, or answers something unreadable, throws (the dialect's server error: nobody is let in
/// because a check could not be made).
public struct ProviderTokenVerifier: ThirdPartyTokenVerifier {
    let endpoints: ProviderEndpoints
    let session: URLSession

    public init(endpoints: ProviderEndpoints, timeout: TimeInterval = 10) {
        self.endpoints = endpoints
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration)
    }

    public func verify(provider: String, externalID: String, accessToken: String) async throws -> Bool {
        guard !accessToken.isEmpty, !externalID.isEmpty else { return false }
        switch provider {
        case "wechat":
            let answer = try await get(endpoints.wechat, "/sns/auth", ["access_token": accessToken, "openid": externalID])
            return answer["errcode"] == .int(0)
        case "qq":
            let answer = try await get(endpoints.qq, "/oauth2.0/me", ["access_token": accessToken, "fmt": "json"])
            guard answer["openid"]?.stringValue == externalID else { return false }
            return endpoints.qqAppID.isEmpty || Self.text(answer["client_id"]) == endpoints.qqAppID
        case "weibo":
            let answer = try await post(endpoints.weibo, "/oauth2/get_token_info", ["access_token": accessToken])
            guard let uid = Self.text(answer["uid"]), uid == externalID else { return false }
            if case .int(let left)? = answer["expire_in"], left <= 0 { return false }
            return endpoints.weiboAppKey.isEmpty || Self.text(answer["appkey"]) == endpoints.weiboAppKey
        case "facebook":
            guard !endpoints.facebookAppID.isEmpty, !endpoints.facebookAppSecret.isEmpty else { return false }
            let answer = try await get(endpoints.facebook, "/debug_token", [
                "input_token": accessToken, "access_token": "\(endpoints.facebookAppID)|\(endpoints.facebookAppSecret)",
            ])
            guard let data = answer["data"], data["is_valid"] == .bool(true) else { return false }
            return Self.text(data["user_id"]) == externalID && Self.text(data["app_id"]) == endpoints.facebookAppID
        case "twitter":
            let answer = try await get(endpoints.twitter, "/2/users/me", [:], bearer: accessToken)
            return Self.text(answer["data"]?["id"]) == externalID
        default:
            return false
        }
    }

    /// A string or an integer as text: providers write ids either way.
    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        default: return nil
        }
    }

    private func get(_ base: URL, _ path: String, _ query: [String: String], bearer: String? = nil) async throws -> JSONValue {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if !query.isEmpty { components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        var request = URLRequest(url: components.url!)
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        return try await send(request)
    }

    private func post(_ base: URL, _ path: String, _ form: [String: String]) async throws -> JSONValue {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        var components = URLComponents()
        components.queryItems = form.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        request.httpBody = Data((components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B").utf8)
        return try await send(request)
    }

    /// The answer as JSON, whatever its status (providers answer refusals as JSON with 4xx too).
    /// QQ's older endpoints wrap it as JSONP, `callback( {...} );`: the object inside is read.
    private func send(_ request: URLRequest) async throws -> JSONValue {
        let (data, _) = try await session.data(for: request)
        guard data.count <= 64 * 1024 else { throw ProviderError(description: "\(request.url?.host ?? "provider") answered too much") }
        var bytes = Array(data)
        if let open = bytes.firstIndex(of: UInt8(ascii: "{")), let close = bytes.lastIndex(of: UInt8(ascii: "}")), open < close {
            bytes = Array(bytes[open...close])
        }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw ProviderError(description: "\(request.url?.host ?? "provider") answered no JSON")
        }
    }
}

/// A provider could not be asked (unreachable, or an answer that is not one).
public struct ProviderError: Error, CustomStringConvertible {
    public let description: String
}
