import Foundation

/// A third-party identity linked to an account: the provider's canonical name ("wechat", "qq",
/// "weibo", …) and the user's id there.
public struct ExternalIdentity: Sendable, Equatable {
    public var provider: String
    public var externalID: String

    public init(provider: String, externalID: String) {
        self.provider = provider
        self.externalID = externalID
    }
}

extension AccountService {
    /// The third-party identities linked to the user, oldest first: the first is the one the
    /// account was created with, when it was created by a third-party login.
    public func identities(userID: Int64) async throws -> [ExternalIdentity] {
        try await environment.store.read { try $0.identities(userID: userID) }
    }

    /// The address of the user's avatar: an external URL as it was given, or the public path of the
    /// picture uploaded here; nil without one.
    public func avatarAddress(of user: User) async throws -> String? {
        if let url = user.avatarURL, !url.isEmpty { return url }
        guard let id = user.avatarMediaID else { return nil }
        return try await environment.store.read { try $0.media(id: id) }?.publicPath
    }

    /// The avatar addresses of many users at once (one statement), by user id; users without one
    /// are absent.
    public func avatarAddresses(of users: [User]) async throws -> [Int64: String] {
        try await environment.store.read { db in try Self.avatarAddresses(of: users, in: db) }
    }

    static func avatarAddresses(of users: [User], in db: any StoreReader) throws -> [Int64: String] {
        var addresses: [Int64: String] = [:]
        var stored: [Int64: Int64] = [:]  // media id → user id
        for user in users {
            if let url = user.avatarURL, !url.isEmpty {
                addresses[user.id] = url
            } else if let media = user.avatarMediaID {
                stored[media] = user.id
            }
        }
        for (mediaID, media) in try db.media(ids: Array(stored.keys)) {
            if let userID = stored[mediaID] { addresses[userID] = media.publicPath }
        }
        return addresses
    }

    /// Logs in with an SMS code sent to `phone`, opening an account for a phone that has none. The
    /// code is checked and spent in the same transaction as the insert. A new account's login name
    /// is `seed.account`, else the phone itself (else a phone-scoped name when that is taken by
    /// another account's login name).
    public func loginOrRegister(phone: String, code: String, seed: Registration = Registration(), from source: ClientSource) async throws
        -> (user: User, created: Bool) {
        guard Validate.isPhone(phone) else { throw CoreError.invalid(.phone) }
        guard !code.isEmpty else { throw CoreError(.codeInvalid) }
        let now = environment.clock.now()
        let settings = environment.settings
        let nickname = try Validate.text(seed.nickname.flatMap { $0.isEmpty ? nil : $0 }
            ?? "user_\(SecureRandom.hex(bytes: 4))", field: .nickname, max: Self.maxName)
        let result: (User, Bool) = try await environment.store.write { db in
            try VerificationService.consume(code: code, phone: phone, from: source, in: db, now: now, settings: settings)
            if let existing = try db.user(phone: phone) { return (existing, false) }
            var account = seed.account.flatMap { $0.isEmpty ? nil : $0 } ?? phone
            if try db.user(account: account) != nil { account = "phone_\(phone)" }
            if try db.user(account: account) != nil { account = "phone_\(SecureRandom.hex(bytes: 6))" }
            let email = seed.email.flatMap { Validate.isEmail($0) ? $0 : nil }
            let new = NewUser(account: account, phone: phone, email: try email.flatMap { try db.user(login: $0) == nil ? $0 : nil },
                              nickname: nickname, sex: seed.sex, avatarURL: seed.avatarURL, profile: seed.profile,
                              createdAt: now)
            do {
                return (try db.insertUser(new), true)
            } catch let conflict as StoreConflict {
                throw Self.error(for: conflict)
            }
        }
        try Self.checkNotBanned(result.0, at: now)
        return (user: result.0, created: result.1)
    }
}

extension RoomService {
    /// One page of the rooms live now, most recently started first, with how many are live in all;
    /// both read in one transaction so the count matches the page.
    public func livePage(viewer: Int64?, offset: Int, limit: Int) async throws -> (rooms: [RoomView], total: Int) {
        let now = environment.clock.now()
        let (rooms, total) = try await environment.store.read { db in
            (try db.liveRooms(at: now, offset: max(0, offset), limit: max(0, limit)), try db.liveRoomCount(at: now))
        }
        return (try await views(of: rooms, viewer: viewer), total)
    }
}
