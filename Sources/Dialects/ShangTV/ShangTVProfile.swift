import DialectKit
import LiveCore
import LiveJSON

/// Profiles: nickname, sex, location, signature, push, look_info, real-name, upload_image.
extension ShangTVDialect {
    var profileRoutes: [Route] {
        [
            authed("/user/modify_char", OperationName.accountsUpdateProfile) { try await $0.modifyCharacter($1, $2) },
            authed("/user/modify_info_nick", OperationName.accountsUpdateProfile) { try await $0.modifyNickname($1, $2) },
            authed("/user/modify_info_sex", OperationName.accountsUpdateProfile) { try await $0.modifySex($1, $2) },
            authed("/user/modify_info_location", OperationName.accountsUpdateProfile) { try await $0.modifyLocation($1, $2) },
            authed("/user/modify_info_sign", OperationName.accountsUpdateProfile) { try await $0.modifySignature($1, $2) },
            authed("/user/set_push", OperationName.accountsUpdateProfile) { try await $0.setPush($1, $2) },
            authed("/user/refresh_info", OperationName.accountsUser) { try await $0.refreshInfo($1, $2) },
            open("/look_info", OperationName.accountsUser) { try await $0.lookInfo($1) },
            authed("/look_info_all", OperationName.accountsUser) { try await $0.lookInfoAll($1, $2) },
            authed("/user/auth_real", OperationName.moderationSubmitRealName) { try await $0.authReal($1, $2) },
            authed("/user/upload_image", OperationName.mediaSetAvatar) { try await $0.uploadImage($1, $2) },
        ]
    }

    /// A user id parameter (`oid`, `blackid`, …): a positive integer, else 10.
    static func userID(_ p: Parameters, _ name: String) throws -> Int64 {
        let id = try p.requiredInt(name)
        guard id > 0 else { throw CoreError.invalid(name) }
        return id
    }

    /// The other user a request names, 8 when there is none.
    func otherUser(_ p: Parameters, _ name: String) async throws -> User {
        try await core.accounts.user(id: try Self.userID(p, name))
    }

    /// Applies one edit of the caller's profile; every modify endpoint answers `{"ErrCode":0}`.
    func update(_ user: User, _ edit: (inout ProfileChanges) throws -> Void) async throws -> JSONObject {
        var changes = ProfileChanges()
        try edit(&changes)
        _ = try await core.accounts.updateProfile(userID: user.id, changes)
        return [:]
    }

    /// `nickname` and `sex` (either or both; `nick_name` is read too). 54 when the nickname is taken.
    func modifyCharacter(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        return try await update(user) { changes in
            if let nickname = try p.string("nickname") ?? p.string("nick_name"), !nickname.isEmpty { changes.nickname = nickname }
            if let sex = try p.int("sex") { changes.sex = try Self.sex(sex) }
            guard changes.nickname != nil || changes.sex != nil else { throw CoreError.invalid("nickname") }
        }
    }

    func modifyNickname(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await update(user) { $0.nickname = try request.parameters.requiredString("nick_name") }
    }

    func modifySex(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await update(user) { $0.sex = try Self.sex(try request.parameters.requiredInt("sex")) }
    }

    /// The key must be there; an empty value clears the location.
    func modifyLocation(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await update(user) { changes in
            guard let location = try request.parameters.string("location") else { throw CoreError.invalid("location") }
            changes.location = location
        }
    }

    /// The key must be there; an empty value clears the signature.
    func modifySignature(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await update(user) { changes in
            guard let sign = try request.parameters.string("sign") else { throw CoreError.invalid("sign") }
            changes.signature = sign
        }
    }

    /// `push`: 1 / 0 or true / false.
    func setPush(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await update(user) { changes in
            guard let push = try request.parameters.bool("push") else { throw CoreError.invalid("push") }
            changes.pushEnabled = push
        }
    }

    /// The login object again, with the token the caller presented.
    func refreshInfo(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        ["user": .object(try await loginUser(user, token: try request.parameters.requiredString("token")))]
    }

    /// Anyone's public profile; no token needed, and `uid` names the user looked at.
    func lookInfo(_ request: DialectRequest) async throws -> JSONObject {
        ["user": .object(try await publicProfile(try await otherUser(request.parameters, "uid")))]
    }

    func lookInfoAll(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        ["user": .object(try await profile(try await otherUser(request.parameters, "oid"), seenBy: user))]
    }

    /// `name`, `identification` and `identify_type` (1 identity card, 2 passport, 3 military card)
    /// are required; `sex`, `birthday` and `school` optional. Stored, never shown again; the user's
    /// `AuthReal` becomes 2 (verified).
    func authReal(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        guard let document = RealNameRecord.Document(rawValue: Int(clamping: try p.requiredInt("identify_type"))) else {
            throw CoreError.invalid("identify_type")
        }
        let submission = ModerationService.RealNameSubmission(
            name: try p.requiredString("name"), sex: try p.int("sex").map(Self.sex) ?? .unknown,
            birthday: try p.string("birthday") ?? "", identification: try p.requiredString("identification"),
            school: try p.string("school") ?? "", document: document)
        try await core.moderation.submitRealName(userID: user.id, submission)
        return [:]
    }

    /// Deprecated in the document but served: a multipart `file` becomes the user's avatar. The
    /// answer's `file` is the picture's address, the `Image` every user object shows from now on.
    /// 26 without a file or with one that is not a picture.
    func uploadImage(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        guard let file = request.parameters.file("file"), !file.bytes.isEmpty else { throw CoreError(.invalidImage) }
        let media = try await core.media.store(file.bytes)
        _ = try await core.accounts.setAvatar(userID: user.id, media: media)
        return ["file": .string(media.publicPath)]
    }
}
