import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// Accounts: registration by SMS code, login, codes (the document's first sections, plus the
/// original's undocumented send_sns), passwords, the phone check and the daily record.
extension ShangTVDialect {
    var accountRoutes: [Route] {
        [
            open("/action/login", OperationName.accountsLogin) { try await $0.login($1) },
            open("/action/send_sns", OperationName.verificationIssue) { try await $0.sendSMS($1) },
            open("/action/register", OperationName.accountsRegister) { try await $0.register($1) },
            open("/action/verify_tel", OperationName.accountsPhoneRegistered) { try await $0.verifyTel($1) },
            open("/action/modify_pwd", OperationName.accountsResetPassword) { try await $0.recoverPassword($1) },
            authed("/user/modify_pwd", OperationName.accountsChangePassword) { try await $0.changePassword($1, $2) },
            authed("/action/daily_record", OperationName.dailyRecord) { try await $0.dailyRecord($1, $2) },
        ]
    }

    /// Longest password accepted, MD5 hex or plaintext.
    static let maxPassword = 128

    static func password(_ p: Parameters, _ name: String) throws -> PasswordInput {
        let value = try p.requiredString(name)
        guard value.count <= maxPassword else { throw CoreError.invalid(name) }
        return .md5OrPlain(value)
    }

    /// The nickname the original gave new accounts: `大米_<unix seconds>_<random>`.
    func generatedNickname() -> String {
        "大米_\(Int(core.now().timeIntervalSince1970))_\(Int.random(in: 1...99_999))"
    }

    /// `pwd` is the MD5 hex the clients send; anything else is taken as plaintext.
    func login(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let account = try p.requiredString("account")
        let user = try await core.accounts.login(account, password: try Self.password(p, "pwd"), from: request.source)
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return ["user": .object(try await loginUser(user, token: session.token))]
    }

    func sendSMS(_ request: DialectRequest) async throws -> JSONObject {
        try await core.verification.issue(to: try request.parameters.requiredString("mobile"), from: request.source)
        return [:]
    }

    /// The account is the phone the code was sent to. The document answers `token` and
    /// `nick_name`; the original answered a `user` object: both are sent.
    func register(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let account = try p.requiredString("account")
        guard Validate.isPhone(account) else { throw CoreError.invalid("account") }
        var registration = Registration(account: account, phone: account, password: try Self.password(p, "pwd"),
                                        nickname: generatedNickname())
        registration.smsCode = try p.requiredString("code")
        let user = try await core.accounts.register(registration, from: request.source)
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return [
            "token": .string(session.token),
            "nick_name": .string(user.nickname),
            "user": .object(try await loginUser(user, token: session.token)),
        ]
    }

    /// 15 when the phone has an account, 0 when it is free.
    func verifyTel(_ request: DialectRequest) async throws -> JSONObject {
        let tel = try request.parameters.requiredString("tel")
        guard Validate.isPhone(tel) else { throw CoreError.invalid("tel") }
        if try await core.accounts.user(phone: tel) != nil { throw CoreError(.phoneTaken) }
        return [:]
    }

    /// Password recovery: `account` (its login name or phone), the new `pwd`, and a `code` sent to
    /// the account's phone. 8 unknown account, 16 an account without a phone, 14 a wrong code.
    func recoverPassword(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let account = try p.requiredString("account")
        let password = try Self.password(p, "pwd")
        let code = try p.requiredString("code")
        guard let user = try await core.accounts.user(login: account) else { throw CoreError(.userNotFound) }
        guard let phone = user.phone else { throw CoreError(.phoneNotRegistered) }
        _ = try await core.accounts.resetPassword(phone: phone, code: code, new: password, from: request.source)
        return [:]
    }

    /// `oldpwd` and `newpwd`: 3 when the old one is wrong, 33 for an account opened by a
    /// third-party login (it has no password to change).
    func changePassword(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let old = try Self.password(p, "oldpwd")
        let new = try Self.password(p, "newpwd")
        guard user.passwordVerifier != nil else { throw CoreError.invalid(ShangTVCode.noPasswordField) }
        try await core.accounts.changePassword(userID: user.id, old: old, new: new)
        return [:]
    }

    /// Once a day, by the calendar in China; 85 the second time the same day.
    func dailyRecord(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.daily.record(userID: user.id, activity: "check-in", timeZone: Self.timeZone)
        return [:]
    }
}
