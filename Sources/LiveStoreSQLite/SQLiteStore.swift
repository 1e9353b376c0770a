import Foundation
import GRDB
public import LiveCore

/// The embedded default store: one SQLite file in WAL mode, migrated on open.
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` as a WAL pool.
    public init(path: String) throws {
        do {
            writer = try Self.open(path: path)
        } catch let error as DatabaseError {
            throw StoreFailure(Self.kind(of: error), detail: error.description)
        }
    }

    private static func open(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        // Another process (`livegate admin`) may write while the server runs.
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Schema.migrator.migrate(pool)
        return pool
    }

    /// A private in-memory database, for tests. `trace`, when given, sees every statement run
    /// (the tests that count a list's queries).
    public static func inMemory(trace: (@Sendable (String) -> Void)? = nil) throws -> SQLiteStore {
        var configuration = Configuration()
        if let trace {
            configuration.prepareDatabase { db in db.trace { trace($0.description) } }
        }
        let queue = try DatabaseQueue(configuration: configuration)
        try Schema.migrator.migrate(queue)
        return SQLiteStore(writer: queue)
    }

    init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    public func read<T: Sendable>(_ body: @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await Self.translatingErrors {
            try await writer.read { db in try body(SQLiteTransaction(db: db)) }
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any StoreWriter) throws -> T) async throws -> T {
        let outcome: Result<T, CoreError> = try await Self.translatingErrors {
            try await writer.write { db in
                do {
                    return .success(try body(SQLiteTransaction(db: db)))
                } catch let failure as CommitThenFail {
                    // Returning commits; the error is thrown once the transaction is kept.
                    return .failure(failure.error)
                }
            }
        }
        return try outcome.get()
    }

    /// No GRDB or SQLite error leaves the store: unique constraints were already `StoreConflict`s
    /// inside the transaction; everything else SQLite reports becomes a `StoreFailure`.
    static func translatingErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw StoreFailure(kind(of: error), detail: error.description)
        }
    }

    static func kind(of error: DatabaseError) -> StoreFailure.Kind {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_READONLY, .SQLITE_PERM: return .unavailable
        case .SQLITE_FULL: return .full
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt
        default: return .other
        }
    }
}
