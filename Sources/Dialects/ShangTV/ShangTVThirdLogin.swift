import DialectKit
import LiveCore
import LiveJSON

/// Third-party logins: WeChat, QQ, Sina, Facebook, Twitter. Each finds the user linked to the
/// provider's id, or opens an account for it, and answers the login `user` object with a new token.
extension ShangTVDialect {
    var thirdPartyRoutes: [Route] {
        [
            open("/third_login/weixin_login", OperationName.accountsExternalLogin) { try await $0.thirdLogin($1, provider: "wechat", idKeys: ["openid"]) },
            open("/third_login/qq_login", OperationName.accountsExternalLogin) { try await $0.thirdLogin($1, provider: "qq", idKeys: ["openid"]) },
            // Weibo names its users by `uid`; `openid` is read too.
            open("/third_login/sina_login", OperationName.accountsExternalLogin) { try await $0.thirdLogin($1, provider: "weibo", idKeys: ["uid", "openid"]) },
            open("/third_login/facebook_login", OperationName.accountsExternalLogin) {
                try await $0.thirdLogin($1, provider: "facebook", idKeys: ["openid", "Openid"], tokenRequired: false)
            },
            open("/third_login/twitter_login", OperationName.accountsExternalLogin) {
                try await $0.thirdLogin($1, provider: "twitter", idKeys: ["openid", "Openid"], tokenRequired: false)
            },
        ]
    }

    /// WeChat, QQ and Sina send the provider's `access_token`, checked by the configured verifier
    /// (29 when it refuses). Facebook and Twitter send only the id and profile fields; an
    /// `access_token` they do send is checked, and without one the verifier is asked about an empty
    /// token (the default verifier accepts it; a real one decides). A new account takes `nick_name`,
    /// `head_img`, `sex` (0/1/2) and `city` when given; an existing one keeps its profile.
    func thirdLogin(_ request: DialectRequest, provider: String, idKeys: [String], tokenRequired: Bool = true) async throws -> JSONObject {
        let p = request.parameters
        var externalID: String?
        for key in idKeys {
            if let value = try p.string(key), !value.isEmpty {
                externalID = value
                break
            }
        }
        guard let externalID, externalID.count <= 128 else { throw CoreError.invalid(idKeys[0]) }
        let accessToken = tokenRequired ? try p.requiredString("access_token") : try p.string("access_token") ?? ""
        guard accessToken.count <= 2048 else { throw CoreError.invalid("access_token") }
        var seed = Registration(nickname: try Self.optionalText(p, "nick_name", max: 64) ?? generatedNickname(),
                                sex: try p.int("sex").map(Self.sex) ?? .unknown)
        seed.avatarURL = try Self.optionalText(p, "head_img", max: 1024)
        seed.profile.city = try Self.optionalText(p, "city", max: 64) ?? ""
        guard try await verifier.verify(provider: provider, externalID: externalID, accessToken: accessToken) else {
            throw CoreError.invalid(ShangTVCode.thirdPartyTokenField)
        }
        var (user, created) = try await core.accounts.externalLogin(provider: provider, externalID: externalID, seed: seed)
        if created, !seed.profile.city.isEmpty {
            // The samples show the city as the new user's Location.
            var changes = ProfileChanges()
            changes.location = seed.profile.city
            user = try await core.accounts.updateProfile(userID: user.id, changes)
        }
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return ["user": .object(try await loginUser(user, token: session.token))]
    }

    /// A text parameter that may be absent or empty (nil then), within `max` characters.
    static func optionalText(_ p: Parameters, _ name: String, max: Int) throws -> String? {
        guard let value = try p.string(name), !value.isEmpty else { return nil }
        return try Validate.text(value, field: name, max: max)
    }
}
