import DialectKit
import LiveCore
import LiveJSON

/// Broadcasts: create_room, close_room, live_create, exit_create, pull_addr.
extension ShangTVDialect {
    var broadcastRoutes: [Route] {
        []
    }
}
