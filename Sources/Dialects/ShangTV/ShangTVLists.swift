import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// Room lists: list_room, recommand_list, focus_live_list, room_info, chat_info, audience_info, check_channel.
///
/// Every list shows broadcasts, and a room made live by another dialect has one (the core opens it),
/// so these lists show every live room, whoever made it live. Items use the document's keys, all
/// strings, `statue` (sic) "1" live / "0" not.
extension ShangTVDialect {
    var listRoutes: [Route] {
        [
            open("/list_room", OperationName.broadcastsLive) { try await $0.listRoom($1) },
            open("/recommand_list", OperationName.broadcastsRecommended) { try await $0.recommendList($1) },
            authed("/focus/focus_live_list", OperationName.broadcastsFollowed) { try await $0.focusLiveList($1, $2) },
            open("/room_info", OperationName.broadcastsView) { try await $0.roomInfo($1) },
            authed("/chat_info", OperationName.broadcastsChat) { try await $0.chatInfo($1, $2) },
            authed("/audience_info", OperationName.broadcastsAudience) { try await $0.audienceInfo($1, $2) },
            authed("/check_channel/:num", OperationName.broadcastsCheck) { try await $0.checkChannel($1, $2) },
        ]
    }

    /// The live broadcasts, newest first, ten to a page by `index`.
    func listRoom(_ request: DialectRequest) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        let (views, _) = try await core.broadcasts.live(offset: page.offset, limit: page.limit)
        return ["RoomList": .array(views.map { .object(Self.roomItem($0)) })]
    }

    /// `RoomList` (live, by `index`) and `PlayBackList` (playbacks, recommended first, by
    /// `play_index`). Conference rooms are not served: `MultipleList` and `PlayBackMultipleList`
    /// are always empty. (The sample's `" MultipleList"` key has a stray space.)
    func recommendList(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let page = try Self.page(p)
        let playPage = try Self.page(p, "play_index")
        let (live, _) = try await core.broadcasts.live(offset: page.offset, limit: page.limit)
        let playbacks = try await core.broadcasts.playbacks(offset: playPage.offset, limit: playPage.limit)
        return [
            "MultipleList": [],
            "RoomList": .array(live.map { .object(Self.roomItem($0)) }),
            "PlayBackList": .array(playbacks.map { .object(Self.playbackItem($0)) }),
            "PlayBackMultipleList": [],
        ]
    }

    /// The live broadcasts of the people the caller follows; `count` is how many there are in all.
    func focusLiveList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        let (views, total) = try await core.broadcasts.followedLive(of: user.id, offset: page.offset, limit: page.limit)
        return ["count": .int(total), "focus": .array(views.map { .object(Self.focusItem($0)) })]
    }

    /// One broadcast, live or finished. `RoomId` is the id string; times are Go's RFC 3339 at +08:00;
    /// a live broadcast's `FinishTime` is Go's zero time. `LiveUrl` is the RTMP play address while
    /// live, the recording's address for a playback, else "".
    func roomInfo(_ request: DialectRequest) async throws -> JSONObject {
        let view = try await core.broadcasts.view(id: try Self.broadcastID(request.parameters, "rid"))
        let b = view.broadcast
        let url = view.isLive ? (view.stream?.playRTMPURL ?? "") : (view.playbackURL ?? "")
        return ["info": [
            "RoomId": .string(b.id),
            "RoomName": .string(b.title),
            "OwnerId": .int(b.ownerID),
            "CreateTime": .string(Self.goTime(b.startedAt)),
            "FinishTime": .string(Self.goTime(view.isLive ? nil : b.finishedAt)),
            "Location": .string(b.location),
            "Cover": .string(view.coverAddress),
            "Statue": .int(view.isLive ? 1 : 0),
            "LiveUrl": .string(url),
        ]]
    }

    /// The live broadcast's chat room: `count` viewers present, one page of them (`index`), the owner
    /// and the room. 35 once the broadcast is over.
    func chatInfo(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let id = try Self.broadcastID(p, "rid")
        let page = try Self.page(p)
        let (view, users, total) = try await core.broadcasts.audience(id: id, offset: page.offset, limit: page.limit)
        let b = view.broadcast
        let follows = try await core.follows.isFollowing(user.id, b.ownerID)
        return [
            "count": .int(total),
            "info": .array(try await userSummaries(users)),
            "owner": .object(Self.userSummary(view.owner, avatar: view.ownerAvatar)),
            "room": [
                "Rid": .string(b.id),
                "Name": .string(b.title),
                "Begintime": .int(Int64(b.startedAt?.timeIntervalSince1970 ?? 0)),
                "Uid": .int(b.ownerID),
                "Image": .string(view.coverAddress),
                "Mtype": 0,
                "rice": .int(b.earnings),
                "focus": .int(follows ? 1 : 0),
            ],
        ]
    }

    /// Deprecated but served: the viewers present (`index`) and what the broadcast earned.
    func audienceInfo(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let id = try Self.broadcastID(p, "rid")
        let page = try Self.page(p)
        let (view, users, _) = try await core.broadcasts.audience(id: id, offset: page.offset, limit: page.limit)
        return ["rice": .int(view.broadcast.earnings), "info": .array(try await userSummaries(users))]
    }

    /// 0 when the broadcast is live, 35 when it is over, 4 when there is no such broadcast.
    func checkChannel(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let view = try await core.broadcasts.view(id: try Self.broadcastID(path: request.pathParameters["num"]))
        guard view.isLive else { throw CoreError(.notLive) }
        return [:]
    }

    // MARK: Items

    static func baseItem(_ view: BroadcastView) -> JSONObject {
        let b = view.broadcast
        return [
            "cover": .string(view.coverAddress),
            "location": .string(b.location),
            "nick_name": .string(view.owner.nickname),
            "owner_id": .string(String(b.ownerID)),
            "room_id": .string(b.id),
            "room_name": .string(b.title),
            "sex": .string(String(sexCode(view.owner.sex))),
            "statue": .string(view.isLive ? "1" : "0"),
        ]
    }

    /// `RoomList` (list_room, recommand_list): the sample's nine keys.
    static func roomItem(_ view: BroadcastView) -> JSONObject {
        var item = baseItem(view)
        item["live_url"] = .string(view.stream?.playRTMPURL ?? "")
        return sorted(item)
    }

    /// focus_live_list: the room keys plus the owner's `image` and the viewers present.
    static func focusItem(_ view: BroadcastView) -> JSONObject {
        var item = roomItem(view)
        item["image"] = .string(view.ownerAvatar)
        item["viewer"] = .string(String(view.viewersNow))
        return sorted(item)
    }

    /// `PlayBackList`: the sample's keys, plus `live_url` (the recording's address, as its
    /// conference sibling `PlayBackMultipleList` carries); `viewer` is the distinct viewers it had.
    static func playbackItem(_ view: BroadcastView) -> JSONObject {
        var item = baseItem(view)
        item["image"] = .string(view.ownerAvatar)
        item["live_url"] = .string(view.playbackURL ?? "")
        item["viewer"] = .string(String(view.viewersTotal))
        return sorted(item)
    }

    /// Go marshals a `map[string]string` with its keys sorted.
    static func sorted(_ object: JSONObject) -> JSONObject {
        var out: JSONObject = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) { out[key] = value }
        return out
    }

    /// The chat room's user summary (the sample's keys; levels are not kept: 0).
    func userSummary(_ user: User) async throws -> JSONObject {
        Self.userSummary(user, avatar: try await core.accounts.avatarAddress(of: user))
    }

    static func userSummary(_ user: User, avatar: String?) -> JSONObject {
        [
            "Uid": .int(user.id),
            "Image": .string(avatar ?? ""),
            "NickName": .string(user.nickname),
            "Location": .string(user.location),
            "UserLevel": 0,
            "AnchorLevel": 0,
            "Sex": .int(Self.sexCode(user.sex)),
            "Signature": .string(user.signature),
        ]
    }

    /// Summaries of many users, their avatars read in one statement.
    func userSummaries(_ users: [User]) async throws -> [JSONValue] {
        let avatars = try await core.accounts.avatarAddresses(of: users)
        return users.map { .object(Self.userSummary($0, avatar: avatars[$0.id])) }
    }

    /// Paging by another index parameter than `index` (ten to a page, from 0).
    static func page(_ p: Parameters, _ name: String) throws -> (offset: Int, limit: Int) {
        let index = try p.int(name) ?? 0
        guard index >= 0, index < 100_000 else { throw CoreError.invalid(name) }
        return (Int(index) * pageSize, pageSize)
    }

    /// Go's `time.Time` in JSON; nil is Go's zero time.
    static func goTime(_ date: Date?) -> String {
        date.map(rfc3339) ?? "0001-01-01T00:00:00Z"
    }
}
