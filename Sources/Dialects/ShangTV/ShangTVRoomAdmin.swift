import DialectKit
import LiveCore
import LiveJSON

/// Administration of rooms: close_chat, monitor. An administrator's token or the operator key;
/// anyone else gets 36.
extension ShangTVDialect {
    var roomAdminRoutes: [Route] {
        [
            admin("/admin/close_chat", OperationName.broadcastsAdminClose) { try await $0.closeChat($1) },
            Route(nil, "/admin/monitor", operation: OperationName.broadcastsMonitor) { [self] request in
                try await requireAdministrator(request)
                return try await monitor()
            },
        ]
    }

    /// Ends the live broadcast of `anchorid`, whatever made the room live: 8 for no such user, 35
    /// when that user is not live.
    func closeChat(_ request: DialectRequest) async throws -> JSONObject {
        let anchor = try await core.accounts.user(id: try request.parameters.requiredInt("anchorid"))
        try await core.broadcasts.endLive(ownerID: anchor.id)
        return [:]
    }

    /// Every live stream as the document shows it: a bare array `[{"userId":..,"playUrl":..}]`
    /// (no `ErrCode`), the RTMP play address of each live room, newest first.
    func monitor() async throws -> DialectResponse {
        var items: [JSONValue] = []
        let pageSize = 500
        var offset = 0
        while true {
            let (views, _) = try await core.broadcasts.live(offset: offset, limit: pageSize)
            for view in views {
                items.append(["userId": .int(view.broadcast.ownerID), "playUrl": .string(view.stream?.playRTMPURL ?? "")])
            }
            if views.count < pageSize || offset > 1_000_000 { break }
            offset += pageSize
        }
        return .json(.array(items), style: .go, contentType: "application/json; charset=UTF-8")
    }
}
