import GRDB

extension Schema {
    /// The counters behind rate limits and throttles.
    static func registerLimits(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("limits v1: counters") { db in
            try db.execute(sql: """
                CREATE TABLE limit_counters (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    window_start REAL NOT NULL,
                    count INTEGER NOT NULL,
                    last REAL NOT NULL,
                    PRIMARY KEY (scope, key)
                ) WITHOUT ROWID;
                CREATE INDEX limit_counters_last ON limit_counters(last);
                """)
        }
    }
}
