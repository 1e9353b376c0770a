import DialectKit
import HTTPTypes
import LiveCore

/// A REST failure: the HTTP status (also sent, as a string, in `code`) and the `msg` text.
struct RESTStatus: Sendable, Equatable {
    let status: Int
    let msg: String

    init(_ status: Int, _ msg: String) {
        self.status = status
        self.msg = msg
    }

    var httpStatus: HTTPResponse.Status { HTTPResponse.Status(code: status) }

    static let badRequest = RESTStatus(400, "参数错误")
    static let notAuthenticated = RESTStatus(401, "未提供身份认证信息(token)")
    static let invalidToken = RESTStatus(401, "token无效或已过期,请重新登录")
    static let forbidden = RESTStatus(403, "无权执行此操作")
    static let serverError = RESTStatus(500, "服务器内部错误")

    /// The one table: how the core's errors read in the REST dialect. Field errors (`invalidParameter`)
    /// name their field: `"<field>: <reason>"`, with the reasons of `fields` or a generic one.
    static let table = ErrorTable<RESTStatus>(
        fallback: badRequest,
        [
            .invalidParameter: badRequest,
            .missingToken: notAuthenticated,
            .invalidToken: invalidToken,
            .tokenUserMismatch: RESTStatus(403, "token与用户不符"),
            .userNotFound: RESTStatus(404, "用户不存在"),
            .wrongPassword: RESTStatus(400, "用户名或密码错误"),
            .accountTaken: RESTStatus(400, "username: 用户名已存在"),
            .nicknameTaken: RESTStatus(400, "nickname: 昵称已被使用"),
            .phoneTaken: RESTStatus(400, "phone: 手机号已被注册"),
            .emailTaken: RESTStatus(400, "email: 邮箱已被注册"),
            .phoneNotRegistered: RESTStatus(400, "phone: 手机号未注册"),
            .codeInvalid: RESTStatus(400, "captcha: 验证码错误或已过期"),
            .codeExhausted: RESTStatus(400, "captcha: 验证码错误次数过多,请重新获取"),
            .phoneNotVerified: RESTStatus(400, "captcha: 手机号未验证"),
            // Django REST framework's throttling status.
            .codeTooSoon: RESTStatus(429, "验证码请求过于频繁,请稍后再试"),
            .codeLimitReached: RESTStatus(429, "验证码发送次数已达上限,请稍后再试"),
            .tooManyAttempts: RESTStatus(429, "尝试次数过多,请稍后再试"),
            .roomNotFound: RESTStatus(404, "房间不存在"),
            .notOwner: RESTStatus(403, "无权修改此房间"),
            .notAdministrator: forbidden,
            .invalidImage: RESTStatus(400, "icon: 不是有效的图片"),
            .imageTooLarge: RESTStatus(400, "icon: 图片过大"),
            .contentTooLarge: RESTStatus(400, "body: 请求体过大"),
            .bannedTemporarily: RESTStatus(403, "账号已被暂时封禁"),
            .bannedPermanently: RESTStatus(403, "账号已被封禁"),
            .followSelf: badRequest,
            .notFollowing: badRequest,
            .blocked: forbidden,
            .letterToSelf: badRequest,
            .conversationNotFound: RESTStatus(404, "未找到"),
            .alreadyDone: badRequest,
            .broadcastNotFound: RESTStatus(404, "未找到"),
            .broadcastFinished: badRequest,
            .notLive: badRequest,
            .limitReached: badRequest,
            .alreadySet: badRequest,
            .internalError: serverError,
        ],
        overrides: [
            // Django REST framework's login answers a wrong name and a wrong password alike, with 400.
            OperationName.accountsLogin: [.userNotFound: RESTStatus(400, "用户名或密码错误")],
            OperationName.accountsChangePassword: [
                .wrongPassword: RESTStatus(400, "old_password: 旧密码错误"),
                .tokenUserMismatch: RESTStatus(403, "username: 只能修改自己的密码"),
            ],
            OperationName.accountsUpdateProfile: [.notOwner: RESTStatus(403, "无权修改其他用户的信息")],
            OperationName.accountsSetAvatar: [.notOwner: RESTStatus(403, "无权修改其他用户的头像")],
            OperationName.accountsExternalLogin: [.accountTaken: RESTStatus(400, "snsid: 该第三方账号无法登录")],
        ],
        fields: [
            "body": RESTStatus(400, "body: 请求体不是合法的JSON对象或表单"),
            "token": RESTStatus(400, "token: 格式错误"),
            "phone": RESTStatus(400, "phone: 手机号格式错误(11位数字)"),
            "email": RESTStatus(400, "email: 邮箱格式错误"),
            "sex": RESTStatus(400, "sex: 取值应为0(男)、1(女)或2(未知)"),
            "age": RESTStatus(400, "age: 应为0到200之间的整数"),
            "login_type": RESTStatus(400, "login_type: 取值应为1(微信)、2(QQ)或3(微博)"),
            "access_token": RESTStatus(400, "access_token: 第三方登录口令无效"),
            "page": RESTStatus(400, "page: 应为正整数"),
            "pageSize": RESTStatus(400, "pageSize: 应为正整数"),
            "active": RESTStatus(400, "active: 应为布尔值(true或false)"),
            "icon": RESTStatus(400, "icon: 应为头像地址或图片文件"),
        ],
        // The core's fields as this dialect's clients spell them.
        names: [.account: "username", .externalID: "snsid", .provider: "login_type", .avatar: "icon",
                .roomName: "room_alias", .roomAlias: "room_alias"]
    )

    /// The reason given for a field the table has no own text for.
    static let genericFieldReason = "缺失或格式错误"

    /// The status and message for `error` raised by `operation`.
    static func of(_ error: CoreError, operation: OperationName?) -> RESTStatus {
        let found = table.code(for: error, operation: operation)
        if error.kind == .invalidParameter, found == badRequest, let field = table.parameter(of: error), !field.isEmpty {
            return RESTStatus(400, "\(field): \(genericFieldReason)")
        }
        return found
    }
}
