/// Who sent a request, as far as the core's limits care: the client's address (from the socket, or
/// from a trusted proxy's forwarding header), and whether the operator exempted it from the
/// per-source limits (monitoring, load tests, test rigs). Per-phone and per-account limits apply
/// to every source.
public struct ClientSource: Sendable, Hashable, CustomStringConvertible {
    public var address: String
    public var exempt: Bool

    public init(address: String, exempt: Bool = false) {
        self.address = address
        self.exempt = exempt
    }

    /// A caller with no network address (the CLI, an in-process tool): exempt, since nothing
    /// outside the machine can act as it.
    public static let local = ClientSource(address: "local", exempt: true)

    public var description: String { exempt ? "\(address) (exempt)" : address }
}

/// At most `maximum` events per `window` seconds, counted in fixed windows from the first event.
public struct RateLimit: Sendable, Equatable {
    public var maximum: Int
    public var window: Double

    public init(_ maximum: Int, per window: Double) {
        self.maximum = maximum
        self.window = window
    }
}
