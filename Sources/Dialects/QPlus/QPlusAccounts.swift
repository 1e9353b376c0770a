import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// The account half of 001: login, registration, passwords, profile and head pictures, plus the
/// original's undocumented AuthCode.
extension QPlusDialect {
    var accountRoutes: [Route] {
        [
            route("/live/Login", OperationName.accountsLogin) { try await $0.login($1) },
            route("/live/Register", OperationName.accountsRegister) { try await $0.register($1) },
            route("/live/AuthCode", OperationName.verificationIssue) { try await $0.authCode($1) },
            route("/live/ModifyUserPwd", OperationName.accountsChangePassword) { try await $0.modifyPassword($1) },
            route("/live/ModifyUserInfo", OperationName.accountsUpdateProfile) { try await $0.modifyInfo($1) },
            route("/live/ModifyUserHeadPic", OperationName.mediaSetAvatar) { try await $0.modifyHeadPic($1) },
            Route(nil, "/live/GetUserHeadPic", operation: OperationName.mediaLoad) { [self] in try await headPic($0) },
        ]
    }

    /// Passwords shorter than this are refused, as the original did ("密码小于6位").
    static let minimumPassword = 6

    func login(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let user = try await core.accounts.login(try p.requiredString("account"), password: .plain(try p.string("password") ?? ""), from: request.source)
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        let room = try await core.rooms.room(ownerID: user.id)
        return [
            "account": .string(user.account),
            "nickName": .string(user.nickname),
            "liveRoomId": .int(room?.id ?? 0),
            "sessionId": .string(session.token),
            "headPicId": .int(user.avatarMediaID ?? 0),
            "sex": .int(Self.sexCode(user.sex)),
        ]
    }

    /// Both shapes: the document's `{account, phone, email, password}` and the newer client's
    /// `{phone, password, authCode}`.
    func register(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let password = try p.requiredString("password")
        guard password.count >= Self.minimumPassword, password.count <= 128 else { throw CoreError.invalid("password") }
        var registration: Registration
        if let code = try p.string("authCode"), !code.isEmpty {
            let phone = try p.requiredString("phone")
            guard Validate.isPhone(phone) else { throw CoreError.invalid("phone") }
            registration = Registration(account: phone, phone: phone, password: .plain(password))
            registration.smsCode = code
        } else {
            registration = Registration(account: try p.requiredString("account"), phone: try p.string("phone"),
                                        email: try p.string("email"), password: .plain(password))
        }
        _ = try await core.accounts.register(registration, from: request.source)
        return [:]
    }

    func authCode(_ request: DialectRequest) async throws -> JSONObject {
        let phone = try request.parameters.requiredString("phone")
        try await core.verification.issue(to: phone, requireUnregistered: true, from: request.source)
        return [:]
    }

    /// The document's `{phone, password}` would let anyone reset anyone's password, so the gateway
    /// also asks for proof: a session of that user, or an authCode sent to that phone.
    func modifyPassword(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let phone = try p.requiredString("phone")
        let password = try p.requiredString("password")
        guard Validate.isPhone(phone) else { throw CoreError.invalid("phone") }
        guard password.count >= Self.minimumPassword, password.count <= 128 else { throw CoreError.invalid("password") }
        guard let owner = try await core.accounts.user(phone: phone) else { throw CoreError(.phoneNotRegistered) }
        if let token = try p.string("sessionId"), !token.isEmpty {
            let user = try await core.sessions.authenticate(token).user
            guard user.id == owner.id else { throw CoreError(.tokenUserMismatch) }
            try await core.accounts.changePassword(userID: owner.id, old: nil, new: .plain(password))
        } else if let code = try p.string("authCode"), !code.isEmpty {
            _ = try await core.accounts.resetPassword(phone: phone, code: code, new: .plain(password), from: request.source)
        } else {
            throw CoreError(.missingToken)
        }
        return [:]
    }

    /// Empty strings and sex 0 mean "leave as it is", as the document says.
    func modifyInfo(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        var changes = ProfileChanges()
        if let nickname = try p.string("nickName"), !nickname.isEmpty { changes.nickname = nickname }
        switch try p.int("sex") ?? 0 {
        case 0: break
        case 1: changes.sex = .male
        case 2: changes.sex = .female
        default: throw CoreError.invalid("sex")
        }
        if let address = try p.string("address"), !address.isEmpty { changes.location = address }
        _ = try await core.accounts.updateProfile(userID: user.id, changes)
        return [:]
    }

    func modifyHeadPic(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let text = try request.parameters.requiredString("headPic").filter { !$0.isWhitespace }
        guard Self.isStandardBase64(text), let data = Data(base64Encoded: text) else { throw CoreError(.invalidImage) }
        let media = try await core.media.store(Array(data))
        _ = try await core.accounts.setAvatar(userID: user.id, media: media)
        return ["headPicId": .int(media.id)]
    }

    /// Standard base64 as the original's Go `base64.StdEncoding` read it: A–Z a–z 0–9 + /, a length
    /// that is a multiple of 4, and `=` only as the last one or two characters. Foundation on Linux
    /// also accepts `=` anywhere (`"ab=c"`, `"iVBORw0KGgo====="`), so the shape is checked first.
    static func isStandardBase64(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let data = bytes.prefix { $0 != UInt8(ascii: "=") }
        guard bytes.count - data.count <= 2, bytes[data.count...].allSatisfy({ $0 == UInt8(ascii: "=") }) else { return false }
        return data.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"): return true
            default: return false
            }
        }
    }

    /// The picture's bytes with its image type; any failure is the JSON 10002 envelope.
    func headPic(_ request: DialectRequest) async throws -> DialectResponse {
        guard let id = try? request.parameters.int("id"), id > 0,
              let (media, bytes) = try await core.media.load(id: id) else {
            throw CoreError.invalid("id")
        }
        return .bytes(bytes, contentType: media.kind.contentType)
    }
}
