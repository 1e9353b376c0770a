import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// Password guessing against one account through every dialect, from one address, while its owner
/// logs in from another.
@Suite("Hostile clients: password guessing")
struct PasswordGuessingTests {
    static let proxied = ["trusted_proxies": "127.0.0.1/32"]

    /// Registers `account` with `password` through QPlus.
    static func register(_ gateway: TestGateway, _ account: String, _ password: String) async throws {
        let answer = try await gateway.post("/live/Register", json: ["account": .string(account), "password": .string(password)], contentType: nil)
        try #require(answer.json?["status"] == 10000, "\(answer.text)")
    }

    @Test("400 wrong passwords in a burst through four dialects: all but a handful refused without checking; the owner still logs in")
    func burstThroughEveryDialect() async throws {
        try await withGateway(Self.proxied, over: .socket) { gateway in
            let account = "victim\(Int.random(in: 100_000...999_999))"
            try await Self.register(gateway, account, "right-pass-1")
            let attacker = "10.6.6.6"
            var checked = 0, throttled = 0
            for attempt in 0..<400 {
                let wrong = "guess\(attempt)"
                switch attempt % 4 {
                case 0:  // REST: 400 for a checked wrong password, 429 for a throttled attempt.
                    let answer = try await gateway.form("POST", "/login/", [("username", account), ("password", wrong)], from: attacker)
                    if answer.status == 429 { throttled += 1 } else if answer.status == 400 { checked += 1 }
                case 1:  // QPlus: 10101 either way; the words tell a throttled attempt apart.
                    let answer = try #require(try await gateway.post("/live/Login", json: ["account": .string(account), "password": .string(wrong)],
                                                                     contentType: nil, from: attacker).json)
                    #expect(answer["status"] == 10101)
                    if answer["desc"]?.stringValue?.contains("次数过多") == true { throttled += 1 } else { checked += 1 }
                case 2:  // shangtv: 3, refused.
                    let answer = try await gateway.form("POST", "/action/login", [("account", account), ("pwd", wrong)], from: attacker)
                    #expect(answer.json?["ErrCode"] == 3)
                case _:  // Pyramid: 0008, refused.
                    let answer = try await gateway.form("POST", "/log", [("userId", account), ("password", wrong)], from: attacker)
                    #expect(answer.json?["result"] == "0008")
                }
            }
            // Five free failures, then one attempt per doubling wait: within a burst, hardly any.
            #expect(checked <= 6, "checked \(checked)")
            #expect(throttled >= 194, "throttled \(throttled) of the 200 REST and QPlus attempts")
            // The right password from the attacker's address is refused too, while the wait runs.
            let blocked = try await gateway.form("POST", "/login/", [("username", account), ("password", "right-pass-1")], from: attacker)
            #expect(blocked.status == 429)
            // The owner, from home, logs in through each dialect.
            let home = "10.0.0.1"
            #expect(try await gateway.form("POST", "/login/", [("username", account), ("password", "right-pass-1")], from: home).status == 200)
            #expect(try await gateway.post("/live/Login", json: ["account": .string(account), "password": "right-pass-1"],
                                           contentType: nil, from: home).json?["status"] == 10000)
            #expect(try await gateway.form("POST", "/action/login", [("account", account), ("pwd", "right-pass-1")], from: home).json?["ErrCode"] == 0)
            #expect(try await gateway.form("POST", "/log", [("userId", account), ("password", "right-pass-1")], from: home).json?["result"] == "0000")
        }
    }

    @Test("after the free failures each attempt waits a doubling delay; a success resets it")
    func doublingDelay() async throws {
        let clock = ManualClock()
        try await withGateway(Self.proxied, clock: clock, over: .socket) { gateway in
            let account = "delay\(Int.random(in: 100_000...999_999))"
            try await Self.register(gateway, account, "right-pass-1")
            func attempt(_ password: String) async throws -> Int {
                try await gateway.form("POST", "/login/", [("username", account), ("password", password)], from: "10.6.6.7").status
            }
            for _ in 0..<5 { #expect(try await attempt("wrong") == 400) }
            #expect(try await attempt("wrong") == 429)
            clock.advance(by: 1.1)
            #expect(try await attempt("wrong") == 400, "one more after 1 s")
            clock.advance(by: 1.1)
            #expect(try await attempt("wrong") == 429, "then 2 s")
            clock.advance(by: 1.0)
            #expect(try await attempt("right-pass-1") == 200)
            #expect(try await attempt("wrong") == 400, "a success resets the count")
        }
    }

    @Test("one address failing across many accounts is refused (password spraying)")
    func spraying() async throws {
        try await withGateway(Self.proxied.merging(["login_per_source": "20"]) { $1 }, over: .socket) { gateway in
            var statuses: [Int] = []
            for index in 0..<25 {
                statuses.append(try await gateway.form("POST", "/login/", [("username", "nobody\(index)x\(Int.random(in: 0...99_999))"), ("password", "x")],
                                                       from: "10.6.6.8").status)
            }
            #expect(statuses.prefix(20).allSatisfy { $0 != 429 })
            #expect(statuses.suffix(5).allSatisfy { $0 == 429 })
        }
    }
}
