import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// QPlus over real HTTP: every call checks what every QPlus answer must be (HTTP 200,
/// `application/json;charset=utf-8`, the `{access,status,desc}` envelope) and returns the body.
struct QPlusClient {
    let gateway: TestGateway
    /// A legacy listener's port; nil is the unified port.
    var port: Int?

    init(_ gateway: TestGateway, port: Int? = nil) {
        self.gateway = gateway
        self.port = port
    }

    /// POSTs `body` as JSON. The iOS client sends no Content-Type at all, so that is the default here.
    @discardableResult
    func call(_ path: String, _ body: JSONValue = [:], contentType: String? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let result = try await gateway.post(path, json: body, contentType: contentType, port: port)
        return try Self.envelope(result, path: path, sourceLocation: sourceLocation)
    }

    /// Sends raw bytes with an optional Content-Type.
    @discardableResult
    func raw(_ path: String, _ bytes: [UInt8], contentType: String? = nil, method: String = "POST",
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let headers = contentType.map { [("Content-Type", $0)] } ?? []
        let result = try await gateway.raw(method, path, body: bytes, headers: headers, port: port)
        return try Self.envelope(result, path: path, sourceLocation: sourceLocation)
    }

    /// Sends urlencoded form fields.
    @discardableResult
    func form(_ path: String, _ fields: [(String, String)],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let result = try await gateway.form("POST", path, fields, port: port)
        return try Self.envelope(result, path: path, sourceLocation: sourceLocation)
    }

    static func envelope(_ result: HTTPResult, path: String, sourceLocation: SourceLocation) throws -> JSONValue {
        #expect(result.status == 200, "\(path): HTTP \(result.status)", sourceLocation: sourceLocation)
        #expect(result.header("Content-Type") == "application/json;charset=utf-8", sourceLocation: sourceLocation)
        let json = try #require(result.json, "\(path): not JSON: \(result.text)", sourceLocation: sourceLocation)
        let bare = path.split(separator: "?").first.map(String.init) ?? path
        let access: JSONValue = bare == "/live/GetLiveRoomList" ? "liveapi/GetLiveRoomList" : .string(bare)
        #expect(json["access"] == access, sourceLocation: sourceLocation)
        #expect(json["status"]?.qplusInt != nil, sourceLocation: sourceLocation)
        #expect(json["desc"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
        return json
    }

    // MARK: Accounts

    /// A user registered with the document's shape, and logged in.
    struct User {
        var account: String
        var phone: String
        var email: String
        var password: String
        var sessionId: String
        var login: JSONValue
    }

    func register(account: String? = nil, phone: String? = nil, password: String = "secret1",
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> (account: String, phone: String, email: String) {
        let phone = phone ?? uniquePhone()
        let account = account ?? "u\(phone)"
        let email = "\(account)@example.com"
        let r = try await call("/live/Register", ["account": .string(account), "phone": .string(phone),
                                                  "email": .string(email), "password": .string(password)],
                               sourceLocation: sourceLocation)
        try #require(r["status"] == 10000, "register: \(r.serialized())", sourceLocation: sourceLocation)
        return (account, phone, email)
    }

    func login(_ account: String, _ password: String = "secret1",
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await call("/live/Login", ["account": .string(account), "password": .string(password)], sourceLocation: sourceLocation)
    }

    /// Registers and logs in a fresh user.
    func user(account: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> User {
        let (account, phone, email) = try await register(account: account, sourceLocation: sourceLocation)
        let login = try await self.login(account, sourceLocation: sourceLocation)
        try #require(login["status"] == 10000, "login: \(login.serialized())", sourceLocation: sourceLocation)
        let session = try #require(login["sessionId"]?.stringValue, sourceLocation: sourceLocation)
        return User(account: account, phone: phone, email: email, password: "secret1", sessionId: session, login: login)
    }

    // MARK: Rooms

    /// Creates the user's room and returns its id.
    func createRoom(_ session: String, _ fields: JSONObject = [:],
                    sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int64 {
        var body = fields
        body["sessionId"] = .string(session)
        let r = try await call("/live/CreateLiveRoom", .object(body), sourceLocation: sourceLocation)
        try #require(r["status"] == 10000, "create: \(r.serialized())", sourceLocation: sourceLocation)
        return try #require(r["liveRoomId"]?.qplusInt, sourceLocation: sourceLocation)
    }

    /// A user with a room: (user, roomId).
    func anchor(name: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (User, Int64) {
        let user = try await self.user(sourceLocation: sourceLocation)
        var fields: JSONObject = [:]
        if let name { fields["liveRoomName"] = .string(name) }
        return (user, try await createRoom(user.sessionId, fields, sourceLocation: sourceLocation))
    }

    @discardableResult
    func push(_ session: String, room: Int64, status: Int64 = 1, timeout: Int64? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        var body: JSONObject = ["sessionId": .string(session), "liveRoomId": .int(room), "status": .int(status)]
        if let timeout { body["timeout"] = .int(timeout) }
        return try await call("/live/PushLiveStream", .object(body), sourceLocation: sourceLocation)
    }

    func list(_ session: String, type: Int64, refresh: Int64 = 1, count: Int64? = nil,
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        var body: JSONObject = ["sessionId": .string(session), "type": .int(type), "refresh": .int(refresh)]
        if let count { body["count"] = .int(count) }
        return try await call("/live/GetLiveRoomList", .object(body), sourceLocation: sourceLocation)
    }

    /// The room ids of a list in order.
    static func ids(_ list: JSONValue?) -> [Int64] {
        (list?.arrayValue ?? []).compactMap { $0["liveRoomId"]?.qplusInt }
    }
}

extension JSONValue {
    /// An integer, whether it arrived as a JSON integer or a whole decimal.
    var qplusInt: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d == d.rounded(): return Int64(d)
        default: return nil
        }
    }
}

/// Every QPlus path answered with the JSON envelope (GetUserHeadPic is JSON only on failure).
let qplusPaths = [
    "/live/Login", "/live/Register", "/live/AuthCode", "/live/ModifyUserPwd", "/live/ModifyUserInfo",
    "/live/ModifyUserHeadPic", "/live/GetLiveRoomList", "/live/GetMyLiveRoomId", "/live/GetMyLiveRoom",
    "/live/ModifyMyLiveRoom", "/live/CreateLiveRoom", "/live/FollowLiveRoom", "/live/PushLiveStream",
    "/live/SearchLiveStream", "/live/SearchLiveRoom", "/live/PlayLiveStream", "/live/GetLiveroomNumber",
]

/// The keys of LiveRoomInfo as the gateway sends them (both anchor password spellings, play URLs).
let qplusRoomKeys = [
    "liveRoomId", "liveRoomAnchorPwd", "liveRoomanchorPwd", "liveRoomUserPwd", "liveRoomName", "liveRoomDesc",
    "liveRoomTopic", "anchorName", "headPicId", "isFollow", "followCount", "playerCount",
    "playRtmpUrl", "playHlsUrl", "playFlvUrl",
]
