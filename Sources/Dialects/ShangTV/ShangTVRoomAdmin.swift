import DialectKit
import LiveCore
import LiveJSON

/// Administration of rooms: close_chat, monitor.
extension ShangTVDialect {
    var roomAdminRoutes: [Route] {
        []
    }
}
