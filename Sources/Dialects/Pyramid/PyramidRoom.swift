import DialectKit
import Foundation
import LiveCore
import LiveJSON

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
                    return await run(PyramidOperation.leave) { try await leave(request) }
                }
                return await run(PyramidOperation.goLive) { try await goLive(request) }
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
            "expireAt": .string(PiliTime.format(liveSince.addingTimeInterval(piliExpiry), offset: utcOffset, digits: 9)),
            "title": .string(record.title),
            "publishKey": .string(record.publishKey),
            "disabled": false,
            "disabledTill": 0,
            "nropEnable": .null,
            "hosts": hosts,
            "updatedAt": .string(PiliTime.format(liveSince, offset: utcOffset, digits: 3)),
            "id": .string("\(piliZone).\(stream.hub).\(record.title)"),
            "createdAt": .string(PiliTime.format(record.createdAt, offset: utcOffset, digits: 3)),
        ]
    }
}

/// Pili's RFC 3339 times: `2017-01-06T10:28:45.799+08:00` (milliseconds) for createdAt/updatedAt,
/// `2017-01-22T10:28:45.799148343+08:00` (nanoseconds) for expireAt, in a fixed UTC offset.
enum PiliTime {
    static func format(_ date: Date, offset: Int, digits: Int) -> String {
        // Whole microseconds first (the store keeps no finer), so that .799 does not print as .798999.
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var whole = micros / 1_000_000
        var micro = micros % 1_000_000
        if micro < 0 {
            micro += 1_000_000
            whole -= 1
        }
        let fraction = digits <= 6 ? micro / Int64(pow(10, Double(6 - digits))) : micro * Int64(pow(10, Double(digits - 6)))
        let seconds = whole + Int64(offset)
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let magnitude = abs(offset)
        return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.", year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
            + String(format: "%0\(digits)lld", fraction)
            + (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", magnitude / 3600, magnitude % 3600 / 60)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// "+08:00", "-05:30", "Z" → seconds east of UTC.
    static func offsetSeconds(_ text: String) -> Int? {
        if text == "Z" || text == "+00:00" || text == "-00:00" { return 0 }
        let chars = Array(text)
        guard chars.count == 6, chars[0] == "+" || chars[0] == "-", chars[3] == ":",
              let hours = Int(String(chars[1...2])), let minutes = Int(String(chars[4...5])),
              hours <= 14, minutes < 60 else { return nil }
        return (chars[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
