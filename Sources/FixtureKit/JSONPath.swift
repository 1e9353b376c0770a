import Foundation
import LiveJSON

/// A concrete JSONPath (`$.a.b[0]`): what a capture reads.
public struct JSONPath: Sendable {
    enum Segment: Sendable { case key(String), index(Int) }
    let segments: [Segment]

    public init(_ text: String) throws {
        guard text.hasPrefix("$") else { throw FixtureError("JSONPath must start with $: \(text)") }
        var segments: [Segment] = []
        var rest = Substring(text.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let key = rest.prefix { $0 != "." && $0 != "[" }
                guard !key.isEmpty else { throw FixtureError("empty key in JSONPath: \(text)") }
                segments.append(.key(String(key)))
                rest = rest.dropFirst(key.count)
            } else if rest.hasPrefix("['") {
                guard let end = rest.range(of: "']") else { throw FixtureError("unclosed [' in JSONPath: \(text)") }
                segments.append(.key(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])))
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("[") {
                guard let end = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<end]) else {
                    throw FixtureError("bad index in JSONPath: \(text)")
                }
                segments.append(.index(index))
                rest = rest[rest.index(after: end)...]
            } else {
                throw FixtureError("unexpected character in JSONPath: \(text)")
            }
        }
        self.segments = segments
    }

    public func evaluate(_ value: JSONValue) -> JSONValue? {
        var current: JSONValue? = value
        for segment in segments {
            switch segment {
            case .key(let key): current = current?[key]
            case .index(let i): current = current?.arrayValue.flatMap { i >= 0 && i < $0.count ? $0[i] : nil }
            }
        }
        return current
    }

    /// How a value's location is written in diffs and matched against noise patterns.
    static func child(_ parent: String, key: String) -> String {
        key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } && !key.isEmpty
            ? "\(parent).\(key)" : "\(parent)['\(key)']"
    }

    static func child(_ parent: String, index: Int) -> String { "\(parent)[\(index)]" }
}

/// A JSONPath with wildcards for noise rules: `[*]` any index, `..name` at any depth.
public struct JSONPathPattern: Sendable {
    let text: String
    /// Kept as source: `Regex` is not Sendable, and noise lists are short.
    private let pattern: String

    public init(_ text: String) throws {
        guard text.hasPrefix("$") else { throw FixtureError("noise path must start with $: \(text)") }
        var pattern = "^\\$"
        var rest = Substring(text.dropFirst())
        while !rest.isEmpty {
            if rest.hasPrefix("..") {
                rest = rest.dropFirst(2)
                let key = rest.prefix { $0 != "." && $0 != "[" }
                pattern += "(\\.[^.\\[]+|\\[\\d+\\]|\\['[^']*'\\])*\\." + NSRegularExpressionEscape(String(key))
                rest = rest.dropFirst(key.count)
            } else if rest.hasPrefix("[*]") {
                pattern += "\\[\\d+\\]"
                rest = rest.dropFirst(3)
            } else if rest.hasPrefix(".*") {
                pattern += "(\\.[^.\\[]+|\\['[^']*'\\])"
                rest = rest.dropFirst(2)
            } else {
                let chunk = rest.prefix(1)
                pattern += NSRegularExpressionEscape(String(chunk))
                rest = rest.dropFirst()
            }
        }
        pattern += "$"
        self.text = text
        _ = try Regex(pattern)
        self.pattern = pattern
    }

    public func matches(_ path: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: path)) != nil
    }
}

func NSRegularExpressionEscape(_ text: String) -> String {
    var out = ""
    for character in text {
        if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
        out.append(character)
    }
    return out
}
