import DialectKit
import Foundation
import HTTPTypes
import LiveCore
import LiveJSON

/// Sections 1, 6, 7 and 8 of the document: registration, the avatar, the password, the profile.
extension RESTDialect {
    var userEndpoints: [RESTEndpoint] {
        let password = RESTEndpoint.init(
            path: "/password/", name: "User Password",
            description: "修改密码: 返回新的token, 原有token失效",
            actions: [
                RESTAction(.put, OperationName.accountsChangePassword, fields: [
                    RESTField("username", "用户名", required: true),
                    RESTField("old_password", "旧密码", required: true),
                    RESTField("password", "新密码", required: true),
                    .token,
                ]) { try await $0.changePassword($1) },
            ])
        var usersPassword = password
        usersPassword.path = "/users/password/"
        return [
            RESTEndpoint(path: "/users/", name: "User List", description: "普通注册: 创建用户并分配房间(roomid), 返回token",
                         actions: [
                            RESTAction(.post, OperationName.accountsRegister, fields: [
                                RESTField("username", "用户名", required: true),
                                RESTField("password", "密码", required: true),
                                RESTField("nickname", "昵称", required: true),
                            ] + Self.profileFields) { try await $0.register($1) },
                         ]),
            RESTEndpoint(path: "/users/icon/:pk/", name: "User Icon",
                         description: "修改用户头像: icon 为头像地址, 或 multipart 上传的图片文件",
                         actions: [
                            RESTAction(.put, OperationName.accountsSetAvatar, fields: [
                                RESTField("icon", "头像地址(或图片文件)", required: true),
                                .token,
                            ]) { try await $0.changeIcon($1) },
                         ]),
            password,
            usersPassword,
            RESTEndpoint(path: "/users/:pk/", name: "User Instance", description: "修改用户基本信息(只能修改自己的)",
                         actions: [
                            RESTAction(.put, OperationName.accountsUpdateProfile, fields: [
                                .token,
                                RESTField("username", "用户名"),
                                RESTField("nickname", "昵称"),
                            ] + Self.profileFields) { try await $0.updateUser($1) },
                         ]),
        ]
    }

    static let profileFields = [
        RESTField("sex", "0:男, 1:女, 2:未知"),
        RESTField("age", "年龄"),
        RESTField("email", "email"),
        RESTField("phone", "手机"),
        RESTField("country", "国家"),
        RESTField("province", "省/直辖市"),
        RESTField("city", "市"),
        RESTField("career", "职业"),
    ]

    static let maxPassword = 128
    static let maxText = 64

    /// `age`: an integer 0…200 (or its text); absent or "" is nil.
    static func age(_ p: Parameters) throws -> Int? {
        guard let age = try p.int("age") else { return nil }
        guard (0...200).contains(age) else { throw CoreError.invalid("age") }
        return Int(age)
    }

    static func text(_ p: Parameters, _ name: String) throws -> String? {
        try p.string(name).map { try Validate.text($0, field: name, max: maxText) }
    }

    /// The optional profile fields of registration and third-party login.
    static func profile(_ p: Parameters) throws -> User.Profile {
        User.Profile(age: try age(p), country: try text(p, "country") ?? "", province: try text(p, "province") ?? "",
                     city: try text(p, "city") ?? "", career: try text(p, "career") ?? "")
    }

    static func newPassword(_ p: Parameters, _ name: String) throws -> String {
        let password = try p.requiredString(name)
        guard password.count <= maxPassword else { throw CoreError.invalid(name) }
        return password
    }

    /// Registration opens the account, assigns its room and logs it in. The document's sample
    /// answers 200 (not the framework's usual 201 for a creation).
    func register(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        let username = try p.requiredString("username")
        let password = try Self.newPassword(p, "password")
        let nickname = try p.requiredString("nickname")
        _ = try Validate.text(nickname, field: "nickname", max: Self.maxText)
        var registration = Registration(account: username, phone: Self.nonEmpty(try p.string("phone")),
                                        email: Self.nonEmpty(try p.string("email")), password: .plain(password),
                                        nickname: nickname, sex: try Self.sex(p) ?? .unknown)
        registration.profile = try Self.profile(p)
        let user = try await core.accounts.register(registration, from: request.source)
        _ = try await core.rooms.create(ownerID: user.id, RoomFields())
        let token = try await mintToken(for: user)
        return try await userResponse(user, token: token, msg: "创建成功")
    }

    /// The user named by the path, which must be the caller: 404 for an unknown pk, 403 for another's.
    func ownUser(_ request: DialectRequest, caller: User) async throws -> User {
        let pk = try Self.pathPK(request, notFound: .userNotFound)
        let target = try await core.accounts.user(id: pk)
        guard target.id == caller.id else { throw CoreError(.notOwner) }
        return target
    }

    /// `icon` as an address (the document), or as an uploaded picture file (what the document says
    /// it will become: "待修改为二进制流").
    func changeIcon(_ request: DialectRequest) async throws -> DialectResponse {
        let (session, caller) = try await authenticate(request)
        let user = try await ownUser(request, caller: caller)
        let updated: User
        if let file = request.parameters.file("icon") {
            let media = try await core.media.store(file.bytes)
            updated = try await core.accounts.setAvatar(userID: user.id, media: media)
        } else {
            let icon = try request.parameters.requiredString("icon")
            var changes = ProfileChanges()
            changes.avatarURL = icon
            updated = try await core.accounts.updateProfile(userID: user.id, changes)
        }
        return try await userResponse(updated, token: session.token, msg: "修改成功", withPassword: false)
    }

    /// A password change ends every session of the account (in every dialect) and answers a new token.
    /// An account opened by a phone or third-party login has no password yet: it sets its first one
    /// with its token alone (`old_password` may then be absent or empty).
    func changePassword(_ request: DialectRequest) async throws -> DialectResponse {
        let (_, caller) = try await authenticate(request)
        let p = request.parameters
        let username = try p.requiredString("username")
        let hasPassword = caller.passwordVerifier != nil
        let old = hasPassword ? try p.requiredString("old_password") : nil
        let password = try Self.newPassword(p, "password")
        guard let named = try await core.accounts.user(login: username), named.id == caller.id else {
            throw CoreError(.tokenUserMismatch)
        }
        try await core.accounts.changePassword(userID: caller.id, old: old.map { .plain($0) }, new: .plain(password))
        try await core.sessions.revokeAll(userID: caller.id)
        let token = try await mintToken(for: caller)
        return try await userResponse(try await core.accounts.user(id: caller.id), token: token, msg: "修改成功")
    }

    /// Absent fields stay as they are. An empty `username`, `nickname`, `sex` or `age` also leaves
    /// it as it is (they cannot be blank); an empty `email`, `phone`, `country`, `province`, `city` or
    /// `career` clears it.
    func updateUser(_ request: DialectRequest) async throws -> DialectResponse {
        let (session, caller) = try await authenticate(request)
        let user = try await ownUser(request, caller: caller)
        let p = request.parameters
        var changes = ProfileChanges()
        changes.account = Self.nonEmpty(try p.string("username"))
        changes.nickname = Self.nonEmpty(try p.string("nickname"))
        if let nickname = changes.nickname { _ = try Validate.text(nickname, field: "nickname", max: Self.maxText) }
        changes.sex = try Self.sex(p)
        changes.age = try Self.age(p)
        changes.email = try p.string("email")
        changes.phone = try p.string("phone")
        changes.country = try Self.text(p, "country")
        changes.province = try Self.text(p, "province")
        changes.city = try Self.text(p, "city")
        changes.career = try Self.text(p, "career")
        let updated = try await core.accounts.updateProfile(userID: user.id, changes)
        return try await userResponse(updated, token: session.token, msg: "修改成功")
    }
}
