import DialectKit
import LiveCore
import LiveJSON

/// Uploads: Qiniu tokens and configuration, upload_cover.
extension ShangTVDialect {
    var uploadRoutes: [Route] {
        []
    }
}
