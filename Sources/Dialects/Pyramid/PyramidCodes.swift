import DialectKit
import LiveCore

/// Pyramid's `result` values: four-digit strings, numbered once across the whole document (000/002).
/// Each operation owns a few of them, so the table below is mostly per-operation overrides.
enum PyramidCode {
    static let success = "0000"
    /// Send code: "该手机号已被注册". Register: the phone is already registered.
    static let phoneRegistered = "0001"
    /// Send code: "其他错误" (not a phone number, asked again too soon, daily limit, SMS failure).
    static let otherError = "0002"
    /// Verify: "验证码错误". Register: the phone was not verified within the window.
    static let wrongCode = "0004"
    /// Verify: "验证码错误次数过多": the attempt that killed the code.
    static let tooManyAttempts = "0005"
    /// Upload and register: "未知错误" (any invalid field, any failure). Also the server-error code of
    /// the operations whose document lists none of their own.
    static let unknownError = "0006"
    /// Login: "用户不存在".
    static let userNotFound = "0007"
    /// Login: "密码错误".
    static let wrongPassword = "0008"
    /// Room (start live, anchor leaves): "API错误，bad request".
    static let badRequest = "0009"
}

/// The operations, as logged, counted and looked up in the table. Several share one route
/// (`POST /register`), so the dispatcher renders failures with the one it chose.
enum PyramidOperation {
    static let sendCode = OperationName.verificationIssue
    static let verify = OperationName.verificationVerify
    static let upload = OperationName.mediaUpload
    static let register = OperationName.accountsRegister
    static let login = OperationName.accountsLogin
    static let goLive = OperationName.roomsLive
    static let leave = OperationName.roomsLeave
    /// The label of `POST /register`, which dispatches to send code, verify or register. A failure
    /// before dispatch (an unreadable body) reads through the defaults: 0006.
    static let registration = OperationName("registration")
}

extension PyramidCode {
    /// Every kind mapped to `code`, except those in `except`.
    private static func all(_ code: String, except: [CoreError.Kind: String] = [:]) -> [CoreError.Kind: String] {
        var map: [CoreError.Kind: String] = [:]
        for kind in CoreError.Kind.allCases { map[kind] = except[kind] ?? code }
        return map
    }

    /// How the core's errors read in Pyramid. The defaults are what a kind means anywhere; each
    /// operation then maps every kind to one of its own documented codes, so no operation can
    /// answer with another operation's code.
    static let table = ErrorTable<String>(
        fallback: unknownError,
        [
            .invalidParameter: unknownError,
            .phoneTaken: phoneRegistered,
            .accountTaken: phoneRegistered,
            .codeInvalid: wrongCode,
            .codeExhausted: tooManyAttempts,
            .phoneNotVerified: wrongCode,
            .codeTooSoon: otherError,
            .codeLimitReached: otherError,
            .userNotFound: userNotFound,
            .wrongPassword: wrongPassword,
            .missingToken: badRequest,
            .invalidToken: badRequest,
            .invalidImage: unknownError,
            .imageTooLarge: unknownError,
            .contentTooLarge: unknownError,
            .internalError: unknownError,
        ],
        overrides: [
            // 0000 / 0001 / 0002: a registered phone is 0001, anything else 0002.
            PyramidOperation.sendCode: all(otherError, except: [.phoneTaken: phoneRegistered, .accountTaken: phoneRegistered]),
            // 0000 / 0004 / 0005: a malformed request is a wrong code; a server failure is not.
            PyramidOperation.verify: all(wrongCode, except: [
                .codeExhausted: tooManyAttempts, .tooManyAttempts: tooManyAttempts, .internalError: unknownError,
            ]),
            // 0000 / 0006.
            PyramidOperation.upload: all(unknownError),
            // 0000 / 0006, plus 0001 (registered) and 0004 (phone not verified) from the issue.
            PyramidOperation.register: all(unknownError, except: [
                .phoneTaken: phoneRegistered, .accountTaken: phoneRegistered,
                .phoneNotVerified: wrongCode, .codeInvalid: wrongCode, .codeExhausted: wrongCode,
            ]),
            // 0000 / 0007 / 0008: no or an unknown user is 0007; anything refusing a known user
            // (wrong or missing password, a ban) is 0008.
            PyramidOperation.login: all(wrongPassword, except: [
                .userNotFound: userNotFound, .invalidParameter: userNotFound, .contentTooLarge: userNotFound,
                .internalError: unknownError,
            ]),
            // 0000 / 0009 for everything, server failures included: the only code the room has.
            PyramidOperation.goLive: all(badRequest),
            PyramidOperation.leave: all(badRequest),
        ]
    )
}
