import DialectKit
import LiveCore
import LiveJSON
import Foundation

/// Playbacks: play_list, del_play, check_play_count, recommand, cancel_recommand.
///
/// A broadcast started with `save=1` becomes a playback when it finishes (however it finishes),
/// played from the playback (VOD) domain. Each user recommends at most one playback at a time;
/// recommended playbacks lead `PlayBackList`. Conference rooms (`multiple=1`) are not served.
extension ShangTVDialect {
    var playbackRoutes: [Route] {
        [
            authed("/room/play_list", OperationName.playbacksList) { try await $0.playList($1, $2) },
            authed("/room/del_play", OperationName.playbacksDelete) { try await $0.deletePlay($1, $2) },
            authed("/room/check_play_count", OperationName.playbacksCheck) { try await $0.checkPlayCount($1, $2) },
            authed("/room/recommand", OperationName.playbacksRecommend) { try await $0.recommend($1, $2) },
            authed("/room/cancel_recommand", OperationName.playbacksUnrecommend) { try await $0.cancelRecommend($1, $2) },
        ]
    }

    /// The caller's playbacks, the latest first; `recommand` is the recommended one's id ("" when
    /// none) and `recommand_type` 1 when there is one, else 0.
    func playList(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let (views, recommended) = try await core.broadcasts.playbacks(ownerID: user.id)
        let items: [JSONValue] = views.map { view in
            let b = view.broadcast
            return [
                "count": .string(String(view.viewersTotal)),
                "play_url": .string(view.playbackURL ?? ""),
                "room_id": .string(b.id),
                "room_name": .string(b.title),
                "save_time": .string(String(Int64(b.finishedAt?.timeIntervalSince1970 ?? 0))),
                "uid": .string(String(b.ownerID)),
            ]
        }
        return [
            "plist": .array(items),
            "recommand": .string(recommended?.id ?? ""),
            "recommand_type": .int(recommended == nil ? 0 : 1),
            "multiple_plist": [],
        ]
    }

    /// `roomid` of one of the caller's playbacks: 4 when there is no such playback, 36 when it is
    /// someone else's.
    func deletePlay(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let id = try Self.broadcastID(p, "roomid")
        try Self.ordinaryRoom(p)
        try await core.broadcasts.deletePlayback(id: id, by: user.id)
        return [:]
    }

    /// 64 when the caller keeps `shangtv_playback_max` playbacks (or more): no room for another.
    func checkPlayCount(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let kept = try await core.broadcasts.playbackCount(ownerID: user.id)
        guard kept < playbackLimit else { throw CoreError(.limitReached, "playbacks") }
        return [:]
    }

    /// 65 when the caller has a recommended playback already (this one or another).
    func recommend(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        let id = try Self.broadcastID(p, "rid")
        try Self.ordinaryRoom(p)
        try await core.broadcasts.recommend(id: id, by: user.id)
        return [:]
    }

    /// 65 when nothing is recommended.
    func cancelRecommend(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        try await core.broadcasts.cancelRecommendation(ownerID: user.id)
        return [:]
    }

    /// `multiple`: 0 (or absent) an ordinary room; 1 a conference room, of which there are none
    /// here (4); anything else 10.
    static func ordinaryRoom(_ p: Parameters) throws {
        switch try p.int("multiple") ?? 0 {
        case 0: return
        case 1: throw CoreError(.broadcastNotFound, "conference rooms are not served")
        default: throw CoreError.invalid("multiple")
        }
    }
}
