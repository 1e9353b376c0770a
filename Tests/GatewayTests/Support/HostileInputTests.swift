import FixtureKit
import Foundation
import Gateway
import LiveJSON
import Testing
import DialectKit

/// Every route of every registered dialect, fed input no client should send: the answer is always
/// the dialect's own (a 2xx–4xx with a body), never a 5xx, a crash or a hang. A new dialect is
/// covered as soon as it is registered.
@Suite("Hostile input, every dialect")
struct HostileInputTests {
    static let bodies: [(String, [(String, String)], [UInt8])] = [
        ("empty body", [], []),
        ("truncated JSON", [("Content-Type", "application/json")], Array(#"{"account": "x", "#.utf8)),
        ("a JSON array", [("Content-Type", "application/json")], Array("[1, 2, 3]".utf8)),
        ("objects where scalars belong", [("Content-Type", "application/json")],
         Array(#"{"account":{},"password":[],"sessionId":{},"token":[1],"uid":{},"liveRoomId":[],"page":{},"pk":{},"index":[],"userId":{}}"#.utf8)),
        ("huge numbers", [("Content-Type", "application/json")],
         Array(#"{"liveRoomId":1e308,"uid":99999999999999999999,"index":-1,"page":-5,"count":1e9,"timeout":-1}"#.utf8)),
        ("deep nesting", [("Content-Type", "application/json")], Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8)),
        ("binary garbage as a form", [("Content-Type", "application/x-www-form-urlencoded")], [0xFF, 0xFE, 0x00, 0x25, 0x7A, 0x3D, 0xC3]),
        ("bad percent escapes", [("Content-Type", "application/x-www-form-urlencoded")], Array("a=%zz&token=%&uid=%%%".utf8)),
        ("multipart without a boundary", [("Content-Type", "multipart/form-data")], Array("--x\r\n\r\n".utf8)),
        ("multipart cut short", [("Content-Type", "multipart/form-data; boundary=b")],
         Array("--b\r\nContent-Disposition: form-data; name=\"img\"; filename=\"a.png\"\r\n\r\n\u{89}PNG".utf8)),
    ]

    @Test("no route answers 5xx to malformed, mistyped, oversized or binary input")
    func sweep() async throws {
        try await withGateway(["max_body_bytes": "65536"], over: .socket) { gateway in
            let values = try SettingsCatalog.resolve(overrides: ["legacy_ports": "false"], environment: [:], configFile: nil)
            let routes = try Gateway.describeRoutes(try GatewayConfiguration(settings: values))
            #expect(routes.count > 100, "every dialect's routes are swept")
            var failures: [String] = []
            var sent = 0
            let oversized = (String(repeating: "x", count: 70_000), [("Content-Type", "application/json")])
            for route in routes {
                let path = route.path.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "1" : String($0) }.joined(separator: "/")
                let methods = route.methods == "ANY" ? ["POST", "GET"] : route.methods.split(separator: ",").map(String.init)
                for method in methods {
                    var cases = Self.bodies
                    cases.append(("a body over max_body_bytes", oversized.1, Array(oversized.0.utf8)))
                    // libcurl will not send a GET with a body: GETs carry their hostility in the query.
                    for (label, headers, body) in cases where method != "GET" || body.isEmpty {
                        let result: HTTPResult
                        do {
                            result = try await gateway.raw(method, path + "?token=%zz&uid=-1&id=abc&page=x&index=-9&count=%FF",
                                                           body: body, headers: headers)
                        } catch {
                            failures.append("\(route.dialect) \(method) \(path) [\(label)]: no answer: \(error)")
                            continue
                        }
                        sent += 1
                        if result.status >= 500 || (result.body.isEmpty && result.status != 204 && method != "HEAD") {
                            failures.append("\(route.dialect) \(method) \(path) [\(label)]: HTTP \(result.status) \(result.text.prefix(120))")
                        }
                    }
                }
            }
            #expect(sent > 1000, "the sweep sent \(sent) requests")
            #expect(failures.isEmpty, "\(failures.count) bad answers:\n\(failures.prefix(20).joined(separator: "\n"))")
        }
    }
}
