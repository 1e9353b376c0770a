import Foundation
import LiveJSON

/// One difference between what a fixture expected and what the server said, by JSON path.
public struct Mismatch: Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Compares an expected JSON value (with matchers) against an actual one, strictly: every key
/// present on both sides, same JSON types, same values. Records captures as it goes.
struct Matcher {
    var noise: NoiseRules
    var captures: [String: JSONValue] = [:]
    var mismatches: [Mismatch] = []

    init(noise: NoiseRules) {
        self.noise = noise
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        let text = value.serialized()
        return text.count > 120 ? String(text.prefix(117)) + "..." : text
    }

    mutating func fail(_ path: String, _ message: String) {
        mismatches.append(Mismatch(path: path, message: message))
    }

    mutating func compare(_ expected: JSONValue, _ actual: JSONValue?, at path: String) {
        if noise.isIgnored(path) { return }
        if noise.isTypeOnly(path) {
            if actual?.typeName != expected.typeName {
                fail(path, "expected a \(expected.typeName), got \(Self.describe(actual))")
            }
            return
        }
        if case .string(let text) = expected, text.hasPrefix("$") {
            if text.hasPrefix("$$") {
                compareLiteral(.string(String(text.dropFirst())), actual, at: path)
            } else {
                applyMatcher(text, actual, at: path)
            }
            return
        }
        if case .object(let object) = expected, object.count == 1, let inner = object["$json"] {
            guard case .string(let text)? = actual else { return fail(path, "expected a string of JSON, got \(Self.describe(actual))") }
            guard let parsed = try? JSONValue.parse(text) else { return fail(path, "expected a string of JSON, got \(Self.describe(actual))") }
            compare(inner, parsed, at: path + "<json>")
            return
        }
        if case .object(let object) = expected, object.count == 1, let wanted = object["$contains"]?.arrayValue {
            guard case .array(let items)? = actual else { return fail(path, "expected an array, got \(Self.describe(actual))") }
            for (n, want) in wanted.enumerated() {
                var found = false
                for item in items {
                    var probe = Matcher(noise: noise)
                    probe.compare(want, item, at: path)
                    if probe.mismatches.isEmpty {
                        captures.merge(probe.captures) { $1 }
                        found = true
                        break
                    }
                }
                if !found { fail(path, "no element matches expected element \(n + 1): \(Self.describe(want))") }
            }
            return
        }
        switch (expected, actual) {
        case (.object(let want), .object(let got)?):
            for (key, value) in want {
                let child = JSONPath.child(path, key: key)
                if got[key] == nil, !noise.isIgnored(child) {
                    fail(child, "missing (expected \(Self.describe(value)))")
                } else {
                    compare(value, got[key], at: child)
                }
            }
            for (key, value) in got where want[key] == nil {
                let child = JSONPath.child(path, key: key)
                if !noise.isIgnored(child) { fail(child, "unexpected key (got \(Self.describe(value)))") }
            }
        case (.array(let want), .array(let got)?):
            if want.count != got.count { fail(path, "expected \(want.count) elements, got \(got.count)") }
            for index in 0..<min(want.count, got.count) {
                compare(want[index], got[index], at: JSONPath.child(path, index: index))
            }
        default:
            compareLiteral(expected, actual, at: path)
        }
    }

    mutating func compareLiteral(_ expected: JSONValue, _ actual: JSONValue?, at path: String) {
        guard let actual else { return fail(path, "missing (expected \(Self.describe(expected)))") }
        if expected.typeName != actual.typeName {
            fail(path, "expected \(expected.typeName) \(Self.describe(expected)), got \(actual.typeName) \(Self.describe(actual))")
        } else if expected != actual {
            fail(path, "expected \(Self.describe(expected)), got \(Self.describe(actual))")
        }
    }

    mutating func applyMatcher(_ text: String, _ actual: JSONValue?, at path: String) {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts[0]
        let argument = parts.count > 1 ? parts[1] : ""
        switch name {
        case "$capture":
            let pieces = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let variable = pieces.first, !variable.isEmpty else { return fail(path, "$capture needs a name") }
            if pieces.count > 1 {
                let before = mismatches.count
                applyMatcher(pieces[1], actual, at: path)
                if mismatches.count != before { return }
            } else if actual == nil {
                return fail(path, "missing (expected a value to capture as \(variable))")
            }
            if let actual { captures[variable] = actual }
        case "$any":
            if actual == nil { fail(path, "missing (expected any value)") }
        case "$string", "$int", "$bool", "$null", "$array", "$object":
            let wanted = ["$string": "string", "$int": "integer", "$bool": "bool", "$null": "null",
                          "$array": "array", "$object": "object"][name]!
            if actual?.typeName != wanted { fail(path, "expected a \(wanted), got \(Self.describe(actual))") }
        case "$number":
            if actual?.typeName != "integer", actual?.typeName != "number" { fail(path, "expected a number, got \(Self.describe(actual))") }
        case "$hex32":
            guard case .string(let s)? = actual, s.count == 32, s.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                return fail(path, "expected 32 lowercase hex digits, got \(Self.describe(actual))")
            }
        case "$regex":
            guard case .string(let s)? = actual else { return fail(path, "expected a string matching /\(argument)/, got \(Self.describe(actual))") }
            guard let regex = try? Regex(argument) else { return fail(path, "bad regex in fixture: \(argument)") }
            if (try? regex.wholeMatch(in: s)) == nil { fail(path, "expected a string matching /\(argument)/, got \(Self.describe(actual))") }
        default:
            fail(path, "unknown matcher \(name) in fixture (write $$ for a literal $)")
        }
    }
}
