import DialectKit
import NIOCore
import Synchronization

/// Every open connection of the gateway, across its listeners, so the process never runs out of
/// descriptors: past the caps a new connection takes the place of the longest-idle one (of its own
/// address when that address is at its cap, else of anyone), and is refused only when every
/// connection is busy. Without this, a client holding idle sockets exhausted the descriptors and
/// the accept loop spun while `/_livegate/health` timed out.
final class ConnectionTable: Sendable {
    struct Limits: Sendable {
        /// Connections in total; past it the longest-idle one is shed.
        var total: Int
        /// Connections from one address (not exempt, not a trusted proxy); 0 is no cap.
        var perSource: Int
    }

    enum Admission: Equatable {
        case admitted
        case refused
    }

    private struct Entry {
        let address: String
        let capped: Bool
        let channel: any Channel
        /// When it last finished a response (or opened); nil while a request is in progress.
        var idleSince: NIODeadline?
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var perSource: [String: Int] = [:]
    }

    let limits: Limits
    private let state = Mutex(State())

    init(limits: Limits) {
        self.limits = limits
    }

    /// Admits `channel` from `address`; `capped` is false for exempt addresses and trusted proxies.
    func admit(_ channel: any Channel, address: String, capped: Bool) -> Admission {
        let id = ObjectIdentifier(channel)
        let (admitted, shed): (Bool, (any Channel)?) = state.withLock { state in
            var victim: ObjectIdentifier?
            if capped, limits.perSource > 0, state.perSource[address, default: 0] >= limits.perSource {
                guard let oldest = Self.longestIdle(in: state, where: { $0.address == address }) else { return (false, nil) }
                victim = oldest
            } else if state.entries.count >= limits.total {
                guard let oldest = Self.longestIdle(in: state, where: { _ in true }) else { return (false, nil) }
                victim = oldest
            }
            let shed = victim.flatMap { Self.remove($0, from: &state) }
            state.entries[id] = Entry(address: address, capped: capped, channel: channel, idleSince: .now())
            if capped { state.perSource[address, default: 0] += 1 }
            return (true, shed)
        }
        // Closed outside the lock: closing runs the channel's handlers, which come back here.
        shed?.close(promise: nil)
        return admitted ? .admitted : .refused
    }

    func remove(_ channel: any Channel) {
        _ = state.withLock { Self.remove(ObjectIdentifier(channel), from: &$0) }
    }

    func markBusy(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = nil }
    }

    func markIdle(_ channel: any Channel) {
        state.withLock { $0.entries[ObjectIdentifier(channel)]?.idleSince = .now() }
    }

    private static func longestIdle(in state: State, where matches: (Entry) -> Bool) -> ObjectIdentifier? {
        var best: (id: ObjectIdentifier, since: NIODeadline)?
        for (id, entry) in state.entries {
            guard let since = entry.idleSince, matches(entry) else { continue }
            if let current = best, current.since <= since { continue }
            best = (id, since)
        }
        return best?.id
    }

    /// Forgets the entry and returns its channel, for the caller to close once the lock is released.
    private static func remove(_ id: ObjectIdentifier, from state: inout State) -> (any Channel)? {
        guard let entry = state.entries.removeValue(forKey: id) else { return nil }
        if entry.capped {
            let left = state.perSource[entry.address, default: 1] - 1
            state.perSource[entry.address] = left > 0 ? left : nil
        }
        return entry.channel
    }
}
