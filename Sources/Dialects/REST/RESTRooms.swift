import DialectKit
import HTTPTypes
import LiveCore
import LiveJSON

/// Section 5 of the document: rooms. `active` is the room's canonical live flag, shared with every
/// other dialect.
extension RESTDialect {
    var roomEndpoints: [RESTEndpoint] {
        [
            RESTEndpoint(path: "/rooms/", name: "Room List",
                         description: "GET: 查询所有开启的房间(分页: page 从1开始, pageSize 默认30); POST: 按 room_alias 修改房间(返回201)",
                         actions: [
                            RESTAction(.get, OperationName.roomsLive, fields: [
                                RESTField("page", "页码, 默认1"),
                                RESTField("pageSize", "每页数量, 默认\(defaultPageSize), 最大\(maxPageSize)"),
                            ]) { try await $0.listRooms($1) },
                            RESTAction(.post, OperationName.roomsUpdateByAlias, fields: [
                                RESTField("room_alias", "房间标识, 与roomid对应", required: true),
                                RESTField("active", "房间是否开启", type: "boolean"),
                                .token,
                            ]) { try await $0.postRoom($1) },
                         ]),
            RESTEndpoint(path: "/rooms/:pk/", name: "Room Instance",
                         description: "GET: 查询一个房间; PUT: 修改房间(active, room_alias); DELETE: 删除房间(返回204)",
                         actions: [
                            RESTAction(.get, OperationName.roomsView) { try await $0.getRoom($1) },
                            RESTAction(.put, OperationName.roomsUpdate, fields: [
                                RESTField("active", "房间是否开启", type: "boolean"),
                                RESTField("room_alias", "房间标识"),
                                .token,
                            ]) { try await $0.putRoom($1) },
                            RESTAction(.delete, OperationName.roomsDelete, fields: []) { try await $0.deleteRoom($1) },
                         ]),
        ]
    }

    /// A positive integer parameter (or its text); absent or "" is nil.
    static func positive(_ p: Parameters, _ name: String) throws -> Int? {
        guard let value = try p.int(name) else { return nil }
        guard value >= 1, value <= 1_000_000_000 else { throw CoreError.invalid(name) }
        return Int(value)
    }

    /// The rooms live now, newest first. `pageSize` beyond the maximum is cut to it (as the
    /// framework's `max_page_size` does); a page past the end is an empty `results`.
    func listRooms(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        let page = try Self.positive(p, "page") ?? 1
        let pageSize = min(try Self.positive(p, "pageSize") ?? defaultPageSize, maxPageSize)
        // page ≤ 10⁹ and pageSize ≤ the maximum: the offset cannot overflow.
        let (views, total) = try await core.rooms.livePage(viewer: nil, offset: (page - 1) * pageSize, limit: pageSize)
        var results: [JSONValue] = []
        for view in views { results.append(.object(try await roomFields(view))) }
        // Django's paginator counts one (empty) page when there is nothing to show.
        let totalPages = max(1, (total + pageSize - 1) / pageSize)
        return Self.success([
            "pageSize": .string(String(pageSize)),
            "currentPage": .string(String(page)),
            "totalPage": .string(String(totalPages)),
            "total": .string(String(total)),
            "results": .array(results),
        ], msg: "查询成功")
    }

    func getRoom(_ request: DialectRequest) async throws -> DialectResponse {
        let pk = try Self.pathPK(request, notFound: .roomNotFound)
        return try await roomResponse(roomID: pk, msg: "查询成功")
    }

    /// `active` true makes the room live (with no heartbeat: until it is set false or the room is
    /// deleted), false ends its live state; absent leaves it.
    func applyActive(_ p: Parameters, roomID: Int64, by userID: Int64) async throws {
        switch try p.bool("active") {
        case true?: try await core.rooms.goLive(roomID: roomID, by: userID, heartbeat: nil)
        case false?: try await core.rooms.endLive(roomID: roomID, by: userID)
        case nil: break
        }
    }

    /// The document's POST: the caller's room with that `room_alias`, updated, answered 201; a
    /// caller with no room opens one under the alias (after a DELETE). Aliases are labels, not
    /// keys: only the caller's own room is ever looked at, so another user who gives their room the
    /// same alias cannot lock the caller out (an earlier version took the oldest room with the alias
    /// and answered 403). A caller whose room has another alias gets 404.
    func postRoom(_ request: DialectRequest) async throws -> DialectResponse {
        let (_, user) = try await authenticate(request)
        let p = request.parameters
        let alias = try p.requiredString("room_alias")
        _ = try Validate.text(alias, field: "room_alias", max: 64)
        _ = try p.bool("active")  // a bad value is refused before anything changes
        let room: Room
        if let own = try await core.rooms.room(ownerID: user.id) {
            guard own.alias == alias else { throw CoreError(.roomNotFound) }
            room = own
        } else {
            room = try await core.rooms.create(ownerID: user.id, RoomFields(alias: alias)).room
        }
        try await applyActive(p, roomID: room.id, by: user.id)
        return try await roomResponse(roomID: room.id, status: .created, msg: "修改成功")
    }

    /// The real client PUTs the whole room item back (`pk`, `roomid`, `image`, `username`, `status`,
    /// `msg`, `code` too): only `active` and `room_alias` are read, the rest is ignored.
    func putRoom(_ request: DialectRequest) async throws -> DialectResponse {
        let (_, user) = try await authenticate(request)
        let pk = try Self.pathPK(request, notFound: .roomNotFound)
        let p = request.parameters
        let room = try await core.rooms.room(id: pk)
        guard room.ownerID == user.id else { throw CoreError(.notOwner) }
        _ = try p.bool("active")  // a bad value is refused before anything changes
        if let alias = Self.nonEmpty(try p.string("room_alias")), alias != room.alias {
            _ = try await core.rooms.update(roomID: room.id, by: user.id, RoomFields(alias: alias))
        }
        try await applyActive(p, roomID: room.id, by: user.id)
        return try await roomResponse(roomID: room.id, msg: "修改成功")
    }

    /// Deletes the caller's room; its live state ends with it in every dialect. 204, empty body.
    func deleteRoom(_ request: DialectRequest) async throws -> DialectResponse {
        let (_, user) = try await authenticate(request)
        let pk = try Self.pathPK(request, notFound: .roomNotFound)
        try await core.rooms.delete(roomID: pk, by: user.id)
        return DialectResponse(status: .noContent)
    }
}
