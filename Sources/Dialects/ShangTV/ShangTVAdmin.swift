import DialectKit
import LiveCore
import LiveJSON

/// Administration of accounts: bans, switches, notices.
extension ShangTVDialect {
    var adminRoutes: [Route] {
        []
    }
}
