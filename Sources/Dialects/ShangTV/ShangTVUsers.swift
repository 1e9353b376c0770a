import DialectKit
import LiveCore
import LiveJSON

/// The user objects the document shows, with its exact (Go field) key names.
extension ShangTVDialect {
    /// The login `user` object: every key of the document's login sample.
    func loginUser(_ user: User, token: String) async throws -> JSONObject {
        let counts = try await core.follows.counts(of: user.id)
        return [
            "Uid": .int(user.id),
            "Account": .string(user.account),
            "Tel": .string(user.phone ?? ""),
            "NickName": .string(user.nickname),
            "Sex": .int(Self.sexCode(user.sex)),
            "UserLevel": 0,
            "AnchorLevel": 0,
            "UserExp": 0,
            "AnchorExp": 0,
            "Image": .string(try await core.accounts.avatarAddress(of: user) ?? ""),
            "Diamond": 0,
            "Focus": .int(counts.following),
            "Fans": .int(counts.followers),
            "Coupons": 0,
            "Push": .bool(user.flags.pushEnabled),
            "Signature": .string(user.signature),
            "Token": .string(token),
            "Location": .string(user.location),
            "CanLinkMic": "1",
            "Score": 0,
        ]
    }
}
