import DialectKit
import LiveCore

/// The ErrCode table at the end of document 003 ("错误代码说明"), by the numbers it gives.
enum ShangTVCode {
    static let success = 0
    static let unknown = 1
    static let accountExists = 2
    static let wrongPassword = 3
    static let roomNotFound = 4
    static let alreadyFinished = 5
    static let notFollowing = 6
    static let tokenNotYours = 7
    static let accountNotFound = 8
    static let param = 10
    static let verifyTooOften = 13
    static let verifyCode = 14
    static let phoneRegistered = 15
    static let phoneNotBound = 16
    static let sessionNotFound = 23
    static let tokenExpired = 24
    static let blacklisted = 25
    static let uploadEmpty = 26
    static let thirdPartyAuthFailed = 29
    static let tokenNull = 32
    static let thirdPartyPassword = 33
    static let chatNotLive = 35
    static let notHouseManager = 36
    static let letterToSelf = 40
    static let focusSelf = 41
    static let repeatNickname = 54
    static let forbidTemporary = 59
    static let forbidForever = 60
    static let closeRoomNotOwner = 62
    static let playbackMax = 64
    static let playbackRepeat = 65
    static let dailyAlreadyTaken = 85

    /// Pseudo-fields for the two failures the document gives their own codes but the core has no
    /// kind for: a third-party access token the verifier refused ("授权验证失败"), and a password
    /// change on an account opened by a third-party login ("密码不能修改").
    static let thirdPartyTokenField = "shangtv.third_party_token"
    static let noPasswordField = "shangtv.no_password"

    /// How the core's errors read in shangtv.
    static let table = ErrorTable<Int>(
        fallback: unknown,
        [
            .invalidParameter: param,
            .missingToken: tokenNull,
            .invalidToken: tokenExpired,
            .tokenUserMismatch: tokenNotYours,
            .userNotFound: accountNotFound,
            .wrongPassword: wrongPassword,
            .accountTaken: accountExists,
            .emailTaken: accountExists,
            .phoneTaken: phoneRegistered,
            .nicknameTaken: repeatNickname,
            .phoneNotRegistered: phoneNotBound,
            .codeInvalid: verifyCode,
            .codeExhausted: verifyCode,
            .phoneNotVerified: verifyCode,
            .codeTooSoon: verifyTooOften,
            .codeLimitReached: verifyTooOften,
            .tooManyAttempts: verifyTooOften,
            .roomNotFound: roomNotFound,
            .broadcastNotFound: roomNotFound,
            .broadcastFinished: alreadyFinished,
            .notLive: chatNotLive,
            .notOwner: notHouseManager,
            .notAdministrator: notHouseManager,
            .invalidImage: uploadEmpty,
            .imageTooLarge: param,
            .contentTooLarge: param,
            .bannedTemporarily: forbidTemporary,
            .bannedPermanently: forbidForever,
            .followSelf: focusSelf,
            .notFollowing: notFollowing,
            .blocked: blacklisted,
            .letterToSelf: letterToSelf,
            .conversationNotFound: sessionNotFound,
            .alreadyDone: dailyAlreadyTaken,
            .limitReached: playbackMax,
            .alreadySet: playbackRepeat,
            .internalError: unknown,
        ],
        overrides: [
            // "关闭的房间房主不一致": closing someone else's broadcast has its own code.
            OperationName.broadcastsClose: [.notOwner: closeRoomNotOwner],
            // A throttled login reads as a refused password (3): 13 is the code clients show for SMS.
            OperationName.accountsLogin: [.tooManyAttempts: wrongPassword],
        ],
        fields: [
            thirdPartyTokenField: thirdPartyAuthFailed,
            noPasswordField: thirdPartyPassword,
        ]
    )
}
