import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// Accounts: registration by SMS code, login, codes (the document's first sections, plus the
/// original's undocumented send_sns).
extension ShangTVDialect {
    var accountRoutes: [Route] {
        [
            open("/action/login", "accounts.login") { try await $0.login($1) },
            open("/action/send_sns", "verification.issue") { try await $0.sendSMS($1) },
            open("/action/register", "accounts.register") { try await $0.register($1) },
        ]
    }

    /// `pwd` is the MD5 hex the clients send; anything else is taken as plaintext.
    func login(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let account = try p.requiredString("account")
        let user = try await core.accounts.login(account, password: .md5OrPlain(try p.requiredString("pwd")))
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return ["user": .object(try await loginUser(user, token: session.token))]
    }

    func sendSMS(_ request: DialectRequest) async throws -> JSONObject {
        try await core.verification.issue(to: try request.parameters.requiredString("mobile"))
        return [:]
    }

    /// The account is the phone the code was sent to. The document answers `token` and
    /// `nick_name`; the original answered a `user` object: both are sent.
    func register(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let account = try p.requiredString("account")
        guard Validate.isPhone(account) else { throw CoreError.invalid("account") }
        var registration = Registration(account: account, phone: account, password: .md5OrPlain(try p.requiredString("pwd")),
                                        nickname: "大米_\(Int(core.now().timeIntervalSince1970))_\(Int.random(in: 1...99_999))")
        registration.smsCode = try p.requiredString("code")
        let user = try await core.accounts.register(registration)
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return [
            "token": .string(session.token),
            "nick_name": .string(user.nickname),
            "user": .object(try await loginUser(user, token: session.token)),
        ]
    }
}
