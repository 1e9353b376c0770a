import GRDB

extension Schema {
    /// Blacklists, letters, reports, daily records, real-name data and operator settings.
    static func registerSocial(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("social v1: blacklists, letters, reports, daily records, real names, operator values") { db in
            try db.execute(sql: """
                CREATE TABLE blacklist (
                    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    target_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (owner_id, target_id)
                );
                CREATE TABLE conversations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_low INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    user_high INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    last_letter_id INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    UNIQUE (user_low, user_high)
                );
                CREATE TABLE conversation_members (
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    cleared_through INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (user_id, conversation_id)
                );
                CREATE TABLE letters (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                    sender_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    recipient_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    body TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    read INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX letters_conversation ON letters(conversation_id, id);
                CREATE INDEX letters_unread ON letters(recipient_id, read);
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    reporter_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    target_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    description TEXT NOT NULL,
                    authenticated INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE daily_records (
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    activity TEXT NOT NULL,
                    day TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    PRIMARY KEY (user_id, activity, day)
                );
                CREATE TABLE real_names (
                    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    sex TEXT NOT NULL,
                    birthday TEXT NOT NULL,
                    identification TEXT NOT NULL,
                    school TEXT NOT NULL,
                    document INTEGER NOT NULL,
                    submitted_at REAL NOT NULL
                );
                CREATE TABLE operator_values (
                    name TEXT PRIMARY KEY,
                    value TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
    }
}
