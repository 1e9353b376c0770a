import DialectKit
import Foundation
import HTTPTypes
import LiveCore
import LiveJSON
import Logging

/// The Pyramid result-code dialect (documents 000 and 002, two revisions of one API on :6543):
/// `{"result": "0000", "message": ...}` written as Python's `json.dumps` writes it, four-digit
/// string codes, Python's `None` as JSON `null`, always HTTP 200. Several operations share one
/// route and are told apart by the parameters present, as Pyramid's `request_param` predicates did.
public struct PyramidDialect: Dialect {
    public static let name = "pyramid"
    public static let legacyPorts = [6543]
    /// The settings this dialect reads.
    enum Settings {
        static let echoCode = Setting<Bool>("pyramid_echo_code", default: false,
                    "Return the SMS code itself in the send-code answer's `message`, as documents 000/002 do. Anyone who can call the API then reads the code of any phone number without receiving the SMS: only for legacy clients that cannot work without it (see docs/dialects/pyramid.md); a warning is logged at start.")
        static let sessionTTL = Setting<Double>("pyramid_session_ttl", default: 2_592_000, "Pyramid token lifetime in seconds (30 days), sliding with every use.")
        static let piliZone = Setting<String>("pyramid_pili_zone", default: "z1", "Pili zone that prefixes stream ids (`z1.<hub>.<title>`). The hub is the core's stream_hub.")
        static let piliExpiry = Setting<Double>("pyramid_pili_expiry", default: 1_382_400, "Seconds after a live start that a stream's Pili `expireAt` lies (16 days, as in document 000's sample).")
        static let utcOffset = Setting<String>("pyramid_utc_offset", default: "+08:00", "UTC offset (±HH:MM) of the times in Pili stream JSON (the sample's is +08:00).")
    }

    public static let settings = [
        Settings.echoCode.spec, Settings.sessionTTL.spec, Settings.piliZone.spec, Settings.piliExpiry.spec, Settings.utcOffset.spec,
    ]

    /// The cookie that carries a phone ticket from send-code to verify and register, for 002's
    /// registration without `userId` (the original kept the phone in its Pyramid session cookie).
    static let ticketCookie = "pyramid_phone"

    let core: Core
    let logger: Logger
    let policy: SessionPolicy
    let echoCode: Bool
    let piliZone: String
    let piliExpiry: Double
    let utcOffset: Int

    public init(context: DialectContext) throws {
        core = context.core
        logger = context.logger
        let settings = context.settings
        policy = SessionPolicy(lifetime: settings[Settings.sessionTTL], sliding: true)
        echoCode = settings[Settings.echoCode]
        if echoCode {
            logger.warning("pyramid_echo_code is on: GET /register?userId=<phone> answers the SMS code of any phone to anyone; turn it off once the Pyramid clients no longer need it")
        }
        piliZone = settings[Settings.piliZone]
        piliExpiry = settings[Settings.piliExpiry]
        let offset = settings[Settings.utcOffset]
        guard let seconds = WireTime.utcOffset(parsing: offset) else {
            throw CoreError.invalid("pyramid_utc_offset must look like +08:00, got '\(offset)'")
        }
        utcOffset = seconds
    }

    public var routes: [Route] { registerRoutes + uploadRoutes + loginRoutes + roomRoutes }

    public func render(_ error: CoreError, route: Route) -> DialectResponse {
        Self.envelope(PyramidCode.table.code(for: error, operation: route.operation))
    }

    /// `{"result": ..., "message": ...}`. Both keys are always there: where the document's examples
    /// leave `message` out (`{"result":"0004"}`) its table says None, and a client reading
    /// `message` must not fail.
    static func envelope(_ result: String, _ message: JSONValue = .null) -> DialectResponse {
        .json(["result": .string(result), "message": message], style: .python)
    }

    /// Runs one operation and renders its success. A failure is thrown as that operation's, so the
    /// gateway renders it with that operation's codes whatever route it came in on.
    func run(_ operation: OperationName, _ body: () async throws -> PyramidReply) async throws -> DialectResponse {
        let reply: PyramidReply
        do {
            reply = try await body()
        } catch {
            throw OperationFailure(operation, error)
        }
        var response = Self.envelope(PyramidCode.success, reply.message)
        if let cookie = reply.cookie { response.headers[.setCookie] = cookie }
        return response
    }

    /// A route serving one operation.
    func route(_ methods: [HTTPRequest.Method], _ path: String, _ operation: OperationName,
               _ handler: @escaping @Sendable (PyramidDialect, DialectRequest) async throws -> PyramidReply) -> Route {
        Route(methods, path, operation: operation) { [self] request in
            try await run(operation) { try await handler(self, request) }
        }
    }

    // MARK: Cookies

    /// The value of cookie `name` in the request's Cookie header(s).
    static func cookie(_ name: String, in request: DialectRequest) -> String? {
        for field in request.headers where field.name == .cookie {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == name { return parts[1] }
            }
        }
        return nil
    }

    static func setCookie(_ ticket: PhoneTicket, now: Date) -> String {
        let age = max(0, Int(ticket.expiresAt.timeIntervalSince(now).rounded()))
        return "\(ticketCookie)=\(ticket.token); Max-Age=\(age); Path=/; HttpOnly"
    }
}

/// What a successful operation answers: `message`, and a cookie to set.
struct PyramidReply: Sendable {
    var message: JSONValue
    var cookie: String?

    init(_ message: JSONValue = .null, cookie: String? = nil) {
        self.message = message
        self.cookie = cookie
    }
}

extension Parameters {
    /// A text parameter with surrounding whitespace removed; nil when absent or blank.
    func trimmed(_ name: String) throws -> String? {
        guard let value = try string(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
