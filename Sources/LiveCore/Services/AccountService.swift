import Foundation

/// What a dialect collected to open an account.
public struct Registration: Sendable {
    /// Login name; defaults to the phone, then the email.
    public var account: String?
    public var phone: String?
    public var email: String?
    public var password: PasswordInput?
    public var nickname: String?
    public var sex: Sex = .unknown
    public var avatarMediaID: Int64?
    public var avatarURL: String?
    public var profile = User.Profile()
    /// An SMS code that must have been issued to `phone` (checked and spent atomically with the insert).
    public var smsCode: String?
    /// The phone must have passed verification within the configured window.
    public var requireVerifiedPhone = false

    public init(account: String? = nil, phone: String? = nil, email: String? = nil, password: PasswordInput? = nil,
                nickname: String? = nil, sex: Sex = .unknown) {
        self.account = account
        self.phone = phone
        self.email = email
        self.password = password
        self.nickname = nickname
        self.sex = sex
    }
}

/// A partial update of a user's profile: nil leaves a field as it is.
public struct ProfileChanges: Sendable {
    public var account: String?
    public var nickname: String?
    public var sex: Sex?
    public var signature: String?
    public var location: String?
    public var email: String?
    public var phone: String?
    public var avatarURL: String?
    public var age: Int?
    public var country: String?
    public var province: String?
    public var city: String?
    public var career: String?
    public var school: String?
    public var pushEnabled: Bool?

    public init() {}
}

public struct AccountService: Sendable {
    let environment: CoreEnvironment

    static let maxName = 64

    public func user(id: Int64) async throws -> User {
        guard let user = try await environment.store.read({ try $0.user(id: id) }) else {
            throw CoreError(.userNotFound)
        }
        return user
    }

    public func user(login: String) async throws -> User? {
        try await environment.store.read { try $0.user(login: login) }
    }

    public func user(phone: String) async throws -> User? {
        try await environment.store.read { try $0.user(phone: phone) }
    }

    public func register(_ request: Registration, from source: ClientSource) async throws -> User {
        let now = environment.clock.now()
        let settings = environment.settings
        let phone = request.phone.flatMap { $0.isEmpty ? nil : $0 }
        let email = request.email.flatMap { $0.isEmpty ? nil : $0 }
        if let phone, !Validate.isPhone(phone) { throw CoreError.invalid(.phone) }
        if let email, !Validate.isEmail(email) { throw CoreError.invalid(.email) }
        guard let account = (request.account.flatMap { $0.isEmpty ? nil : $0 }) ?? phone ?? email else {
            throw CoreError.invalid(.account)
        }
        _ = try Validate.text(account, field: .account, max: Self.maxName)
        let nickname = try Validate.text(request.nickname.flatMap { $0.isEmpty ? nil : $0 }
            ?? "user_\(SecureRandom.hex(bytes: 4))", field: .nickname, max: Self.maxName)
        if request.smsCode != nil || request.requireVerifiedPhone, phone == nil { throw CoreError.invalid(.phone) }
        let verifier: String? = if let password = request.password { await environment.hasher.makeVerifier(password) } else { nil }

        return try await environment.store.write { db in
            // The phone first: when the account is the phone, "phone registered" is the useful answer.
            if let phone, try db.user(phone: phone) != nil { throw CoreError(.phoneTaken) }
            if try db.user(account: account) != nil { throw CoreError(.accountTaken) }
            if let code = request.smsCode, let phone {
                try VerificationService.consume(code: code, phone: phone, from: source, in: db, now: now, settings: settings)
            }
            if request.requireVerifiedPhone, let phone {
                guard let until = try db.phoneVerifiedUntil(phone), until > now else {
                    throw CoreError(.phoneNotVerified)
                }
            }
            let new = NewUser(account: account, phone: phone, email: email, passwordVerifier: verifier,
                              nickname: nickname, sex: request.sex, avatarMediaID: request.avatarMediaID,
                              avatarURL: request.avatarURL, profile: request.profile, createdAt: now)
            do {
                return try db.insertUser(new)
            } catch let conflict as StoreConflict {
                throw Self.error(for: conflict)
            }
        }
    }

    /// Checks `password` for the account, phone or email `login`. Attempts are throttled per
    /// account and address, per address and per account (`LoginThrottle`): a throttled attempt is
    /// refused before bcrypt runs. Each attempt counts as a failure before its password is checked
    /// and is taken back when it succeeds, so a burst of parallel guesses cannot all slip past the
    /// check while the first ones are still hashing.
    public func login(_ login: String, password: PasswordInput, from source: ClientSource) async throws -> User {
        guard !login.isEmpty else { throw CoreError.invalid(.account) }
        let throttle = LoginThrottle(limits: environment.settings.limits)
        let now = environment.clock.now()
        let user = try await environment.store.write { db -> User in
            let user = try db.user(login: login)
            try throttle.check(userID: user?.id, from: source, in: db, now: now)
            try throttle.recordFailure(userID: user?.id, from: source, in: db, now: now)
            guard let user else { throw CommitThenFail(CoreError(.userNotFound)) }
            return user
        }
        guard let verifier = user.passwordVerifier,
              await environment.hasher.verify(password, against: verifier) else {
            throw CoreError(.wrongPassword)
        }
        try await environment.store.write { db in try throttle.recordSuccess(userID: user.id, from: source, in: db, now: now) }
        try Self.checkNotBanned(user, at: now)
        return user
    }

    /// Changes a password; with `old`, only if it matches.
    public func changePassword(userID: Int64, old: PasswordInput?, new: PasswordInput) async throws {
        guard !new.isEmpty else { throw CoreError.invalid(.password) }
        var user = try await user(id: userID)
        if let old {
            guard let verifier = user.passwordVerifier, await environment.hasher.verify(old, against: verifier) else {
                throw CoreError(.wrongPassword)
            }
        }
        user.passwordVerifier = await environment.hasher.makeVerifier(new)
        let updated = user
        try await environment.store.write { db in try db.updateUser(updated) }
    }

    /// Sets a new password for the account behind `phone`, proven by an SMS code sent to it.
    public func resetPassword(phone: String, code: String, new: PasswordInput, from source: ClientSource) async throws -> User {
        guard !new.isEmpty else { throw CoreError.invalid(.password) }
        let verifier = await environment.hasher.makeVerifier(new)
        let now = environment.clock.now()
        let settings = environment.settings
        return try await environment.store.write { db in
            guard var user = try db.user(phone: phone) else { throw CoreError(.phoneNotRegistered) }
            try VerificationService.consume(code: code, phone: phone, from: source, in: db, now: now, settings: settings)
            user.passwordVerifier = verifier
            try db.updateUser(user)
            return user
        }
    }

    public func updateProfile(userID: Int64, _ changes: ProfileChanges) async throws -> User {
        try await environment.store.write { db in
            guard var user = try db.user(id: userID) else { throw CoreError(.userNotFound) }
            if let account = changes.account, account != user.account {
                guard !account.isEmpty else { throw CoreError.invalid(.account) }
                user.account = try Validate.text(account, field: .account, max: Self.maxName)
            }
            if let nickname = changes.nickname, nickname != user.nickname {
                guard !nickname.isEmpty else { throw CoreError.invalid(.nickname) }
                if try db.user(nickname: nickname) != nil { throw CoreError(.nicknameTaken) }
                user.nickname = try Validate.text(nickname, field: .nickname, max: Self.maxName)
            }
            if let sex = changes.sex { user.sex = sex }
            if let signature = changes.signature { user.signature = try Validate.text(signature, field: .signature, max: 256) }
            if let location = changes.location { user.location = try Validate.text(location, field: .location, max: 128) }
            if let email = changes.email {
                guard email.isEmpty || Validate.isEmail(email) else { throw CoreError.invalid(.email) }
                user.email = email.isEmpty ? nil : email
            }
            if let phone = changes.phone {
                guard phone.isEmpty || Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
                user.phone = phone.isEmpty ? nil : phone
            }
            if let url = changes.avatarURL {
                user.avatarURL = try Validate.text(url, field: .avatar, max: 1024)
                user.avatarMediaID = nil
            }
            if let age = changes.age {
                guard (0...200).contains(age) else { throw CoreError.invalid(.age) }
                user.profile.age = age
            }
            if let country = changes.country { user.profile.country = try Validate.text(country, field: .country, max: 64) }
            if let province = changes.province { user.profile.province = try Validate.text(province, field: .province, max: 64) }
            if let city = changes.city { user.profile.city = try Validate.text(city, field: .city, max: 64) }
            if let career = changes.career { user.profile.career = try Validate.text(career, field: .career, max: 64) }
            if let school = changes.school { user.profile.school = try Validate.text(school, field: .school, max: 64) }
            if let push = changes.pushEnabled { user.flags.pushEnabled = push }
            do {
                try db.updateUser(user)
            } catch let conflict as StoreConflict {
                throw Self.error(for: conflict)
            }
            return user
        }
    }

    /// Makes a stored picture the user's avatar.
    public func setAvatar(userID: Int64, media: Media) async throws -> User {
        try await environment.store.write { db in
            guard var user = try db.user(id: userID) else { throw CoreError(.userNotFound) }
            user.avatarMediaID = media.id
            user.avatarURL = nil
            try db.updateUser(user)
            return user
        }
    }

    /// The user linked to a third-party identity, created on first sight.
    public func externalLogin(provider: String, externalID: String, seed: Registration) async throws -> (user: User, created: Bool) {
        guard !provider.isEmpty else { throw CoreError.invalid(.provider) }
        guard !externalID.isEmpty, externalID.count <= 128 else { throw CoreError.invalid(.externalID) }
        let now = environment.clock.now()
        let nickname = try Validate.text(seed.nickname.flatMap { $0.isEmpty ? nil : $0 }
            ?? "user_\(SecureRandom.hex(bytes: 4))", field: .nickname, max: Self.maxName)
        let result: (User, Bool) = try await environment.store.write { db in
            if let existing = try db.user(provider: provider, externalID: externalID) { return (existing, false) }
            // The login name must be unique; a taken or absent one becomes provider-scoped.
            var account = seed.account.flatMap { $0.isEmpty ? nil : $0 } ?? "\(provider)_\(externalID)"
            if try db.user(account: account) != nil { account = "\(provider)_\(externalID)" }
            if try db.user(account: account) != nil { account = "\(provider)_\(SecureRandom.hex(bytes: 6))" }
            let phone = seed.phone.flatMap { Validate.isPhone($0) ? $0 : nil }
            let email = seed.email.flatMap { Validate.isEmail($0) ? $0 : nil }
            let new = NewUser(account: account,
                              phone: try phone.flatMap { try db.user(phone: $0) == nil ? $0 : nil },
                              email: email, nickname: nickname, sex: seed.sex,
                              avatarURL: seed.avatarURL, profile: seed.profile, createdAt: now)
            let user: User
            do {
                user = try db.insertUser(new)
            } catch let conflict as StoreConflict {
                throw Self.error(for: conflict)
            }
            try db.linkIdentity(provider: provider, externalID: externalID, userID: user.id)
            return (user, true)
        }
        try Self.checkNotBanned(result.0, at: now)
        return (user: result.0, created: result.1)
    }

    /// Grants or withdraws the administrator role.
    public func setAdministrator(account: String, _ on: Bool) async throws -> User {
        try await environment.store.write { db in
            guard var user = try db.user(login: account) else { throw CoreError(.userNotFound) }
            user.flags.isAdmin = on
            try db.updateUser(user)
            return user
        }
    }

    static func checkNotBanned(_ user: User, at now: Date) throws {
        switch user.flags.ban {
        case .permanent?: throw CoreError(.bannedPermanently)
        case .until(let end)? where end > now: throw CoreError(.bannedTemporarily)
        default: return
        }
    }

    static func error(for conflict: StoreConflict) -> CoreError {
        switch conflict.field {
        case .account: return CoreError(.accountTaken)
        case .phone: return CoreError(.phoneTaken)
        case .email: return CoreError(.emailTaken)
        case .identity, .other: return CoreError(.accountTaken)
        }
    }
}
