import Foundation
import LiveCore
import Testing

@Suite("Core: SMS verification codes")
struct VerificationTests {
    static let phone = "13800138000"

    @Test("issue sends a 4-digit code through the SMS sender and returns it")
    func issue() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let code = try await f.core.verification.issue(to: Self.phone, from: .local)
        #expect(code.count == 4 && code.allSatisfy(\.isASCIIDigit))
        let messages = try f.outbox()
        #expect(messages.count == 1)
        #expect(messages.first?["phone"] as? String == Self.phone)
        #expect(messages.first?["code"] as? String == code)
        #expect((messages.first?["text"] as? String)?.contains(code) == true)
        #expect(messages.first?["sent_at"] as? String == "2023-11-14T22:13:20Z")
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: "12345", from: .local) } == .invalidParameter)
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: "+8613800138000", from: .local) } == .invalidParameter)
    }

    @Test("Resend interval and daily limit")
    func resendAndLimit() async throws {
        let f = try CoreFixture { $0.codeDailyLimit = 3 }
        defer { f.remove() }
        _ = try await f.core.verification.issue(to: Self.phone, from: .local)
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: Self.phone, from: .local) } == .codeTooSoon)
        f.clock.advance(by: 59)
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: Self.phone, from: .local) } == .codeTooSoon)
        f.clock.advance(by: 1)
        _ = try await f.core.verification.issue(to: Self.phone, from: .local)
        // Another phone is not held back.
        _ = try await f.core.verification.issue(to: "13800138001", from: .local)
        f.clock.advance(by: 60)
        _ = try await f.core.verification.issue(to: Self.phone, from: .local)
        f.clock.advance(by: 60)
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: Self.phone, from: .local) } == .codeLimitReached)
        f.clock.advance(by: 86_400)
        _ = try await f.core.verification.issue(to: Self.phone, from: .local)
        #expect(try f.outbox().count == 5)
    }

    @Test("requireUnregistered refuses a registered phone")
    func unregisteredOnly() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        try await f.user("alice", phone: Self.phone)
        #expect(await coreErrorKind { _ = try await f.core.verification.issue(to: Self.phone, requireUnregistered: true, from: .local) } == .phoneTaken)
        #expect(try f.outbox().isEmpty)
        _ = try await f.core.verification.issue(to: Self.phone, from: .local)
    }

    @Test("A right code verifies once; the phone counts as verified for the window")
    func verify() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let code = try await f.core.verification.issue(to: Self.phone, from: .local)
        #expect(try await !f.core.verification.isVerified(phone: Self.phone))
        try await f.core.verification.verify(phone: Self.phone, code: code, from: .local)
        #expect(try await f.core.verification.isVerified(phone: Self.phone))
        #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: code, from: .local) } == .codeInvalid)
        f.clock.advance(by: 1801)
        #expect(try await !f.core.verification.isVerified(phone: Self.phone))
        #expect(await coreErrorKind { try await f.core.verification.verify(phone: "13800138009", code: code, from: .local) } == .codeInvalid)
    }

    @Test("Wrong attempts count; the fifth kills the code (codeExhausted)")
    func attempts() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let code = try await f.core.verification.issue(to: Self.phone, from: .local)
        let wrong = code == "0000" ? "1111" : "0000"
        for attempt in 1...4 {
            #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: wrong, from: .local) } == .codeInvalid)
            #expect(try await f.store.read { try $0.latestCode(phone: Self.phone) }?.failedAttempts == attempt)
        }
        #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: wrong, from: .local) } == .codeExhausted)
        #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: code, from: .local) } == .codeInvalid)
        let row = try #require(try await f.store.read { try $0.latestCode(phone: Self.phone) })
        #expect(row.failedAttempts == 5 && row.consumed)
    }

    @Test("An expired code is refused; only the newest code counts")
    func expiry() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let old = try await f.core.verification.issue(to: Self.phone, from: .local)
        f.clock.advance(by: 300)
        #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: old, from: .local) } == .codeInvalid)
        let fresh = try await f.core.verification.issue(to: Self.phone, from: .local)
        if old != fresh {
            #expect(await coreErrorKind { try await f.core.verification.verify(phone: Self.phone, code: old, from: .local) } == .codeInvalid)
        }
        f.clock.advance(by: 299)
        try await f.core.verification.verify(phone: Self.phone, code: fresh, from: .local)
    }

    @Test("A failed attempt is remembered although the registration it guarded is rolled back")
    func failedAttemptSurvivesRollback() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let code = try await f.core.verification.issue(to: Self.phone, from: .local)
        let wrong = code == "0000" ? "1111" : "0000"
        var registration = Registration(phone: Self.phone, password: .plain("secret1"))
        registration.smsCode = wrong
        let failing = registration
        #expect(await coreErrorKind { _ = try await f.core.accounts.register(failing, from: .local) } == .codeInvalid)
        #expect(try await f.core.accounts.user(phone: Self.phone) == nil)
        #expect(try await f.store.read { try $0.latestCode(phone: Self.phone) }?.failedAttempts == 1)
        // The right code still works, and is spent with the insert.
        registration.smsCode = code
        let user = try await f.core.accounts.register(registration, from: .local)
        #expect(user.account == Self.phone)
        #expect(try await f.store.read { try $0.latestCode(phone: Self.phone) }?.consumed == true)
        // A registration refused before the code is looked at spends nothing.
        f.clock.advance(by: 60)
        let second = try await f.core.verification.issue(to: "13800138002", from: .local)
        var taken = Registration(account: Self.phone, phone: "13800138002", password: .plain("x"))
        taken.smsCode = second
        let refused = taken
        #expect(await coreErrorKind { _ = try await f.core.accounts.register(refused, from: .local) } == .accountTaken)
        let row = try await f.store.read { try $0.latestCode(phone: "13800138002") }
        #expect(row?.consumed == false && row?.failedAttempts == 0)
    }

    @Test("resetPassword needs the phone's code; requireVerifiedPhone needs a recent verify")
    func resetAndVerifiedRegistration() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        try await f.user("alice", phone: Self.phone)
        #expect(await coreErrorKind { _ = try await f.core.accounts.resetPassword(phone: "13800138005", code: "1234", new: .plain("n"), from: .local) } == .phoneNotRegistered)
        #expect(await coreErrorKind { _ = try await f.core.accounts.resetPassword(phone: Self.phone, code: "1234", new: .plain("n"), from: .local) } == .codeInvalid)
        let code = try await f.core.verification.issue(to: Self.phone, from: .local)
        _ = try await f.core.accounts.resetPassword(phone: Self.phone, code: code, new: .plain("newpass"), from: .local)
        _ = try await f.core.accounts.login("alice", password: .plain("newpass"), from: .local)

        var registration = Registration(phone: "13800138006", password: .plain("x"))
        registration.requireVerifiedPhone = true
        let unverified = registration
        #expect(await coreErrorKind { _ = try await f.core.accounts.register(unverified, from: .local) } == .phoneNotVerified)
        let other = try await f.core.verification.issue(to: "13800138006", from: .local)
        try await f.core.verification.verify(phone: "13800138006", code: other, from: .local)
        _ = try await f.core.accounts.register(registration, from: .local)
    }
}
