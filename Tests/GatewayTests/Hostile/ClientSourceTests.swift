import FixtureKit
import Foundation
import LiveJSON
import Testing

/// Who the client is, seen through the per-source SMS limit (one code per address here): the peer,
/// unless the peer is a trusted proxy; forwarding headers from anyone else change nothing.
@Suite("Hostile clients: the client's address")
struct ClientSourceTests {
    static func askCode(_ gateway: TestGateway, _ headers: [(String, String)]) async throws -> JSONValue? {
        let body = Array("mobile=\(uniquePhone())".utf8)
        return try await gateway.raw("POST", "/action/send_sns", body: body,
                                     headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers).json?["ErrCode"]
    }

    @Test("X-Forwarded-For from a peer that is not a trusted proxy is ignored: spoofing does not evade the limit")
    func untrustedHeadersIgnored() async throws {
        try await withGateway(["sms_per_source": "1"], over: .socket) { gateway in
            let first = try await Self.askCode(gateway, [("X-Forwarded-For", "1.1.1.1")])
            let spoofed = try await Self.askCode(gateway, [("X-Forwarded-For", "2.2.2.2")])
            let forwarded = try await Self.askCode(gateway, [("Forwarded", "for=3.3.3.3")])
            #expect([first, spoofed, forwarded] == [0, 13, 13])
        }
    }

    @Test("behind trusted proxies the client is the nearest untrusted hop; what a client writes further left does not count")
    func trustedChain() async throws {
        // Each line: the headers the trusted proxy sends, and the answer (0 sent, 13 this client's limit).
        let steps: [(headers: [(String, String)], answer: JSONValue, why: String)] = [
            ([("X-Forwarded-For", "1.1.1.1")], 0, "first code for 1.1.1.1"),
            ([("X-Forwarded-For", "2.2.2.2")], 0, "another client"),
            ([("X-Forwarded-For", "1.1.1.1")], 13, "1.1.1.1 again"),
            ([("X-Forwarded-For", "3.3.3.3, 10.0.0.9")], 0, "through a second proxy in 10/8: the client is 3.3.3.3"),
            ([("X-Forwarded-For", "9.9.9.9, 3.3.3.3, 10.0.0.9")], 13, "3.3.3.3 writing a fresh address in front of itself"),
            ([("Forwarded", "for=4.4.4.4:5555;proto=http")], 0, "RFC 7239, IPv4 with a port"),
            ([("Forwarded", "for=\"4.4.4.4\"")], 13, "the same, quoted"),
            ([("Forwarded", "for=\"[2001:db8::1]:4711\"")], 0, "IPv6 in brackets"),
            ([("Forwarded", "for=\"[2001:DB8:0::1]\"")], 13, "the same address spelled otherwise"),
            ([], 0, "a proxy that names no client is the client"),
            ([], 13, "the proxy again"),
        ]
        try await withGateway(["sms_per_source": "1", "trusted_proxies": "127.0.0.1/32, 10.0.0.0/8"], over: .socket) { gateway in
            for step in steps {
                let answer = try await Self.askCode(gateway, step.headers)
                #expect(answer == step.answer, "\(step.why)")
            }
        }
    }

    @Test("rate_limit_exempt skips the per-source limits but not the per-phone ones")
    func exempt() async throws {
        try await withGateway(["sms_per_source": "1", "trusted_proxies": "127.0.0.1/32", "rate_limit_exempt": "5.5.5.0/24"],
                              over: .socket) { gateway in
            for _ in 0..<5 {
                let answer = try await Self.askCode(gateway, [("X-Forwarded-For", "5.5.5.5")])
                #expect(answer == 0)
            }
            let phone = uniquePhone()
            let body = Array("mobile=\(phone)".utf8)
            let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("X-Forwarded-For", "5.5.5.6")]
            #expect(try await gateway.raw("POST", "/action/send_sns", body: body, headers: headers).json?["ErrCode"] == 0)
            #expect(try await gateway.raw("POST", "/action/send_sns", body: body, headers: headers).json?["ErrCode"] == 13,
                    "the phone's resend interval still applies")
        }
    }

    @Test("a bad trusted_proxies or rate_limit_exempt entry stops the start with its name")
    func badRanges() async throws {
        for (name, value) in [("trusted_proxies", "10.0.0.0/33"), ("rate_limit_exempt", "example.com")] {
            await #expect(throws: (any Error).self) { try await withGateway([name: value], over: .socket) { _ in } }
        }
    }
}
