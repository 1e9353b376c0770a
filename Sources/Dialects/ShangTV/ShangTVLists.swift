import DialectKit
import LiveCore
import LiveJSON

/// Room lists: list_room, recommand_list, focus_live_list, room_info, chat_info, audience_info, check_channel.
extension ShangTVDialect {
    var listRoutes: [Route] {
        []
    }
}
