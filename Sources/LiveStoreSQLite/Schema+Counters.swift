import GRDB

extension Schema {
    /// Counts the hot reads show on every item, kept beside the rows they count so a page reads
    /// them by primary key instead of counting thousands of rows per request.
    static func registerCounters(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("counters v1: follower counts kept by triggers") { db in
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN follower_count INTEGER NOT NULL DEFAULT 0;
                UPDATE users SET follower_count = (SELECT COUNT(*) FROM follows WHERE followee_id = users.id);
                CREATE TRIGGER follows_counted AFTER INSERT ON follows BEGIN
                    UPDATE users SET follower_count = follower_count + 1 WHERE id = NEW.followee_id;
                END;
                CREATE TRIGGER follows_uncounted AFTER DELETE ON follows BEGIN
                    UPDATE users SET follower_count = follower_count - 1 WHERE id = OLD.followee_id;
                END;
                """)
        }
    }
}
