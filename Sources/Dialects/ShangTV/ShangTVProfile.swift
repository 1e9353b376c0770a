import DialectKit
import LiveCore
import LiveJSON

/// Profiles: nickname, sex, location, signature, push, look_info, real-name, daily record, upload_image.
extension ShangTVDialect {
    var profileRoutes: [Route] {
        []
    }
}
