import Foundation
import LiveCore
import Testing

@Suite("Core: sessions")
struct SessionTests {
    @Test("Tokens are 32 lowercase hex characters, unique, and name their user and issuer")
    func tokens() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        let policy = SessionPolicy(lifetime: 3600, sliding: true)
        var seen = Set<String>()
        for _ in 0..<20 {
            let session = try await f.core.sessions.mint(userID: user.id, issuer: "qplus", policy: policy)
            #expect(session.token.count == 32)
            #expect(session.token.allSatisfy { "0123456789abcdef".contains($0) })
            seen.insert(session.token)
        }
        #expect(seen.count == 20)
        let session = try await f.core.sessions.mint(userID: user.id, issuer: "qplus", policy: policy)
        let (found, owner) = try await f.core.sessions.authenticate(session.token)
        #expect(owner.id == user.id)
        #expect(found.issuer == "qplus")
        #expect(found.sliding && found.lifetime == 3600)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(nil) } == .missingToken)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate("") } == .missingToken)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(String(repeating: "0", count: 32)) } == .invalidToken)
    }

    @Test("Sliding sessions live `lifetime` after their last use")
    func sliding() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        let session = try await f.core.sessions.mint(userID: user.id, issuer: "qplus", policy: SessionPolicy(lifetime: 3600, sliding: true))
        for _ in 0..<5 {
            f.clock.advance(by: 3000)
            _ = try await f.core.sessions.authenticate(session.token)
        }
        f.clock.advance(by: 3599)
        _ = try await f.core.sessions.authenticate(session.token)
        f.clock.advance(by: 3600)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(session.token) } == .invalidToken)
        // An expired session is gone, not merely refused.
        #expect(try await f.store.read { try $0.session(token: session.token) } == nil)
    }

    @Test("Fixed sessions end `lifetime` after issue, however much they are used")
    func fixed() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        let session = try await f.core.sessions.mint(userID: user.id, issuer: "rest", policy: SessionPolicy(lifetime: 600, sliding: false))
        for _ in 0..<5 {
            f.clock.advance(by: 100)
            _ = try await f.core.sessions.authenticate(session.token)
        }
        f.clock.advance(by: 99)
        _ = try await f.core.sessions.authenticate(session.token)
        f.clock.advance(by: 1)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(session.token) } == .invalidToken)
    }

    @Test("exclusivePerIssuer revokes the user's other sessions of that issuer only")
    func exclusive() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice")
        let bob = try await f.user("bob")
        let shared = SessionPolicy(lifetime: 3600, sliding: true)
        let exclusive = SessionPolicy(lifetime: 3600, sliding: true, exclusivePerIssuer: true)
        let a1 = try await f.core.sessions.mint(userID: alice.id, issuer: "shangtv", policy: shared)
        let a2 = try await f.core.sessions.mint(userID: alice.id, issuer: "shangtv", policy: shared)
        let other = try await f.core.sessions.mint(userID: alice.id, issuer: "qplus", policy: shared)
        let bobs = try await f.core.sessions.mint(userID: bob.id, issuer: "shangtv", policy: shared)
        // Non-exclusive: both live.
        _ = try await f.core.sessions.authenticate(a1.token)
        _ = try await f.core.sessions.authenticate(a2.token)
        let a3 = try await f.core.sessions.mint(userID: alice.id, issuer: "shangtv", policy: exclusive)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(a1.token) } == .invalidToken)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(a2.token) } == .invalidToken)
        _ = try await f.core.sessions.authenticate(a3.token)
        _ = try await f.core.sessions.authenticate(other.token)
        _ = try await f.core.sessions.authenticate(bobs.token)
    }

    @Test("A session keeps the policy it was minted with, whoever checks it; revoke ends it")
    func policyTravels() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        let short = try await f.core.sessions.mint(userID: user.id, issuer: "a", policy: SessionPolicy(lifetime: 60, sliding: false))
        let long = try await f.core.sessions.mint(userID: user.id, issuer: "b", policy: SessionPolicy(lifetime: 86_400, sliding: false))
        f.clock.advance(by: 61)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(short.token) } == .invalidToken)
        _ = try await f.core.sessions.authenticate(long.token)
        try await f.core.sessions.revoke(long.token)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(long.token) } == .invalidToken)
        let again = try await f.core.sessions.mint(userID: user.id, issuer: "b", policy: SessionPolicy(lifetime: 600, sliding: true))
        try await f.core.sessions.revokeAll(userID: user.id)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(again.token) } == .invalidToken)
    }
}
