import GRDB

extension Schema {
    /// Broadcasts, playbacks and their recommendations.
    static func registerBroadcasts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("broadcasts: records, viewers, covers") { db in
            try db.execute(sql: """
                CREATE TABLE broadcasts (
                    id TEXT PRIMARY KEY,
                    owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    room_id INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
                    title TEXT NOT NULL DEFAULT '',
                    location TEXT NOT NULL DEFAULT '',
                    cover_kind INTEGER NOT NULL DEFAULT 1,
                    cover TEXT NOT NULL DEFAULT '',
                    keeps_playback INTEGER NOT NULL DEFAULT 0,
                    game_type INTEGER NOT NULL DEFAULT 0,
                    line INTEGER NOT NULL DEFAULT 1,
                    origin TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    started_at REAL,
                    finished_at REAL,
                    earnings INTEGER NOT NULL DEFAULT 0,
                    recommended_at REAL,
                    playback_deleted INTEGER NOT NULL DEFAULT 0
                );
                -- One open broadcast per room, one prepared broadcast per owner.
                CREATE UNIQUE INDEX broadcasts_open_room ON broadcasts(room_id)
                    WHERE started_at IS NOT NULL AND finished_at IS NULL;
                CREATE UNIQUE INDEX broadcasts_prepared_owner ON broadcasts(owner_id)
                    WHERE started_at IS NULL AND finished_at IS NULL;
                CREATE INDEX broadcasts_owner ON broadcasts(owner_id, finished_at);
                CREATE INDEX broadcasts_playbacks ON broadcasts(recommended_at, finished_at)
                    WHERE keeps_playback = 1 AND playback_deleted = 0 AND finished_at IS NOT NULL;
                CREATE TABLE broadcast_viewers (
                    broadcast_id TEXT NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    PRIMARY KEY (broadcast_id, user_id)
                ) WITHOUT ROWID;
                CREATE TABLE broadcast_covers (
                    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    address TEXT NOT NULL,
                    updated_at REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("broadcasts: playback list indexes") { db in
            try db.execute(sql: """
                DROP INDEX broadcasts_playbacks;
                CREATE INDEX broadcasts_playbacks_recommended ON broadcasts(recommended_at)
                    WHERE recommended_at IS NOT NULL;
                CREATE INDEX broadcasts_playbacks_latest ON broadcasts(finished_at, id)
                    WHERE keeps_playback = 1 AND playback_deleted = 0 AND finished_at IS NOT NULL
                        AND started_at IS NOT NULL AND recommended_at IS NULL;
                """)
        }
        migrator.registerMigration("broadcasts: live order index") { db in
            // The live lists walk open broadcasts newest first; without this every list sorted them all.
            try db.execute(sql: """
                CREATE INDEX broadcasts_open_started ON broadcasts(started_at DESC, id DESC)
                    WHERE started_at IS NOT NULL AND finished_at IS NULL;
                """)
        }
    }
}
