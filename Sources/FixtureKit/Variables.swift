import Crypto
import Foundation
import LiveJSON

/// The values `{{NAME}}` stands for in one file's run: captures, plus the built-ins.
public struct Variables: Sendable {
    public private(set) var values: [String: JSONValue] = [:]

    /// Built-ins unique to this file and run: `run` and `phone1`…`phone9`.
    public static func fresh() -> Variables {
        var variables = Variables()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        variables.values["run"] = .string(String((0..<8).map { _ in alphabet.randomElement()! }))
        for n in 1...9 {
            variables.values["phone\(n)"] = .string("15" + String(format: "%09d", Int.random(in: 0..<1_000_000_000)))
        }
        return variables
    }

    public init() {}

    public subscript(name: String) -> JSONValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Substitutes every `{{…}}` in every string of `value`.
    public func substitute(_ value: JSONValue) throws -> JSONValue {
        switch value {
        case .string(let text): return try substitute(string: text)
        case .array(let items): return .array(try items.map(substitute))
        case .object(let object):
            var result = JSONObject()
            for (key, item) in object { result[try substituteText(key)] = try substitute(item) }
            return .object(result)
        default: return value
        }
    }

    /// A string that is exactly `{{NAME}}` becomes the variable's own value (an integer stays one).
    func substitute(string text: String) throws -> JSONValue {
        if text.hasPrefix("{{"), text.hasSuffix("}}"), text.count > 4,
           !text.dropFirst(2).dropLast(2).contains("{{") {
            return try resolve(String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces))
        }
        return .string(try substituteText(text))
    }

    public func substituteText(_ text: String) throws -> String {
        guard text.contains("{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw FixtureError("unclosed {{ in \"\(text)\"")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            switch try resolve(name) {
            case .string(let s): out += s
            case let other: out += other.serialized()
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    func resolve(_ name: String) throws -> JSONValue {
        if name.hasPrefix("md5 ") {
            let text = String(name.dropFirst(4))
            return .string(Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined())
        }
        guard let value = values[name] else { throw FixtureError("unknown variable {{\(name)}}") }
        return value
    }
}
