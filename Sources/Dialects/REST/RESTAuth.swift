import DialectKit
import HTTPTypes
import LiveCore
import LiveJSON
import Foundation

/// Sections 2–4 of the document: third-party login, login, logout.
extension RESTDialect {
    var authEndpoints: [RESTEndpoint] {
        [
            RESTEndpoint(path: "/snslogin/", name: "Sns Login",
                         description: "第三方登录: login_type 1微信 2QQ 3微博; (login_type, snsid) 标识用户; 第一次登录返回201, 其余200",
                         actions: [
                            RESTAction(.post, OperationName.accountsExternalLogin, fields: [
                                RESTField("username", "用户名", required: true),
                                RESTField("nickname", "昵称", required: true),
                                RESTField("login_type", "登录类型: 1微信, 2QQ, 3微博", required: true),
                                RESTField("snsid", "第三方唯一码", required: true),
                                RESTField("access_token", "第三方登录口令", required: true),
                                RESTField("icon", "第三方头像地址"),
                            ] + Self.profileFields) { try await $0.snsLogin($1) },
                         ]),
            RESTEndpoint(path: "/login/", name: "Login", description: "普通登录, 返回新的token(有效期24小时), 旧token失效",
                         actions: [
                            RESTAction(.post, OperationName.accountsLogin, fields: [
                                RESTField("username", "用户名", required: true),
                                RESTField("password", "密码", required: true),
                            ]) { try await $0.login($1) },
                         ]),
            RESTEndpoint(path: "/logout/", name: "Logout", description: "注销, token失效",
                         actions: [
                            RESTAction(.post, OperationName.sessionsRevoke, fields: [.token]) { try await $0.logout($1) },
                         ]),
        ]
    }

    /// The Android client sends every field in the query string with an empty body; parameters are
    /// gathered from both, so either works.
    func snsLogin(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        let loginType = try p.requiredString("login_type").trimmingCharacters(in: .whitespaces)
        guard let provider = Self.provider(loginType: loginType) else { throw CoreError.invalid("login_type") }
        let snsid = try p.requiredString("snsid")
        guard snsid.count <= 128 else { throw CoreError.invalid("snsid") }
        let accessToken = try p.requiredString("access_token")
        let username = try p.requiredString("username")
        let nickname = try p.requiredString("nickname")
        _ = try Validate.text(username, field: "username", max: 64)
        guard try await verifier.verify(provider: provider, externalID: snsid, accessToken: accessToken) else {
            throw CoreError.invalid("access_token")
        }
        // Optional, but checked like registration's: a malformed one is 400, not silently dropped.
        let phone = Self.nonEmpty(try p.string("phone"))
        if let phone, !Validate.isPhone(phone) { throw CoreError.invalid("phone") }
        let email = Self.nonEmpty(try p.string("email"))
        if let email, !Validate.isEmail(email) { throw CoreError.invalid("email") }
        var seed = Registration(account: username, phone: phone, email: email, nickname: nickname,
                                sex: try Self.sex(p) ?? .unknown)
        if let icon = Self.nonEmpty(try p.string("icon")) {
            seed.avatarURL = try Validate.text(icon, field: "icon", max: 1024)
        }
        seed.profile = try Self.profile(p)
        let (user, created) = try await core.accounts.externalLogin(provider: provider, externalID: snsid, seed: seed)
        // Every account this dialect opens gets its room, as registration does.
        if created { _ = try await core.rooms.create(ownerID: user.id, RoomFields()) }
        let token = try await mintToken(for: user)
        return try await userResponse(user, token: token, status: created ? .created : .ok, msg: "登录成功")
    }

    func login(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        let username = try p.requiredString("username")
        let password = try p.requiredString("password")
        let user = try await core.accounts.login(username, password: .plain(password), from: request.source)
        let token = try await mintToken(for: user)
        return try await userResponse(user, token: token, msg: "登录成功")
    }

    func logout(_ request: DialectRequest) async throws -> DialectResponse {
        let (session, _) = try await authenticate(request)
        try await core.sessions.revoke(session.token)
        return Self.success([:], msg: "注销成功")
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
