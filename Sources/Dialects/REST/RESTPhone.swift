import DialectKit
import HTTPTypes
import LiveCore
import LiveJSON

/// Sections 9 and 10 of the document: an SMS captcha, and logging in with it.
extension RESTDialect {
    var phoneEndpoints: [RESTEndpoint] {
        [
            RESTEndpoint(path: "/phonelogin/", name: "Phone Login",
                         description: "POST: 发送手机短信验证码; GET ?phone=&captcha=: 手机验证码登录(无账号的手机自动注册, 返回201)",
                         actions: [
                            RESTAction(.get, OperationName.accountsPhoneLogin, fields: [
                                RESTField("phone", "手机", required: true),
                                RESTField("captcha", "验证码", required: true),
                            ]) { try await $0.phoneLogin($1) },
                            RESTAction(.post, OperationName.verificationIssue, fields: [
                                RESTField("phone", "手机", required: true),
                            ]) { try await $0.phoneCaptcha($1) },
                         ]),
        ]
    }

    /// Sends a 4-digit code through the shared SMS sender. The real client puts `phone` in the
    /// query string; a JSON or form body works too.
    func phoneCaptcha(_ request: DialectRequest) async throws -> DialectResponse {
        let phone = try request.parameters.requiredString("phone")
        try await core.verification.issue(to: phone, from: request.source)
        return Self.success([:], msg: "验证码已发送")
    }

    /// Logs in with the code; a phone with no account gets one (username = the phone), answered
    /// 201, with its room.
    func phoneLogin(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        let phone = try p.requiredString("phone")
        guard Validate.isPhone(phone) else { throw CoreError.invalid("phone") }
        let captcha = try p.requiredString("captcha")
        let (user, created) = try await core.accounts.loginOrRegister(phone: phone, code: captcha, from: request.source)
        if created { _ = try await core.rooms.create(ownerID: user.id, RoomFields()) }
        let token = try await mintToken(for: user)
        return try await userResponse(user, token: token, status: created ? .created : .ok, msg: "登录成功")
    }
}
