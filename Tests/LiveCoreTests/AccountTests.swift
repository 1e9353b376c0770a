import Foundation
import LiveCore
import LiveStoreSQLite
import Testing

@Suite("Core: passwords and accounts")
struct AccountTests {
    @Test("MD5 hex is lowercase and standard")
    func md5() {
        #expect(MD5Hex.of("123456") == "e10adc3949ba59abbe56e057f20f883e")
        #expect(MD5Hex.of("") == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(PasswordInput.plain("123456").md5Hex == "e10adc3949ba59abbe56e057f20f883e")
        #expect(PasswordInput.md5Hex("E10ADC3949BA59ABBE56E057F20F883E").md5Hex == "e10adc3949ba59abbe56e057f20f883e")
        #expect(PasswordInput.md5OrPlain("e10adc3949ba59abbe56e057f20f883e") == .md5Hex("e10adc3949ba59abbe56e057f20f883e"))
        #expect(PasswordInput.md5OrPlain("123456") == .plain("123456"))
        #expect(PasswordInput.md5OrPlain(String(repeating: "g", count: 32)) == .plain(String(repeating: "g", count: 32)))
        #expect(PasswordInput.plain("").isEmpty && !PasswordInput.md5Hex("x").isEmpty)
    }

    @Test("One bcrypt verifier serves plaintext and MD5-hex clients alike")
    func verifierRoundTrip() async {
        let hasher = BcryptPasswordHasher(cost: 4)
        let fromPlain = await hasher.makeVerifier(.plain("s3cret!"))
        let fromMD5 = await hasher.makeVerifier(.md5Hex(MD5Hex.of("s3cret!")))
        #expect(fromPlain.hasPrefix("$2"))
        #expect(fromPlain != fromMD5) // salted
        for verifier in [fromPlain, fromMD5] {
            #expect(await hasher.verify(.plain("s3cret!"), against: verifier))
            #expect(await hasher.verify(.md5Hex(MD5Hex.of("s3cret!")), against: verifier))
            #expect(await hasher.verify(.md5Hex(MD5Hex.of("s3cret!").uppercased()), against: verifier))
            #expect(!(await hasher.verify(.plain("s3cret"), against: verifier)))
            #expect(!(await hasher.verify(.md5Hex("s3cret!"), against: verifier)))
            // The plaintext of an MD5 is not the MD5.
            #expect(!(await hasher.verify(.plain(MD5Hex.of("s3cret!")), against: verifier)))
        }
        // The verifier is bcrypt of the md5 hex, nothing else.
        #expect(!(await hasher.verify(.plain("s3cret!"), against: "not a bcrypt hash")))
    }

    @Test("Login by account, phone or email; wrong password; unknown user; plaintext or MD5")
    func login() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice", phone: "13900000001", email: "alice@example.com")
        #expect(user.passwordVerifier?.hasPrefix("$2") == true)
        #expect(user.account == "alice")
        #expect(user.nickname.hasPrefix("user_"))
        for login in ["alice", "ALICE", "13900000001", "alice@example.com", "Alice@Example.com"] {
            #expect(try await f.core.accounts.login(login, password: .plain("secret1"), from: .local).id == user.id, "\(login)")
        }
        #expect(try await f.core.accounts.login("alice", password: .md5Hex(MD5Hex.of("secret1")), from: .local).id == user.id)
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("alice", password: .plain("nope"), from: .local) } == .wrongPassword)
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("bob", password: .plain("secret1"), from: .local) } == .userNotFound)
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("", password: .plain("secret1"), from: .local) } == .invalidParameter)
    }

    @Test("Unique account, phone and email conflicts become accountTaken, phoneTaken and emailTaken")
    func uniqueConflicts() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let alice = try await f.user("alice", phone: "13900000001", email: "alice@example.com")
        let bob = try await f.user("bob", phone: "13900000002", email: "bob@example.com")
        #expect(await coreErrorKind { try await f.user("Alice") } == .accountTaken)
        #expect(await coreErrorKind { try await f.user("carol", phone: "13900000001") } == .phoneTaken)
        // Email is only enforced by the store's unique index: its conflict is mapped by column.
        #expect(await coreErrorKind { try await f.user("carol", email: "ALICE@example.com") } == .emailTaken)
        // Updates hit the same constraints.
        var change = ProfileChanges()
        change.email = "alice@example.com"
        #expect(await coreErrorKind { _ = try await f.core.accounts.updateProfile(userID: bob.id, change) } == .emailTaken)
        change = ProfileChanges()
        change.phone = "13900000001"
        #expect(await coreErrorKind { _ = try await f.core.accounts.updateProfile(userID: bob.id, change) } == .phoneTaken)
        change = ProfileChanges()
        change.account = "alice"
        #expect(await coreErrorKind { _ = try await f.core.accounts.updateProfile(userID: bob.id, change) } == .accountTaken)
        change = ProfileChanges()
        change.nickname = alice.nickname
        #expect(await coreErrorKind { _ = try await f.core.accounts.updateProfile(userID: bob.id, change) } == .nicknameTaken)
        // Nothing was half-written.
        let stored = try await f.core.accounts.user(id: bob.id)
        #expect(stored == bob)
        // The store's own conflict type, one level down.
        let conflict: (any Error)? = await {
            do {
                _ = try await f.store.write { try $0.insertUser(NewUser(account: "x", phone: "13900000002", nickname: "x", createdAt: Date())) }
                return nil
            } catch { return error }
        }()
        #expect(conflict as? StoreConflict == StoreConflict(.phone))
    }

    @Test("Registration input is checked")
    func registrationInput() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        #expect(await coreErrorKind { try await f.user("a", phone: "1234") } == .invalidParameter)
        #expect(await coreErrorKind { try await f.user("a", email: "nope") } == .invalidParameter)
        #expect(await coreErrorKind { try await f.user("bad\u{0}name") } == .invalidParameter)
        #expect(await coreErrorKind { _ = try await f.core.accounts.register(Registration(password: .plain("x")), from: .local) } == .invalidParameter)
        // Without an account the phone, then the email, is the login name.
        let byPhone = try await f.core.accounts.register(Registration(phone: "13900000009", password: .plain("x")), from: .local)
        #expect(byPhone.account == "13900000009")
        let byEmail = try await f.core.accounts.register(Registration(email: "e@example.com", password: .plain("x")), from: .local)
        #expect(byEmail.account == "e@example.com")
    }

    @Test("changePassword and updateProfile")
    func passwordAndProfile() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        #expect(await coreErrorKind { try await f.core.accounts.changePassword(userID: user.id, old: .plain("bad"), new: .plain("n")) } == .wrongPassword)
        try await f.core.accounts.changePassword(userID: user.id, old: .plain("secret1"), new: .plain("newpass"))
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("alice", password: .plain("secret1"), from: .local) } == .wrongPassword)
        _ = try await f.core.accounts.login("alice", password: .plain("newpass"), from: .local)
        try await f.core.accounts.changePassword(userID: user.id, old: nil, new: .md5Hex(MD5Hex.of("third")))
        _ = try await f.core.accounts.login("alice", password: .plain("third"), from: .local)
        #expect(await coreErrorKind { try await f.core.accounts.changePassword(userID: user.id, old: nil, new: .plain("")) } == .invalidParameter)
        #expect(await coreErrorKind { try await f.core.accounts.changePassword(userID: 999, old: nil, new: .plain("x")) } == .userNotFound)

        var changes = ProfileChanges()
        changes.nickname = "Ally"
        changes.sex = .female
        changes.location = "Shanghai"
        let updated = try await f.core.accounts.updateProfile(userID: user.id, changes)
        #expect(updated.nickname == "Ally" && updated.sex == .female && updated.location == "Shanghai")
        #expect(try await f.core.accounts.user(id: user.id) == updated)
        changes = ProfileChanges()
        changes.age = 201
        #expect(await coreErrorKind { _ = try await f.core.accounts.updateProfile(userID: user.id, changes) } == .invalidParameter)
    }

    @Test("Bans refuse login and sessions")
    func bans() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        var user = try await f.user("alice")
        let session = try await f.core.sessions.mint(userID: user.id, issuer: "t", policy: SessionPolicy(lifetime: 3600, sliding: true))
        user.flags.ban = .until(f.clock.now().addingTimeInterval(60))
        let banned = user
        try await f.store.write { try $0.updateUser(banned) }
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("alice", password: .plain("secret1"), from: .local) } == .bannedTemporarily)
        #expect(await coreErrorKind { _ = try await f.core.sessions.authenticate(session.token) } == .bannedTemporarily)
        f.clock.advance(by: 61)
        _ = try await f.core.accounts.login("alice", password: .plain("secret1"), from: .local)
        _ = try await f.core.sessions.authenticate(session.token)
        user.flags.ban = .permanent
        let forever = user
        try await f.store.write { try $0.updateUser(forever) }
        #expect(await coreErrorKind { _ = try await f.core.accounts.login("alice", password: .plain("secret1"), from: .local) } == .bannedPermanently)
    }
}
