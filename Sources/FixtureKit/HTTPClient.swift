import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import LiveJSON

/// One HTTP request as fixtures and tests describe it.
public struct HTTPRequestSpec: Sendable {
    public var method: String
    public var url: URL
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, url: URL, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response: status, headers (names lowercased) and the raw body.
public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as JSON, or nil when it is not JSON.
    public var json: JSONValue? { try? JSONValue.parse(body) }
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

public struct HTTPClientError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Outbound HTTP through FoundationNetworking (libcurl): no redirects followed, no cookies kept,
/// so what a fixture sees is exactly what the server said.
public final class HTTPClient: NSObject, URLSessionTaskDelegate, Sendable {
    private let session: URLSession

    public init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.httpMaximumConnectionsPerHost = 8
        let delegate = RedirectRefuser()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResult {
        var request = URLRequest(url: spec.url)
        request.httpMethod = spec.method
        for (name, value) in spec.headers { request.addValue(value, forHTTPHeaderField: name) }
        if !spec.body.isEmpty { request.httpBody = Data(spec.body) }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await session.data(for: request)
        } catch {
            throw HTTPClientError(description: "\(spec.method) \(spec.url.absoluteString): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw HTTPClientError(description: "\(spec.method) \(spec.url.absoluteString): not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResult(status: http.statusCode, headers: headers, body: Array(data))
    }
}

private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
