import Synchronization

/// Paging positions kept per session and list, for dialects whose clients say only "next page".
/// Kept in memory, as the originals did: a restart sends clients back to the first page.
final class QPlusCursors: Sendable {
    private let positions = Mutex<[String: Int]>([:])
    private let capacity = 100_000

    init() {}

    func position(session: String, list: String) -> Int {
        positions.withLock { $0["\(session)|\(list)"] ?? 0 }
    }

    func set(_ position: Int, session: String, list: String) {
        positions.withLock { positions in
            // Bounded: forgetting every cursor only sends clients back to the first page.
            if positions.count >= capacity { positions.removeAll(keepingCapacity: true) }
            positions["\(session)|\(list)"] = position
        }
    }
}
