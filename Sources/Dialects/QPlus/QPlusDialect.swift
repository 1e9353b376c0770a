import DialectKit
import HTTPTypes
import LiveCore
import LiveJSON

/// The QPlus Live Server dialect (document 001): JSON POSTs under /live/, answered with
/// `{"access","status","desc"}` and always HTTP 200.
public struct QPlusDialect: Dialect {
    public static let name = "qplus"
    public static let legacyPorts = [11000]
    /// The settings this dialect reads.
    enum Settings {
        static let sessionTTL = Setting<Double>("qplus_session_ttl", default: 3600, "QPlus session lifetime in seconds, sliding with every call.")
        static let pushTimeout = Setting<Double>("qplus_push_timeout", default: 60, "Seconds a QPlus room stays live after PushLiveStream status 1 without another.")
    }

    public static let settings = [Settings.sessionTTL.spec, Settings.pushTimeout.spec]

    let core: Core
    let policy: SessionPolicy
    let defaultPushTimeout: Double
    /// "Next page" positions per session and list (`refresh` 0), kept in memory as the original did.
    let cursors = QPlusCursors()

    public init(context: DialectContext) {
        core = context.core
        policy = SessionPolicy(lifetime: context.settings[Settings.sessionTTL], sliding: true)
        defaultPushTimeout = context.settings[Settings.pushTimeout]
    }

    /// Go's encoding/json bound keys without regard to case, so `liveroomId` and `liveRoomId` both work.
    public var caseInsensitiveParameters: Bool { true }

    public var routes: [Route] { accountRoutes + roomRoutes }

    /// A route answering any method (the original never checked it) whose handler returns the
    /// fields that follow a success envelope.
    func route(_ path: String, _ operation: OperationName,
               _ handler: @escaping @Sendable (QPlusDialect, DialectRequest) async throws -> JSONObject) -> Route {
        let access = Self.access(path)
        return Route(nil, path, operation: operation) { [self] request in
            Self.envelope(access, .success, try await handler(self, request))
        }
    }

    public func render(_ error: CoreError, route: Route) -> DialectResponse {
        Self.envelope(Self.access(route.path), QPlusStatus.table.code(for: error, operation: route.operation))
    }

    /// The `access` value: the path, except where the original wrote something else.
    static func access(_ path: String) -> String {
        path == "/live/GetLiveRoomList" ? "liveapi/GetLiveRoomList" : path
    }

    static func envelope(_ access: String, _ status: QPlusStatus, _ fields: JSONObject = [:]) -> DialectResponse {
        var body: JSONObject = ["access": .string(access), "status": .int(status.code), "desc": .string(status.desc)]
        body.merge(fields)
        return .json(.object(body), style: .go, contentType: "application/json;charset=utf-8")
    }

    /// The session behind `sessionId`; a missing, unknown or expired one is 10003.
    func session(_ request: DialectRequest) async throws -> User {
        try await core.sessions.authenticate(request.parameters.string("sessionId")).user
    }

    static func sexCode(_ sex: Sex) -> Int {
        switch sex {
        case .male: return 1
        case .female: return 2
        case .unknown: return 0
        }
    }
}
