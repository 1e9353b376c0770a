public import Foundation
import Synchronization

/// Where the core reads the time, so tests can move it.
public protocol CoreClock: Sendable {
    func now() -> Date
}

public struct SystemClock: CoreClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that stands still until moved: for tests of expiry.
public final class ManualClock: CoreClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
