import Adapters
import Foundation
@testable import LiveCore
import LiveStoreSQLite

/// A core over an in-memory SQLite store, a manual clock, cheap bcrypt, an SMS outbox file and a
/// media folder in a fresh temporary directory.
struct CoreFixture {
    let core: Core
    let clock: ManualClock
    let folder: URL

    /// `trace` sees every statement the store runs (the tests that count a list's queries).
    init(_ configure: (inout CoreSettings) -> Void = { _ in }, trace: (@Sendable (String) -> Void)? = nil) throws {
        clock = ManualClock()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("livecore-test-\(UUID().uuidString)")
        var settings = CoreSettings()
        settings.bcryptCost = 4
        configure(&settings)
        core = Core(environment: CoreEnvironment(
            store: try SQLiteStore.inMemory(trace: trace), clock: clock, hasher: BcryptPasswordHasher(cost: 4),
            sms: OutboxSMSSender(file: folder.appendingPathComponent("sms/outbox.jsonl")),
            mediaStorage: FileMediaStorage(directory: folder.appendingPathComponent("media")),
            settings: settings))
    }

    var store: any Store { core.environment.store }

    /// The messages the outbox sender wrote, oldest first.
    func outbox() throws -> [[String: Any]] {
        let url = folder.appendingPathComponent("sms/outbox.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @discardableResult
    func user(_ account: String, phone: String? = nil, email: String? = nil, password: String = "secret1") async throws -> User {
        try await core.accounts.register(Registration(account: account, phone: phone, email: email, password: .plain(password)), from: .local)
    }

    func room(_ owner: User, name: String = "") async throws -> Room {
        try await core.rooms.create(ownerID: owner.id, RoomFields(name: name)).room
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` and returns the CoreError kind it threw, or nil when it did not throw one.
func coreErrorKind(_ body: () async throws -> Void) async -> CoreError.Kind? {
    do {
        try await body()
        return nil
    } catch let error as CoreError {
        return error.kind
    } catch {
        return nil
    }
}
