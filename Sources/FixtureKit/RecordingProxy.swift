import Foundation
import HTTPTypes
import Hummingbird
import LiveJSON
import Logging
import NIOCore
import Synchronization

/// A recording reverse proxy: forwards every request to the upstream unchanged, returns the
/// upstream's answer unchanged, and writes each client's consecutive exchanges as one fixture file
/// (a new file after `gap` seconds of silence from that client). Files are rewritten after every
/// exchange, so nothing recorded is lost if the proxy stops abruptly.
public final class RecordingProxy: Sendable {
    public let upstream: URL
    public let output: URL
    public let dialect: String
    public let gap: TimeInterval
    let client: HTTPClient
    let logger: Logger
    private let sessions = Mutex<[String: Scenario]>([:])
    private let counter = Mutex(0)

    struct Scenario {
        var file: URL
        var exchanges: [RecordedExchange]
        var last: Date
    }

    public init(upstream: URL, output: URL, dialect: String = "recorded", gap: TimeInterval = 30, timeout: TimeInterval = 30,
                logger: Logger = Logger(label: "livegate.record")) throws {
        self.upstream = upstream
        self.output = output
        self.dialect = dialect
        self.gap = gap
        self.client = HTTPClient(timeout: timeout)
        self.logger = logger
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    }

    /// Every fixture file written so far.
    public var files: [URL] {
        sessions.withLock { Array(Set($0.values.map(\.file))) }
    }

    /// A Hummingbird application serving the proxy on `host:port` (0: any free port).
    public func application(host: String = "127.0.0.1", port: Int, onRunning: @escaping @Sendable (Int) -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(responder: Responder(proxy: self),
                    configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
                    logger: logger)
    }

    struct Context: RequestContext {
        var coreContext: CoreRequestContextStorage
        let client: String

        init(source: ApplicationRequestContextSource) {
            coreContext = .init(source: source)
            client = source.channel.remoteAddress?.ipAddress ?? "unknown"
        }

        var maxUploadSize: Int { 64 << 20 }
    }

    struct Responder: HTTPResponder {
        let proxy: RecordingProxy

        func respond(to request: Request, context: Context) async throws -> Response {
            try await proxy.forward(request, client: context.client)
        }
    }

    static let hopByHop: Set<String> = ["connection", "keep-alive", "transfer-encoding", "content-length", "host", "upgrade",
                                        "proxy-connection", "te", "trailer"]

    func forward(_ request: Request, client clientKey: String) async throws -> Response {
        var request = request
        let body = Array((try await request.collectBody(upTo: 64 << 20)).readableBytesView)
        let target = request.uri.description
        let root = upstream.absoluteString.hasSuffix("/") ? String(upstream.absoluteString.dropLast()) : upstream.absoluteString
        guard let url = URL(string: root + target) else { return Self.failure(.badRequest, "bad request target") }
        let headers = request.headers.filter { !Self.hopByHop.contains($0.name.canonicalName) }.map { ($0.name.rawName, $0.value) }
        let result: HTTPResult
        do {
            result = try await client.send(HTTPRequestSpec(method: request.method.rawValue, url: url, headers: headers, body: body))
        } catch {
            // The upstream failing is the proxy's news to give, not a reason to stop recording.
            logger.warning("upstream failed", metadata: ["target": "\(target)", "error": "\(error)"])
            return Self.failure(.badGateway, "upstream failed: \(error)")
        }
        let responseHeaders = result.headers.filter { !Self.hopByHop.contains($0.key) }.sorted { $0.key < $1.key }
        record(RecordedExchange(method: request.method.rawValue, target: target, requestHeaders: headers, requestBody: body,
                                status: result.status, responseHeaders: responseHeaders.map { ($0.key, $0.value) },
                                responseBody: result.body, at: Date()), client: clientKey)
        var fields = HTTPFields()
        for (name, value) in responseHeaders {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: result.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: result.body)))
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body: JSONValue = ["error": .string(message)]
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized())))
    }

    func record(_ exchange: RecordedExchange, client: String) {
        let scenario: Scenario = sessions.withLock { sessions in
            if var current = sessions[client], exchange.at.timeIntervalSince(current.last) <= gap {
                current.exchanges.append(exchange)
                current.last = exchange.at
                sessions[client] = current
                return current
            }
            let number = counter.withLock { $0 += 1; return $0 }
            let safe = client.map { $0.isLetter || $0.isNumber ? $0 : "-" }
            let file = output.appendingPathComponent(String(format: "%@-%@-%03d.json", dialect, String(safe), number))
            let fresh = Scenario(file: file, exchanges: [exchange], last: exchange.at)
            sessions[client] = fresh
            return fresh
        }
        let writer = FixtureWriter(dialect: dialect, description: "Recorded from \(upstream.absoluteString) for client \(client)")
        let text = writer.fixture(from: scenario.exchanges).pretty() + "\n"
        do {
            try text.write(to: scenario.file, atomically: true, encoding: .utf8)
        } catch {
            logger.error("cannot write fixture", metadata: ["file": "\(scenario.file.path)", "error": "\(error)"])
        }
    }
}
