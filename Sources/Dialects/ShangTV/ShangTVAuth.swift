import DialectKit
import LiveCore
import LiveJSON

/// The original's token middleware, as its clients see it: no token 32; a `uid` that names no one
/// 8; an unknown or expired token 24; a token of someone other than `uid` 7; a banned account 59
/// (temporary) or 60 (permanent). Tokens slide: each use extends them by the session lifetime.
extension ShangTVDialect {
    func caller(_ request: DialectRequest) async throws -> User {
        let p = request.parameters
        guard let token = try p.string("token"), !token.isEmpty else { throw CoreError(.missingToken) }
        var claimed: Int64?
        if let uid = try p.int("uid"), uid != 0 {
            guard await (try? core.accounts.user(id: uid)) != nil else { throw CoreError(.userNotFound) }
            claimed = uid
        }
        let user = try await core.sessions.authenticate(token).user
        if let claimed, claimed != user.id { throw CoreError(.tokenUserMismatch) }
        return user
    }

    /// Administrator endpoints: the operator key (`X-LiveGate-Admin-Key`, when one is configured)
    /// or an administrator's token; anyone else gets 36.
    func requireAdministrator(_ request: DialectRequest) async throws {
        if !adminKey.isEmpty, let given = request.header("X-LiveGate-Admin-Key"), Self.constantTimeEqual(given, adminKey) {
            return
        }
        guard let user = try? await caller(request), user.flags.isAdmin else { throw CoreError(.notAdministrator) }
    }

    /// Compares secrets without leaking their common prefix through timing.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// shangtv's sex codes: 1 male, 2 female, 0 unknown (what its WeChat and QQ logins carry).
    static func sexCode(_ sex: Sex) -> Int {
        switch sex {
        case .male: return 1
        case .female: return 2
        case .unknown: return 0
        }
    }

    static func sex(_ code: Int64) throws -> Sex {
        switch code {
        case 0: return .unknown
        case 1: return .male
        case 2: return .female
        default: throw CoreError.invalid("sex")
        }
    }

    /// Paging is by `index` from 0, ten to a page, as everywhere in the original.
    static let pageSize = 10

    static func page(_ p: Parameters) throws -> (offset: Int, limit: Int) {
        let index = try p.int("index") ?? 0
        guard index >= 0, index < 100_000 else { throw CoreError.invalid("index") }
        return (Int(index) * pageSize, pageSize)
    }
}
