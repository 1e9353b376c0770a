import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// shangtv over real HTTP. Every answer is checked for what every shangtv answer must be: HTTP 200,
/// `application/json; charset=UTF-8`, a JSON object with an integer `ErrCode`.
struct ShangTVClient {
    let gateway: TestGateway
    /// A legacy listener's port; nil is the unified port.
    var port: Int?

    init(_ gateway: TestGateway, port: Int? = nil) {
        self.gateway = gateway
        self.port = port
    }

    /// Sends `fields` as an urlencoded form (POST) or in the query string (GET).
    @discardableResult
    func call(_ path: String, _ fields: [(String, String)] = [], method: String = "POST",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let result = try await gateway.form(method, path, fields, port: port)
        return try Self.envelope(result, path: path, sourceLocation: sourceLocation)
    }

    /// The ErrCode of a call.
    func code(_ path: String, _ fields: [(String, String)] = [], method: String = "POST",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int64? {
        try await call(path, fields, method: method, sourceLocation: sourceLocation)["ErrCode"]?.intValue
    }

    /// A call as `user`: its token and uid are added to `fields`.
    @discardableResult
    func call(as user: User, _ path: String, _ fields: [(String, String)] = [], method: String = "POST",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call(path, [("token", user.token), ("uid", String(user.uid))] + fields, method: method,
                       sourceLocation: sourceLocation)
    }

    func code(as user: User, _ path: String, _ fields: [(String, String)] = [], method: String = "POST",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int64? {
        try await call(as: user, path, fields, method: method, sourceLocation: sourceLocation)["ErrCode"]?.intValue
    }

    static func envelope(_ result: HTTPResult, path: String, sourceLocation: SourceLocation) throws -> JSONValue {
        #expect(result.status == 200, "\(path): HTTP \(result.status)", sourceLocation: sourceLocation)
        #expect(result.header("Content-Type") == "application/json; charset=UTF-8", "\(path)", sourceLocation: sourceLocation)
        let json = try #require(result.json, "\(path): not JSON: \(result.text)", sourceLocation: sourceLocation)
        #expect(json["ErrCode"]?.intValue != nil, "\(path): \(result.text)", sourceLocation: sourceLocation)
        return json
    }

    // MARK: Accounts

    /// A logged-in shangtv user.
    struct User {
        var uid: Int64
        var token: String
        var account: String
        var password: String
        var user: JSONValue
    }

    /// Asks for an SMS code for `phone` and reads it from the outbox.
    func smsCode(_ phone: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let sent = try await call("/action/send_sns", [("mobile", phone)], sourceLocation: sourceLocation)
        try #require(sent["ErrCode"] == 0, "send_sns: \(sent.serialized())", sourceLocation: sourceLocation)
        return try #require(try gateway.lastSMSCode(for: phone), sourceLocation: sourceLocation)
    }

    /// Registers `phone` (a fresh one by default) by SMS code with the MD5 of `password`, and returns
    /// the user the registration logged in.
    func register(phone: String? = nil, password: String = "abc12345",
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> User {
        let phone = phone ?? uniquePhone()
        let code = try await smsCode(phone, sourceLocation: sourceLocation)
        let r = try await call("/action/register", [("account", phone), ("pwd", MD5Hex.of(password)), ("code", code),
                                                    ("type", "0"), ("channel_id", "1")], sourceLocation: sourceLocation)
        try #require(r["ErrCode"] == 0, "register: \(r.serialized())", sourceLocation: sourceLocation)
        let user = try #require(r["user"], sourceLocation: sourceLocation)
        return User(uid: try #require(user["Uid"]?.intValue, sourceLocation: sourceLocation),
                    token: try #require(r["token"]?.stringValue, sourceLocation: sourceLocation),
                    account: phone, password: password, user: user)
    }

    /// Logs in with the MD5 of `password`.
    func login(_ account: String, _ password: String = "abc12345",
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call("/action/login", [("account", account), ("pwd", MD5Hex.of(password)), ("channel_id", "1")],
                       sourceLocation: sourceLocation)
    }

    /// Logs in and returns the user.
    func loggedIn(_ account: String, _ password: String = "abc12345",
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> User {
        let r = try await login(account, password, sourceLocation: sourceLocation)
        try #require(r["ErrCode"] == 0, "login: \(r.serialized())", sourceLocation: sourceLocation)
        let user = try #require(r["user"], sourceLocation: sourceLocation)
        return User(uid: try #require(user["Uid"]?.intValue, sourceLocation: sourceLocation),
                    token: try #require(user["Token"]?.stringValue, sourceLocation: sourceLocation),
                    account: account, password: password, user: user)
    }

    /// Makes `user` an administrator, as `livegate admin grant` does.
    func grantAdministrator(_ user: User) async throws {
        _ = try await gateway.core.accounts.setAdministrator(account: user.account, true)
    }
}

extension JSONValue {
    /// An integer value, if this is one.
    var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }
}
