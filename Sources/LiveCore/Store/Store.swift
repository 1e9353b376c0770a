public import Foundation

/// Persistence behind the core. A `read` or `write` closure runs as one transaction, the unit the
/// protocol names: a write that throws leaves nothing half-written, except that a body throwing
/// `CommitThenFail` has its changes committed before the store throws the carried error. No type,
/// SQL or error of the database underneath crosses this protocol: a store reports unique
/// constraints as `StoreConflict` and every other failure of its database as `StoreFailure`.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @Sendable (any StoreWriter) throws -> T) async throws -> T
}

/// Thrown inside a `write` for work that is refused but whose changes must stay, such as a wrong
/// SMS code's attempt count: the store commits the transaction, then throws `error`.
public struct CommitThenFail: Error, Sendable {
    public let error: CoreError
    public init(_ error: CoreError) { self.error = error }
}

/// The database underneath failed (busy past its timeout, unreachable, full, corrupt): nothing of
/// the transaction was kept. `detail` is for logs, never for a client.
public struct StoreFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case busy, unavailable, full, corrupt, other }
    public let kind: Kind
    public let detail: String
    public init(_ kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "store \(kind.rawValue): \(detail)" }
}

/// A unique constraint the store refused; the core turns it into the matching `CoreError`.
public struct StoreConflict: Error, Sendable, Equatable {
    public enum Field: String, Sendable { case account, phone, email, identity, other }
    public let field: Field
    public init(_ field: Field) { self.field = field }
}

public struct NewUser: Sendable {
    public var account: String
    public var phone: String?
    public var email: String?
    public var passwordVerifier: String?
    public var nickname: String
    public var sex: Sex
    public var avatarMediaID: Int64?
    public var avatarURL: String?
    public var profile: User.Profile
    public var createdAt: Date

    public init(account: String, phone: String? = nil, email: String? = nil, passwordVerifier: String? = nil,
                nickname: String, sex: Sex = .unknown, avatarMediaID: Int64? = nil, avatarURL: String? = nil,
                profile: User.Profile = .init(), createdAt: Date) {
        self.account = account
        self.phone = phone
        self.email = email
        self.passwordVerifier = passwordVerifier
        self.nickname = nickname
        self.sex = sex
        self.avatarMediaID = avatarMediaID
        self.avatarURL = avatarURL
        self.profile = profile
        self.createdAt = createdAt
    }
}

public struct NewRoom: Sendable {
    public var ownerID: Int64
    public var name: String
    public var description: String
    public var topic: String
    public var anchorPassword: String
    public var assistPassword: String
    public var viewerPassword: String
    public var createdAt: Date

    public init(ownerID: Int64, name: String, description: String, topic: String, anchorPassword: String,
                assistPassword: String, viewerPassword: String, createdAt: Date) {
        self.ownerID = ownerID
        self.name = name
        self.description = description
        self.topic = topic
        self.anchorPassword = anchorPassword
        self.assistPassword = assistPassword
        self.viewerPassword = viewerPassword
        self.createdAt = createdAt
    }
}

public protocol StoreReader: SocialStoreReader, BroadcastStoreReader, LimitStoreReader, BatchStoreReader {
    func user(id: Int64) throws -> User?
    func user(account: String) throws -> User?
    func user(phone: String) throws -> User?
    /// The user whose account, phone or email equals `login`, in that order of preference.
    func user(login: String) throws -> User?
    func user(nickname: String) throws -> User?
    func user(provider: String, externalID: String) throws -> User?
    /// The third-party identities linked to `userID`, oldest link first.
    func identities(userID: Int64) throws -> [ExternalIdentity]

    func session(token: String) throws -> Session?

    func room(id: Int64) throws -> Room?
    func room(ownerID: Int64) throws -> Room?
    /// Rooms live at `now`, the most recently started first.
    func liveRooms(at now: Date, offset: Int, limit: Int) throws -> [Room]
    func liveRoomCount(at now: Date) throws -> Int
    /// The rooms of the users `followerID` follows: live ones first (newest first), then the rest.
    func followedRooms(of followerID: Int64, at now: Date, offset: Int, limit: Int) throws -> [Room]
    /// Rooms whose name contains `text`, or whose id or number equals it.
    func searchRooms(_ text: String, limit: Int) throws -> [Room]

    func isFollowing(_ followerID: Int64, _ followeeID: Int64) throws -> Bool
    func followerCount(of userID: Int64) throws -> Int
    func followingCount(of userID: Int64) throws -> Int
    func viewerCount(roomID: Int64) throws -> Int

    func stream(roomID: Int64) throws -> StreamRecord?

    func media(id: Int64) throws -> Media?
    func media(sha256: String) throws -> Media?

    /// The newest code issued to `phone`.
    func latestCode(phone: String) throws -> VerificationCode?
    func codeCount(phone: String, since: Date) throws -> Int
    func phoneVerifiedUntil(_ phone: String) throws -> Date?

    func phoneTicket(token: String) throws -> PhoneTicket?
}

public protocol StoreWriter: StoreReader, SocialStoreWriter, BroadcastStoreWriter, LimitStoreWriter {
    func insertUser(_ user: NewUser) throws -> User
    func updateUser(_ user: User) throws
    func linkIdentity(provider: String, externalID: String, userID: Int64) throws

    func insertSession(_ session: Session) throws
    func touchSession(token: String, at: Date) throws
    func deleteSession(token: String) throws
    func deleteSessions(userID: Int64, issuer: String?) throws

    func insertRoom(_ room: NewRoom) throws -> Room
    func updateRoom(_ room: Room) throws
    func deleteRoom(id: Int64) throws

    func setFollowing(_ followerID: Int64, _ followeeID: Int64, _ on: Bool) throws
    func setPresence(roomID: Int64, userID: Int64, _ present: Bool) throws
    func clearPresence(roomID: Int64) throws

    func insertStream(_ stream: StreamRecord) throws

    func insertMedia(sha256: String, kind: ImageKind, size: Int, at: Date) throws -> Media

    func insertCode(phone: String, code: String, issuedAt: Date, expiresAt: Date) throws -> VerificationCode
    func updateCode(_ code: VerificationCode) throws
    func setPhoneVerified(_ phone: String, until: Date) throws

    func insertPhoneTicket(_ ticket: PhoneTicket) throws
    /// Removes the tickets whose expiry is at or before `now`.
    func deletePhoneTickets(expiredAt now: Date) throws
}
