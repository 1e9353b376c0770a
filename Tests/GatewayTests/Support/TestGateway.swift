import DialectKit
import FixtureKit
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import LiveCore
import LiveJSON
import Logging
import NIOCore

/// How a test reaches its gateway.
enum TestTransport {
    /// In process, through HummingbirdTesting's router mode: the unified listener's own router,
    /// context and middleware, with no socket. The default.
    case router
    /// A real server on loopback sockets, for what sockets are the point of: legacy listeners,
    /// keep-alive, oversized bodies on the wire, tools that take a URL.
    case socket
}

/// A gateway on a fresh data folder, for one test.
struct TestGateway {
    enum Connection {
        case socket(RunningGateway, HTTPClient)
        case router(any TestClientProtocol)
    }

    let connection: Connection
    let core: Core
    let data: URL

    /// Starts a gateway on sockets. `settings` are any of `livegate serve`'s settings; legacy
    /// listeners are off unless `legacy` names them (port 0 = any free port).
    static func start(_ settings: [String: String] = [:], clock: (any CoreClock)? = nil, data: URL? = nil,
                      legacy: [String: Int] = [:]) async throws -> TestGateway {
        let (configuration, folder) = try configuration(settings, clock: clock, data: data, legacy: legacy)
        let running = try await Gateway.start(configuration, logger: quietLogger)
        return TestGateway(connection: .socket(running, HTTPClient()), core: running.core, data: folder)
    }

    static func configuration(_ settings: [String: String], clock: (any CoreClock)?, data: URL?,
                              legacy: [String: Int]) throws -> (GatewayConfiguration, URL) {
        let folder = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("livegate-test-\(UUID().uuidString)")
        // Third-party tokens are checked only by the tests that run the providers' servers
        // (ThirdPartyTokenTests): no test reaches a real provider.
        var overrides = ["host": "127.0.0.1", "port": "0", "data": folder.path, "bcrypt_cost": "4", "log_level": "error",
                         "third_party_verify": "false"]
        if legacy.isEmpty {
            overrides["legacy_ports"] = "false"
        } else {
            overrides["listen"] = legacy.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
        overrides.merge(settings) { $1 }
        let values = try SettingsCatalog.resolve(overrides: overrides, environment: [:], configFile: nil)
        return (try GatewayConfiguration(settings: values, clock: clock ?? SystemClock()), folder)
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }

    func stop() async {
        if case .socket(let running, _) = connection { await running.stop() }
    }

    /// The server behind a socket-mode gateway (`withGateway(over: .socket)` or `legacy:`).
    var running: RunningGateway {
        guard case .socket(let running, _) = connection else {
            fatalError("this test reads the running server: start it with withGateway(over: .socket)")
        }
        return running
    }

    /// One request, over whichever connection the gateway has. `port` picks a legacy listener
    /// (socket mode only); headers come back with lowercased names, repeated ones joined by ", ".
    func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = [],
              port: Int? = nil) async throws -> HTTPResult {
        switch connection {
        case .socket(let running, let client):
            let url = URL(string: "http://127.0.0.1:\(port ?? running.unifiedPort)\(target)")!
            return try await client.send(HTTPRequestSpec(method: method, url: url, headers: headers, body: body))
        case .router(let client):
            precondition(port == nil, "a legacy port needs withGateway(legacy:)")
            var fields = HTTPFields()
            for (name, value) in headers {
                guard let field = HTTPField.Name(name) else { continue }
                fields.append(HTTPField(name: field, value: value))
            }
            let response = try await client.executeRequest(
                uri: target, method: HTTPRequest.Method(method)!, headers: fields,
                body: body.isEmpty && method != "POST" && method != "PUT" ? nil : ByteBuffer(bytes: body))
            var joined: [String: String] = [:]
            for field in response.headers {
                let name = field.name.canonicalName
                joined[name] = joined[name].map { $0 + ", " + field.value } ?? field.value
            }
            return HTTPResult(status: Int(response.status.code), headers: joined, body: Array(response.body.readableBytesView))
        }
    }

    /// POSTs a JSON object (QPlus clients send no Content-Type: pass `contentType: nil`).
    @discardableResult
    func post(_ path: String, json: JSONValue, contentType: String? = "application/json", port: Int? = nil,
              from address: String? = nil) async throws -> HTTPResult {
        var headers: [(String, String)] = address.map { [("X-Forwarded-For", $0)] } ?? []
        if let contentType { headers.append(("Content-Type", contentType)) }
        return try await send("POST", path, headers: headers, body: Array(json.serialized().utf8), port: port)
    }

    /// Sends form fields, urlencoded, in the body (or in the query for GET).
    @discardableResult
    /// `from` names the client in `X-Forwarded-For`, which a gateway believes only from a peer in
    /// its `trusted_proxies`.
    func form(_ method: String = "POST", _ path: String, _ fields: [(String, String)], port: Int? = nil,
              from address: String? = nil) async throws -> HTTPResult {
        let encoded = FormCoding.encode(fields)
        let forwarded = address.map { [("X-Forwarded-For", $0)] } ?? []
        if method == "GET" || method == "DELETE" {
            let separator = path.contains("?") ? "&" : "?"
            return try await send(method, path + (encoded.isEmpty ? "" : separator + encoded), headers: forwarded, port: port)
        }
        return try await send(method, path, headers: [("Content-Type", "application/x-www-form-urlencoded")] + forwarded,
                              body: Array(encoded.utf8), port: port)
    }

    /// Sends a multipart/form-data body of text fields and files.
    @discardableResult
    func multipart(_ method: String = "POST", _ path: String, fields: [(String, String)] = [],
                   files: [(name: String, filename: String, contentType: String, bytes: [UInt8])]) async throws -> HTTPResult {
        let boundary = "----livegate\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.contentType)\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(method, path, headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body)
    }

    @discardableResult
    func raw(_ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = [], port: Int? = nil) async throws -> HTTPResult {
        try await send(method, path, headers: headers, body: body, port: port)
    }

    /// The newest SMS code the default outbox sender wrote for `phone`.
    func lastSMSCode(for phone: String) throws -> String? {
        let file = data.appendingPathComponent("sms/outbox.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").reversed().compactMap { line -> String? in
            guard let json = try? JSONValue.parse(String(line)), json["phone"]?.stringValue == phone else { return nil }
            return json["code"]?.stringValue
        }.first
    }
}

/// Runs `body` against a fresh gateway and always stops it: in process through the router unless
/// the test asks for sockets or names legacy listeners.
func withGateway(_ settings: [String: String] = [:], clock: (any CoreClock)? = nil, data: URL? = nil,
                 legacy: [String: Int] = [:], over transport: TestTransport = .router,
                 _ body: (TestGateway) async throws -> Void) async throws {
    if transport == .router && legacy.isEmpty {
        // HummingbirdTesting wants a @Sendable test closure; `body` runs once, inside it, while
        // this function waits: nothing of the caller's is touched concurrently.
        nonisolated(unsafe) let body = body
        let (configuration, folder) = try TestGateway.configuration(settings, clock: clock, data: data, legacy: [:])
        let (application, core) = try Gateway.unifiedApplication(configuration, logger: TestGateway.quietLogger)
        try await application.test(.router) { client in
            try await body(TestGateway(connection: .router(client), core: core, data: folder))
        }
        return
    }
    let gateway = try await TestGateway.start(settings, clock: clock, data: data, legacy: legacy)
    do {
        try await body(gateway)
    } catch {
        await gateway.stop()
        throw error
    }
    await gateway.stop()
}

/// A tiny valid PNG (1×1, transparent), for upload tests.
let tinyPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
]

/// A unique 11-digit mobile number per call, so tests never collide.
func uniquePhone() -> String {
    "139" + String(format: "%08d", Int.random(in: 0..<100_000_000))
}
