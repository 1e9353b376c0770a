import DialectKit
import LiveCore
import LiveJSON

/// Administration of accounts: bans, switches, notices, reports. Every route here but
/// auth_real_status needs an administrator's token or the operator key (36 otherwise).
extension ShangTVDialect {
    var adminRoutes: [Route] {
        [
            admin("/admin/forbid_user_power", OperationName.moderationBan) { try await $0.forbidUserPower($1) },
            admin("/admin/switch_account_auth", OperationName.moderationSwitch) { try await $0.switchAccountAuth($1) },
            admin("/admin/switch_auth", OperationName.moderationSwitch) { try await $0.switchAuth($1) },
            admin("/admin/flush_notice", OperationName.moderationNotice) { try await $0.flushNotice($1) },
            admin("/admin/report_list", OperationName.moderationReports) { try await $0.reportList($1) },
            open("/admin/auth_real_status", OperationName.moderationSwitch) { try await $0.authRealStatus($1) },
        ]
    }

    /// Operator switches, by their core names.
    static let realNameSwitch = "real_name_required"
    static let accountTestSwitch = "account_test_check"

    /// `oid`, `forbid` (0 lift, 1 permanent, 2 temporary) and, for 2, `forbid_time` seconds added
    /// to a temporary ban still in force (else counted from now). The user's token stays; their
    /// next call answers 59 or 60.
    func forbidUserPower(_ request: DialectRequest) async throws -> JSONObject {
        let p = request.parameters
        let target = try Self.userID(p, "oid")
        let change: BanChange
        switch try p.requiredInt("forbid") {
        case 0: change = .lift
        case 1: change = .permanent
        case 2:
            let seconds = try p.requiredInt("forbid_time")
            guard seconds > 0, Double(seconds) <= ModerationService.maxBan else { throw CoreError.invalid("forbid_time") }
            change = .extend(Double(seconds))
        default: throw CoreError.invalid("forbid")
        }
        try await core.moderation.setBan(userID: target, change)
        return [:]
    }

    /// `switch` 1 on, 0 off (true / false too).
    static func switchValue(_ p: Parameters) throws -> Bool {
        guard let on = try p.bool("switch") else { throw CoreError.invalid("switch") }
        return on
    }

    /// The account test-type check ("关闭账户测试类型检测"): stored; nothing in this gateway tells
    /// test accounts apart, so it changes no answer.
    func switchAccountAuth(_ request: DialectRequest) async throws -> JSONObject {
        try await core.moderation.setSwitch(Self.accountTestSwitch, try Self.switchValue(request.parameters))
        return [:]
    }

    /// The real-name switch that auth_real_status reports.
    func switchAuth(_ request: DialectRequest) async throws -> JSONObject {
        try await core.moderation.setSwitch(Self.realNameSwitch, try Self.switchValue(request.parameters))
        return [:]
    }

    /// The original reloaded the system notice from its database; here the notice lives in the
    /// store, and `notice` (when sent) replaces it first ("" clears it).
    func flushNotice(_ request: DialectRequest) async throws -> JSONObject {
        if let notice = try request.parameters.string("notice") {
            try await core.moderation.setNotice(notice)
        }
        return [:]
    }

    /// Open to every client (the document lists no parameters): whether the real-name switch is on.
    func authRealStatus(_ request: DialectRequest) async throws -> JSONObject {
        ["status": .bool(try await core.moderation.isOn(Self.realNameSwitch))]
    }

    /// Not in the document: the reports users filed, the newest first, ten to a page.
    func reportList(_ request: DialectRequest) async throws -> JSONObject {
        let page = try Self.page(request.parameters)
        let reports = try await core.moderation.reports(offset: page.offset, limit: page.limit)
        return ["report": .array(reports.map { report in
            [
                "id": .int(report.id),
                "uid": .int(report.reporterID),
                "oid": .int(report.targetID),
                "desc": .string(report.description),
                "authenticated": .bool(report.authenticated),
                "time": .string(Self.rfc3339(report.createdAt)),
            ]
        })]
    }
}
