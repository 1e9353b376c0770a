/// What a route does, named once. Routes, logs, metrics and every dialect's `ErrorTable`
/// overrides use these values, so an override naming an operation that does not exist does not
/// compile. Names are `<domain>.<verb>` after the core service that performs the work.
public struct OperationName: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// A dialect may name an operation of its own (a route that dispatches to several).
    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }
}

extension OperationName {
    // accounts
    public static let accountsChangePassword = OperationName("accounts.changePassword")
    public static let accountsExternalLogin = OperationName("accounts.externalLogin")
    public static let accountsLogin = OperationName("accounts.login")
    public static let accountsPhoneLogin = OperationName("accounts.phoneLogin")
    public static let accountsPhoneRegistered = OperationName("accounts.phoneRegistered")
    public static let accountsRegister = OperationName("accounts.register")
    public static let accountsResetPassword = OperationName("accounts.resetPassword")
    public static let accountsSetAvatar = OperationName("accounts.setAvatar")
    public static let accountsUpdateProfile = OperationName("accounts.updateProfile")
    public static let accountsUser = OperationName("accounts.user")
    // broadcasts
    public static let broadcastsAdminClose = OperationName("broadcasts.adminClose")
    public static let broadcastsAudience = OperationName("broadcasts.audience")
    public static let broadcastsCancel = OperationName("broadcasts.cancel")
    public static let broadcastsChat = OperationName("broadcasts.chat")
    public static let broadcastsCheck = OperationName("broadcasts.check")
    public static let broadcastsClose = OperationName("broadcasts.close")
    public static let broadcastsFollowed = OperationName("broadcasts.followed")
    public static let broadcastsLive = OperationName("broadcasts.live")
    public static let broadcastsMonitor = OperationName("broadcasts.monitor")
    public static let broadcastsPrepare = OperationName("broadcasts.prepare")
    public static let broadcastsPush = OperationName("broadcasts.push")
    public static let broadcastsRecommended = OperationName("broadcasts.recommended")
    public static let broadcastsStart = OperationName("broadcasts.start")
    public static let broadcastsView = OperationName("broadcasts.view")
    // daily
    public static let dailyRecord = OperationName("daily.record")
    // follows
    public static let followsSet = OperationName("follows.set")
    // letters
    public static let lettersClear = OperationName("letters.clear")
    public static let lettersConversations = OperationName("letters.conversations")
    public static let lettersRead = OperationName("letters.read")
    public static let lettersUnread = OperationName("letters.unread")
    public static let lettersWrite = OperationName("letters.write")
    // media
    public static let mediaLoad = OperationName("media.load")
    public static let mediaSetAvatar = OperationName("media.setAvatar")
    public static let mediaUpload = OperationName("media.upload")
    // moderation
    public static let moderationBan = OperationName("moderation.ban")
    public static let moderationNotice = OperationName("moderation.notice")
    public static let moderationReport = OperationName("moderation.report")
    public static let moderationReports = OperationName("moderation.reports")
    public static let moderationSubmitRealName = OperationName("moderation.submitRealName")
    public static let moderationSwitch = OperationName("moderation.switch")
    // playbacks
    public static let playbacksCheck = OperationName("playbacks.check")
    public static let playbacksDelete = OperationName("playbacks.delete")
    public static let playbacksList = OperationName("playbacks.list")
    public static let playbacksRecommend = OperationName("playbacks.recommend")
    public static let playbacksUnrecommend = OperationName("playbacks.unrecommend")
    // rooms
    public static let roomsCreate = OperationName("rooms.create")
    public static let roomsDelete = OperationName("rooms.delete")
    public static let roomsLeave = OperationName("rooms.leave")
    public static let roomsList = OperationName("rooms.list")
    public static let roomsLive = OperationName("rooms.live")
    public static let roomsMine = OperationName("rooms.mine")
    public static let roomsMineID = OperationName("rooms.mineID")
    public static let roomsModify = OperationName("rooms.modify")
    public static let roomsPresence = OperationName("rooms.presence")
    public static let roomsSearch = OperationName("rooms.search")
    public static let roomsUpdate = OperationName("rooms.update")
    public static let roomsUpdateByAlias = OperationName("rooms.updateByAlias")
    public static let roomsView = OperationName("rooms.view")
    public static let roomsViewers = OperationName("rooms.viewers")
    // sessions
    public static let sessionsRevoke = OperationName("sessions.revoke")
    // social
    public static let socialBlacklist = OperationName("social.blacklist")
    public static let socialBlacklisted = OperationName("social.blacklisted")
    public static let socialFollow = OperationName("social.follow")
    public static let socialFollowers = OperationName("social.followers")
    public static let socialFollowing = OperationName("social.following")
    public static let socialIsFollowing = OperationName("social.isFollowing")
    public static let socialUnblacklist = OperationName("social.unblacklist")
    public static let socialUnfollow = OperationName("social.unfollow")
    // uploads
    public static let uploadsConfig = OperationName("uploads.config")
    public static let uploadsCover = OperationName("uploads.cover")
    public static let uploadsToken = OperationName("uploads.token")
    // verification
    public static let verificationIssue = OperationName("verification.issue")
    public static let verificationVerify = OperationName("verification.verify")
}
