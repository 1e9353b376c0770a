import Adapters
import DialectKit
import Foundation

/// Where third-party access tokens are checked, and whether they are.
public enum ThirdPartySetting {
    private static let real = ProviderEndpoints()

    public static let verify = Setting<Bool>("third_party_verify", default: true, "Check every third-party access token with its provider before a login (REST /snslogin/, shangtv /third_login/*). Off only for staging: any token is then trusted, with a warning at start.")
    public static let wechatURL = Setting<String>("wechat_api_url", default: real.wechat.absoluteString, "WeChat's API, for sns/auth.")
    public static let qqURL = Setting<String>("qq_api_url", default: real.qq.absoluteString, "QQ Connect's API, for oauth2.0/me.")
    public static let qqAppID = Setting<String>("qq_app_id", default: "", "When set, a QQ token must belong to this app (client_id).")
    public static let weiboURL = Setting<String>("weibo_api_url", default: real.weibo.absoluteString, "Weibo's API, for oauth2/get_token_info.")
    public static let weiboAppKey = Setting<String>("weibo_app_key", default: "", "When set, a Weibo token must belong to this app (appkey).")
    public static let facebookURL = Setting<String>("facebook_graph_url", default: real.facebook.absoluteString, "Facebook's Graph API, for debug_token.")
    public static let facebookAppID = Setting<String>("facebook_app_id", default: "", "The Facebook app whose tokens are accepted; with facebook_app_secret, needed for Facebook logins.")
    public static let facebookAppSecret = Setting<String>("facebook_app_secret", default: "", "The Facebook app's secret, for debug_token's app access token.")
    public static let twitterURL = Setting<String>("twitter_api_url", default: real.twitter.absoluteString, "Twitter's API, for 2/users/me with the user's OAuth 2.0 token.")

    static let all: [SettingSpec] = [
        verify.spec, wechatURL.spec, qqURL.spec, qqAppID.spec, weiboURL.spec, weiboAppKey.spec,
        facebookURL.spec, facebookAppID.spec, facebookAppSecret.spec, twitterURL.spec,
    ]

    /// The endpoints the settings name; an address that is not an http(s) URL is refused.
    static func endpoints(_ settings: SettingValues) throws -> ProviderEndpoints {
        func url(_ setting: Setting<String>) throws -> URL {
            guard let url = URL(string: settings[setting]), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  url.host != nil else {
                throw GatewayError.configuration("\(setting.name) must be an http(s) URL")
            }
            return url
        }
        var endpoints = ProviderEndpoints()
        endpoints.wechat = try url(wechatURL)
        endpoints.qq = try url(qqURL)
        endpoints.qqAppID = settings[qqAppID]
        endpoints.weibo = try url(weiboURL)
        endpoints.weiboAppKey = settings[weiboAppKey]
        endpoints.facebook = try url(facebookURL)
        endpoints.facebookAppID = settings[facebookAppID]
        endpoints.facebookAppSecret = settings[facebookAppSecret]
        endpoints.twitter = try url(twitterURL)
        return endpoints
    }
}
