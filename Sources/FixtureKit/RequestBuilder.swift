import Foundation
import LiveJSON

/// Turns a fixture's request object (variables already substituted) into an HTTP request.
enum RequestBuilder {
    static func build(_ request: JSONObject, base: URL) throws -> HTTPRequestSpec {
        let method = request["method"]?.stringValue?.uppercased() ?? "GET"
        guard var path = request["path"]?.stringValue else { throw FixtureError("request needs a path") }
        if let query = request["query"]?.objectValue {
            let pairs = try query.map { key, value in (key, try text(value, "query \(key)")) }
            path += (path.contains("?") ? "&" : "?") + FormCoding.encode(pairs)
        }
        let root = base.absoluteString.hasSuffix("/") ? String(base.absoluteString.dropLast()) : base.absoluteString
        guard let url = URL(string: root + (path.hasPrefix("/") ? path : "/" + path)) else {
            throw FixtureError("bad URL \(root)\(path)")
        }
        var headers: [(String, String)] = []
        if let given = request["headers"]?.objectValue {
            for (name, value) in given { headers.append((name, try text(value, "header \(name)"))) }
        }
        func setDefault(_ contentType: String) {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) { headers.append(("Content-Type", contentType)) }
        }
        var body: [UInt8] = []
        if let json = request["json"] {
            body = Array(json.serialized().utf8)
            setDefault("application/json")
        } else if let form = request["form"]?.objectValue {
            body = Array(FormCoding.encode(try form.map { ($0, try text($1, "form \($0)")) }).utf8)
            setDefault("application/x-www-form-urlencoded")
        } else if let parts = request["multipart"]?.arrayValue {
            let boundary = "----LiveGateFixture\(Int.random(in: 100_000...999_999))"
            for part in parts {
                guard let object = part.objectValue, let name = object["name"]?.stringValue else {
                    throw FixtureError("a multipart part needs a name")
                }
                var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
                let bytes: [UInt8]
                if let filename = object["filename"]?.stringValue {
                    head += "; filename=\"\(filename)\""
                    if let type = object["contentType"]?.stringValue { head += "\r\nContent-Type: \(type)" }
                    guard let data = Data(base64Encoded: object["base64"]?.stringValue ?? "") else {
                        throw FixtureError("multipart file \(name) needs base64 content")
                    }
                    bytes = Array(data)
                } else {
                    bytes = Array(try text(object["value"] ?? .string(""), "multipart \(name)").utf8)
                }
                body += Array((head + "\r\n\r\n").utf8) + bytes + Array("\r\n".utf8)
            }
            body += Array("--\(boundary)--\r\n".utf8)
            setDefault("multipart/form-data; boundary=\(boundary)")
        } else if let raw = request["text"]?.stringValue {
            body = Array(raw.utf8)
        } else if let encoded = request["base64"]?.stringValue {
            guard let data = Data(base64Encoded: encoded) else { throw FixtureError("request base64 does not decode") }
            body = Array(data)
        }
        return HTTPRequestSpec(method: method, url: url, headers: headers, body: body)
    }

    /// Form and query values are text; numbers and booleans are written as JSON writes them.
    static func text(_ value: JSONValue, _ what: String) throws -> String {
        switch value {
        case .string(let s): return s
        case .int, .double, .bool: return value.serialized()
        case .null: return ""
        default: throw FixtureError("\(what) must be a string, number or bool")
        }
    }
}
