import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Administrator endpoints: forbid_user_power, switch_account_auth, switch_auth, flush_notice,
/// report_list, and the open auth_real_status.
@Suite("shangtv administrators")
struct ShangTVAdminTests {
    static let adminPaths = ["/admin/forbid_user_power", "/admin/switch_account_auth", "/admin/switch_auth",
                             "/admin/flush_notice", "/admin/report_list"]

    @Test("36 for anyone but an administrator or the operator key")
    func gate() async throws {
        try await withGateway(["admin_key": "operator-secret"]) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            for path in Self.adminPaths {
                #expect(try await s.code(path, [("oid", String(user.uid)), ("forbid", "0"), ("switch", "1")]) == 36, "\(path)")
                #expect(try await s.code(as: user, path, [("oid", String(user.uid)), ("forbid", "0"), ("switch", "1")]) == 36, "\(path)")
                let wrongKey = try await gateway.raw("POST", path + "?switch=1&oid=\(user.uid)&forbid=0",
                                                     headers: [("X-LiveGate-Admin-Key", "operator-secreT")])
                #expect(try ShangTVClient.envelope(wrongKey, path: path, sourceLocation: #_sourceLocation)["ErrCode"] == 36, "\(path)")
                let key = try await gateway.raw("POST", path + "?switch=1&oid=\(user.uid)&forbid=0",
                                                headers: [("X-LiveGate-Admin-Key", "operator-secret")])
                #expect(try ShangTVClient.envelope(key, path: path, sourceLocation: #_sourceLocation)["ErrCode"] == 0, "\(path)")
            }
            // An administrator's token (granted as `livegate admin grant` does).
            try await s.grantAdministrator(user)
            #expect(try await s.call(as: user, "/user/refresh_info")["user"]?["IsSuperUser"] == true)
            for path in Self.adminPaths {
                #expect(try await s.code(as: user, path, [("oid", String(user.uid)), ("forbid", "0"), ("switch", "0")]) == 0, "\(path)")
            }
            // A stale token of an administrator is still 36.
            #expect(try await s.code("/admin/switch_auth", [("token", String(repeating: "b", count: 32)), ("switch", "1")]) == 36)
        }
    }

    @Test("without a configured key, the header opens nothing")
    func noKey() async throws {
        try await withGateway { gateway in
            let result = try await gateway.raw("POST", "/admin/switch_auth?switch=1", headers: [("X-LiveGate-Admin-Key", "")])
            #expect(try ShangTVClient.envelope(result, path: "/admin/switch_auth", sourceLocation: #_sourceLocation)["ErrCode"] == 36)
        }
    }

    @Test("forbid_user_power: 1 permanent (60), 2 temporary (59) for forbid_time seconds, lengthened; 0 lifts")
    func forbid() async throws {
        let clock = ManualClock()
        try await withGateway(clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let admin = try await s.register()
            try await s.grantAdministrator(admin)
            let user = try await s.register()
            let oid = String(user.uid)
            #expect(try await s.call(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "1")]) == ["ErrCode": 0])
            #expect(try await s.code(as: user, "/user/refresh_info") == 60)
            #expect(try await s.login(user.account)["ErrCode"] == 60)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "0")]) == 0)
            // The token the user had still works.
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2"), ("forbid_time", "3600")]) == 0)
            #expect(try await s.code(as: user, "/focus/focus_list") == 59)
            #expect(try await s.login(user.account)["ErrCode"] == 59)
            clock.advance(by: 1800)
            // Lengthened from the end of the ban in force: 1800 + 3600 seconds left.
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2"), ("forbid_time", "3600")]) == 0)
            clock.advance(by: 3600)
            #expect(try await s.code(as: user, "/user/refresh_info") == 59)
            clock.advance(by: 1801)
            #expect(try await s.code(as: user, "/user/refresh_info") == 0)
            // Malformed.
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid)]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("forbid", "1")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "3")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2"), ("forbid_time", "0")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2"), ("forbid_time", "-5")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", oid), ("forbid", "2"), ("forbid_time", "99999999999999")]) == 10)
            #expect(try await s.code(as: admin, "/admin/forbid_user_power", [("oid", "999999999"), ("forbid", "1")]) == 8)
        }
    }

    @Test("switch_auth drives auth_real_status (open to all); switch_account_auth is stored; 10 without a switch")
    func switches() async throws {
        try await withGateway(["admin_key": "k"]) { gateway in
            let s = ShangTVClient(gateway)
            let admin = try await s.register()
            try await s.grantAdministrator(admin)
            #expect(try await s.call("/admin/auth_real_status", method: "GET") == ["ErrCode": 0, "status": false])
            #expect(try await s.call(as: admin, "/admin/switch_auth", [("switch", "1")], method: "GET") == ["ErrCode": 0])
            #expect(try await s.call("/admin/auth_real_status") == ["ErrCode": 0, "status": true])
            #expect(try await s.code(as: admin, "/admin/switch_auth", [("switch", "0")]) == 0)
            #expect(try await s.call("/admin/auth_real_status") == ["ErrCode": 0, "status": false])
            #expect(try await gateway.core.moderation.isOn("account_test_check") == false)
            #expect(try await s.call(as: admin, "/admin/switch_account_auth", [("switch", "1")]) == ["ErrCode": 0])
            #expect(try await gateway.core.moderation.isOn("account_test_check") == true)
            #expect(try await s.code(as: admin, "/admin/switch_account_auth", [("switch", "0")]) == 0)
            #expect(try await gateway.core.moderation.isOn("account_test_check") == false)
            for path in ["/admin/switch_auth", "/admin/switch_account_auth"] {
                #expect(try await s.code(as: admin, path, []) == 10, "\(path)")
                #expect(try await s.code(as: admin, path, [("switch", "2")]) == 10, "\(path)")
            }
        }
    }

    @Test("flush_notice: answers 0; a notice sent with it replaces the stored one")
    func notice() async throws {
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let admin = try await s.register()
            try await s.grantAdministrator(admin)
            #expect(try await s.call(as: admin, "/admin/flush_notice", method: "GET") == ["ErrCode": 0])
            #expect(try await gateway.core.moderation.notice() == "")
            #expect(try await s.code(as: admin, "/admin/flush_notice", [("notice", "系统维护")]) == 0)
            #expect(try await gateway.core.moderation.notice() == "系统维护")
            #expect(try await s.code(as: admin, "/admin/flush_notice") == 0)
            #expect(try await gateway.core.moderation.notice() == "系统维护")
            #expect(try await s.code(as: admin, "/admin/flush_notice", [("notice", "")]) == 0)
            #expect(try await gateway.core.moderation.notice() == "")
            #expect(try await s.code(as: admin, "/admin/flush_notice", [("notice", String(repeating: "n", count: 1001))]) == 10)
        }
    }

    @Test("report_list shows the reports, newest first")
    func reportList() async throws {
        try await withGateway(["admin_key": "k"]) { gateway in
            let s = ShangTVClient(gateway)
            let a = try await s.register()
            let b = try await s.register()
            #expect(try await s.code(as: a, "/report", [("oid", String(b.uid)), ("desc", "spam")]) == 0)
            let result = try await gateway.raw("GET", "/admin/report_list?index=0", headers: [("X-LiveGate-Admin-Key", "k")])
            let r = try ShangTVClient.envelope(result, path: "/admin/report_list", sourceLocation: #_sourceLocation)
            let rows = try #require(r["report"]?.arrayValue)
            #expect(rows.count == 1)
            #expect(rows[0]["uid"] == .int(a.uid) && rows[0]["oid"] == .int(b.uid) && rows[0]["desc"] == "spam")
            #expect(rows[0]["authenticated"] == true)
        }
    }
}
