import DialectKit
import LiveCore
import LiveJSON
import HTTPTypes

/// 登录: `POST /log` with `userId` and the password, spelled `pasword` in 000 and absent from 002's
/// table (an editing slip: a login needs one). Both spellings are read, `password` first.
/// `message` is the session token, valid 30 days and sliding (`pyramid_session_ttl`).
extension PyramidDialect {
    var loginRoutes: [Route] {
        [route([.post], "/log", PyramidOperation.login) { try await $0.login($1) }]
    }

    func login(_ request: DialectRequest) async throws -> PyramidReply {
        let p = request.parameters
        // Any login name the core knows (a phone, or an account made through another dialect):
        // the document leaves the format check to the client.
        guard let userId = try p.trimmed("userId") else { throw CoreError.invalid("userId") }
        // A password of the wrong JSON type is no password.
        let password = ((try? p.string("password")) ?? nil) ?? ((try? p.string("pasword")) ?? nil) ?? ""
        guard !password.isEmpty else {
            // Known user, no (usable) password: the document's 0008, not 0007.
            guard try await core.accounts.user(login: userId) != nil else { throw CoreError(.userNotFound) }
            throw CoreError(.wrongPassword, "password missing")
        }
        let user = try await core.accounts.login(userId, password: .plain(password), from: request.source)
        let session = try await core.sessions.mint(userID: user.id, issuer: Self.name, policy: policy)
        return PyramidReply(.string(session.token))
    }
}
