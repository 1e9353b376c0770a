public import Foundation

/// Fields a room is created or edited with; nil leaves a field as it is.
public struct RoomFields: Sendable {
    public var name: String?
    public var description: String?
    public var topic: String?
    public var anchorPassword: String?
    public var assistPassword: String?
    public var viewerPassword: String?
    public var alias: String?

    public init(name: String? = nil, description: String? = nil, topic: String? = nil, anchorPassword: String? = nil,
                assistPassword: String? = nil, viewerPassword: String? = nil, alias: String? = nil) {
        self.name = name
        self.description = description
        self.topic = topic
        self.anchorPassword = anchorPassword
        self.assistPassword = assistPassword
        self.viewerPassword = viewerPassword
        self.alias = alias
    }
}

public struct RoomService: Sendable {
    let environment: CoreEnvironment
    let streams: StreamService

    /// Creates the owner's room, or returns the one it already has.
    public func create(ownerID: Int64, _ fields: RoomFields) async throws -> (room: Room, created: Bool) {
        let now = environment.clock.now()
        let fields = try Self.validated(fields)
        return try await environment.store.write { db in
            if let existing = try db.room(ownerID: ownerID) { return (existing, false) }
            guard let owner = try db.user(id: ownerID) else { throw CoreError(.userNotFound) }
            func orDefault(_ value: String?, _ fallback: String) -> String {
                value.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            }
            var room = try db.insertRoom(NewRoom(
                ownerID: ownerID,
                name: orDefault(fields.name, owner.nickname),
                description: fields.description ?? "", topic: fields.topic ?? "",
                // A password left out is none: a dialect with defaults of its own gives them.
                anchorPassword: fields.anchorPassword ?? "",
                assistPassword: fields.assistPassword ?? "",
                viewerPassword: fields.viewerPassword ?? "",
                createdAt: now))
            if let alias = fields.alias, !alias.isEmpty {
                room.alias = alias
                try db.updateRoom(room)
            }
            return (room, true)
        }
    }

    public func room(id: Int64) async throws -> Room {
        guard let room = try await environment.store.read({ try $0.room(id: id) }) else {
            throw CoreError(.roomNotFound)
        }
        return room
    }

    public func room(ownerID: Int64) async throws -> Room? {
        try await environment.store.read { try $0.room(ownerID: ownerID) }
    }

    /// Edits a room; only its owner may.
    public func update(roomID: Int64, by userID: Int64, _ fields: RoomFields) async throws -> Room {
        let fields = try Self.validated(fields)
        return try await environment.store.write { db in
            guard var room = try db.room(id: roomID) else { throw CoreError(.roomNotFound) }
            guard room.ownerID == userID else { throw CoreError(.notOwner) }
            if let v = fields.name { room.name = v }
            if let v = fields.description { room.description = v }
            if let v = fields.topic { room.topic = v }
            if let v = fields.anchorPassword, !v.isEmpty { room.anchorPassword = v }
            if let v = fields.assistPassword, !v.isEmpty { room.assistPassword = v }
            if let v = fields.viewerPassword, !v.isEmpty { room.viewerPassword = v }
            if let v = fields.alias, !v.isEmpty { room.alias = v }
            try db.updateRoom(room)
            return room
        }
    }

    /// Deletes a room; only its owner may. Its live state ends with it, everywhere.
    public func delete(roomID: Int64, by userID: Int64) async throws {
        let now = environment.clock.now()
        try await environment.store.write { db in
            guard let room = try db.room(id: roomID) else { throw CoreError(.roomNotFound) }
            guard room.ownerID == userID else { throw CoreError(.notOwner) }
            try BroadcastLedger.roomEnded(db, previous: room, now: now)
            try db.clearPresence(roomID: roomID)
            try db.deleteRoom(id: roomID)
        }
    }

    /// Marks the room live. With `heartbeat`, it lapses unless marked again within that many seconds.
    @discardableResult
    public func goLive(roomID: Int64, by userID: Int64, heartbeat: TimeInterval?) async throws -> Room {
        let now = environment.clock.now()
        return try await environment.store.write { db in
            guard var room = try db.room(id: roomID) else { throw CoreError(.roomNotFound) }
            guard room.ownerID == userID else { throw CoreError(.notOwner) }
            let previous = room
            let since = room.isLive(at: now) ? (room.live.since ?? now) : now
            room.live = .live(since: since, deadline: heartbeat.map { now.addingTimeInterval($0) })
            try db.updateRoom(room)
            try BroadcastLedger.roomWentLive(db, previous: previous, room: room, now: now)
            return room
        }
    }

    /// Ends the room's live state at once and empties its audience.
    @discardableResult
    public func endLive(roomID: Int64, by userID: Int64) async throws -> Room {
        let now = environment.clock.now()
        return try await environment.store.write { db in
            guard var room = try db.room(id: roomID) else { throw CoreError(.roomNotFound) }
            guard room.ownerID == userID else { throw CoreError(.notOwner) }
            try BroadcastLedger.roomEnded(db, previous: room, now: now)
            room.live = .idle
            try db.updateRoom(room)
            try db.clearPresence(roomID: roomID)
            return room
        }
    }

    /// A viewer enters (`present`) or leaves the room's audience.
    public func setPresence(roomID: Int64, userID: Int64, present: Bool) async throws -> Int {
        try await environment.store.write { db in
            guard try db.room(id: roomID) != nil else { throw CoreError(.roomNotFound) }
            try db.setPresence(roomID: roomID, userID: userID, present)
            if present { try BroadcastLedger.viewerJoined(db, roomID: roomID, userID: userID) }
            return try db.viewerCount(roomID: roomID)
        }
    }

    public func viewerCount(roomID: Int64) async throws -> Int {
        try await environment.store.read { db in
            guard try db.room(id: roomID) != nil else { throw CoreError(.roomNotFound) }
            return try db.viewerCount(roomID: roomID)
        }
    }

    public func liveRooms(viewer: Int64?, offset: Int, limit: Int) async throws -> [RoomView] {
        let now = environment.clock.now()
        let rooms = try await environment.store.read { try $0.liveRooms(at: now, offset: max(0, offset), limit: max(0, limit)) }
        return try await views(of: rooms, viewer: viewer)
    }

    public func liveRoomCount() async throws -> Int {
        let now = environment.clock.now()
        return try await environment.store.read { try $0.liveRoomCount(at: now) }
    }

    /// Rooms of the people `userID` follows: live first, then the rest.
    public func followedRooms(of userID: Int64, offset: Int, limit: Int) async throws -> [RoomView] {
        let now = environment.clock.now()
        let rooms = try await environment.store.read {
            try $0.followedRooms(of: userID, at: now, offset: max(0, offset), limit: max(0, limit))
        }
        return try await views(of: rooms, viewer: userID)
    }

    public func search(_ text: String, viewer: Int64?, limit: Int = 20) async throws -> [RoomView] {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 64 else { throw CoreError.invalid(.searchText) }
        let rooms = try await environment.store.read { try $0.searchRooms(text, limit: limit) }
        return try await views(of: rooms, viewer: viewer)
    }

    public func view(roomID: Int64, viewer: Int64?) async throws -> RoomView {
        let room = try await room(id: roomID)
        guard let view = try await views(of: [room], viewer: viewer).first else { throw CoreError(.roomNotFound) }
        return view
    }

    /// Joins each room with its owner, counters, stream and the owner's avatar: six statements for
    /// the whole list (five without a viewer), whatever its length.
    public func views(of rooms: [Room], viewer: Int64?) async throws -> [RoomView] {
        guard !rooms.isEmpty else { return [] }
        let now = environment.clock.now()
        let (rows, avatars): ([(Room, User, Int, Int, Bool, StreamRecord?)], [Int64: String]) = try await environment.store.read { db in
            let ownerIDs = Array(Set(rooms.map(\.ownerID)))
            let roomIDs = rooms.map(\.id)
            let owners = try db.users(ids: ownerIDs)
            let followers = try db.followerCounts(of: ownerIDs)
            let viewers = try db.viewerCounts(roomIDs: roomIDs)
            let followed = try viewer.map { try db.followed(by: $0, among: ownerIDs) } ?? []
            let streams = try db.streams(roomIDs: roomIDs)
            let avatars = try AccountService.avatarAddresses(of: Array(owners.values), in: db)
            let rows = rooms.compactMap { room -> (Room, User, Int, Int, Bool, StreamRecord?)? in
                guard let owner = owners[room.ownerID] else { return nil }
                return (room, owner, followers[room.ownerID] ?? 0, viewers[room.id] ?? 0,
                        followed.contains(room.ownerID), streams[room.id])
            }
            return (rows, avatars)
        }
        var result: [RoomView] = []
        result.reserveCapacity(rows.count)
        for (room, owner, followers, viewers, followed, record) in rows {
            let stream: StreamInfo
            if let record { stream = streams.info(for: record) } else { stream = try await streams.ensure(roomID: room.id) }
            result.append(RoomView(room: room, owner: owner, isLive: room.isLive(at: now), followCount: followers,
                                   viewerCount: viewers, isFollowed: followed, stream: stream, ownerAvatar: avatars[owner.id]))
        }
        return result
    }

    static func validated(_ fields: RoomFields) throws -> RoomFields {
        _ = try fields.name.map { try Validate.text($0, field: .roomName, max: 64) }
        _ = try fields.description.map { try Validate.text($0, field: .roomDescription, max: 512) }
        _ = try fields.topic.map { try Validate.text($0, field: .roomTopic, max: 128) }
        for (value, field) in [(fields.anchorPassword, CoreField.anchorPassword), (fields.assistPassword, .assistPassword),
                               (fields.viewerPassword, .viewerPassword), (fields.alias, .roomAlias)] {
            _ = try value.map { try Validate.text($0, field: field, max: 64) }
        }
        return fields
    }
}
