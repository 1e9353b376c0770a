import DialectKit
import Foundation
import HTTPTypes
import LiveCore
import LiveJSON

/// The document's bodies: every value a string except `active` (boolean) and `results` (list).
extension RESTDialect {
    static let contentType = "application/json"

    /// `{"status":"FAIL","code":"<status>","msg":"<reason>"}` with that HTTP status.
    static func failure(_ status: RESTStatus) -> DialectResponse {
        let body: JSONObject = ["status": "FAIL", "code": .string(String(status.status)), "msg": .string(status.msg)]
        return .json(.object(body), style: .compact, status: status.httpStatus, contentType: contentType)
    }

    /// A success whose envelope comes first (`status`, `code`, `msg`, then the fields), as the room
    /// samples are written.
    static func success(_ fields: JSONObject, status: HTTPResponse.Status = .ok, msg: String) -> DialectResponse {
        var body: JSONObject = ["status": "SUCCESS", "code": .string(String(status.code)), "msg": .string(msg)]
        body.merge(fields)
        return .json(.object(body), style: .compact, status: status, contentType: contentType)
    }

    /// A success whose envelope comes last (the fields, then `status`, `msg`, `code`), as the user
    /// samples are written.
    static func userSuccess(_ fields: JSONObject, status: HTTPResponse.Status = .ok, msg: String) -> DialectResponse {
        var body = fields
        body["status"] = "SUCCESS"
        body["msg"] = .string(msg)
        body["code"] = .string(String(status.code))
        return .json(.object(body), style: .compact, status: status, contentType: contentType)
    }

    // MARK: Users

    /// The user fields of the samples, in their order. `password` is always "" (the gateway never
    /// shows a verifier); `withPassword: false` leaves the key out, as the UserIcon sample does.
    func userFields(_ user: User, token: String, withPassword: Bool = true) async throws -> JSONObject {
        async let room = core.rooms.room(ownerID: user.id)
        async let identities = core.accounts.identities(userID: user.id)
        async let avatar = core.accounts.avatarAddress(of: user)
        var fields: JSONObject = ["pk": .string(String(user.id)), "username": .string(user.account)]
        if withPassword { fields["password"] = "" }
        fields["token"] = .string(token)
        fields["login_type"] = .string(Self.loginTypeCode(of: try await identities))
        fields["nickname"] = .string(user.nickname)
        fields["sex"] = .string(Self.sexCode(user.sex))
        fields["age"] = .string(String(user.profile.age ?? 0))
        fields["email"] = .string(user.email ?? "")
        fields["phone"] = .string(user.phone ?? "")
        fields["img"] = .string(try await avatar ?? "")
        fields["country"] = .string(user.profile.country)
        fields["province"] = .string(user.profile.province)
        fields["city"] = .string(user.profile.city)
        fields["career"] = .string(user.profile.career)
        fields["roomid"] = .string((try await room).map { String($0.number) } ?? "")
        fields["date_joined"] = .string(Self.dateJoined(user.createdAt))
        return fields
    }

    func userResponse(_ user: User, token: String, status: HTTPResponse.Status = .ok, msg: String,
                      withPassword: Bool = true) async throws -> DialectResponse {
        Self.userSuccess(try await userFields(user, token: token, withPassword: withPassword), status: status, msg: msg)
    }

    /// `sex`: 0 male, 1 female, 2 unknown.
    static func sexCode(_ sex: Sex) -> String {
        switch sex {
        case .male: return "0"
        case .female: return "1"
        case .unknown: return "2"
        }
    }

    /// `sex` as sent: "0", "1" or "2" (or the same integers); absent or "" is nil.
    static func sex(_ p: Parameters) throws -> Sex? {
        guard let text = try p.string("sex")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        switch text {
        case "0": return .male
        case "1": return .female
        case "2": return .unknown
        default: throw CoreError.invalid("sex")
        }
    }

    /// `login_type`: 1 WeChat, 2 QQ, 3 Weibo, each a canonical provider of the core.
    static let providers: [(code: String, provider: String)] = [("1", "wechat"), ("2", "qq"), ("3", "weibo")]

    static func provider(loginType: String) -> String? {
        providers.first { $0.code == loginType }?.provider
    }

    /// "0" for an account opened with a password or a phone; the provider's code for one opened by
    /// a third-party login.
    static func loginTypeCode(of identities: [ExternalIdentity]) -> String {
        for identity in identities {
            if let code = providers.first(where: { $0.provider == identity.provider })?.code { return code }
        }
        return "0"
    }

    /// Django REST framework's ISO 8601 in UTC with a `Z`, always with six fraction digits
    /// (`2016-10-28T02:27:15.211240Z`).
    static func dateJoined(_ date: Date) -> String {
        WireTime.rfc3339(date, fractionDigits: 6, zulu: true)
    }

    // MARK: Rooms

    /// A room item: the document's `pk`, `roomid`, `room_alias`, `active`, and the owner's
    /// `username` and `image`, which the real client reads.
    func roomFields(_ view: RoomView) async throws -> JSONObject {
        [
            "pk": .string(String(view.room.id)),
            "roomid": .string(String(view.room.number)),
            "room_alias": .string(view.room.alias),
            "active": .bool(view.isLive),
            "username": .string(view.owner.account),
            "image": .string(view.ownerAvatar ?? ""),
        ]
    }

    func roomResponse(roomID: Int64, status: HTTPResponse.Status = .ok, msg: String) async throws -> DialectResponse {
        Self.success(try await roomFields(try await core.rooms.view(roomID: roomID, viewer: nil)), status: status, msg: msg)
    }
}
