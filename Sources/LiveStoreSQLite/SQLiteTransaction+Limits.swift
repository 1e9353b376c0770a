import Foundation
import GRDB
import LiveCore

/// The limit counters' statements.
extension SQLiteTransaction {
    func limitCounter(scope: String, key: String) throws -> LimitCounter? {
        try one("SELECT * FROM limit_counters WHERE scope = ? AND key = ?", [scope, key]) { row in
            LimitCounter(scope: row["scope"], key: row["key"], windowStart: Date(timeIntervalSince1970: row["window_start"]),
                         count: row["count"], last: Date(timeIntervalSince1970: row["last"]))
        }
    }

    func saveLimitCounter(_ counter: LimitCounter) throws {
        try run("""
            INSERT OR REPLACE INTO limit_counters (scope, key, window_start, count, last) VALUES (?, ?, ?, ?, ?)
            """, [counter.scope, counter.key, counter.windowStart.timeIntervalSince1970, counter.count,
                  counter.last.timeIntervalSince1970])
    }

    func deleteLimitCounter(scope: String, key: String) throws {
        try run("DELETE FROM limit_counters WHERE scope = ? AND key = ?", [scope, key])
    }

    func deleteLimitCounters(lastBefore date: Date) throws {
        try run("DELETE FROM limit_counters WHERE last < ?", [date.timeIntervalSince1970])
    }
}
