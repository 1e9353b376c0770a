import Foundation

/// Keeps the broadcast records in step with the rooms' one live state, inside the transaction that
/// changes it. `RoomService` calls these hooks when a room goes live, stops, is deleted or gains a
/// viewer, so every dialect's live switch (QPlus push, REST `active`, Pyramid `/room`, a broadcast
/// started here) opens and finishes the same records. A session that lapses (a missed heartbeat)
/// changes nothing in the store, so `settle` finishes it the next time broadcasts are read.
enum BroadcastLedger {
    /// When the session `room` shows ended, as seen at `now`: its heartbeat deadline if it lapsed
    /// before `now`, else `now`.
    static func endOfSession(_ room: Room, now: Date) -> Date {
        if case .live(_, let deadline?) = room.live, deadline <= now { return deadline }
        return now
    }

    static func finish(_ db: any StoreWriter, _ broadcast: Broadcast, at end: Date) throws {
        var broadcast = broadcast
        broadcast.finishedAt = max(end, broadcast.startedAt ?? end)
        try db.updateBroadcast(broadcast)
    }

    /// `RoomService.goLive`: a room that was not live starts a new session, so a record left open
    /// by the previous one (a lapse) is finished when that one ended; then the session gets a
    /// record if it has none.
    static func roomWentLive(_ db: any StoreWriter, previous: Room, room: Room, now: Date) throws {
        if !previous.isLive(at: now), let stale = try db.openBroadcast(roomID: room.id) {
            try finish(db, stale, at: endOfSession(previous, now: now))
        }
        if try db.openBroadcast(roomID: room.id) == nil {
            try open(db, room: room, now: now)
        }
    }

    /// `RoomService.endLive` and `delete`: the session's record finishes with it.
    static func roomEnded(_ db: any StoreWriter, previous: Room, now: Date) throws {
        if let open = try db.openBroadcast(roomID: previous.id) {
            try finish(db, open, at: endOfSession(previous, now: now))
        }
    }

    /// `RoomService.setPresence`: a viewer who enters counts once among the broadcast's viewers.
    static func viewerJoined(_ db: any StoreWriter, roomID: Int64, userID: Int64) throws {
        guard let open = try db.openBroadcast(roomID: roomID), open.ownerID != userID else { return }
        try db.addBroadcastViewer(id: open.id, userID: userID)
    }

    /// Opens the record of a live session that began without one: the room's name, the owner's
    /// location and avatar, no playback. The viewers already present are its first viewers.
    @discardableResult
    static func open(_ db: any StoreWriter, room: Room, now: Date) throws -> Broadcast {
        let location = try db.user(id: room.ownerID)?.location ?? ""
        let since = room.live.since ?? now
        let broadcast = try insertFresh(db, ownerID: room.ownerID, idTime: since) { id in
            Broadcast(id: id, ownerID: room.ownerID, roomID: room.id, title: room.name, location: location,
                      coverKind: .avatar, origin: .room, createdAt: now, startedAt: since)
        }
        for viewer in try db.presentUsers(roomID: room.id, excluding: room.ownerID, offset: 0, limit: 10_000) {
            try db.addBroadcastViewer(id: broadcast.id, userID: viewer.id)
        }
        return broadcast
    }

    /// Inserts the broadcast `make` builds around a fresh id, drawing again when one is taken.
    static func insertFresh(_ db: any StoreWriter, ownerID: Int64, idTime: Date,
                            _ make: (String) -> Broadcast) throws -> Broadcast {
        var attempt = 0
        while true {
            let fresh = make(Broadcast.makeID(ownerID: ownerID, at: idTime))
            do {
                try db.insertBroadcast(fresh)
                return fresh
            } catch is StoreConflict where attempt < 16 {
                attempt += 1
            }
        }
    }

    /// Finishes the records whose session is over and opens one for every live room without.
    static func settle(_ db: any StoreWriter, now: Date) throws {
        for stale in try db.staleBroadcasts(at: now) {
            var end = now
            if let roomID = stale.roomID, let room = try db.room(id: roomID) {
                if let since = room.live.since, let start = stale.startedAt, since > start {
                    // The room is in a later session: this one ended before it began.
                    end = since
                } else {
                    end = endOfSession(room, now: now)
                }
            }
            try finish(db, stale, at: end)
        }
        for room in try db.liveRoomsWithoutBroadcast(at: now) {
            try open(db, room: room, now: now)
        }
    }
}
