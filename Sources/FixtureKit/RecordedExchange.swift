import Foundation

/// One exchange as the recording proxy saw it.
public struct RecordedExchange: Sendable {
    public var method: String
    /// Path and query as the client sent them.
    public var target: String
    public var requestHeaders: [(String, String)]
    public var requestBody: [UInt8]
    public var status: Int
    public var responseHeaders: [(String, String)]
    public var responseBody: [UInt8]
    public var at: Date

    public init(method: String, target: String, requestHeaders: [(String, String)], requestBody: [UInt8], status: Int,
                responseHeaders: [(String, String)], responseBody: [UInt8], at: Date) {
        self.method = method
        self.target = target
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.status = status
        self.responseHeaders = responseHeaders
        self.responseBody = responseBody
        self.at = at
    }

    func header(_ name: String, in headers: [(String, String)]) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
