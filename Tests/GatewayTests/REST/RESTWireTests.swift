import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing
import Gateway

/// What every REST route shares: OPTIONS, 405 with Allow, trailing slashes, HEAD, the legacy port.
@Suite("REST wire")
struct RESTWireTests {
    /// Every route of the document with the methods it serves, as `Allow` lists them.
    static let routes: [(path: String, allow: String)] = [
        ("/users/", "POST, OPTIONS"),
        ("/snslogin/", "POST, OPTIONS"),
        ("/login/", "POST, OPTIONS"),
        ("/logout/", "POST, OPTIONS"),
        ("/rooms/", "GET, POST, HEAD, OPTIONS"),
        ("/rooms/1/", "GET, PUT, DELETE, HEAD, OPTIONS"),
        ("/users/icon/1/", "PUT, OPTIONS"),
        ("/password/", "PUT, OPTIONS"),
        ("/users/password/", "PUT, OPTIONS"),
        ("/users/1/", "PUT, OPTIONS"),
        ("/phonelogin/", "GET, POST, HEAD, OPTIONS"),
    ]

    @Test("OPTIONS on every route answers 200, Allow, and a JSON description (name, parses, actions)")
    func options() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            for (path, allow) in Self.routes {
                for variant in [path, String(path.dropLast())] {
                    let r = try await rest.send("OPTIONS", variant)
                    #expect(r.status == 200, "\(variant)")
                    #expect(r.result.header("Allow") == allow, "\(variant)")
                    #expect(r["name"]?.stringValue?.isEmpty == false, "\(variant)")
                    #expect(r["description"]?.stringValue?.isEmpty == false, "\(variant)")
                    #expect(r["renders"] == ["application/json"])
                    #expect(r["parses"]?.arrayValue?.contains("application/json") == true)
                }
            }
            let users = try await rest.send("OPTIONS", "/users/")
            let post = try #require(users["actions"]?["POST"])
            #expect(post["username"]?["required"] == true)
            #expect(post["username"]?["type"] == "string")
            #expect(post["sex"]?["required"] == false)
            let rooms = try await rest.send("OPTIONS", "/rooms/1/")
            #expect(rooms["actions"]?["PUT"]?["active"]?["type"] == "boolean")
            // OPTIONS needs no token and changes nothing.
            #expect(try await rest.send("OPTIONS", "/logout/", token: "nonsense").status == 200)
        }
    }

    @Test("A method a route does not serve is 405 with Allow and the FAIL envelope")
    func methodNotAllowed() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]
            for (path, allow) in Self.routes {
                for method in methods where !allow.contains(method) {
                    // (FoundationNetworking cannot send a GET with a body.)
                    let r = try await rest.send(method, path, json: method == "GET" ? nil : [:])
                    #expect(r.status == 405, "\(method) \(path)")
                    #expect(r.result.header("Allow") == allow, "\(method) \(path)")
                    #expect(r.msg == "请求方法 \"\(method)\" 不被允许", "\(method) \(path)")
                    #expect(r.json.restKeys == ["status", "code", "msg"])
                }
            }
            // HEAD where there is no GET is 405 too, without a body.
            let head = try await gateway.raw("HEAD", "/login/")
            #expect(head.status == 405)
            #expect(head.body.isEmpty)
        }
    }

    @Test("HEAD answers as GET without a body")
    func head() async throws {
        try await withGateway { gateway in
            let r = try await gateway.raw("HEAD", "/rooms/")
            #expect(r.status == 200)
            #expect(r.body.isEmpty)
            #expect(r.header("Content-Type") == "application/json")
            #expect(try await gateway.raw("HEAD", "/rooms/12345/").status == 404)
        }
    }

    @Test("Paths work with and without the trailing slash")
    func trailingSlash() async throws {
        try await withGateway { gateway in
            let rest = RESTClient(gateway)
            let name = "slash\(uniquePhone())"
            #expect(try await rest.send("POST", "/users", json: ["username": .string(name), "password": "pw", "nickname": "n"]).status == 200)
            #expect(try await rest.send("POST", "/login", json: ["username": .string(name), "password": "pw"]).status == 200)
            let token = try #require(try await rest.send("POST", "/login/", json: ["username": .string(name), "password": "pw"]).token)
            #expect(try await rest.send("GET", "/rooms").status == 200)
            #expect(try await rest.send("PUT", "/password", json: ["username": .string(name), "old_password": "pw",
                                                                   "password": "pw2"], token: token).status == 200)
        }
    }

    @Test("The legacy listener (8300 in production) serves the REST dialect alone")
    func legacyPort() async throws {
        try await withGateway(legacy: ["rest": 0]) { gateway in
            let port = try #require(gateway.running.ports["rest"]?.first)
            let rest = RESTClient(gateway, port: port)
            let user = try await rest.register()
            #expect(try await rest.login(user.username).status == 200)
            #expect(try await rest.send("GET", "/rooms/").status == 200)
            // Other dialects' paths are not served there.
            #expect(try await gateway.post("/live/Login", json: ["account": "x", "password": "y"], port: port).status == 404)
        }
    }
}
