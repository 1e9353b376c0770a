import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// The REST dialect over real HTTP. Every answer is checked for what every REST answer must be:
/// `application/json`, `status` "SUCCESS" on 2xx and "FAIL" otherwise, `code` the HTTP status as a
/// string, a non-empty `msg`, and every value a string except `active` and `results`.
struct RESTClient {
    let gateway: TestGateway
    var port: Int?

    init(_ gateway: TestGateway, port: Int? = nil) {
        self.gateway = gateway
        self.port = port
    }

    struct Answer {
        var status: Int
        var json: JSONValue
        var result: HTTPResult

        subscript(key: String) -> JSONValue? { json[key] }
        var msg: String { json["msg"]?.stringValue ?? "" }
        var token: String? { json["token"]?.stringValue }
        var pk: String? { json["pk"]?.stringValue }
    }

    /// Sends a request: `json` as a JSON body, `form` urlencoded, or `body` as is; `token` in the
    /// `Authorization: Token` header.
    @discardableResult
    func send(_ method: String, _ path: String, json: JSONValue? = nil, form: [(String, String)]? = nil,
              body: [UInt8]? = nil, contentType: String? = nil, token: String? = nil,
              headers extra: [(String, String)] = [],
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> Answer {
        var headers = extra
        var bytes: [UInt8] = []
        if let json {
            bytes = Array(json.serialized().utf8)
            headers.append(("Content-Type", contentType ?? "application/json"))
        } else if let form {
            bytes = Array(FormCoding.encode(form).utf8)
            headers.append(("Content-Type", contentType ?? "application/x-www-form-urlencoded"))
        } else if let body {
            bytes = body
            if let contentType { headers.append(("Content-Type", contentType)) }
        }
        if let token { headers.append(("Authorization", "Token \(token)")) }
        let result = try await gateway.raw(method, path, body: bytes, headers: headers, port: port)
        return try Self.check(result, method: method, path: path, sourceLocation: sourceLocation)
    }

    static func check(_ result: HTTPResult, method: String, path: String, sourceLocation: SourceLocation) throws -> Answer {
        if result.status == 204 || method == "HEAD" {
            #expect(result.body.isEmpty, "\(method) \(path): body \(result.text)", sourceLocation: sourceLocation)
            return Answer(status: result.status, json: .null, result: result)
        }
        #expect(result.header("Content-Type") == "application/json", "\(method) \(path)", sourceLocation: sourceLocation)
        let json = try #require(result.json, "\(method) \(path): not JSON: \(result.text)", sourceLocation: sourceLocation)
        if method != "OPTIONS" {
            let ok = (200..<300).contains(result.status)
            #expect(json["status"] == (ok ? "SUCCESS" : "FAIL"), "\(method) \(path): \(result.text)", sourceLocation: sourceLocation)
            #expect(json["code"] == .string(String(result.status)), "\(method) \(path): \(result.text)", sourceLocation: sourceLocation)
            #expect(json["msg"]?.stringValue?.isEmpty == false, "\(method) \(path): \(result.text)", sourceLocation: sourceLocation)
            checkTypes(json, path: "\(method) \(path)", sourceLocation: sourceLocation)
        }
        return Answer(status: result.status, json: json, result: result)
    }

    /// Every value a string, except `active` (a boolean) and `results` (a list of such objects).
    static func checkTypes(_ json: JSONValue, path: String, sourceLocation: SourceLocation) {
        for (key, value) in json.objectValue ?? [:] {
            switch key {
            case "active":
                #expect(value.typeName == "bool", "\(path): active is \(value.typeName)", sourceLocation: sourceLocation)
            case "results":
                let items = value.arrayValue
                #expect(items != nil, "\(path): results is \(value.typeName)", sourceLocation: sourceLocation)
                for item in items ?? [] { checkTypes(item, path: path, sourceLocation: sourceLocation) }
            default:
                #expect(value.stringValue != nil, "\(path): \(key) is \(value.typeName)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: Users

    struct User {
        var username: String
        var password: String
        var pk: String
        var token: String
        var roomid: String
        var body: JSONValue

        var id: Int64 { Int64(pk)! }
    }

    /// Registers a fresh user (and its room) and returns it with its token.
    @discardableResult
    func register(_ username: String? = nil, password: String = "secret1", nickname: String? = nil,
                  extra: JSONObject = [:], sourceLocation: SourceLocation = #_sourceLocation) async throws -> User {
        let username = username ?? "u\(uniquePhone())"
        var body: JSONObject = ["username": .string(username), "password": .string(password),
                                "nickname": .string(nickname ?? "nick-\(username)")]
        body.merge(extra)
        let r = try await send("POST", "/users/", json: .object(body), sourceLocation: sourceLocation)
        try #require(r.status == 200, "register: \(r.result.text)", sourceLocation: sourceLocation)
        return User(username: username, password: password, pk: try #require(r.pk), token: try #require(r.token),
                    roomid: r["roomid"]?.stringValue ?? "", body: r.json)
    }

    func login(_ username: String, _ password: String = "secret1",
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> Answer {
        try await send("POST", "/login/", json: ["username": .string(username), "password": .string(password)],
                       sourceLocation: sourceLocation)
    }

    /// The room of a user: its pk (from the core, since user bodies carry only `roomid`).
    func roomPK(of user: User) async throws -> Int64 {
        try #require(try await gateway.core.rooms.room(ownerID: user.id)).id
    }

    /// The `results` of GET /rooms/ (one page of `pageSize` 100).
    func liveRooms(sourceLocation: SourceLocation = #_sourceLocation) async throws -> [JSONValue] {
        let r = try await send("GET", "/rooms/?pageSize=100", sourceLocation: sourceLocation)
        #expect(r.status == 200, sourceLocation: sourceLocation)
        return r["results"]?.arrayValue ?? []
    }

    func sms(_ phone: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(try gateway.lastSMSCode(for: phone), "no SMS for \(phone)", sourceLocation: sourceLocation)
    }
}

/// Keys of a user body, in the samples' order.
let restUserKeys = ["pk", "username", "password", "token", "login_type", "nickname", "sex", "age", "email", "phone",
                    "img", "country", "province", "city", "career", "roomid", "date_joined", "status", "msg", "code"]

/// Keys of a room item.
let restRoomKeys = ["pk", "roomid", "room_alias", "active", "username", "image"]

extension JSONValue {
    var restKeys: [String] { objectValue.map { Array($0.keys) } ?? [] }
}

func restIsHex32(_ value: String?) -> Bool {
    guard let value else { return false }
    return value.count == 32 && value.allSatisfy { $0.isHexDigit && !$0.isUppercase }
}

/// `2016-10-28T02:27:15.211240Z`
func restIsDate(_ value: String?) -> Bool {
    guard let value else { return false }
    return value.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z/) != nil
}

struct RESTTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
