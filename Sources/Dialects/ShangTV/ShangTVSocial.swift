import DialectKit
import LiveCore
import LiveJSON

/// Follows, blacklist, private letters (ShangTVLetters.swift) and reports.
extension ShangTVDialect {
    var socialRoutes: [Route] {
        [
            authed("/focus/focus_other", OperationName.socialFollow) { try await $0.focusOther($1, $2) },
            authed("/focus/cancel_focus", OperationName.socialUnfollow) { try await $0.cancelFocus($1, $2) },
            authed("/focus/focus_list", OperationName.socialFollowing) { try await $0.focusList($1, $2) },
            authed("/focus/fans_list", OperationName.socialFollowers) { try await $0.fansList($1, $2) },
            authed("/focus/search_focus", OperationName.socialIsFollowing) { try await $0.searchFocus($1, $2) },
            authed("/black/add_black", OperationName.socialBlacklist) { try await $0.addBlack($1, $2) },
            authed("/black/del_black", OperationName.socialUnblacklist) { try await $0.delBlack($1, $2) },
            authed("/black/black_list", OperationName.socialBlacklisted) { try await $0.blackList($1, $2) },
            open("/report", OperationName.moderationReport) { try await $0.report($1) },
        ] + letterRoutes
    }

    // MARK: Follows

    /// 41 yourself, 25 when they blacklisted you, 8 unknown; following again is 0.
    func focusOther(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.follows.follow(user.id, try Self.userID(request.parameters, "oid"))
        return [:]
    }

    /// 6 when not following.
    func cancelFocus(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.follows.unfollow(user.id, try Self.userID(request.parameters, "oid"))
        return [:]
    }

    /// The people the caller follows, the newest follow first, ten to a page. `id` is the follow's
    /// own id. While the person is live: `room_id` their broadcast's id (a string, as every shangtv
    /// answer writes broadcast ids: they need not fit 64 bits), `live` its RTMP play address and
    /// `cover` its picture; otherwise all three are "".
    func focusList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        let following = try await core.follows.following(of: user.id, offset: page.offset, limit: page.limit)
        var live: [Int64: BroadcastView] = [:]
        if !following.isEmpty {
            for view in try await core.broadcasts.followedLive(of: user.id, offset: 0, limit: 1000).views where view.isLive {
                live[view.broadcast.ownerID] = live[view.broadcast.ownerID] ?? view
            }
        }
        var rows: [JSONValue] = []
        for (entry, _) in following {
            let other = entry.user
            let broadcast = live[other.id]
            rows.append([
                "id": .string(String(entry.id)),
                "image": .string(try await image(of: other)),
                "nick_name": .string(other.nickname),
                "sex": .string(String(Self.sexCode(other.sex))),
                "signature": .string(other.signature),
                "uid": .string(String(other.id)),
                "user_level": 0,
                "anchor_level": 0,
                "live": .string(broadcast?.stream?.playRTMPURL ?? ""),
                "room_id": .string(broadcast?.broadcast.id ?? ""),
                "cover": .string(broadcast?.coverAddress ?? ""),
            ])
        }
        return ["focus": .array(rows)]
    }

    /// The caller's fans, the newest first; `count` is how many fans there are in all, `relation`
    /// "1" when the caller follows the fan back, `statue` "1" while the fan is live.
    func fansList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        let (fans, total) = try await core.follows.followers(of: user.id, offset: page.offset, limit: page.limit)
        var rows: [JSONValue] = []
        for (entry, mutual) in fans {
            let other = entry.user
            rows.append([
                "id": .string(String(entry.id)),
                "image": .string(try await image(of: other)),
                "nick_name": .string(other.nickname),
                "relation": mutual ? "1" : "0",
                "sex": .string(String(Self.sexCode(other.sex))),
                "signature": .string(other.signature),
                "statue": try await isLive(other) ? "1" : "0",
                "uid": .string(String(other.id)),
                "user_level": 0,
                "anchor_level": 0,
            ])
        }
        return ["count": .int(total), "fans": .array(rows)]
    }

    /// 0 when the caller follows `oid`, 6 when not, 8 unknown.
    func searchFocus(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        guard try await core.follows.isFollowing(user.id, try Self.userID(request.parameters, "oid"), requireFollowee: true) else {
            throw CoreError(.notFollowing)
        }
        return [:]
    }

    // MARK: Blacklist

    /// The blacklisted user's follow of the caller ends; they can neither follow nor write to the
    /// caller (25) until taken off. Adding twice is 0; yourself is 10.
    func addBlack(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.blacklists.add(user.id, try Self.userID(request.parameters, "blackid"))
        return [:]
    }

    /// Removing someone who is not on the list is 0.
    func delBlack(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.blacklists.remove(user.id, try Self.userID(request.parameters, "blackid"))
        return [:]
    }

    /// The caller's blacklist, the newest first. The document names the page `Index`; `index` is
    /// read too.
    func blackList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        var p = request.parameters
        if !p.has("index"), let index = p.raw("Index") { p.set("index", index) }
        let page = try Self.page(p)
        var rows: [JSONValue] = []
        for other in try await core.blacklists.list(of: user.id, offset: page.offset, limit: page.limit) {
            rows.append([
                "image": .string(try await image(of: other)),
                "level": "0",
                "location": .string(other.location),
                "nick_name": .string(other.nickname),
                "signature": .string(other.signature),
                "uid": .string(String(other.id)),
            ])
        }
        return ["black": .array(rows)]
    }

    // MARK: Reports

    /// `uid` (the reporter), `oid` (the one reported), `desc`. The document lists no token: with
    /// one, it must be the reporter's (24 / 7 as everywhere); without, the report is filed under
    /// `uid` (8 when no such user) and kept marked as unauthenticated.
    func report(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let target = try Self.userID(p, "oid")
        let description = try p.string("desc") ?? ""
        let reporter: Int64
        let authenticated: Bool
        if let token = try p.string("token"), !token.isEmpty {
            reporter = try await caller(request).id
            authenticated = true
        } else {
            guard !settings[Settings.reportRequiresToken] else { throw CoreError(.missingToken) }
            reporter = try Self.userID(p, "uid")
            authenticated = false
        }
        guard target != reporter else { throw CoreError.invalid("oid") }
        try await core.moderation.report(from: reporter, about: target, description, authenticated: authenticated)
        return [:]
    }
}
