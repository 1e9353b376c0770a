import DialectKit
import LiveCore
import LiveJSON

/// Broadcasts: create_room, close_room, live_create, exit_create, pull_addr.
///
/// In shangtv a "room" is one broadcast: `create_room` starts one in the caller's canonical room
/// (created on first use) and makes that room live for every dialect; `close_room` ends it.
extension ShangTVDialect {
    var broadcastRoutes: [Route] {
        [
            authed("/room/create_room", OperationName.broadcastsStart) { try await $0.createRoom($1, $2) },
            authed("/room/close_room", OperationName.broadcastsClose) { try await $0.closeRoom($1, $2) },
            authed("/room/live_create", OperationName.broadcastsPrepare) { try await $0.liveCreate($1, $2) },
            authed("/room/exit_create", OperationName.broadcastsCancel) { try await $0.exitCreate($1, $2) },
            authed("/room/pull_addr", OperationName.broadcastsPush) { try await $0.pullAddress($1, $2) },
        ]
    }

    /// `itype` 1 cover (default), 2 avatar; `save` 1 keeps a playback (default 0); `game_type` ≥ 0.
    /// Refused with 64 when a playback is asked for and the caller keeps the maximum already.
    func createRoom(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let coverKind: Broadcast.CoverKind
        switch try p.int("itype") ?? 1 {
        case 1: coverKind = .cover
        case 2: coverKind = .avatar
        default: throw CoreError.invalid("itype")
        }
        let fields = BroadcastFields(
            title: try p.string("room_name") ?? "", location: try p.string("location") ?? "", coverKind: coverKind,
            keepsPlayback: try Self.flag(p, "save"), gameType: try p.int("game_type") ?? 0)
        let broadcast = try await core.broadcasts.start(ownerID: user.id, fields, playbackLimit: playbackLimit)
        return ["roomid": .string(broadcast.id)]
    }

    /// The document's types: `time` an integer of seconds, `count` (distinct viewers) and `rice`
    /// strings.
    func closeRoom(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let id = try Self.broadcastID(request.parameters, "roomid")
        let summary = try await core.broadcasts.close(id: id, by: user.id)
        return [
            "time": .int(summary.duration),
            "count": .string(String(summary.viewers)),
            "rice": .string(String(summary.earnings)),
        ]
    }

    /// Prepares the caller's next broadcast: `liveid` is the id `create_room` will answer, `url` the
    /// push address. While the caller is live, the live broadcast and its address.
    func liveCreate(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let line = try Self.line(request.parameters)
        let (broadcast, stream) = try await core.broadcasts.prepare(ownerID: user.id, line: line)
        return ["liveid": .string(broadcast.id), "url": .string(stream.publishURL)]
    }

    /// Cancels the prepared broadcast; without one it changes nothing and succeeds.
    func exitCreate(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.broadcasts.cancelPrepared(ownerID: user.id)
        return [:]
    }

    /// The push address again, to resume (`rid`, `line`). The document's `" push_url"` key has a
    /// stray space: `push_url` is sent.
    func pullAddress(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let id = try Self.broadcastID(p, "rid")
        _ = try Self.line(p)
        let stream = try await core.broadcasts.pushStream(id: id, by: user.id)
        return ["push_url": .string(stream.publishURL)]
    }

    // MARK: Parameters

    /// The `shangtv_playback_max` setting.
    var playbackLimit: Int { max(0, settings[Settings.playbackMax]) }

    /// A broadcast id: decimal digits (a JSON number is read as its digits).
    static func broadcastID(_ p: Parameters, _ name: String) throws -> String {
        let text = try p.requiredString(name)
        guard Broadcast.isWellFormedID(text) else { throw CoreError.invalid(name) }
        return text
    }

    static func broadcastID(path: String?) throws -> String {
        guard let path, Broadcast.isWellFormedID(path) else { throw CoreError.invalid("num") }
        return path
    }

    /// `line` 1 (Qiniu) or 2 (Kingsoft); absent is 1. Both lines get the same addresses.
    static func line(_ p: Parameters) throws -> Int64 {
        let line = try p.int("line") ?? 1
        guard line == 1 || line == 2 else { throw CoreError.invalid("line") }
        return line
    }

    /// A 0/1 switch; absent is 0.
    static func flag(_ p: Parameters, _ name: String) throws -> Bool {
        switch try p.int(name) ?? 0 {
        case 0: return false
        case 1: return true
        default: throw CoreError.invalid(name)
        }
    }
}
