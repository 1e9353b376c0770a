import Foundation
import LiveCore
import Testing

@Suite("Core: rooms, live state, follows")
struct RoomTests {
    @Test("A user has at most one room; creating again returns it; the core invents no passwords")
    func create() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let (room, created) = try await f.core.rooms.create(ownerID: alice.id, RoomFields(name: "", topic: "t", anchorPassword: "ap"))
        #expect(created)
        #expect(room.name == alice.nickname)
        #expect(room.anchorPassword == "ap" && room.assistPassword == "" && room.viewerPassword == "")
        #expect(room.number > 1000 && room.alias == String(room.number))
        #expect(room.live == .idle)
        let (again, createdAgain) = try await f.core.rooms.create(ownerID: alice.id, RoomFields(name: "other"))
        #expect(!createdAgain && again == room)
        let bob = try await f.user("bob")
        let bobs = try await f.room(bob)
        #expect(bobs.id != room.id && bobs.number == room.number + 1)
        #expect(await coreErrorKind { _ = try await f.core.rooms.create(ownerID: 999, RoomFields()) } == .userNotFound)
        #expect(await coreErrorKind { _ = try await f.core.rooms.create(ownerID: alice.id, RoomFields(name: String(repeating: "x", count: 65))) } == .invalidParameter)
        #expect(await coreErrorKind { _ = try await f.core.rooms.update(roomID: room.id, by: bob.id, RoomFields(name: "mine")) } == .notOwner)
        #expect(await coreErrorKind { _ = try await f.core.rooms.update(roomID: 999, by: bob.id, RoomFields(name: "mine")) } == .roomNotFound)
        let renamed = try await f.core.rooms.update(roomID: room.id, by: alice.id, RoomFields(name: "new", anchorPassword: ""))
        #expect(renamed.name == "new" && renamed.anchorPassword == "ap")
    }

    @Test("Live with a heartbeat lapses at its deadline without any sweeper; live without one stays")
    func heartbeat() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let room = try await f.room(alice)
        let started = f.clock.now()
        let live = try await f.core.rooms.goLive(roomID: room.id, by: alice.id, heartbeat: 30)
        #expect(live.live == .live(since: started, deadline: started.addingTimeInterval(30)))
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: 0, limit: 10).map(\.room.id) == [room.id])
        #expect(try await f.core.rooms.liveRoomCount() == 1)
        f.clock.advance(by: 20)
        // A heartbeat moves the deadline but keeps the start.
        let beat = try await f.core.rooms.goLive(roomID: room.id, by: alice.id, heartbeat: 30)
        #expect(beat.live.since == started)
        f.clock.advance(by: 29)
        #expect(try await f.core.rooms.view(roomID: room.id, viewer: nil).isLive)
        f.clock.advance(by: 1)
        #expect(try await !f.core.rooms.view(roomID: room.id, viewer: nil).isLive)
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: 0, limit: 10).isEmpty)
        #expect(try await f.core.rooms.liveRoomCount() == 0)
        // After a lapse, going live again starts a new broadcast.
        let restarted = try await f.core.rooms.goLive(roomID: room.id, by: alice.id, heartbeat: nil)
        #expect(restarted.live.since == f.clock.now())
        f.clock.advance(by: 1_000_000)
        #expect(try await f.core.rooms.view(roomID: room.id, viewer: nil).isLive)
        #expect(await coreErrorKind { _ = try await f.core.rooms.goLive(roomID: room.id, by: bob.id, heartbeat: 30) } == .notOwner)
        #expect(await coreErrorKind { _ = try await f.core.rooms.endLive(roomID: room.id, by: bob.id) } == .notOwner)
        #expect(await coreErrorKind { _ = try await f.core.rooms.goLive(roomID: 999, by: bob.id, heartbeat: 30) } == .roomNotFound)
        // Ending empties the audience.
        #expect(try await f.core.rooms.setPresence(roomID: room.id, userID: bob.id, present: true) == 1)
        #expect(try await f.core.rooms.endLive(roomID: room.id, by: alice.id).live == .idle)
        #expect(try await f.core.rooms.viewerCount(roomID: room.id) == 0)
        #expect(try await !f.core.rooms.view(roomID: room.id, viewer: nil).isLive)
    }

    @Test("Live rooms list newest first, paged by offset and limit")
    func liveOrdering() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        var rooms: [Int64] = []
        for i in 0..<4 {
            let owner = try await f.user("u\(i)")
            let room = try await f.room(owner)
            try await f.core.rooms.goLive(roomID: room.id, by: owner.id, heartbeat: 600)
            rooms.append(room.id)
            f.clock.advance(by: 1)
        }
        let newest = Array(rooms.reversed())
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: 0, limit: 10).map(\.room.id) == newest)
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: 1, limit: 2).map(\.room.id) == Array(newest[1...2]))
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: 10, limit: 2).isEmpty)
        #expect(try await f.core.rooms.liveRooms(viewer: nil, offset: -5, limit: 1).map(\.room.id) == [newest[0]])
    }

    @Test("Followed rooms: live first (newest first), then the rest by owner, newest owner first")
    func followedOrdering() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let fan = try await f.user("fan")
        var owners: [User] = []
        var rooms: [Int64] = []
        for i in 0..<5 {
            let owner = try await f.user("owner\(i)")
            owners.append(owner)
            rooms.append(try await f.room(owner).id)
            try await f.core.follows.set(fan.id, follows: owner.id, true)
        }
        let stranger = try await f.user("stranger")
        let strangers = try await f.room(stranger)
        try await f.core.rooms.goLive(roomID: strangers.id, by: stranger.id, heartbeat: nil)
        try await f.core.rooms.goLive(roomID: rooms[1], by: owners[1].id, heartbeat: nil)
        f.clock.advance(by: 5)
        try await f.core.rooms.goLive(roomID: rooms[3], by: owners[3].id, heartbeat: 10)
        f.clock.advance(by: 1)
        try await f.core.rooms.goLive(roomID: rooms[0], by: owners[0].id, heartbeat: 1)
        f.clock.advance(by: 2) // rooms[0] lapses: it counts as offline
        let views = try await f.core.rooms.followedRooms(of: fan.id, offset: 0, limit: 10)
        #expect(views.map(\.room.id) == [rooms[3], rooms[1], rooms[4], rooms[2], rooms[0]])
        #expect(views.map(\.isLive) == [true, true, false, false, false])
        #expect(views.allSatisfy { $0.isFollowed && $0.followCount == 1 })
        #expect(try await f.core.rooms.followedRooms(of: fan.id, offset: 1, limit: 2).map(\.room.id) == [rooms[1], rooms[4]])
        // Unfollowing drops it; following twice is once.
        try await f.core.follows.set(fan.id, follows: owners[4].id, false)
        try await f.core.follows.set(fan.id, follows: owners[2].id, true)
        #expect(try await f.core.rooms.followedRooms(of: fan.id, offset: 0, limit: 10).map(\.room.id) == [rooms[3], rooms[1], rooms[2], rooms[0]])
        #expect(try await f.core.follows.counts(of: fan.id) == (following: 4, followers: 0))
        #expect(try await f.core.follows.isFollowing(fan.id, owners[2].id))
        #expect(await coreErrorKind { try await f.core.follows.set(fan.id, follows: fan.id, true) } == .followSelf)
        #expect(await coreErrorKind { try await f.core.follows.set(fan.id, follows: 999, true) } == .userNotFound)
        // isFollowed is relative to the viewer.
        #expect(try await f.core.rooms.view(roomID: rooms[3], viewer: fan.id).isFollowed)
        #expect(try await !f.core.rooms.view(roomID: rooms[3], viewer: stranger.id).isFollowed)
        #expect(try await !f.core.rooms.view(roomID: rooms[3], viewer: nil).isFollowed)
    }

    @Test("Presence counts each viewer once; search by id, number or name; streams are stable")
    func presenceSearchStreams() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let room = try await f.room(alice, name: "100% Jazz_night")
        #expect(try await f.core.rooms.setPresence(roomID: room.id, userID: bob.id, present: true) == 1)
        #expect(try await f.core.rooms.setPresence(roomID: room.id, userID: bob.id, present: true) == 1)
        #expect(try await f.core.rooms.setPresence(roomID: room.id, userID: alice.id, present: true) == 2)
        #expect(try await f.core.rooms.setPresence(roomID: room.id, userID: bob.id, present: false) == 1)
        #expect(await coreErrorKind { _ = try await f.core.rooms.setPresence(roomID: 999, userID: bob.id, present: true) } == .roomNotFound)
        #expect(await coreErrorKind { _ = try await f.core.rooms.viewerCount(roomID: 999) } == .roomNotFound)

        for text in ["\(room.id)", "\(room.number)", "Jazz", "100%", "z_n", " Jazz "] {
            #expect(try await f.core.rooms.search(text, viewer: nil).map(\.room.id) == [room.id], "\(text)")
        }
        // LIKE wildcards are literal.
        #expect(try await f.core.rooms.search("J%z", viewer: nil).isEmpty)
        #expect(try await f.core.rooms.search("z_x", viewer: nil).isEmpty)
        #expect(await coreErrorKind { _ = try await f.core.rooms.search("  ", viewer: nil) } == .invalidParameter)

        let view = try await f.core.rooms.view(roomID: room.id, viewer: nil)
        #expect(view.viewerCount == 1)
        #expect(view.stream.playRTMPURL == "rtmp://127.0.0.1:1935/livegate/\(view.stream.record.title)")
        #expect(view.stream.playHLSURL.hasSuffix("/livegate/\(view.stream.record.title).m3u8"))
        #expect(view.stream.publishURL.hasSuffix("?key=\(view.stream.record.publishKey)"))
        #expect(view.stream.record.title.count == 24 && view.stream.record.publishKey.count == 16)
        #expect(try await f.core.rooms.view(roomID: room.id, viewer: bob.id).stream == view.stream)
        #expect(try await f.core.streams.ensure(roomID: room.id) == view.stream)
    }
}
