import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// The phone hijack of issue 13, replayed: a victim asks for a registration code, an attacker scans
/// the code space through Pyramid's verify to take the phone over. Clients are told apart by
/// `X-Forwarded-For` from a trusted loopback proxy, as behind a load balancer.
@Suite("Hostile clients: SMS codes")
struct CodeHijackTests {
    static let proxied = ["trusted_proxies": "127.0.0.1/32"]
    static let victim = "10.0.0.1", attacker = "10.6.6.6"

    @Test("a code-space scan through Pyramid verify finds nothing, is throttled after a handful, and the victim registers")
    func scanFindsNothing() async throws {
        let clock = ManualClock()
        try await withGateway(Self.proxied, clock: clock, over: .socket) { gateway in
            let phone = uniquePhone()
            let sent = try #require(try await gateway.form("POST", "/action/send_sns", [("mobile", phone)], from: Self.victim).json)
            #expect(sent["ErrCode"] == 0)
            let code = try #require(try gateway.lastSMSCode(for: phone))
            // Without naming the phone, no code is ever found by its digits — not even the right one.
            for guess in (0..<40).map({ String(format: "%04d", $0) }) + [code] {
                let answer = try await gateway.form("POST", "/register", [("code_v", guess), ("code", guess)], from: Self.attacker)
                #expect(answer.json?["result"] == "0004", "\(guess)")
            }
            #expect(try await gateway.core.verification.isVerified(phone: phone) == false)
            // Naming the victim's phone: wrong guesses count, and the scan is refused long before
            // it covers the space; the right code sent by the attacker afterwards is refused too.
            var answers: [String] = []
            for guess in 0..<60 where String(format: "%04d", guess) != code {
                let answer = try await gateway.form("POST", "/register", [("userId", phone), ("code", String(format: "%04d", guess))],
                                                    from: Self.attacker)
                answers.append(answer.json?["result"]?.stringValue ?? "?")
            }
            #expect(!answers.contains("0000"))
            #expect(answers.suffix(40).allSatisfy { $0 == "0005" }, "\(answers)")
            let late = try await gateway.form("POST", "/action/register", [("account", phone), ("pwd", "attacker1"), ("code", code)],
                                              from: Self.attacker)
            #expect(late.json?["ErrCode"] == 13, "refused before the code is looked at: \(late.text)")
            #expect(try await gateway.core.verification.isVerified(phone: phone) == false)
            // Once the per-phone window passes, the victim asks again and registers with their code.
            clock.advance(by: 901)
            #expect(try await gateway.form("POST", "/action/send_sns", [("mobile", phone)], from: Self.victim).json?["ErrCode"] == 0)
            let fresh = try #require(try gateway.lastSMSCode(for: phone))
            let registered = try await gateway.form("POST", "/action/register", [("account", phone), ("pwd", "victim123"), ("code", fresh)],
                                                    from: Self.victim)
            #expect(registered.json?["ErrCode"] == 0, "\(registered.text)")
        }
    }

    @Test("wrong guesses from one address are refused across phones; other addresses still verify")
    func guessesPerSource() async throws {
        try await withGateway(Self.proxied, over: .socket) { gateway in
            let phones = (0..<12).map { _ in uniquePhone() }
            for phone in phones {
                #expect(try await gateway.form("POST", "/action/send_sns", [("mobile", phone)], from: "10.0.1.\(phones.firstIndex(of: phone)!)").json?["ErrCode"] == 0)
            }
            // Ten wrong guesses from one address, each at a different phone: 14 (wrong) each.
            for phone in phones.prefix(10) {
                let code = try #require(try gateway.lastSMSCode(for: phone))
                let wrong = code == "0000" ? "1111" : "0000"
                let answer = try await gateway.form("POST", "/action/register", [("account", phone), ("pwd", "x1234567"), ("code", wrong)], from: Self.attacker)
                #expect(answer.json?["ErrCode"] == 14)
            }
            // The eleventh is refused before any code is consulted, even a right one.
            let target = phones[10]
            let right = try #require(try gateway.lastSMSCode(for: target))
            let refused = try await gateway.form("POST", "/action/register", [("account", target), ("pwd", "x1234567"), ("code", right)], from: Self.attacker)
            #expect(refused.json?["ErrCode"] == 13)
            // Its owner, from their own address, registers with it.
            let owner = try await gateway.form("POST", "/action/register", [("account", target), ("pwd", "x1234567"), ("code", right)], from: "10.0.1.10")
            #expect(owner.json?["ErrCode"] == 0, "\(owner.text)")
        }
    }

    @Test("pyramid_echo_code is off by default: send code answers no code")
    func noEchoByDefault() async throws {
        try await withGateway(over: .socket) { gateway in
            let phone = uniquePhone()
            let answer = try await gateway.form("GET", "/register", [("userId", phone)])
            #expect(answer.json == ["result": "0000", "message": nil])
            #expect(try gateway.lastSMSCode(for: phone) != nil)
        }
    }
}

@Suite("Hostile clients: SMS pumping")
struct SMSPumpingTests {
    @Test("1,000 sends to distinct phones from one address are mostly refused and send nothing; others still get codes")
    func pumpingFromOneAddress() async throws {
        try await withGateway(["trusted_proxies": "127.0.0.1/32", "rate_limit_exempt": "10.9.9.0/24"], over: .socket) { gateway in
            var sent = 0, refused = 0
            for index in 0..<1_000 {
                // Spread over many prefixes, as a pumping list is.
                let phone = String(format: "13%03d%06d", index, Int.random(in: 0..<1_000_000))
                let answer = try #require(try await gateway.post("/live/AuthCode", json: ["phone": .string(phone)], contentType: nil,
                                                                 from: "10.6.6.6").json)
                if answer["status"] == 10000 { sent += 1 } else if answer["status"] == 10108 { refused += 1 }
            }
            #expect(sent == 10, "sms_per_source defaults to 10 an hour")
            #expect(refused == 990)
            let outbox = try String(contentsOf: gateway.data.appendingPathComponent("sms/outbox.jsonl"), encoding: .utf8)
            #expect(outbox.split(separator: "\n").count == 10, "a refused send sends nothing")
            // Another address is not affected; an exempt one (a test rig) is not bounded per source.
            #expect(try await gateway.post("/live/AuthCode", json: ["phone": .string(uniquePhone())], contentType: nil,
                                           from: "10.0.0.2").json?["status"] == 10000)
            for _ in 0..<15 {
                #expect(try await gateway.post("/live/AuthCode", json: ["phone": .string(uniquePhone())], contentType: nil,
                                               from: "10.9.9.9").json?["status"] == 10000)
            }
        }
    }

    @Test("sends to one number prefix and in total are bounded, whatever the address")
    func prefixAndTotal() async throws {
        try await withGateway(["trusted_proxies": "127.0.0.1/32", "sms_per_prefix": "5", "sms_total": "8"], over: .socket) { gateway in
            var results: [JSONValue] = []
            for index in 0..<7 {
                let answer = try await gateway.form("POST", "/action/send_sns", [("mobile", "1390013\(String(format: "%04d", index))")],
                                                    from: "10.1.0.\(index)")
                results.append(answer.json?["ErrCode"] ?? .null)
            }
            #expect(results == [0, 0, 0, 0, 0, 13, 13])
            var other: [JSONValue] = []
            for index in 0..<5 {
                let answer = try await gateway.form("POST", "/action/send_sns", [("mobile", "13600\(String(format: "%02d", index))\(String(format: "%04d", index))")],
                                                    from: "10.2.0.\(index)")
                other.append(answer.json?["ErrCode"] ?? .null)
            }
            #expect(other == [0, 0, 0, 13, 13], "eight in total")
        }
    }
}
