import DialectKit
import LiveCore
import LiveJSON

/// Follows, blacklist, private letters and reports.
extension ShangTVDialect {
    var socialRoutes: [Route] {
        []
    }
}
