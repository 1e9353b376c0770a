import DialectKit
import LiveCore
import LiveJSON

/// Third-party logins: WeChat, QQ, Sina, Facebook, Twitter.
extension ShangTVDialect {
    var thirdPartyRoutes: [Route] {
        []
    }
}
