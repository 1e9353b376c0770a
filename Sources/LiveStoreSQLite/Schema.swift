import GRDB

/// The schema, as an ordered list of migrations. Times are stored as Unix seconds (REAL) so that
/// comparisons in SQL are plain numeric ones.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, sessions, rooms, streams, follows, media, codes") { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    account TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    phone TEXT UNIQUE,
                    email TEXT UNIQUE COLLATE NOCASE,
                    password_verifier TEXT,
                    nickname TEXT NOT NULL,
                    sex TEXT NOT NULL DEFAULT 'unknown',
                    avatar_media_id INTEGER,
                    avatar_url TEXT,
                    signature TEXT NOT NULL DEFAULT '',
                    location TEXT NOT NULL DEFAULT '',
                    age INTEGER,
                    country TEXT NOT NULL DEFAULT '',
                    province TEXT NOT NULL DEFAULT '',
                    city TEXT NOT NULL DEFAULT '',
                    career TEXT NOT NULL DEFAULT '',
                    school TEXT NOT NULL DEFAULT '',
                    is_admin INTEGER NOT NULL DEFAULT 0,
                    push_enabled INTEGER NOT NULL DEFAULT 0,
                    ban_permanent INTEGER NOT NULL DEFAULT 0,
                    ban_until REAL,
                    real_name_state INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL
                );
                CREATE INDEX users_nickname ON users(nickname);
                CREATE TABLE identities (
                    provider TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    PRIMARY KEY (provider, external_id)
                );
                CREATE TABLE sessions (
                    token TEXT PRIMARY KEY,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    issuer TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    last_seen_at REAL NOT NULL,
                    lifetime REAL NOT NULL,
                    sliding INTEGER NOT NULL
                );
                CREATE INDEX sessions_user ON sessions(user_id, issuer);
                CREATE TABLE rooms (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    owner_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL UNIQUE,
                    alias TEXT NOT NULL,
                    name TEXT NOT NULL DEFAULT '',
                    description TEXT NOT NULL DEFAULT '',
                    topic TEXT NOT NULL DEFAULT '',
                    anchor_password TEXT NOT NULL DEFAULT '',
                    assist_password TEXT NOT NULL DEFAULT '',
                    viewer_password TEXT NOT NULL DEFAULT '',
                    live_since REAL,
                    live_deadline REAL,
                    created_at REAL NOT NULL
                );
                CREATE INDEX rooms_live ON rooms(live_since) WHERE live_since IS NOT NULL;
                CREATE INDEX rooms_alias ON rooms(alias);
                CREATE TABLE streams (
                    room_id INTEGER PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
                    title TEXT NOT NULL UNIQUE,
                    publish_key TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE follows (
                    follower_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    followee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (follower_id, followee_id)
                );
                CREATE INDEX follows_followee ON follows(followee_id);
                CREATE TABLE presence (
                    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    PRIMARY KEY (room_id, user_id)
                );
                CREATE TABLE media (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sha256 TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE verification_codes (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    phone TEXT NOT NULL,
                    code TEXT NOT NULL,
                    issued_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    failed_attempts INTEGER NOT NULL DEFAULT 0,
                    consumed INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX codes_phone ON verification_codes(phone, id);
                CREATE INDEX codes_code ON verification_codes(code, id);
                CREATE TABLE verified_phones (
                    phone TEXT PRIMARY KEY,
                    until REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("phone tickets") { db in
            try db.execute(sql: """
                CREATE TABLE phone_tickets (
                    token TEXT PRIMARY KEY,
                    phone TEXT NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE INDEX phone_tickets_expiry ON phone_tickets(expires_at);
                """)
        }
        // Each domain appends its own migrations, in this order, from its own file.
        registerSocial(&migrator)
        registerBroadcasts(&migrator)
        registerLimits(&migrator)
        registerCounters(&migrator)
        return migrator
    }
}
