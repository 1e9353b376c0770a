import Foundation
@testable import LiveCore
import Synchronization
import Testing

/// Lists read in a constant number of statements, whatever their length: the same count for a
/// page of 5 as for a page of 30.
@Suite("Statements per list")
struct StatementCountTests {
    /// Counts the statements the store runs while `body` does.
    final class Counter: Sendable {
        let statements = Mutex<[String]>([])
        var trace: @Sendable (String) -> Void { { [self] sql in statements.withLock { $0.append(sql) } } }

        func counting(_ body: () async throws -> Void) async rethrows -> Int {
            statements.withLock { $0.removeAll() }
            try await body()
            // Transactions' BEGIN/COMMIT are not the list's statements.
            return statements.withLock { $0.filter { !$0.hasPrefix("BEGIN") && !$0.hasPrefix("COMMIT") && !$0.hasPrefix("ROLLBACK") }.count }
        }
    }

    /// 30 anchors live with avatars, followers and viewers; a viewer who follows every anchor and
    /// whom they follow back; letters from each; 30 others on the viewer's blacklist.
    static func world(_ counter: Counter) async throws -> (fixture: CoreFixture, viewer: User, anchors: [User]) {
        let fixture = try CoreFixture(trace: counter.trace)
        let viewer = try await fixture.user("viewer")
        var anchors: [User] = []
        for index in 0..<30 {
            var anchor = try await fixture.user("anchor\(index)")
            var changes = ProfileChanges()
            changes.avatarURL = "https://img.example/\(index).png"
            anchor = try await fixture.core.accounts.updateProfile(userID: anchor.id, changes)
            let room = try await fixture.room(anchor, name: "room \(index)")
            _ = try await fixture.core.broadcasts.start(ownerID: anchor.id, BroadcastFields(title: "live \(index)"))
            _ = try await fixture.core.rooms.setPresence(roomID: room.id, userID: viewer.id, present: true)
            try await fixture.core.follows.follow(viewer.id, anchor.id)
            try await fixture.core.follows.follow(anchor.id, viewer.id)
            _ = try await fixture.core.letters.write(from: anchor.id, to: viewer.id, "hello \(index)")
            // Blacklisting someone ends their follows, so the blacklist holds others.
            let spammer = try await fixture.user("spammer\(index)")
            try await fixture.core.blacklists.add(viewer.id, spammer.id)
            anchors.append(anchor)
        }
        return (fixture, viewer, anchors)
    }

    @Test("room pages, follow lists, fans, blacklists, conversations and audiences: the same statements for 5 items as for 30")
    func constantStatements() async throws {
        let counter = Counter()
        let (fixture, viewer, anchors) = try await Self.world(counter)
        defer { fixture.remove() }
        let core = fixture.core
        let lists: [(String, (Int) async throws -> Int)] = [
            ("live rooms", { try await core.rooms.liveRooms(viewer: viewer.id, offset: 0, limit: $0).count }),
            ("followed rooms", { try await core.rooms.followedRooms(of: viewer.id, offset: 0, limit: $0).count }),
            ("following", { try await core.follows.following(of: viewer.id, offset: 0, limit: $0).count }),
            ("followers", { try await core.follows.followers(of: viewer.id, offset: 0, limit: $0).page.count }),
            ("blacklist", { try await core.blacklists.list(of: viewer.id, offset: 0, limit: $0).count }),
            ("conversations", { try await core.letters.conversations(of: viewer.id, offset: 0, limit: $0).count }),
            ("live broadcasts", { try await core.broadcasts.live(offset: 0, limit: $0).views.count }),
            ("avatars", { try await core.accounts.avatarAddresses(of: Array(anchors.prefix($0))).count }),
        ]
        for (name, list) in lists {
            var few = 0, many = 0
            // Once first, so a check that runs at most once a second (settling lapses) counts in neither.
            _ = try await list(1)
            let small = try await counter.counting { few = try await list(5) }
            let large = try await counter.counting { many = try await list(30) }
            #expect(few == 5 && many == 30, "\(name) read \(few) and \(many) items")
            #expect(small == large, "\(name): \(small) statements for 5 items, \(large) for 30")
            // The page itself, one statement per joined kind of row, and a few of bookkeeping
            // (a broadcast list first checks whether any session needs settling).
            #expect(large <= 16, "\(name): \(large) statements")
        }
    }
}
