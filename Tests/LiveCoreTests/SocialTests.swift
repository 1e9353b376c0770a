import Adapters
import Foundation
import LiveCore
import LiveStoreSQLite
import Testing

/// The social domain of the core: follows with blacklists, letters, bans, reports, real names,
/// daily records and operator values.
@Suite("Social domain")
struct SocialTests {
    @Test("a blacklisted user cannot follow or write; blacklisting ends their follow; lists page newest first")
    func blacklistAndFollows() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let carol = try await f.user("carol")
        try await f.core.follows.follow(bob.id, alice.id)
        try await f.core.follows.follow(carol.id, alice.id)
        try await f.core.follows.follow(alice.id, carol.id)
        let fans = try await f.core.follows.followers(of: alice.id, offset: 0, limit: 10)
        #expect(fans.total == 2)
        #expect(fans.page.map(\.entry.user.id) == [carol.id, bob.id])
        #expect(fans.page.map(\.mutual) == [true, false])
        #expect(try await f.core.follows.following(of: carol.id, offset: 0, limit: 10).map(\.mutual) == [true])
        #expect(try await f.core.follows.followers(of: alice.id, offset: 1, limit: 10).page.map(\.entry.user.id) == [bob.id])
        try await f.core.blacklists.add(alice.id, bob.id)
        #expect(try await f.core.follows.isFollowing(bob.id, alice.id) == false)
        #expect(await coreErrorKind { try await f.core.follows.follow(bob.id, alice.id) } == .blocked)
        #expect(await coreErrorKind { try await f.core.letters.write(from: bob.id, to: alice.id, "hi") } == .blocked)
        try await f.core.letters.write(from: alice.id, to: bob.id, "no")
        #expect(try await f.core.blacklists.list(of: alice.id, offset: 0, limit: 10).map(\.id) == [bob.id])
        #expect(await coreErrorKind { try await f.core.blacklists.add(alice.id, alice.id) } == .invalidParameter)
        #expect(await coreErrorKind { try await f.core.blacklists.add(alice.id, 9_999) } == .userNotFound)
        try await f.core.blacklists.remove(alice.id, bob.id)
        try await f.core.follows.follow(bob.id, alice.id)
        #expect(await coreErrorKind { try await f.core.follows.follow(bob.id, bob.id) } == .followSelf)
        #expect(await coreErrorKind { try await f.core.follows.unfollow(bob.id, carol.id) } == .notFollowing)
    }

    @Test("letters: one conversation per pair, unread counts, reading marks read, clearing is per member")
    func letters() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let first = try await f.core.letters.write(from: alice.id, to: bob.id, "one")
        try await f.core.letters.write(from: bob.id, to: alice.id, "two")
        try await f.core.letters.write(from: alice.id, to: bob.id, "three")
        #expect(try await f.core.letters.unreadCount(of: bob.id) == 2)
        #expect(try await f.core.letters.unreadCount(of: alice.id) == 1)
        let summaries = try await f.core.letters.conversations(of: bob.id, offset: 0, limit: 10)
        #expect(summaries.count == 1)
        #expect(summaries[0].last.body == "three" && summaries[0].unread == 2 && summaries[0].other.id == alice.id)
        #expect(summaries[0].conversation.id == first.conversationID)
        let page = try await f.core.letters.letters(of: bob.id, with: alice.id, offset: 0, limit: 2)
        #expect(page.map(\.body) == ["one", "two"])
        #expect(try await f.core.letters.unreadCount(of: bob.id) == 0)
        try await f.core.letters.clear(bob.id, with: alice.id)
        #expect(try await f.core.letters.conversations(of: bob.id, offset: 0, limit: 10).isEmpty)
        #expect(try await f.core.letters.letters(of: alice.id, with: bob.id, offset: 0, limit: 10).count == 3)
        try await f.core.letters.write(from: alice.id, to: bob.id, "four")
        #expect(try await f.core.letters.letters(of: bob.id, conversationID: first.conversationID, offset: 0, limit: 10).map(\.body) == ["four"])
        let carol = try await f.user("carol")
        #expect(await coreErrorKind { _ = try await f.core.letters.letters(of: carol.id, conversationID: first.conversationID, offset: 0, limit: 10) } == .conversationNotFound)
        #expect(await coreErrorKind { try await f.core.letters.clear(carol.id, with: alice.id) } == .conversationNotFound)
        #expect(await coreErrorKind { try await f.core.letters.write(from: alice.id, to: alice.id, "me") } == .letterToSelf)
        #expect(await coreErrorKind { try await f.core.letters.write(from: alice.id, to: bob.id, " \n ") } == .invalidParameter)
        #expect(await coreErrorKind { try await f.core.letters.write(from: alice.id, to: bob.id, String(repeating: "x", count: 1001)) } == .invalidParameter)
    }

    @Test("bans: permanent, temporary lengthened from the end of one in force, lifted; sessions refuse them")
    func bans() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let session = try await f.core.sessions.mint(userID: alice.id, issuer: "t", policy: SessionPolicy(lifetime: 86_400 * 30, sliding: true))
        let start = f.clock.now()
        var user = try await f.core.moderation.setBan(userID: alice.id, .extend(100))
        #expect(user.flags.ban == .until(start.addingTimeInterval(100)))
        f.clock.advance(by: 50)
        user = try await f.core.moderation.setBan(userID: alice.id, .extend(100))
        #expect(user.flags.ban == .until(start.addingTimeInterval(200)))
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(session.token) } == .bannedTemporarily)
        f.clock.advance(by: 151)
        _ = try await f.core.sessions.authenticate(session.token)
        // An expired ban is lengthened from now.
        user = try await f.core.moderation.setBan(userID: alice.id, .extend(10))
        #expect(user.flags.ban == .until(f.clock.now().addingTimeInterval(10)))
        try await f.core.moderation.setBan(userID: alice.id, .permanent)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(session.token) } == .bannedPermanently)
        try await f.core.moderation.setBan(userID: alice.id, .lift)
        _ = try await f.core.sessions.authenticate(session.token)
        #expect(await coreErrorKind { try await f.core.moderation.setBan(userID: alice.id, .extend(0)) } == .invalidParameter)
        #expect(await coreErrorKind { try await f.core.moderation.setBan(userID: 9_999, .permanent) } == .userNotFound)
    }

    @Test("daily records count calendar days in the given time zone")
    func daily() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let china = TimeZone(secondsFromGMT: 8 * 3600)!
        // ManualClock starts at 2023-11-14 22:13:20 UTC: 06:13 on the 15th in China.
        #expect(DailyService.day(f.clock.now(), in: china) == "2023-11-15")
        #expect(DailyService.day(f.clock.now(), in: TimeZone(secondsFromGMT: 0)!) == "2023-11-14")
        try await f.core.daily.record(userID: alice.id, activity: "check-in", timeZone: china)
        #expect(try await f.core.daily.isRecorded(userID: alice.id, activity: "check-in", timeZone: china))
        #expect(await coreErrorKind { try await f.core.daily.record(userID: alice.id, activity: "check-in", timeZone: china) } == .alreadyDone)
        try await f.core.daily.record(userID: alice.id, activity: "other", timeZone: china)
        f.clock.advance(by: 18 * 3600)
        try await f.core.daily.record(userID: alice.id, activity: "check-in", timeZone: china)
    }

    @Test("real names, reports, switches and the notice are kept")
    func moderation() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let submission = ModerationService.RealNameSubmission(name: "张三", sex: .male, birthday: "1990-01-02",
                                                              identification: "11010119900102123X", school: "", document: .identityCard)
        let user = try await f.core.moderation.submitRealName(userID: alice.id, submission)
        #expect(user.flags.realNameState == .verified)
        #expect(try await f.store.read { try $0.realName(userID: alice.id) }?.identification == "11010119900102123X")
        var bad = submission
        bad.identification = "1 2"
        #expect(await coreErrorKind { try await f.core.moderation.submitRealName(userID: alice.id, bad) } == .invalidParameter)
        try await f.core.moderation.report(from: alice.id, about: bob.id, "spam", authenticated: true)
        #expect(try await f.core.moderation.reports(offset: 0, limit: 10).map(\.description) == ["spam"])
        #expect(await coreErrorKind { try await f.core.moderation.report(from: alice.id, about: alice.id, "", authenticated: true) } == .invalidParameter)
        #expect(try await f.core.moderation.isOn("x") == false)
        try await f.core.moderation.setSwitch("x", true)
        #expect(try await f.core.moderation.isOn("x"))
        try await f.core.moderation.setNotice("hello")
        #expect(try await f.core.moderation.notice() == "hello")
        try await f.core.moderation.setNotice("")
        #expect(try await f.core.moderation.notice() == "")
    }

    @Test("the social tables survive reopening the database file")
    func reopen() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("social-reopen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("livegate.sqlite").path
        func core(_ store: SQLiteStore) -> Core {
            Core(environment: CoreEnvironment(
                store: store, clock: ManualClock(), hasher: BcryptPasswordHasher(cost: 4),
                sms: OutboxSMSSender(file: folder.appendingPathComponent("outbox.jsonl")),
                mediaStorage: FileMediaStorage(directory: folder), settings: CoreSettings()))
        }
        var ids: (Int64, Int64) = (0, 0)
        do {
            let first = core(try SQLiteStore(path: path))
            let a = try await first.accounts.register(Registration(account: "a", password: .plain("secret1")), from: .local)
            let b = try await first.accounts.register(Registration(account: "b", password: .plain("secret1")), from: .local)
            ids = (a.id, b.id)
            try await first.blacklists.add(a.id, b.id)
            try await first.letters.write(from: a.id, to: b.id, "kept")
            try await first.moderation.setSwitch("s", true)
        }
        let second = core(try SQLiteStore(path: path))
        #expect(try await second.blacklists.isBlacklisted(ids.0, ids.1))
        #expect(try await second.letters.unreadCount(of: ids.1) == 1)
        #expect(try await second.moderation.isOn("s"))
    }
}
