import DialectKit
import Foundation
import LiveCore
import LiveJSON
import HTTPTypes

/// 房间: the anchor's live stream on /room.
///
/// - 直播请求 (start live): `POST /room` with `token`. Creates the user's room if it has none, ensures
///   its stream, marks it live until the anchor leaves, and answers with the stream in `message` as a
///   JSON document serialised to a string: Pili SDK v1's `Stream.to_json()`, as in 000's sample.
/// - 主播离开 (anchor leaves): `POST /room` with `token` and `leave="1"`, or `DELETE /room?token=`.
///
/// Both documents give the two operations the same parameters; the `leave` marker tells them apart.
extension PyramidDialect {
    var roomRoutes: [Route] {
        [
            Route([.post], "/room", operation: PyramidOperation.goLive) { [self] request in
                let leaving: Bool
                do {
                    leaving = try request.parameters.bool("leave") ?? false
                } catch {
                    return Self.envelope(PyramidCode.badRequest)
                }
                if leaving {
                    return try await run(PyramidOperation.leave) { try await leave(request) }
                }
                return try await run(PyramidOperation.goLive) { try await goLive(request) }
            },
            route([.delete], "/room", PyramidOperation.leave) { try await $0.leave($1) },
        ]
    }

    func goLive(_ request: DialectRequest) async throws -> PyramidReply {
        let user = try await core.sessions.authenticate(request.parameters.trimmed("token")).user
        let room: Room
        if let existing = try await core.rooms.room(ownerID: user.id) {
            room = existing
        } else {
            room = try await core.rooms.create(ownerID: user.id, RoomFields()).room
        }
        let stream = try await core.streams.ensure(roomID: room.id)
        // No heartbeat: Pyramid clients never send one, so the room is live until the anchor leaves.
        let live = try await core.rooms.goLive(roomID: room.id, by: user.id, heartbeat: nil)
        let since = live.live.since ?? core.now()
        return PyramidReply(.string(piliStream(stream, liveSince: since).serialized(.python)))
    }

    /// Ends the live state everywhere. Leaving when not live, or without a room, changes nothing and
    /// succeeds: the anchor is not live afterwards either way.
    func leave(_ request: DialectRequest) async throws -> PyramidReply {
        let user = try await core.sessions.authenticate(request.parameters.trimmed("token")).user
        if let room = try await core.rooms.room(ownerID: user.id) {
            try await core.rooms.endLive(roomID: room.id, by: user.id)
        }
        return PyramidReply()
    }

    /// Pili v1 `Stream.to_json()`, keys in the sample's order. Hosts are the core's stream domains,
    /// so the URLs a Pili client derives (`rtmp://<publish.rtmp>/<hub>/<title>?key=<publishKey>`,
    /// `rtmp://<live.rtmp>/<hub>/<title>`, `http://<live.hls>/<hub>/<title>.m3u8`,
    /// `http://<live.hdl>/<hub>/<title>.flv`) are the ones every other dialect shows for the room.
    /// `updatedAt` is when this live session began, so asking again while live answers the very same
    /// document; `expireAt` lies `pyramid_pili_expiry` after it.
    func piliStream(_ stream: StreamInfo, liveSince: Date) -> JSONValue {
        let d = stream.domains
        let record = stream.record
        let hosts: JSONValue = [
            "live": [
                "snapshot": .string(d.snapshot),
                "http": .string(d.hlsPlay),
                "hdl": .string(d.flvPlay),
                "hls": .string(d.hlsPlay),
                "rtmp": .string(d.rtmpPlay),
            ],
            "playback": ["http": .string(d.playback), "hls": .string(d.playback)],
            "play": ["http": .string(d.hlsPlay), "rtmp": .string(d.rtmpPlay)],
            "publish": ["rtmp": .string(d.publish)],
        ]
        return [
            "nonce": 0,
            "publishSecurity": "static",
            "hub": .string(stream.hub),
            "expireAt": .string(WireTime.rfc3339(liveSince.addingTimeInterval(piliExpiry), utcOffset: utcOffset, fractionDigits: 9)),
            "title": .string(record.title),
            "publishKey": .string(record.publishKey),
            "disabled": false,
            "disabledTill": 0,
            "nropEnable": .null,
            "hosts": hosts,
            "updatedAt": .string(WireTime.rfc3339(liveSince, utcOffset: utcOffset, fractionDigits: 3)),
            "id": .string("\(piliZone).\(stream.hub).\(record.title)"),
            "createdAt": .string(WireTime.rfc3339(record.createdAt, utcOffset: utcOffset, fractionDigits: 3)),
        ]
    }
}
