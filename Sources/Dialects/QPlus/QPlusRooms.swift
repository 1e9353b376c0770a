import DialectKit
import LiveCore
import LiveJSON

/// The live-room half of 001, plus the original's undocumented PlayLiveStream and
/// GetLiveroomNumber and the client's SearchLiveRoom spelling.
extension QPlusDialect {
    var roomRoutes: [Route] {
        [
            route("/live/GetLiveRoomList", OperationName.roomsList) { try await $0.roomList($1) },
            route("/live/GetMyLiveRoomId", OperationName.roomsMineID) { try await $0.myRoomID($1) },
            route("/live/GetMyLiveRoom", OperationName.roomsMine) { try await $0.myRoom($1) },
            route("/live/ModifyMyLiveRoom", OperationName.roomsModify) { try await $0.modifyRoom($1) },
            route("/live/CreateLiveRoom", OperationName.roomsCreate) { try await $0.createRoom($1) },
            route("/live/FollowLiveRoom", OperationName.followsSet) { try await $0.follow($1) },
            route("/live/PushLiveStream", OperationName.roomsLive) { try await $0.push($1) },
            route("/live/SearchLiveStream", OperationName.roomsSearch) { try await $0.search($1) },
            route("/live/SearchLiveRoom", OperationName.roomsSearch) { try await $0.search($1) },
            route("/live/PlayLiveStream", OperationName.roomsPresence) { try await $0.play($1) },
            route("/live/GetLiveroomNumber", OperationName.roomsViewers) { try await $0.viewerNumber($1) },
        ]
    }

    static let defaultPageSize: Int64 = 5
    static let maxPageSize: Int64 = 100

    /// Pages kept per session: `refresh` 1 starts over, anything else continues where the last page ended.
    func roomList(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        let type = try p.int("type") ?? 0
        let refresh = try p.int("refresh") ?? 0
        var count = try p.int("count") ?? 0
        if count <= 0 { count = Self.defaultPageSize }
        count = min(count, Self.maxPageSize)
        let token = try p.string("sessionId") ?? ""
        let list: String
        switch type {
        case 1: list = "qplus.all"
        case 2: list = "qplus.followed"
        default: throw CoreError.invalid("type")
        }
        let offset = refresh == 1 ? 0 : cursors.position(session: token, list: list)
        let rooms = type == 1
            ? try await core.rooms.liveRooms(viewer: user.id, offset: offset, limit: Int(count))
            : try await core.rooms.followedRooms(of: user.id, offset: offset, limit: Int(count))
        cursors.set(offset + rooms.count, session: token, list: list)
        // The document says `type`, the original sent `Type`: both, so either client reads it.
        var fields: JSONObject = ["type": .int(type), "Type": .int(type)]
        if type == 1 {
            fields["list"] = .array(rooms.map { .object(Self.roomItem($0, for: user.id)) })
        } else {
            fields["onlineList"] = .array(rooms.filter(\.isLive).map { .object(Self.roomItem($0, for: user.id)) })
            fields["offlineList"] = .array(rooms.filter { !$0.isLive }.map { .object(Self.roomItem($0, for: user.id)) })
        }
        return fields
    }

    func ownRoom(_ user: User) async throws -> Room {
        guard let room = try await core.rooms.room(ownerID: user.id) else { throw CoreError(.roomNotFound) }
        return room
    }

    func myRoomID(_ request: DialectRequest) async throws -> JSONObject {
        let room = try await ownRoom(try await session(request))
        // The original's `LiveRoomId`, and the spelling every other answer uses.
        return ["LiveRoomId": .int(room.id), "liveRoomId": .int(room.id)]
    }

    func myRoom(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let room = try await ownRoom(user)
        return Self.roomItem(try await core.rooms.view(roomID: room.id, viewer: user.id), for: user.id)
    }

    /// A field of the wrong type (an array, an object) is bad input, 10002; the table's per-field codes
    /// 10203 and 10204 are for a name or password whose value the core refuses.
    func roomFields(_ p: Parameters) throws -> RoomFields {
        func text(_ key: String) throws -> String? {
            do { return try p.string(key) } catch { throw CoreError(.invalidParameter, "\(key) type") }
        }
        return RoomFields(name: try text("liveRoomName"), description: try text("liveRoomDesc"),
                          topic: try text("liveRoomTopic"), anchorPassword: try text("liveRoomAnchorPwd"),
                          assistPassword: try text("liveRoomAssistPwd"), viewerPassword: try text("liveRoomUserPwd"))
    }

    /// `liveRoomId` 0 (or absent) means your own room; any other must be yours.
    func modifyRoom(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        var roomID = try p.int("liveRoomId") ?? 0
        if roomID == 0 {
            guard let own = try await core.rooms.room(ownerID: user.id) else { throw CoreError(.roomNotFound) }
            roomID = own.id
        }
        var fields = try roomFields(p)
        if fields.name?.isEmpty == true { fields.name = nil }
        _ = try await core.rooms.update(roomID: roomID, by: user.id, fields)
        return [:]
    }

    func createRoom(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        var fields = try roomFields(request.parameters)
        // The original stored its defaults for passwords left empty, so a QPlus room keeps them;
        // a room made through another dialect has none stored and is shown with them.
        let defaults = Self.defaultPasswords
        fields.anchorPassword = Self.shown(fields.anchorPassword ?? "", or: defaults.anchor)
        fields.assistPassword = Self.shown(fields.assistPassword ?? "", or: defaults.assist)
        fields.viewerPassword = Self.shown(fields.viewerPassword ?? "", or: defaults.viewer)
        let room = try await core.rooms.create(ownerID: user.id, fields).room
        return ["liveRoomId": .int(room.id)]
    }

    func follow(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        let room = try await core.rooms.room(id: try p.requiredInt("liveRoomId"))
        let on: Bool
        switch try p.int("isFollow") ?? 1 {
        case 1: on = true
        case 0: on = false
        default: throw CoreError.invalid("isFollow")
        }
        try await core.follows.set(user.id, follows: room.ownerID, on)
        return [:]
    }

    /// `status` 1 goes (or stays) live for `timeout` more seconds; anything else stops at once, as
    /// the original did. Only the owner may push.
    func push(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        let roomID = try p.requiredInt("liveRoomId")
        let status = try p.int("status") ?? 0
        var timeout = Double(try p.int("timeout") ?? 0)
        if timeout <= 0 { timeout = defaultPushTimeout }
        timeout = min(timeout, 86_400)
        if status == 1 {
            try await core.rooms.goLive(roomID: roomID, by: user.id, heartbeat: timeout)
        } else {
            try await core.rooms.endLive(roomID: roomID, by: user.id)
        }
        return [:]
    }

    /// The keyword is a room id (the document: "目前只支持liveroomId"); a room name also matches.
    func search(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let keyword = try request.parameters.requiredString("keyword")
        guard let found = try await core.rooms.search(keyword, viewer: user.id, limit: 1).first else {
            throw CoreError(.roomNotFound)
        }
        var fields = Self.roomItem(found, for: user.id)
        fields["isPlay"] = .int(found.isLive ? 1 : 0)
        return fields
    }

    /// A viewer joins (`status` 1) or leaves (0): the room's canonical audience.
    func play(_ request: DialectRequest) async throws -> JSONObject {
        let user = try await session(request)
        let p = request.parameters
        let roomID = try p.requiredInt("liveroomId")
        let present: Bool
        switch try p.int("status") ?? 1 {
        case 1: present = true
        case 0: present = false
        default: throw CoreError.invalid("status")
        }
        let count = try await core.rooms.setPresence(roomID: roomID, userID: user.id, present: present)
        return ["liveroomId": .int(roomID), "playerCount": .int(count)]
    }

    func viewerNumber(_ request: DialectRequest) async throws -> JSONObject {
        _ = try await session(request)
        let roomID = try request.parameters.requiredInt("liveroomId")
        let count = try await core.rooms.viewerCount(roomID: roomID)
        return ["liveroomId": .int(roomID), "number": .int(count)]
    }

    /// LiveRoomInfo as `caller` may see it. The document spells the anchor password
    /// `liveRoomanchorPwd`, the original and its iOS client `liveRoomAnchorPwd`: both are sent. The
    /// anchor password lets its holder broadcast as the room's anchor, so only the owner sees it
    /// (others get ""); viewers keep the viewer password the Gotye SDK needs to join.
    static func roomItem(_ view: RoomView, for caller: Int64) -> JSONObject {
        let anchor = view.room.ownerID == caller ? Self.shown(view.room.anchorPassword, or: Self.defaultPasswords.anchor) : ""
        return [
            "liveRoomId": .int(view.room.id),
            "liveRoomAnchorPwd": .string(anchor),
            "liveRoomanchorPwd": .string(anchor),
            "liveRoomUserPwd": .string(Self.shown(view.room.viewerPassword, or: Self.defaultPasswords.viewer)),
            "liveRoomName": .string(view.room.name),
            "liveRoomDesc": .string(view.room.description),
            "liveRoomTopic": .string(view.room.topic),
            "anchorName": .string(view.owner.nickname),
            "headPicId": .int(view.owner.avatarMediaID ?? 0),
            "isFollow": .int(view.isFollowed ? 1 : 0),
            "followCount": .int(view.followCount),
            "playerCount": .int(view.viewerCount),
            "playRtmpUrl": .string(view.stream.playRTMPURL),
            "playHlsUrl": .string(view.stream.playHLSURL),
            "playFlvUrl": .string(view.stream.playFLVURL),
        ]
    }
}

extension QPlusDialect {
    /// Passwords a room shows when its creator left them empty (those of the original QPlus server).
    static let defaultPasswords = (anchor: "anchorpwd", assist: "assistpwd", viewer: "userpwd")

    static func shown(_ password: String, or fallback: String) -> String {
        password.isEmpty ? fallback : password
    }
}
