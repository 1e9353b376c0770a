import DialectKit
import Foundation
import LiveCore
import LiveJSON
import HTTPTypes

/// 注册: send code (验证码发送), verify (验证码校验) and register (注册step2), all on /register and
/// told apart by their parameters:
///
/// 1. `register` present → register (the document's "修饰视图" marker, value "1");
/// 2. else `code_v` or `code` present → verify;
/// 3. else → send a code to `userId`.
///
/// GET and POST dispatch alike: 002 sends the code with `GET /register?userId=`, and a POST
/// carrying only `userId` does the same.
extension PyramidDialect {
    var registerRoutes: [Route] {
        [
            Route([.get], "/register", operation: PyramidOperation.sendCode) { [self] in try await dispatchRegister($0) },
            Route([.post], "/register", operation: PyramidOperation.registration) { [self] in try await dispatchRegister($0) },
        ]
    }

    func dispatchRegister(_ request: DialectRequest) async throws -> DialectResponse {
        let p = request.parameters
        if p.has("register") {
            return try await run(PyramidOperation.register) { try await register(request) }
        }
        if p.has("code_v") || p.has("code") {
            return try await run(PyramidOperation.verify) { try await verify(request) }
        }
        return try await run(PyramidOperation.sendCode) { try await sendCode(request) }
    }

    /// The phone a phone-ticket cookie names, if the request carries a live one.
    func ticketPhone(_ request: DialectRequest) async throws -> String? {
        try await core.verification.phone(ticket: Self.cookie(Self.ticketCookie, in: request))
    }

    /// A cookie with a fresh ticket for `phone`; nil if the ticket cannot be stored (the cookie is a
    /// convenience for 002 clients: the operation itself has succeeded).
    func ticketCookie(for phone: String) async -> String? {
        guard let ticket = try? await core.verification.ticket(for: phone) else { return nil }
        return Self.setCookie(ticket, now: core.now())
    }

    /// `userId` → a 4-digit code by SMS. `message` is the code when `pyramid_echo_code` is on.
    func sendCode(_ request: DialectRequest) async throws -> PyramidReply {
        guard let phone = try request.parameters.trimmed("userId"), Validate.isPhone(phone) else {
            throw CoreError.invalid("userId")
        }
        let code = try await core.verification.issue(to: phone, requireUnregistered: true, from: request.source)
        return PyramidReply(echoCode ? .string(code) : .null, cookie: await ticketCookie(for: phone))
    }

    /// `code` (what the user typed) checked against the code the server issued to the phone the
    /// request names: `userId` if given, else the phone of the request's ticket cookie (which the
    /// send step set on this same client). `code_v` never decides: a code found by its digits would
    /// let anyone verify any phone that has a live code. Without either: 0004.
    func verify(_ request: DialectRequest) async throws -> PyramidReply {
        let p = request.parameters
        guard let entered = try p.trimmed("code") else { throw CoreError.invalid("code") }
        let phone: String
        if let userId = try p.trimmed("userId") {
            guard Validate.isPhone(userId) else { throw CoreError.invalid("userId") }
            phone = userId
        } else if let ticketPhone = try await ticketPhone(request) {
            phone = ticketPhone
        } else {
            throw CoreError.invalid("userId")
        }
        try await core.verification.verify(phone: phone, code: entered, from: request.source)
        return PyramidReply(cookie: await ticketCookie(for: phone))
    }

    /// Registration step 2. The phone is `userId` (000), or the ticket cookie's (002 dropped
    /// `userId`); it must have been verified within the window.
    func register(_ request: DialectRequest) async throws -> PyramidReply {
        let p = request.parameters
        guard let marker = try p.trimmed("register"), ["1", "true"].contains(marker.lowercased()) else {
            throw CoreError.invalid("register")
        }
        let phone: String
        if let userId = try p.trimmed("userId") {
            phone = userId
        } else if let ticketPhone = try await ticketPhone(request) {
            phone = ticketPhone
        } else {
            throw CoreError.invalid("userId")
        }
        guard Validate.isPhone(phone) else { throw CoreError.invalid("userId") }
        guard let password = try p.string("password") ?? p.string("pasword"), Self.isAcceptablePassword(password) else {
            throw CoreError.invalid("password")
        }
        let sex: Sex
        switch try p.trimmed("gender") {
        case nil: sex = .unknown
        case "0"?: sex = .female
        case "1"?: sex = .male
        default: throw CoreError.invalid("gender")
        }
        var registration = Registration(account: phone, phone: phone, password: .plain(password),
                                        nickname: try p.trimmed("nickname"), sex: sex)
        if let path = try p.trimmed("headImage") {
            registration.avatarMediaID = try await mediaID(forPath: path)
        }
        registration.requireVerifiedPhone = true
        _ = try await core.accounts.register(registration, from: request.source)
        return PyramidReply()
    }

    static let minimumPassword = 8
    static let maximumPassword = 128

    /// "至少8位, 同时包括字母和数字": 8 to 128 characters, at least one ASCII letter and one ASCII
    /// digit, no control characters.
    static func isAcceptablePassword(_ password: String) -> Bool {
        (minimumPassword...maximumPassword).contains(password.count)
            && password.contains { $0.isASCII && $0.isLetter }
            && password.contains { $0.isASCII && $0.isNumber }
            && !password.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The stored picture behind a path `/upload` returned (`/media/<sha256>.<ext>`), also when the
    /// client made it absolute (`http://host:6543/media/...`). Anything else is an invalid field.
    func mediaID(forPath path: String) async throws -> Int64 {
        guard let range = path.range(of: "/media/", options: .backwards) else { throw CoreError.invalid("headImage") }
        let file = path[range.upperBound...]
        let parts = file.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit),
              let media = try await core.media.media(sha256: parts[0].lowercased()),
              media.kind.fileExtension == parts[1].lowercased() else {
            throw CoreError.invalid("headImage")
        }
        return media.id
    }
}
