import Foundation
import HTTPTypes
import Hummingbird
import LiveCore

/// Which addresses the gateway believes and which it exempts: the `trusted_proxies` and
/// `rate_limit_exempt` settings.
public struct SourcePolicy: Sendable {
    /// Peers whose `Forwarded` / `X-Forwarded-For` headers name the client. Empty: believe no header.
    public var trustedProxies: [AddressRange]
    /// Clients that skip every per-source limit (never the per-phone and per-account ones).
    public var exempt: [AddressRange]

    public init(trustedProxies: [AddressRange] = [], exempt: [AddressRange] = []) {
        self.trustedProxies = trustedProxies
        self.exempt = exempt
    }

    public func trusts(_ address: String) -> Bool { trustedProxies.contains { $0.contains(address) } }

    /// The client behind `peer`: the peer itself unless it is a trusted proxy; then, walking the
    /// forwarding chain from the nearest hop, the first address that is not a trusted proxy (a
    /// client can write anything at the far end of the chain, but not past the proxies we trust).
    public func client(peer: String?, headers: HTTPFields) -> ClientSource {
        guard let peer else { return .local }
        // The common case, nothing trusted or exempt and an IPv4 peer as NIO prints it: no parsing.
        if trustedProxies.isEmpty, exempt.isEmpty, !peer.contains(":") { return ClientSource(address: peer) }
        guard let peer = AddressRange.canonical(peer) else { return ClientSource(address: peer) }
        var address = peer
        if trusts(peer) {
            for hop in Self.forwardedChain(headers).reversed() {
                guard let hop = AddressRange.canonical(hop) else { break }
                address = hop
                if !trusts(hop) { break }
            }
        }
        return ClientSource(address: address, exempt: exempt.contains { $0.contains(address) })
    }

    /// The addresses a request passed through, the original client first: `Forwarded`'s `for=`
    /// values (RFC 7239) when the header is present, else `X-Forwarded-For`'s.
    static func forwardedChain(_ headers: HTTPFields) -> [String] {
        let forwarded = headers[values: .init("Forwarded")!]
        if !forwarded.isEmpty {
            return forwarded.flatMap { $0.split(separator: ",") }.compactMap { element in
                for pair in element.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2, parts[0].lowercased() == "for" else { continue }
                    var value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if value.hasPrefix("["), let end = value.firstIndex(of: "]") {
                        value = String(value[value.index(after: value.startIndex)..<end])
                    } else if value.filter({ $0 == ":" }).count == 1, let colon = value.firstIndex(of: ":") {
                        value = String(value[..<colon])  // an IPv4 address with a port
                    }
                    return value
                }
                return nil
            }
        }
        return headers[values: .init("X-Forwarded-For")!].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// Names the request's client (`context.client`) once, for every route of a listener.
public struct ClientSourceMiddleware: RouterMiddleware {
    public typealias Context = LiveGateRequestContext
    let policy: SourcePolicy

    public init(policy: SourcePolicy) {
        self.policy = policy
    }

    public func handle(_ request: Request, context: Context,
                       next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.client = policy.client(peer: context.peerAddress, headers: request.headers)
        return try await next(request, context)
    }
}
