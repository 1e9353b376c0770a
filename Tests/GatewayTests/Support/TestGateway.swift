import DialectKit
import FixtureKit
import Foundation
import Gateway
import LiveCore
import LiveJSON
import Logging

/// A real gateway on loopback, on a fresh data folder, for one test.
struct TestGateway {
    let running: RunningGateway
    let data: URL
    let client = HTTPClient()

    /// Starts a gateway. `settings` are any of `livegate serve`'s settings; legacy listeners are off
    /// unless `legacy` names them (port 0 = any free port).
    static func start(_ settings: [String: String] = [:], clock: (any CoreClock)? = nil, data: URL? = nil,
                      legacy: [String: Int] = [:]) async throws -> TestGateway {
        let folder = data ?? FileManager.default.temporaryDirectory.appendingPathComponent("livegate-test-\(UUID().uuidString)")
        var overrides = ["host": "127.0.0.1", "port": "0", "data": folder.path, "bcrypt_cost": "4", "log_level": "error"]
        if legacy.isEmpty {
            overrides["legacy_ports"] = "false"
        } else {
            overrides["listen"] = legacy.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
        overrides.merge(settings) { $1 }
        let values = try SettingsCatalog.resolve(overrides: overrides, environment: [:], configFile: nil)
        let configuration = try GatewayConfiguration(settings: values, clock: clock ?? SystemClock())
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return TestGateway(running: try await Gateway.start(configuration, logger: logger), data: folder)
    }

    func stop() async {
        await running.stop()
    }

    var core: Core { running.core }

    func url(_ path: String, port: Int? = nil) -> URL {
        URL(string: "http://127.0.0.1:\(port ?? running.unifiedPort)\(path)")!
    }

    /// POSTs a JSON object (QPlus clients send no Content-Type: pass `contentType: nil`).
    @discardableResult
    func post(_ path: String, json: JSONValue, contentType: String? = "application/json", port: Int? = nil) async throws -> HTTPResult {
        var headers: [(String, String)] = []
        if let contentType { headers.append(("Content-Type", contentType)) }
        return try await client.send(HTTPRequestSpec(method: "POST", url: url(path, port: port), headers: headers,
                                                     body: Array(json.serialized().utf8)))
    }

    /// Sends form fields, urlencoded, in the body (or in the query for GET).
    @discardableResult
    func form(_ method: String = "POST", _ path: String, _ fields: [(String, String)], port: Int? = nil) async throws -> HTTPResult {
        let encoded = FormCoding.encode(fields)
        if method == "GET" || method == "DELETE" {
            let separator = path.contains("?") ? "&" : "?"
            return try await client.send(HTTPRequestSpec(method: method, url: url(path + (encoded.isEmpty ? "" : separator + encoded), port: port)))
        }
        return try await client.send(HTTPRequestSpec(method: method, url: url(path, port: port),
                                                     headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                     body: Array(encoded.utf8)))
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
        return try await client.send(HTTPRequestSpec(method: method, url: url(path),
                                                     headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], body: body))
    }

    @discardableResult
    func raw(_ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = [], port: Int? = nil) async throws -> HTTPResult {
        try await client.send(HTTPRequestSpec(method: method, url: url(path, port: port), headers: headers, body: body))
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

/// Runs `body` against a fresh gateway and always stops it.
func withGateway(_ settings: [String: String] = [:], clock: (any CoreClock)? = nil, data: URL? = nil,
                 legacy: [String: Int] = [:], _ body: (TestGateway) async throws -> Void) async throws {
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
