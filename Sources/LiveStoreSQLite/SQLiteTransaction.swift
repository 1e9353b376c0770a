import Foundation
import GRDB
import LiveCore

/// The store's reader and writer inside one GRDB transaction. Every statement is prepared once per
/// connection and reused (`cachedStatement`). Each domain's statements live in their own file
/// (`SQLiteTransaction+<Domain>.swift`) and share the helpers below.
struct SQLiteTransaction: StoreWriter {
    let db: Database

    // MARK: Statement helpers

    func one<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments).map(decode)
    }

    func all<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(decode)
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Runs a write and turns SQLite's unique-constraint failures into `StoreConflict`s by column.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            let message = error.message ?? ""
            if message.contains("users.account") { throw StoreConflict(.account) }
            if message.contains("users.phone") { throw StoreConflict(.phone) }
            if message.contains("users.email") { throw StoreConflict(.email) }
            if message.contains("identities.") { throw StoreConflict(.identity) }
            throw StoreConflict(.other)
        }
    }

    // MARK: Users

    /// The user columns every user query selects, in this order: rows are decoded by position,
    /// because looking a column up by name lowercases and compares names on every read (it was
    /// the largest cost of a room page).
    enum UserColumn: Int, CaseIterable {
        case id, account, phone, email, passwordVerifier, nickname, sex, avatarMediaID, avatarURL, signature, location
        case age, country, province, city, career, school, isAdmin, pushEnabled, banPermanent, banUntil, realNameState
        case createdAt

        var name: String {
            switch self {
            case .passwordVerifier: return "password_verifier"
            case .avatarMediaID: return "avatar_media_id"
            case .avatarURL: return "avatar_url"
            case .isAdmin: return "is_admin"
            case .pushEnabled: return "push_enabled"
            case .banPermanent: return "ban_permanent"
            case .banUntil: return "ban_until"
            case .realNameState: return "real_name_state"
            case .createdAt: return "created_at"
            default: return "\(self)"
            }
        }
    }

    static let userColumns = UserColumn.allCases.map(\.name).joined(separator: ", ")

    static func user(_ row: Row) -> User {
        func at<T: DatabaseValueConvertible>(_ column: UserColumn) -> T { row[column.rawValue] }
        func optional<T: DatabaseValueConvertible>(_ column: UserColumn) -> T? { row[column.rawValue] }
        let ban: Ban? = (at(.banPermanent) as Bool) ? .permanent
            : (optional(.banUntil) as Double?).map { .until(Date(timeIntervalSince1970: $0)) }
        return User(
            id: at(.id), account: at(.account), phone: optional(.phone), email: optional(.email),
            passwordVerifier: optional(.passwordVerifier), nickname: at(.nickname),
            sex: Sex(rawValue: at(.sex)) ?? .unknown, avatarMediaID: optional(.avatarMediaID),
            avatarURL: optional(.avatarURL), signature: at(.signature), location: at(.location),
            profile: User.Profile(age: at(.age), country: at(.country), province: at(.province),
                                  city: at(.city), career: at(.career), school: at(.school)),
            flags: User.Flags(isAdmin: at(.isAdmin), pushEnabled: at(.pushEnabled), ban: ban,
                              realNameState: RealNameState(rawValue: at(.realNameState)) ?? .none),
            createdAt: Date(timeIntervalSince1970: at(.createdAt)))
    }

    func user(id: Int64) throws -> User? {
        try one("SELECT \(Self.userColumns) FROM users WHERE id = ?", [id], Self.user)
    }

    func user(account: String) throws -> User? {
        try one("SELECT \(Self.userColumns) FROM users WHERE account = ?", [account], Self.user)
    }

    func user(phone: String) throws -> User? {
        try one("SELECT \(Self.userColumns) FROM users WHERE phone = ?", [phone], Self.user)
    }

    func user(login: String) throws -> User? {
        try one("""
            SELECT \(Self.userColumns) FROM users WHERE account = ?1 OR phone = ?1 OR email = ?1
            ORDER BY CASE WHEN account = ?1 THEN 0 WHEN phone = ?1 THEN 1 ELSE 2 END LIMIT 1
            """, [login], Self.user)
    }

    func user(nickname: String) throws -> User? {
        try one("SELECT \(Self.userColumns) FROM users WHERE nickname = ? LIMIT 1", [nickname], Self.user)
    }

    func user(provider: String, externalID: String) throws -> User? {
        try one("""
            SELECT \(Self.userColumns) FROM users
            WHERE id = (SELECT user_id FROM identities WHERE provider = ? AND external_id = ?)
            """, [provider, externalID], Self.user)
    }

    func identities(userID: Int64) throws -> [ExternalIdentity] {
        try all("SELECT provider, external_id FROM identities WHERE user_id = ? ORDER BY rowid", [userID]) { row in
            ExternalIdentity(provider: row["provider"], externalID: row["external_id"])
        }
    }

    func insertUser(_ new: NewUser) throws -> User {
        try guarded {
            try run("""
                INSERT INTO users (account, phone, email, password_verifier, nickname, sex, avatar_media_id, avatar_url,
                    age, country, province, city, career, school, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [new.account, new.phone, new.email, new.passwordVerifier, new.nickname, new.sex.rawValue,
                      new.avatarMediaID, new.avatarURL, new.profile.age, new.profile.country, new.profile.province,
                      new.profile.city, new.profile.career, new.profile.school, new.createdAt.timeIntervalSince1970])
        }
        guard let user = try user(id: db.lastInsertedRowID) else { throw StoreConflict(.other) }
        return user
    }

    func updateUser(_ user: User) throws {
        var banPermanent = false
        var banUntil: Double?
        switch user.flags.ban {
        case .permanent?: banPermanent = true
        case .until(let end)?: banUntil = end.timeIntervalSince1970
        case nil: break
        }
        try guarded {
            try run("""
                UPDATE users SET account = ?, phone = ?, email = ?, password_verifier = ?, nickname = ?, sex = ?,
                    avatar_media_id = ?, avatar_url = ?, signature = ?, location = ?, age = ?, country = ?, province = ?,
                    city = ?, career = ?, school = ?, is_admin = ?, push_enabled = ?, ban_permanent = ?, ban_until = ?,
                    real_name_state = ?
                WHERE id = ?
                """, [user.account, user.phone, user.email, user.passwordVerifier, user.nickname, user.sex.rawValue,
                      user.avatarMediaID, user.avatarURL, user.signature, user.location, user.profile.age,
                      user.profile.country, user.profile.province, user.profile.city, user.profile.career,
                      user.profile.school, user.flags.isAdmin, user.flags.pushEnabled, banPermanent, banUntil,
                      user.flags.realNameState.rawValue, user.id])
        }
    }

    func linkIdentity(provider: String, externalID: String, userID: Int64) throws {
        try guarded {
            try run("INSERT INTO identities (provider, external_id, user_id) VALUES (?, ?, ?)", [provider, externalID, userID])
        }
    }

    // MARK: Sessions

    func session(token: String) throws -> Session? {
        // Every authenticated request reads this: columns by position, as users and rooms.
        try one("SELECT token, user_id, issuer, created_at, last_seen_at, lifetime, sliding FROM sessions WHERE token = ?",
                [token]) { row in
            Session(token: row[0], userID: row[1], issuer: row[2],
                    createdAt: Date(timeIntervalSince1970: row[3]), lastSeenAt: Date(timeIntervalSince1970: row[4]),
                    lifetime: row[5], sliding: row[6])
        }
    }

    func insertSession(_ s: Session) throws {
        try run("""
            INSERT INTO sessions (token, user_id, issuer, created_at, last_seen_at, lifetime, sliding)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [s.token, s.userID, s.issuer, s.createdAt.timeIntervalSince1970, s.lastSeenAt.timeIntervalSince1970,
                  s.lifetime, s.sliding])
    }

    func touchSession(token: String, at date: Date) throws {
        try run("UPDATE sessions SET last_seen_at = ? WHERE token = ?", [date.timeIntervalSince1970, token])
    }

    func deleteSession(token: String) throws {
        try run("DELETE FROM sessions WHERE token = ?", [token])
    }

    func deleteSessions(userID: Int64, issuer: String?) throws {
        if let issuer {
            try run("DELETE FROM sessions WHERE user_id = ? AND issuer = ?", [userID, issuer])
        } else {
            try run("DELETE FROM sessions WHERE user_id = ?", [userID])
        }
    }

    // MARK: Rooms

    /// The room columns every room query selects (`roomColumns`, or `r.`-qualified), decoded by
    /// position like users'.
    enum RoomColumn: Int, CaseIterable {
        case id, ownerID, number, alias, name, description, topic, anchorPassword, assistPassword, viewerPassword
        case liveSince, liveDeadline, createdAt

        var name: String {
            switch self {
            case .ownerID: return "owner_id"
            case .anchorPassword: return "anchor_password"
            case .assistPassword: return "assist_password"
            case .viewerPassword: return "viewer_password"
            case .liveSince: return "live_since"
            case .liveDeadline: return "live_deadline"
            case .createdAt: return "created_at"
            default: return "\(self)"
            }
        }
    }

    static let roomColumns = RoomColumn.allCases.map(\.name).joined(separator: ", ")
    /// The same, qualified for queries that alias the table as `r`.
    static let roomColumnsR = RoomColumn.allCases.map { "r." + $0.name }.joined(separator: ", ")

    static func room(_ row: Row) -> Room {
        func at<T: DatabaseValueConvertible>(_ column: RoomColumn) -> T { row[column.rawValue] }
        func optional<T: DatabaseValueConvertible>(_ column: RoomColumn) -> T? { row[column.rawValue] }
        let live: LiveState = (optional(.liveSince) as Double?).map {
            .live(since: Date(timeIntervalSince1970: $0),
                  deadline: (optional(.liveDeadline) as Double?).map { Date(timeIntervalSince1970: $0) })
        } ?? .idle
        return Room(id: at(.id), ownerID: at(.ownerID), number: at(.number), alias: at(.alias),
                    name: at(.name), description: at(.description), topic: at(.topic),
                    anchorPassword: at(.anchorPassword), assistPassword: at(.assistPassword),
                    viewerPassword: at(.viewerPassword), live: live,
                    createdAt: Date(timeIntervalSince1970: at(.createdAt)))
    }

    /// SQL for "live at ?1", the one definition every list uses.
    private static let isLive = "(r.live_since IS NOT NULL AND (r.live_deadline IS NULL OR r.live_deadline > ?1))"

    func room(id: Int64) throws -> Room? {
        try one("SELECT \(Self.roomColumns) FROM rooms WHERE id = ?", [id], Self.room)
    }

    func room(ownerID: Int64) throws -> Room? {
        try one("SELECT \(Self.roomColumns) FROM rooms WHERE owner_id = ?", [ownerID], Self.room)
    }

    func liveRooms(at now: Date, offset: Int, limit: Int) throws -> [Room] {
        try all("""
            SELECT \(Self.roomColumnsR) FROM rooms r WHERE \(Self.isLive)
            ORDER BY r.live_since DESC, r.id DESC LIMIT ?2 OFFSET ?3
            """, [now.timeIntervalSince1970, limit, offset], Self.room)
    }

    func liveRoomCount(at now: Date) throws -> Int {
        try count("SELECT COUNT(*) FROM rooms r WHERE \(Self.isLive)", [now.timeIntervalSince1970])
    }

    func followedRooms(of followerID: Int64, at now: Date, offset: Int, limit: Int) throws -> [Room] {
        try all("""
            SELECT \(Self.roomColumnsR) FROM rooms r JOIN follows f ON f.followee_id = r.owner_id
            WHERE f.follower_id = ?2
            ORDER BY \(Self.isLive) DESC, CASE WHEN \(Self.isLive) THEN r.live_since END DESC, r.owner_id DESC
            LIMIT ?3 OFFSET ?4
            """, [now.timeIntervalSince1970, followerID, limit, offset], Self.room)
    }

    func searchRooms(_ text: String, limit: Int) throws -> [Room] {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return try all("""
            SELECT \(Self.roomColumns) FROM rooms
            WHERE CAST(id AS TEXT) = ?1 OR CAST(number AS TEXT) = ?1 OR name LIKE '%' || ?2 || '%' ESCAPE '\\'
            ORDER BY (CAST(id AS TEXT) = ?1) DESC, id LIMIT ?3
            """, [text, escaped, limit], Self.room)
    }

    func insertRoom(_ new: NewRoom) throws -> Room {
        // The public number follows the id; it is stored so that it never changes if the rule does.
        try run("""
            INSERT INTO rooms (owner_id, number, alias, name, description, topic, anchor_password, assist_password,
                viewer_password, created_at)
            VALUES (?1, (SELECT COALESCE(MAX(number), 1000) + 1 FROM rooms), '', ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """, [new.ownerID, new.name, new.description, new.topic, new.anchorPassword, new.assistPassword,
                  new.viewerPassword, new.createdAt.timeIntervalSince1970])
        let id = db.lastInsertedRowID
        try run("UPDATE rooms SET alias = CAST(number AS TEXT) WHERE id = ?", [id])
        guard let room = try room(id: id) else { throw StoreConflict(.other) }
        return room
    }

    func updateRoom(_ room: Room) throws {
        var since: Double?
        var deadline: Double?
        if case .live(let start, let end) = room.live {
            since = start.timeIntervalSince1970
            deadline = end?.timeIntervalSince1970
        }
        try run("""
            UPDATE rooms SET alias = ?, name = ?, description = ?, topic = ?, anchor_password = ?, assist_password = ?,
                viewer_password = ?, live_since = ?, live_deadline = ?
            WHERE id = ?
            """, [room.alias, room.name, room.description, room.topic, room.anchorPassword, room.assistPassword,
                  room.viewerPassword, since, deadline, room.id])
    }

    func deleteRoom(id: Int64) throws {
        try run("DELETE FROM rooms WHERE id = ?", [id])
    }

    // MARK: Follows and presence

    func isFollowing(_ followerID: Int64, _ followeeID: Int64) throws -> Bool {
        try count("SELECT COUNT(*) FROM follows WHERE follower_id = ? AND followee_id = ?", [followerID, followeeID]) > 0
    }

    /// Kept by triggers on `follows` (`Schema+Counters`).
    func followerCount(of userID: Int64) throws -> Int {
        try count("SELECT follower_count FROM users WHERE id = ?", [userID])
    }

    func followingCount(of userID: Int64) throws -> Int {
        try count("SELECT COUNT(*) FROM follows WHERE follower_id = ?", [userID])
    }

    func setFollowing(_ followerID: Int64, _ followeeID: Int64, _ on: Bool) throws {
        if on {
            try run("""
                INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)
                """, [followerID, followeeID, Date().timeIntervalSince1970])
        } else {
            try run("DELETE FROM follows WHERE follower_id = ? AND followee_id = ?", [followerID, followeeID])
        }
    }

    func viewerCount(roomID: Int64) throws -> Int {
        try count("SELECT COUNT(*) FROM presence WHERE room_id = ?", [roomID])
    }

    func setPresence(roomID: Int64, userID: Int64, _ present: Bool) throws {
        if present {
            try run("INSERT OR IGNORE INTO presence (room_id, user_id) VALUES (?, ?)", [roomID, userID])
        } else {
            try run("DELETE FROM presence WHERE room_id = ? AND user_id = ?", [roomID, userID])
        }
    }

    func clearPresence(roomID: Int64) throws {
        try run("DELETE FROM presence WHERE room_id = ?", [roomID])
    }

    // MARK: Streams

    func stream(roomID: Int64) throws -> StreamRecord? {
        try one("SELECT * FROM streams WHERE room_id = ?", [roomID], Self.streamRecord)
    }

    static func streamRecord(_ row: Row) -> StreamRecord {
        StreamRecord(roomID: row["room_id"], title: row["title"], publishKey: row["publish_key"],
                     createdAt: Date(timeIntervalSince1970: row["created_at"]),
                     updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    func insertStream(_ s: StreamRecord) throws {
        try run("""
            INSERT INTO streams (room_id, title, publish_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
            """, [s.roomID, s.title, s.publishKey, s.createdAt.timeIntervalSince1970, s.updatedAt.timeIntervalSince1970])
    }

    // MARK: Media

    static func media(_ row: Row) -> Media {
        Media(id: row["id"], sha256: row["sha256"], kind: ImageKind(rawValue: row["kind"]) ?? .jpeg, size: row["size"],
              createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func media(id: Int64) throws -> Media? {
        try one("SELECT * FROM media WHERE id = ?", [id], Self.media)
    }

    func media(sha256: String) throws -> Media? {
        try one("SELECT * FROM media WHERE sha256 = ?", [sha256], Self.media)
    }

    func insertMedia(sha256: String, kind: ImageKind, size: Int, at date: Date) throws -> Media {
        try run("INSERT INTO media (sha256, kind, size, created_at) VALUES (?, ?, ?, ?)",
                [sha256, kind.rawValue, size, date.timeIntervalSince1970])
        guard let media = try media(id: db.lastInsertedRowID) else { throw StoreConflict(.other) }
        return media
    }

    // MARK: Verification codes

    private static func code(_ row: Row) -> VerificationCode {
        VerificationCode(id: row["id"], phone: row["phone"], code: row["code"],
                         issuedAt: Date(timeIntervalSince1970: row["issued_at"]),
                         expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                         failedAttempts: row["failed_attempts"], consumed: row["consumed"])
    }

    func latestCode(phone: String) throws -> VerificationCode? {
        try one("SELECT * FROM verification_codes WHERE phone = ? ORDER BY id DESC LIMIT 1", [phone], Self.code)
    }

    func codeCount(phone: String, since: Date) throws -> Int {
        try count("SELECT COUNT(*) FROM verification_codes WHERE phone = ? AND issued_at >= ?",
                  [phone, since.timeIntervalSince1970])
    }

    func phoneVerifiedUntil(_ phone: String) throws -> Date? {
        try one("SELECT until FROM verified_phones WHERE phone = ?", [phone]) { Date(timeIntervalSince1970: $0["until"]) }
    }

    func insertCode(phone: String, code: String, issuedAt: Date, expiresAt: Date) throws -> VerificationCode {
        try run("INSERT INTO verification_codes (phone, code, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                [phone, code, issuedAt.timeIntervalSince1970, expiresAt.timeIntervalSince1970])
        return VerificationCode(id: db.lastInsertedRowID, phone: phone, code: code, issuedAt: issuedAt, expiresAt: expiresAt)
    }

    func updateCode(_ code: VerificationCode) throws {
        try run("UPDATE verification_codes SET failed_attempts = ?, consumed = ? WHERE id = ?",
                [code.failedAttempts, code.consumed, code.id])
    }

    func setPhoneVerified(_ phone: String, until: Date) throws {
        try run("INSERT OR REPLACE INTO verified_phones (phone, until) VALUES (?, ?)", [phone, until.timeIntervalSince1970])
    }

    // MARK: Phone tickets

    func phoneTicket(token: String) throws -> PhoneTicket? {
        try one("SELECT token, phone, expires_at FROM phone_tickets WHERE token = ?", [token]) { row in
            PhoneTicket(token: row["token"], phone: row["phone"], expiresAt: Date(timeIntervalSince1970: row["expires_at"]))
        }
    }

    func insertPhoneTicket(_ ticket: PhoneTicket) throws {
        try run("INSERT OR REPLACE INTO phone_tickets (token, phone, expires_at) VALUES (?, ?, ?)",
                [ticket.token, ticket.phone, ticket.expiresAt.timeIntervalSince1970])
    }

    func deletePhoneTickets(expiredAt now: Date) throws {
        try run("DELETE FROM phone_tickets WHERE expires_at <= ?", [now.timeIntervalSince1970])
    }
}
