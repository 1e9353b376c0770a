public import Foundation

/// Counters behind the core's limits (SMS sends, code guesses, failed logins), in the store so that
/// every gateway on one database counts together and a restart forgets nothing.
public protocol LimitStoreReader {
    func limitCounter(scope: String, key: String) throws -> LimitCounter?
}

public protocol LimitStoreWriter {
    /// Inserts or replaces the counter of its scope and key.
    func saveLimitCounter(_ counter: LimitCounter) throws
    func deleteLimitCounter(scope: String, key: String) throws
    /// Removes counters whose last event is before `date` (they can no longer refuse anything).
    func deleteLimitCounters(lastBefore date: Date) throws
}
