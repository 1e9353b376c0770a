import DialectKit
import LiveCore
import LiveJSON

/// Playbacks: play_list, del_play, check_play_count, recommand, cancel_recommand.
extension ShangTVDialect {
    var playbackRoutes: [Route] {
        []
    }
}
