import Foundation
import GRDB
import LiveCore

/// The embedded default store: one SQLite file in WAL mode, migrated on open.
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` as a WAL pool.
    public init(path: String) throws {
        var configuration = Configuration()
        // Another process (`livegate admin`) may write while the server runs.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        self.writer = pool
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> SQLiteStore {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return SQLiteStore(writer: queue)
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await writer.read { db in try body(SQLiteTransaction(db: db)) }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) throws -> T) async throws -> T {
        // A wrong SMS code must count even though the operation fails: commit, then throw.
        let outcome: Result<T, CoreError> = try await writer.write { db in
            do {
                return .success(try body(SQLiteTransaction(db: db)))
            } catch let failure as VerificationFailure {
                return .failure(failure.error)
            }
        }
        return try outcome.get()
    }
}
