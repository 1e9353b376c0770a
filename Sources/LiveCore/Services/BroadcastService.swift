public import Foundation

extension Core {
    /// Broadcasts: the live sessions of users' rooms, their audiences and playbacks.
    public var broadcasts: BroadcastService {
        BroadcastService(environment: environment, rooms: rooms, streams: streams)
    }
}

extension StreamService {
    /// Where the recording of a stretch of the room's stream is played: on the playback (VOD)
    /// domain, `http://<playback>/recordings/<hub>.<title>/<start>_<end>.m3u8` (unix seconds), the
    /// layout of a Pili recording saved from the stream.
    public func playbackURL(for record: StreamRecord, from start: Date, to end: Date) -> String {
        let d = domains
        return "http://\(d.playback)/recordings/\(d.hub).\(record.title)/\(Int64(start.timeIntervalSince1970))_\(Int64(end.timeIntervalSince1970)).m3u8"
    }
}

/// Broadcasts over the rooms' one live state. Starting one makes the owner's room live (creating
/// the room if needed) through `RoomService.goLive`, closing one ends it through `endLive`, so
/// every dialect sees the same live rooms; a room made live elsewhere gets a broadcast record of
/// its own (see `BroadcastLedger`).
public struct BroadcastService: Sendable {
    let environment: CoreEnvironment
    let rooms: RoomService
    let streams: StreamService

    static let maxTitle = 64
    static let maxLocation = 128

    private var store: any Store { environment.store }
    private func now() -> Date { environment.clock.now() }

    // MARK: Life cycle

    /// Brings the records in line with the rooms: sessions that lapsed or ended are finished, sessions
    /// begun without a record get one. Reads first, so it writes only when something changed.
    public func settle() async throws {
        let now = now()
        guard environment.settleSchedule.due(at: now) else { return }
        guard try await store.read({ try $0.broadcastsNeedSettling(at: now) }) else { return }
        try await store.write { db in try BroadcastLedger.settle(db, now: now) }
    }

    /// The owner's room, created (named `title`, else after the owner) when it has none.
    func ownRoom(ownerID: Int64, title: String) async throws -> Room {
        if let room = try await rooms.room(ownerID: ownerID) { return room }
        return try await rooms.create(ownerID: ownerID, RoomFields(name: title.isEmpty ? nil : title)).room
    }

    /// Prepares the owner's next broadcast before it starts, so the client can push first: the
    /// prepared record (or the live one, when the owner is live already) and the room's stream.
    public func prepare(ownerID: Int64, line: Int64) async throws -> (broadcast: Broadcast, stream: StreamInfo) {
        try await settle()
        let room = try await ownRoom(ownerID: ownerID, title: "")
        let stream = try await streams.ensure(roomID: room.id)
        let now = now()
        let broadcast: Broadcast = try await store.write { db in
            if let live = try db.room(id: room.id), live.isLive(at: now), let open = try db.openBroadcast(roomID: room.id) {
                return open
            }
            if var prepared = try db.preparedBroadcast(ownerID: ownerID) {
                prepared.line = line
                try db.updateBroadcast(prepared)
                return prepared
            }
            return try BroadcastLedger.insertFresh(db, ownerID: ownerID, idTime: now) { id in
                Broadcast(id: id, ownerID: ownerID, roomID: room.id, line: line, createdAt: now)
            }
        }
        return (broadcast, stream)
    }

    /// Drops the owner's prepared broadcast; without one, nothing changes.
    public func cancelPrepared(ownerID: Int64) async throws {
        try await store.write { db in
            if let prepared = try db.preparedBroadcast(ownerID: ownerID) { try db.deleteBroadcast(id: prepared.id) }
        }
    }

    /// Starts a broadcast: the owner's room goes live (without heartbeat: until it is closed here or
    /// ended elsewhere) and the session's record takes `fields`. One live broadcast per owner: when
    /// the owner is live already, that broadcast is the one answered (with the new fields). A
    /// prepared broadcast keeps its id. With `playbackLimit`, a broadcast to be kept is refused
    /// (`limitReached`) while the owner keeps that many playbacks.
    public func start(ownerID: Int64, _ fields: BroadcastFields, playbackLimit: Int? = nil) async throws -> Broadcast {
        let title = try Validate.text(fields.title, field: .broadcastTitle, max: Self.maxTitle)
        let location = try Validate.text(fields.location, field: .location, max: Self.maxLocation)
        guard fields.gameType >= 0, fields.gameType <= Int64(Int32.max) else { throw CoreError.invalid(.gameType) }
        if fields.keepsPlayback, let limit = playbackLimit {
            let kept = try await store.read { try $0.playbackCount(ownerID: ownerID) }
            guard kept < limit else { throw CoreError(.limitReached, "playbacks") }
        }
        let room = try await ownRoom(ownerID: ownerID, title: title)
        _ = try await streams.ensure(roomID: room.id)
        // The one live switch; its hook opens the session's record when it has none.
        try await rooms.goLive(roomID: room.id, by: ownerID, heartbeat: nil)
        return try await store.write { db in
            let cover = fields.coverKind == .cover ? (try db.cover(userID: ownerID) ?? "") : ""
            let open = try db.openBroadcast(roomID: room.id)
            let prepared = try db.preparedBroadcast(ownerID: ownerID)
            var target: Broadcast
            if var prepared, let open, open.origin == .room {
                // The prepared id takes over the record the room's going live opened.
                try db.moveBroadcastViewers(from: open.id, to: prepared.id)
                try db.deleteBroadcast(id: open.id)
                prepared.startedAt = open.startedAt
                prepared.earnings += open.earnings
                target = prepared
            } else if let open {
                if let prepared { try db.deleteBroadcast(id: prepared.id) }
                target = open
            } else {
                // Someone ended the room between going live and here.
                throw CoreError(.notLive, "room ended while starting")
            }
            target.roomID = room.id
            target.title = title
            target.location = location
            target.coverKind = fields.coverKind
            target.cover = cover
            target.keepsPlayback = fields.keepsPlayback
            target.gameType = fields.gameType
            target.origin = .started
            try db.updateBroadcast(target)
            return target
        }
    }

    /// Closes a live broadcast (its owner only): the room's live state ends everywhere.
    public func close(id: String, by userID: Int64) async throws -> BroadcastSummary {
        try await settle()
        guard let broadcast = try await store.read({ try $0.broadcast(id: id) }), !broadcast.isPrepared else {
            throw CoreError(.broadcastNotFound)
        }
        guard broadcast.ownerID == userID else { throw CoreError(.notOwner) }
        guard broadcast.isOpen, let roomID = broadcast.roomID else { throw CoreError(.broadcastFinished) }
        try await rooms.endLive(roomID: roomID, by: userID)
        return try await summary(id: id)
    }

    /// Ends the owner's live session, whatever started it (administrators): `notLive` when not live.
    @discardableResult
    public func endLive(ownerID: Int64) async throws -> BroadcastSummary {
        try await settle()
        let now = now()
        guard let room = try await rooms.room(ownerID: ownerID), room.isLive(at: now),
              let open = try await store.read({ try $0.openBroadcast(roomID: room.id) }) else {
            throw CoreError(.notLive)
        }
        try await rooms.endLive(roomID: room.id, by: ownerID)
        return try await summary(id: open.id)
    }

    func summary(id: String) async throws -> BroadcastSummary {
        let now = now()
        return try await store.read { db in
            guard let broadcast = try db.broadcast(id: id) else { throw CoreError(.broadcastNotFound) }
            return BroadcastSummary(broadcast: broadcast, duration: broadcast.duration(now: now),
                                    viewers: try db.broadcastViewerCount(id: id), earnings: broadcast.earnings)
        }
    }

    /// Adds to what the owner's live broadcast earned (gifts); without one, nothing changes.
    public func credit(ownerID: Int64, earnings: Int64) async throws {
        try await store.write { db in
            guard let room = try db.room(ownerID: ownerID), var open = try db.openBroadcast(roomID: room.id) else { return }
            open.earnings += earnings
            try db.updateBroadcast(open)
        }
    }

    /// The room's push address for the owner's broadcast (prepared or live): `broadcastFinished`
    /// once it is over.
    public func pushStream(id: String, by userID: Int64) async throws -> StreamInfo {
        try await settle()
        guard let broadcast = try await store.read({ try $0.broadcast(id: id) }) else { throw CoreError(.broadcastNotFound) }
        guard broadcast.ownerID == userID else { throw CoreError(.notOwner) }
        guard !broadcast.isFinished, let roomID = broadcast.roomID else { throw CoreError(.broadcastFinished) }
        return try await streams.ensure(roomID: roomID)
    }

    // MARK: Reading

    /// A started broadcast, live or finished (prepared ones are not broadcasts yet).
    public func view(id: String, viewer: Int64? = nil) async throws -> BroadcastView {
        try await settle()
        guard let broadcast = try await store.read({ try $0.broadcast(id: id) }), !broadcast.isPrepared else {
            throw CoreError(.broadcastNotFound)
        }
        guard let view = try await views(of: [broadcast]).first else { throw CoreError(.broadcastNotFound) }
        return view
    }

    /// One page of the broadcasts live now, the most recently started first, and how many are live.
    public func live(offset: Int, limit: Int) async throws -> (views: [BroadcastView], total: Int) {
        try await settle()
        let now = now()
        let (page, total) = try await store.read { db in
            (try db.liveBroadcasts(at: now, offset: max(0, offset), limit: max(0, limit)), try db.liveBroadcastCount(at: now))
        }
        return (try await views(of: page), total)
    }

    /// One page of the live broadcasts of the people `userID` follows, and how many there are.
    public func followedLive(of userID: Int64, offset: Int, limit: Int) async throws -> (views: [BroadcastView], total: Int) {
        try await settle()
        let now = now()
        let (page, total) = try await store.read { db in
            (try db.followedLiveBroadcasts(of: userID, at: now, offset: max(0, offset), limit: max(0, limit)),
             try db.followedLiveBroadcastCount(of: userID, at: now))
        }
        return (try await views(of: page), total)
    }

    /// The live broadcast's audience: one page of the users present (the owner aside), and how
    /// many are present. `notLive` once it is over.
    public func audience(id: String, offset: Int, limit: Int) async throws -> (view: BroadcastView, users: [User], total: Int) {
        let view = try await view(id: id)
        guard view.isLive, let roomID = view.broadcast.roomID else { throw CoreError(.notLive) }
        let owner = view.broadcast.ownerID
        let (users, total) = try await store.read { db in
            (try db.presentUsers(roomID: roomID, excluding: owner, offset: max(0, offset), limit: max(0, limit)),
             try db.presentUserCount(roomID: roomID, excluding: owner))
        }
        return (view, users, total)
    }

    /// One page of every playback: recommended ones first, then the latest.
    public func playbacks(offset: Int, limit: Int) async throws -> [BroadcastView] {
        try await settle()
        return try await views(of: try await store.read { try $0.playbacks(offset: max(0, offset), limit: max(0, limit)) })
    }

    /// The owner's playbacks, the latest first, and the recommended one.
    public func playbacks(ownerID: Int64) async throws -> (views: [BroadcastView], recommended: Broadcast?) {
        try await settle()
        let (list, recommended) = try await store.read { db in
            (try db.playbacks(ownerID: ownerID), try db.recommendedPlayback(ownerID: ownerID))
        }
        return (try await views(of: list), recommended)
    }

    public func playbackCount(ownerID: Int64) async throws -> Int {
        try await settle()
        return try await store.read { try $0.playbackCount(ownerID: ownerID) }
    }

    /// The owner's playback, for changing it: `broadcastNotFound` when it is no playback.
    private func ownPlayback(_ db: any StoreWriter, id: String, by userID: Int64) throws -> Broadcast {
        guard let broadcast = try db.broadcast(id: id), broadcast.isPlayback else { throw CoreError(.broadcastNotFound) }
        guard broadcast.ownerID == userID else { throw CoreError(.notOwner) }
        return broadcast
    }

    /// Deletes a playback (its owner only); a recommended one stops being recommended.
    public func deletePlayback(id: String, by userID: Int64) async throws {
        try await settle()
        try await store.write { db in
            var playback = try ownPlayback(db, id: id, by: userID)
            playback.playbackDeleted = true
            playback.recommendedAt = nil
            try db.updateBroadcast(playback)
        }
    }

    /// Recommends one of the owner's playbacks; an owner recommends one at a time (`alreadySet`
    /// while another, or this one, is recommended).
    public func recommend(id: String, by userID: Int64) async throws {
        try await settle()
        let now = now()
        try await store.write { db in
            var playback = try ownPlayback(db, id: id, by: userID)
            guard try db.recommendedPlayback(ownerID: userID) == nil else { throw CoreError(.alreadySet, "recommended") }
            playback.recommendedAt = now
            try db.updateBroadcast(playback)
        }
    }

    /// Withdraws the owner's recommendation: `alreadySet` when there is none to withdraw.
    public func cancelRecommendation(ownerID: Int64) async throws {
        try await store.write { db in
            guard var playback = try db.recommendedPlayback(ownerID: ownerID) else {
                throw CoreError(.alreadySet, "not recommended")
            }
            playback.recommendedAt = nil
            try db.updateBroadcast(playback)
        }
    }

    // MARK: Covers

    /// Sets the picture the user's next broadcasts show as their cover.
    public func setCover(userID: Int64, address: String) async throws {
        let address = try Validate.text(address, field: .cover, max: 1024)
        let now = now()
        try await store.write { db in
            guard try db.user(id: userID) != nil else { throw CoreError(.userNotFound) }
            try db.setCover(userID: userID, address: address, at: now)
        }
    }

    public func cover(userID: Int64) async throws -> String? {
        try await store.read { try $0.cover(userID: userID) }
    }

    // MARK: Views

    /// Joins each broadcast with its owner, room, stream and counters.
    public func views(of broadcasts: [Broadcast]) async throws -> [BroadcastView] {
        let now = now()
        typealias Row = (Broadcast, User, Bool, Int, Int, Int64?, StreamRecord?, String)
        // Owners, rooms, counters, streams and avatars: one statement each for the whole list.
        let rows: [Row] = try await store.read { db in
            let owners = try db.users(ids: Array(Set(broadcasts.map(\.ownerID))))
            let rooms = try db.rooms(ids: Array(Set(broadcasts.compactMap(\.roomID))))
            let roomIDs = Array(rooms.keys)
            let present = try db.viewerCounts(roomIDs: roomIDs)
            let streams = try db.streams(roomIDs: roomIDs)
            let totals = try db.broadcastViewerCounts(ids: broadcasts.map(\.id))
            let avatars = try AccountService.avatarAddresses(of: Array(owners.values), in: db)
            return broadcasts.compactMap { broadcast -> Row? in
                guard let owner = owners[broadcast.ownerID] else { return nil }
                var live = false
                var viewers = 0
                var roomID: Int64?
                var record: StreamRecord?
                if let id = broadcast.roomID, let room = rooms[id] {
                    roomID = room.id
                    live = broadcast.isOpen && room.isLive(at: now)
                    viewers = live ? present[room.id] ?? 0 : 0
                    record = streams[room.id]
                }
                return (broadcast, owner, live, viewers, totals[broadcast.id] ?? 0, roomID, record, avatars[owner.id] ?? "")
            }
        }
        var result: [BroadcastView] = []
        result.reserveCapacity(rows.count)
        for (broadcast, owner, live, present, total, roomID, record, avatar) in rows {
            var stream: StreamInfo?
            if let record {
                stream = streams.info(for: record)
            } else if let roomID {
                stream = try await streams.ensure(roomID: roomID)
            }
            var playback: String?
            if broadcast.isPlayback, let stream, let start = broadcast.startedAt, let end = broadcast.finishedAt {
                playback = streams.playbackURL(for: stream.record, from: start, to: end)
            }
            result.append(BroadcastView(
                broadcast: broadcast, owner: owner, isLive: live, viewersNow: present, viewersTotal: total,
                stream: stream, playbackURL: playback,
                coverAddress: broadcast.coverKind == .avatar ? avatar : broadcast.cover, ownerAvatar: avatar))
        }
        return result
    }
}
