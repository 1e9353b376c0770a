import Adapters
import Foundation
import LiveCore
import LiveStoreSQLite
import Testing

@Suite("SQLite store")
struct StoreTests {
    @Test("A database file reopened keeps users, sessions, rooms, live state, follows, media and codes")
    func reopen() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("livestore-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("livegate.sqlite").path
        let clock = ManualClock()
        func core(_ store: SQLiteStore) -> Core {
            var settings = CoreSettings()
            settings.bcryptCost = 4
            return Core(environment: CoreEnvironment(
                store: store, clock: clock, hasher: BcryptPasswordHasher(cost: 4),
                sms: OutboxSMSSender(file: folder.appendingPathComponent("sms/outbox.jsonl")),
                mediaStorage: FileMediaStorage(directory: folder.appendingPathComponent("media")), settings: settings))
        }
        var token = ""
        var roomID: Int64 = 0
        var mediaID: Int64 = 0
        do {
            let first = core(try SQLiteStore(path: path))
            let alice = try await first.accounts.register(Registration(account: "alice", phone: "13900000001", password: .plain("secret1")), from: .local)
            let bob = try await first.accounts.register(Registration(account: "bob", password: .plain("secret1")), from: .local)
            token = try await first.sessions.mint(userID: alice.id, issuer: "qplus", policy: SessionPolicy(lifetime: 3600, sliding: true)).token
            let room = try await first.rooms.create(ownerID: alice.id, RoomFields(name: "kept")).room
            roomID = room.id
            try await first.rooms.goLive(roomID: room.id, by: alice.id, heartbeat: 600)
            try await first.follows.set(bob.id, follows: alice.id, true)
            mediaID = try await first.media.store([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).id
            _ = try await first.verification.issue(to: "13900000002", from: .local)
            // WAL mode: the write-ahead log sits beside the open database.
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }
        clock.advance(by: 30)
        let second = core(try SQLiteStore(path: path))
        let (session, user) = try await second.sessions.authenticate(token)
        #expect(user.account == "alice" && session.issuer == "qplus")
        _ = try await second.accounts.login("13900000001", password: .plain("secret1"), from: .local)
        let view = try await second.rooms.view(roomID: roomID, viewer: nil)
        #expect(view.room.name == "kept" && view.isLive && view.followCount == 1)
        #expect(try await second.media.load(id: mediaID)?.1.count == 11)
        #expect(await coreErrorKind { _ = try await second.verification.issue(to: "13900000002", from: .local) } == .codeTooSoon)
        // Migrations run once: opening a third time is fine.
        _ = try SQLiteStore(path: path)
    }

    @Test("A write that throws leaves nothing behind")
    func rollback() async throws {
        let store = try SQLiteStore.inMemory()
        let kind = await coreErrorKind {
            try await store.write { db in
                _ = try db.insertUser(NewUser(account: "ghost", nickname: "ghost", createdAt: Date()))
                throw CoreError(.internalError, "after the insert")
            }
        }
        #expect(kind == .internalError)
        #expect(try await store.read { try $0.user(account: "ghost") } == nil)
        // (A wrong SMS code is the one exception, committed before its error is thrown: see
        // VerificationTests.failedAttemptSurvivesRollback.)
    }

    @Test("Unique columns throw StoreConflict naming the column")
    func conflicts() async throws {
        let store = try SQLiteStore.inMemory()
        try await store.write { db in
            _ = try db.insertUser(NewUser(account: "a", phone: "13900000001", email: "a@example.com", nickname: "a", createdAt: Date()))
            try db.linkIdentity(provider: "wx", externalID: "1", userID: 1)
        }
        func conflict(_ body: @escaping @Sendable (any StoreWriter) throws -> Void) async -> StoreConflict? {
            do {
                try await store.write(body)
                return nil
            } catch {
                return error as? StoreConflict
            }
        }
        #expect(await conflict { _ = try $0.insertUser(NewUser(account: "A", nickname: "x", createdAt: Date())) } == StoreConflict(.account))
        #expect(await conflict { _ = try $0.insertUser(NewUser(account: "b", phone: "13900000001", nickname: "x", createdAt: Date())) } == StoreConflict(.phone))
        #expect(await conflict { _ = try $0.insertUser(NewUser(account: "b", email: "A@example.com", nickname: "x", createdAt: Date())) } == StoreConflict(.email))
        #expect(await conflict { try $0.linkIdentity(provider: "wx", externalID: "1", userID: 1) } == StoreConflict(.identity))
    }

    @Test("A write that throws CommitThenFail keeps its changes, then throws the carried error")
    func commitThenFail() async throws {
        let store = try SQLiteStore.inMemory()
        let kind = await coreErrorKind {
            try await store.write { db in
                _ = try db.insertUser(NewUser(account: "kept", nickname: "kept", createdAt: Date()))
                throw CommitThenFail(CoreError(.codeInvalid))
            }
        }
        #expect(kind == .codeInvalid)
        #expect(try await store.read { try $0.user(account: "kept") }?.account == "kept")
    }

    @Test("No SQLite error crosses the protocol: a broken constraint or a file that is no database is a StoreFailure")
    func storeFailures() async throws {
        let store = try SQLiteStore.inMemory()
        do {
            _ = try await store.write { db in
                try db.insertRoom(NewRoom(ownerID: 4242, name: "orphan", description: "", topic: "", anchorPassword: "",
                                          assistPassword: "", viewerPassword: "", createdAt: Date()))
            }
            Issue.record("a room of no user was stored")
        } catch let failure as StoreFailure {
            #expect(failure.kind == .other)
        }
        #expect(try await store.read { try $0.room(ownerID: 4242) } == nil)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("livestore-garbage-\(UUID().uuidString)")
        try Data(repeating: 0x5A, count: 8192).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            _ = try SQLiteStore(path: file.path)
            Issue.record("a file of garbage opened as a database")
        } catch let failure as StoreFailure {
            #expect(failure.kind == .corrupt)
        }
    }
}
