import Foundation
import Synchronization

/// How often broadcast reads check for sessions that lapsed (a missed heartbeat changes nothing in
/// the store, so a read must notice it). Every live switch already keeps the records in step inside
/// its own transaction; only lapses wait for this check, and live lists filter lapsed rooms out by
/// themselves, so checking once per `interval` of the core's clock — not on every list request,
/// where it cost a scan of every live room — delays nothing a client can see but a lapsed
/// session's playback, by at most `interval`.
final class SettleSchedule: Sendable {
    let interval: TimeInterval
    private let last = Mutex<Date?>(nil)

    init(interval: TimeInterval = 1) {
        self.interval = interval
    }

    /// Whether a check is due at `now`; if so, the next one is due `interval` later.
    func due(at now: Date) -> Bool {
        last.withLock { last in
            if let previous = last, now >= previous, now.timeIntervalSince(previous) < interval { return false }
            last = now
            return true
        }
    }
}
