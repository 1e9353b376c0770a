public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import LiveCore

/// Posts each SMS as JSON to an operator's URL (an SMS carrier's adapter). A non-2xx answer or a
/// timeout fails the send, which the dialects report as their server error.
public struct WebhookSMSSender: SMSSender {
    let url: URL
    let session: URLSession

    public init(url: URL) {
        self.url = url
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        session = URLSession(configuration: configuration)
    }

    public func send(_ message: SMSMessage) async throws {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        request.httpBody = try encoder.encode(message)
        let (_, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse, (200..<300).contains(http.statusCode) else {
            throw SMSDeliveryError(description: "sms webhook answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
    }
}

/// A carrier refused or failed to take a message.
public struct SMSDeliveryError: Error, CustomStringConvertible {
    public let description: String
}
