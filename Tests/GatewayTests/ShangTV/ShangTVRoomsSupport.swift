import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Helpers of the shangtv broadcast, list, playback, upload and room-administration tests.
extension ShangTVClient {
    /// Starts a broadcast as `user` and returns its id.
    func startBroadcast(as user: User, _ fields: [(String, String)] = [("room_name", "直播室"), ("location", "火星")],
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let r = try await call(as: user, "/room/create_room", fields, sourceLocation: sourceLocation)
        try #require(r["ErrCode"] == 0, "create_room: \(r.serialized())", sourceLocation: sourceLocation)
        return try #require(r["roomid"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// The `RoomList` of list_room at `index`.
    func roomList(index: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSONValue] {
        let r = try await call("/list_room", [("index", String(index))], method: "GET", sourceLocation: sourceLocation)
        try #require(r["ErrCode"] == 0, sourceLocation: sourceLocation)
        return try #require(r["RoomList"]?.arrayValue, sourceLocation: sourceLocation)
    }

    /// The ids in list_room's first page.
    func liveIDs(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        try await roomList(sourceLocation: sourceLocation).compactMap { $0["room_id"]?.stringValue }
    }

    /// The canonical room of `user` and its stream.
    func stream(of user: User) async throws -> (room: Room, stream: StreamInfo) {
        let room = try #require(try await gateway.core.rooms.room(ownerID: user.uid))
        return (room, try await gateway.core.streams.ensure(roomID: room.id))
    }

    /// `user` enters (or leaves) `owner`'s room audience, as QPlus PlayLiveStream and the chat do.
    func present(_ user: User, in owner: User, _ present: Bool = true) async throws {
        let room = try #require(try await gateway.core.rooms.room(ownerID: owner.uid))
        _ = try await gateway.core.rooms.setPresence(roomID: room.id, userID: user.uid, present: present)
    }
}

/// The keys of an object, sorted.
func sortedKeys(_ value: JSONValue?) -> [String] {
    (value?.objectValue?.keys ?? []).sorted()
}
