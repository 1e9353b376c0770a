import DialectKit
import LiveCore

/// A QPlus status with the text its `desc` carries.
struct QPlusStatus: Sendable, Equatable {
    let code: Int
    let desc: String

    init(_ code: Int, _ desc: String) {
        self.code = code
        self.desc = desc
    }

    // The document's table (001, "返回码列表"), with its numbering.
    static let success = QPlusStatus(10000, "成功")
    static let serverError = QPlusStatus(10001, "系统异常")
    static let paramError = QPlusStatus(10002, "参数错误")
    static let expiredSession = QPlusStatus(10003, "登录过期,重新登录")
    static let accountNotExists = QPlusStatus(10100, "账号不存在")
    static let wrongPassword = QPlusStatus(10101, "登录密码错误")
    static let accountExists = QPlusStatus(10102, "账号已注册")
    static let phoneExists = QPlusStatus(10103, "手机已注册")
    static let phoneNotExists = QPlusStatus(10104, "手机不存在")
    static let emailExists = QPlusStatus(10105, "邮箱已注册")
    static let emailNotExists = QPlusStatus(10106, "邮箱不存在")
    static let liveRoomIDNotExist = QPlusStatus(10200, "直播室ID不存在")
    static let repeatedRoomPassword = QPlusStatus(10201, "直播室密码重复")
    static let liveRoomNotExists = QPlusStatus(10202, "直播室不存在")
    static let invalidRoomName = QPlusStatus(10203, "直播室名称非法")
    static let invalidRoomPassword = QPlusStatus(10204, "直播室密码非法")
    static let headPicDecode = QPlusStatus(10300, "头像解码错误")
    // Beyond the document's table: SMS codes arrived with the newer register flow. 10107 is what
    // the original used for a bad authCode before renumbering (10105 later, which the document
    // gives to "email exists", so it cannot be reused here).
    static let badAuthCode = QPlusStatus(10107, "验证码错误")
    static let authCodeTooSoon = QPlusStatus(10108, "验证码请求过于频繁")
    static let loginThrottled = QPlusStatus(10101, "登录失败次数过多,请稍后再试")
    static let banned = QPlusStatus(10001, "账号已被封禁")
    /// Following an anchor who blacklisted you (a rule of the shared core, set through shangtv).
    static let blacklisted = QPlusStatus(10002, "已被对方拉黑")

    /// How the core's errors read in QPlus.
    static let table = ErrorTable<QPlusStatus>(
        fallback: serverError,
        [
            .invalidParameter: paramError,
            .missingToken: expiredSession,
            .invalidToken: expiredSession,
            .tokenUserMismatch: expiredSession,
            .userNotFound: accountNotExists,
            .wrongPassword: wrongPassword,
            .accountTaken: accountExists,
            .nicknameTaken: accountExists,
            .phoneTaken: phoneExists,
            .phoneNotRegistered: phoneNotExists,
            .emailTaken: emailExists,
            .codeInvalid: badAuthCode,
            .codeExhausted: badAuthCode,
            .phoneNotVerified: badAuthCode,
            .codeTooSoon: authCodeTooSoon,
            .codeLimitReached: authCodeTooSoon,
            .tooManyAttempts: authCodeTooSoon,
            .roomNotFound: liveRoomIDNotExist,
            .notOwner: liveRoomIDNotExist,
            .invalidImage: headPicDecode,
            .imageTooLarge: headPicDecode,
            .contentTooLarge: paramError,
            .followSelf: paramError,
            .blocked: blacklisted,
            .bannedTemporarily: banned,
            .bannedPermanently: banned,
            .internalError: serverError,
        ],
        overrides: [
            // "获取自己聊天室时": asking for your own room when you have none.
            OperationName.roomsMine: [.roomNotFound: liveRoomNotExists],
            OperationName.roomsMineID: [.roomNotFound: liveRoomNotExists],
            // The document has no "too many attempts" for logins: the wrong-password status, which
            // every client handles, with words that tell the user to wait.
            OperationName.accountsLogin: [.tooManyAttempts: loginThrottled],
        ],
        fields: [
            "liveRoomName": invalidRoomName,
            "liveRoomAnchorPwd": invalidRoomPassword,
            "liveRoomAssistPwd": invalidRoomPassword,
            "liveRoomUserPwd": invalidRoomPassword,
        ],
        names: [
            .roomName: "liveRoomName", .roomDescription: "liveRoomDesc", .roomTopic: "liveRoomTopic",
            .anchorPassword: "liveRoomAnchorPwd", .assistPassword: "liveRoomAssistPwd", .viewerPassword: "liveRoomUserPwd",
        ]
    )
}
