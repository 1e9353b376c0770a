import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// The user objects the document shows, with its exact (Go field) key names and types: the login
/// object's integers stay integers, the list rows' ids and sexes are strings (the original's
/// `map[string]string` rows), as the samples print them.
extension ShangTVDialect {
    /// The login `user` object: every key of the document's login sample, then the three the
    /// original's `LoginInfo` added (`Moon`, `AuthReal`, `IsSuperUser`). Levels, experience and the
    /// currencies are 0: this gateway keeps no economy.
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
            "Image": .string(try await image(of: user)),
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
            "Moon": 0,
            "AuthReal": .int(user.flags.realNameState.rawValue),
            "IsSuperUser": .bool(user.flags.isAdmin),
        ]
    }

    /// The avatar address, or "" without one.
    func image(of user: User) async throws -> String {
        try await core.accounts.avatarAddress(of: user) ?? ""
    }

    /// `/look_info`'s user: the public profile.
    func publicProfile(_ user: User) async throws -> JSONObject {
        let counts = try await core.follows.counts(of: user.id)
        return [
            "Image": .string(try await image(of: user)),
            "NickName": .string(user.nickname),
            "Sex": .int(Self.sexCode(user.sex)),
            "Signature": .string(user.signature),
            "Location": .string(user.location),
            "Focus": .int(counts.following),
            "Fans": .int(counts.followers),
            "School": .string(user.profile.school),
        ]
    }

    /// `/look_info_all`'s user, seen by `viewer`: the public profile with the relation. `Gag` is
    /// always 0: this gateway has no chat gags yet.
    func profile(_ user: User, seenBy viewer: User) async throws -> JSONObject {
        var fields: JSONObject = ["Uid": .int(user.id)]
        fields.merge(try await publicProfile(user))
        fields["School"] = nil
        fields.merge([
            "IsFocus": .bool(try await core.follows.isFollowing(viewer.id, user.id)),
            "UserLevel": 0,
            "AnchorLevel": 0,
            "Gag": 0,
            "School": .string(user.profile.school),
        ])
        return fields
    }

    /// Whether the user's room is live now (whichever dialect made it live).
    func isLive(_ user: User) async throws -> Bool {
        guard let room = try await core.rooms.room(ownerID: user.id) else { return false }
        return room.isLive(at: core.now())
    }

    // MARK: Times

    /// The original ran in China and printed local times: +08:00, whatever the server's zone.
    static let timeZone = TimeZone(secondsFromGMT: 8 * 3600)!

    /// Go's `time.Time` in JSON as the original (China, +08:00) wrote it: RFC 3339, whole seconds
    /// (it kept them in MySQL).
    static func rfc3339(_ date: Date) -> String {
        WireTime.rfc3339(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)),
                         utcOffset: timeZone.secondsFromGMT(), fractionDigits: 0)
    }

    /// A MySQL DATETIME as the original's rows printed it: `2016-03-30 10:40:19`.
    static func dateTime(_ date: Date) -> String {
        format(date, "yyyy-MM-dd HH:mm:ss")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
