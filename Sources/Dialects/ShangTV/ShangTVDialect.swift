import DialectKit
import LiveCore
import LiveJSON
import Logging

/// The shangtv dialect (document 003): a Go martini server on :3000 and :3003 answering
/// `{"ErrCode":N,...}`, always HTTP 200. Parameters come as form fields or the query string
/// (JSON is accepted too); `token` and `uid` travel the same way.
public struct ShangTVDialect: Dialect {
    public static let name = "shangtv"
    public static let legacyPorts = [3000, 3003]
    /// The settings this dialect reads.
    enum Settings {
        static let sessionTTL = Setting<Double>("shangtv_session_ttl", default: 604_800, "shangtv token lifetime in seconds, sliding with every call (7 days).")
        static let playbackMax = Setting<Int>("shangtv_playback_max", default: 20, "Playbacks a shangtv user may keep before check_play_count answers 64.")
        static let qiniuAccessKey = Setting<String>("qiniu_access_key", default: "", "Qiniu AccessKey for upload tokens (gen_7niu_token).")
        static let qiniuSecretKey = Setting<String>("qiniu_secret_key", default: "", "Qiniu SecretKey that signs upload tokens.")
        static let qiniuFaceBucket = Setting<String>("qiniu_face_bucket", default: "face", "Qiniu bucket for avatars (uptype 1).")
        static let qiniuCoverBucket = Setting<String>("qiniu_cover_bucket", default: "cover", "Qiniu bucket for covers (uptype 2).")
        static let qiniuFaceDomain = Setting<String>("qiniu_face_domain", default: "face.example.com", "Domain serving the avatar bucket (qi_niu_config `face`).")
        static let qiniuCoverDomain = Setting<String>("qiniu_cover_domain", default: "cover.example.com", "Domain serving the cover bucket (qi_niu_config `cover`).")
        static let qiniuTokenTTL = Setting<Double>("qiniu_token_ttl", default: 3600, "Seconds a Qiniu upload token stays valid.")
        static let reportRequiresToken = Setting<Bool>("shangtv_report_requires_token", default: false, "/report only with the reporter's token (ErrCode 32 without one); off, a report with only a uid is still filed, marked unauthenticated, for legacy clients that send none.")
    }

    public static let settings = [
        Settings.sessionTTL.spec, Settings.playbackMax.spec, Settings.qiniuAccessKey.spec, Settings.qiniuSecretKey.spec,
        Settings.qiniuFaceBucket.spec, Settings.qiniuCoverBucket.spec, Settings.qiniuFaceDomain.spec,
        Settings.qiniuCoverDomain.spec, Settings.qiniuTokenTTL.spec, Settings.reportRequiresToken.spec,
    ]

    let core: Core
    let policy: SessionPolicy
    let adminKey: String
    let verifier: any ThirdPartyTokenVerifier
    let logger: Logger
    /// Every resolved setting, for the sections that read their own (Qiniu, playbacks).
    let settings: SettingValues

    public init(context: DialectContext) {
        core = context.core
        // One session per user in this dialect: a login replaces the user's previous shangtv token.
        policy = SessionPolicy(lifetime: context.settings[Settings.sessionTTL], sliding: true,
                               exclusivePerIssuer: true)
        adminKey = context.settings[SharedSetting.adminKey]
        verifier = context.core.thirdPartyVerifier
        logger = context.logger
        if !verifier.checksTokens {
            context.logger.warning(
                "third-party access tokens are accepted unchecked: shangtv /third_login/* trusts any access_token for an openid (third_party_verify is off: for staging only)")
        }
        settings = context.settings
    }

    /// Grouped by the document's sections; each group lives in its own file.
    public var routes: [Route] {
        accountRoutes + profileRoutes + thirdPartyRoutes + socialRoutes + adminRoutes
            + broadcastRoutes + listRoutes + playbackRoutes + uploadRoutes + roomAdminRoutes
    }

    public func render(_ error: CoreError, route: Route) -> DialectResponse {
        Self.envelope(ShangTVCode.table.code(for: error, operation: route.operation))
    }

    /// martini's render.JSON: Go's encoding, `application/json; charset=UTF-8`.
    static func envelope(_ code: Int, _ fields: JSONObject = [:]) -> DialectResponse {
        var body: JSONObject = ["ErrCode": .int(code)]
        body.merge(fields)
        return body.response
    }

    /// The original registered most routes for one method but its clients used both; every route
    /// here answers GET and POST alike (and any other method), as form, query or JSON.
    func open(_ path: String, _ operation: OperationName,
              _ handler: @escaping @Sendable (ShangTVDialect, DialectRequest) async throws -> JSONObject) -> Route {
        Route(nil, path, operation: operation) { [self] request in
            Self.envelope(ShangTVCode.success, try await handler(self, request))
        }
    }

    /// A route that needs the caller's `token` (and `uid` when given).
    func authed(_ path: String, _ operation: OperationName,
                _ handler: @escaping @Sendable (ShangTVDialect, DialectRequest, User) async throws -> JSONObject) -> Route {
        Route(nil, path, operation: operation) { [self] request in
            let user = try await caller(request)
            return Self.envelope(ShangTVCode.success, try await handler(self, request, user))
        }
    }

    /// A route for administrators: an administrator's token, or the operator key header.
    func admin(_ path: String, _ operation: OperationName,
               _ handler: @escaping @Sendable (ShangTVDialect, DialectRequest) async throws -> JSONObject) -> Route {
        Route(nil, path, operation: operation) { [self] request in
            try await requireAdministrator(request)
            return Self.envelope(ShangTVCode.success, try await handler(self, request))
        }
    }
}

extension JSONObject {
    /// A shangtv body as martini wrote it.
    var response: DialectResponse {
        .json(.object(self), style: .go, contentType: "application/json; charset=UTF-8")
    }
}
