import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Pyramid over real HTTP. Every call checks what every Pyramid answer must be (HTTP 200,
/// `application/json`, exactly `{"result": "<4 digits>", "message": ...}` written as Python's
/// `json.dumps` writes it) and returns the parsed body.
struct PyramidClient {
    let gateway: TestGateway
    /// A legacy listener's port; nil is the unified port.
    var port: Int?

    init(_ gateway: TestGateway, port: Int? = nil) {
        self.gateway = gateway
        self.port = port
    }

    /// Form fields: urlencoded in the body, or in the query string for GET and DELETE.
    @discardableResult
    func form(_ path: String, _ fields: [(String, String)], method: String = "POST",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try Self.envelope(try await gateway.form(method, path, fields, port: port), sourceLocation: sourceLocation)
    }

    @discardableResult
    func json(_ path: String, _ body: JSONValue, contentType: String? = "application/json",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try Self.envelope(try await gateway.post(path, json: body, contentType: contentType, port: port), sourceLocation: sourceLocation)
    }

    @discardableResult
    func multipart(_ path: String, fields: [(String, String)] = [],
                   files: [(name: String, filename: String, contentType: String, bytes: [UInt8])] = [],
                   sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try Self.envelope(try await gateway.multipart("POST", path, fields: fields, files: files), sourceLocation: sourceLocation)
    }

    @discardableResult
    func raw(_ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = [],
             sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try Self.envelope(try await gateway.raw(method, path, body: body, headers: headers, port: port), sourceLocation: sourceLocation)
    }

    /// Checks the envelope, bytes included: Python's separators, `message` always present.
    static func envelope(_ result: HTTPResult, status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        #expect(result.status == status, "HTTP \(result.status): \(result.text)", sourceLocation: sourceLocation)
        #expect(result.header("Content-Type") == "application/json", sourceLocation: sourceLocation)
        let json = try #require(result.json, "not JSON: \(result.text)", sourceLocation: sourceLocation)
        let object = try #require(json.objectValue, sourceLocation: sourceLocation)
        #expect(object.keys == ["result", "message"], "keys: \(object.keys)", sourceLocation: sourceLocation)
        let code = try #require(json["result"]?.stringValue, "result is not a string", sourceLocation: sourceLocation)
        #expect(code.count == 4 && code.allSatisfy(\.isASCIIDigit), sourceLocation: sourceLocation)
        // Byte for byte what json.dumps({"result": ..., "message": ...}) writes.
        #expect(result.text == json.serialized(.python), sourceLocation: sourceLocation)
        #expect(result.text.hasPrefix("{\"result\": \"\(code)\", \"message\": "), sourceLocation: sourceLocation)
        return json
    }

    // MARK: Operations

    /// 002's send code: `GET /register?userId=`.
    @discardableResult
    func sendCode(_ phone: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/register", [("userId", phone)], method: "GET", sourceLocation: sourceLocation)
    }

    @discardableResult
    /// Verify as 000 sends it: the phone in `userId`, the code the user typed in `code` (and in
    /// `code_v`, which the gateway does not use to find the phone).
    func verify(_ phone: String, code: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/register", [("userId", phone), ("code_v", code), ("code", code)], sourceLocation: sourceLocation)
    }

    /// Sends a code to `phone` (0000 expected) and reads it from the SMS outbox, as a user reads
    /// their phone: `message` is null unless `pyramid_echo_code` is on.
    func codeSent(to phone: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        #expect(try await sendCode(phone, sourceLocation: sourceLocation)["result"] == "0000", sourceLocation: sourceLocation)
        return try #require(try gateway.lastSMSCode(for: phone), "no SMS for \(phone)", sourceLocation: sourceLocation)
    }

    @discardableResult
    func register(_ phone: String, password: String = PyramidClient.password, extra: [(String, String)] = [],
                  sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/register", [("register", "1"), ("userId", phone), ("password", password)] + extra,
                       sourceLocation: sourceLocation)
    }

    @discardableResult
    func login(_ userId: String, password: String = PyramidClient.password, field: String = "pasword",
               sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/log", [("userId", userId), (field, password)], sourceLocation: sourceLocation)
    }

    @discardableResult
    func goLive(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/room", [("token", token)], sourceLocation: sourceLocation)
    }

    @discardableResult
    func leave(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        try await form("/room", [("token", token), ("leave", "1")], sourceLocation: sourceLocation)
    }

    static let password = "abc12345"

    /// Send code, verify with the code the SMS carried: the phone is verified.
    func verifiedPhone(_ phone: String = uniquePhone(), sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let code = try await codeSent(to: phone, sourceLocation: sourceLocation)
        let verified = try await verify(phone, code: code, sourceLocation: sourceLocation)
        try #require(verified["result"] == "0000", "verify: \(verified.serialized())", sourceLocation: sourceLocation)
        return phone
    }

    /// The whole flow up to a token: a registered user, logged in.
    func user(_ phone: String = uniquePhone(), sourceLocation: SourceLocation = #_sourceLocation) async throws -> (phone: String, token: String) {
        _ = try await verifiedPhone(phone, sourceLocation: sourceLocation)
        let registered = try await register(phone, sourceLocation: sourceLocation)
        try #require(registered["result"] == "0000", "register: \(registered.serialized())", sourceLocation: sourceLocation)
        let login = try await login(phone, sourceLocation: sourceLocation)
        let token = try #require(login["message"]?.stringValue, "login: \(login.serialized())", sourceLocation: sourceLocation)
        return (phone, token)
    }

    /// The stream document inside a start-live answer's `message` string.
    static func stream(_ answer: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        let text = try #require(answer["message"]?.stringValue, "message is not a string: \(answer.serialized())",
                                sourceLocation: sourceLocation)
        return try JSONValue.parse(text)
    }
}

/// Settings most Pyramid tests want: codes may be asked for back to back.
let pyramidSettings = ["code_resend_interval": "0"]
