/// Checks the access token a client got from a third-party login (WeChat, QQ, Weibo…) before the
/// gateway trusts the identity it names. Dialects with a third-party login call the one in
/// `CoreEnvironment.thirdPartyVerifier`; an operator plugs in a real one (an HTTP call to the
/// provider's token endpoint) by setting it when the core is assembled.
public protocol ThirdPartyTokenVerifier: Sendable {
    /// Whether `accessToken` proves the caller is `externalID` at `provider` (a canonical,
    /// dialect-agnostic provider name such as "wechat", "qq" or "weibo"). Throw only when the check
    /// itself could not be made.
    func verify(provider: String, externalID: String, accessToken: String) async throws -> Bool

    /// False for a verifier that accepts every token; dialects warn about it at start-up.
    var checksTokens: Bool { get }
}

extension ThirdPartyTokenVerifier {
    public var checksTokens: Bool { true }
}

/// The default: every access token is accepted unchecked, because no provider credentials are
/// configured. Anyone who knows a user's third-party id can log in as that user, so deployments
/// facing the internet should plug in a real verifier.
public struct AcceptingThirdPartyTokenVerifier: ThirdPartyTokenVerifier {
    public init() {}

    public func verify(provider: String, externalID: String, accessToken: String) async throws -> Bool { true }

    public var checksTokens: Bool { false }
}
