import Foundation
import HTTPTypes
import Hummingbird
import LiveCore
import LiveJSON
import NIOCore

/// A request as a dialect handler sees it: its parameters already gathered from every encoding.
public struct DialectRequest: Sendable {
    public var method: HTTPRequest.Method
    public var path: String
    public var headers: HTTPFields
    public var parameters: Parameters
    /// Values bound from the route's path (`/rooms/:pk/`).
    public var pathParameters: [String: String]
    public var body: [UInt8]
    /// Who sent it, for the core's per-source limits.
    public var source: ClientSource

    public init(method: HTTPRequest.Method, path: String, headers: HTTPFields = [:], parameters: Parameters,
                pathParameters: [String: String] = [:], body: [UInt8] = [], source: ClientSource = ClientSource(address: "unknown")) {
        self.source = source
        self.method = method
        self.path = path
        self.headers = headers
        self.parameters = parameters
        self.pathParameters = pathParameters
        self.body = body
    }

    /// Gathers a request's parameters: the query string's, then the body's. The body is read once,
    /// up to the context's `maxUploadSize`; a larger one is `contentTooLarge`, an unreadable one
    /// the dialect's parameter error, never a 500.
    init(_ request: Request, context: LiveGateRequestContext, caseInsensitive: Bool) async throws {
        var parameters = Parameters(caseInsensitive: caseInsensitive)
        if let query = request.uri.query {
            for (key, value) in FormCoding.decode(query) { parameters.set(key, .string(value)) }
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw CoreError(.contentTooLarge, "body")
        }
        let bytes = Array(buffer.readableBytesView)
        try BodyParser.parse(bytes: bytes, buffer: buffer, contentType: request.headers[.contentType], into: &parameters)
        var pathParameters: [String: String] = [:]
        for (key, value) in context.parameters {
            pathParameters[String(key)] = String(value).removingPercentEncoding ?? String(value)
        }
        self.init(method: request.method, path: request.uri.path, headers: request.headers, parameters: parameters,
                  pathParameters: pathParameters, body: bytes, source: context.client)
    }

    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}

/// A response in a dialect's own wire format.
public struct DialectResponse: Sendable {
    public var status: HTTPResponse.Status
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON document written in `style`, labelled with `contentType`.
    public static func json(_ value: JSONValue, style: JSONStyle, status: HTTPResponse.Status = .ok,
                            contentType: String = "application/json") -> DialectResponse {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return DialectResponse(status: status, headers: headers, body: Array(value.serialized(style).utf8))
    }

    public static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> DialectResponse {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return DialectResponse(status: status, headers: headers, body: bytes)
    }
}
