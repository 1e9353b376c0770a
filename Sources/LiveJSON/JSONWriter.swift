/// How a legacy server's JSON library wrote its documents. Clients parse JSON, but migration teams
/// diff bytes, so each dialect writes as its original did.
public struct JSONStyle: Sendable, Equatable {
    /// Go's encoding/json escapes <, > and & as \u003c, \u003e and \u0026.
    public var escapeHTML: Bool
    /// Python's json.dumps escapes every non-ASCII character by default.
    public var asciiOnly: Bool
    /// Python's json.dumps writes ", " and ": " by default.
    public var spacedSeparators: Bool

    public init(escapeHTML: Bool = false, asciiOnly: Bool = false, spacedSeparators: Bool = false) {
        self.escapeHTML = escapeHTML
        self.asciiOnly = asciiOnly
        self.spacedSeparators = spacedSeparators
    }

    /// Go's `json.Marshal`.
    public static let go = JSONStyle(escapeHTML: true)
    /// Python's `json.dumps` with its defaults.
    public static let python = JSONStyle(asciiOnly: true, spacedSeparators: true)
    /// Django REST framework's renderer: compact, UTF-8.
    public static let compact = JSONStyle()
}

extension JSONValue {
    public func serialized(_ style: JSONStyle = .compact) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(to: &out, style: style)
        return out
    }

    /// Indented output for people (fixtures, diffs).
    public func pretty(indent: String = "  ") -> String {
        var out = ""
        writePretty(to: &out, level: 0, indent: indent)
        return out
    }

    private func writePretty(to out: inout String, level: Int, indent: String) {
        let pad = String(repeating: indent, count: level + 1)
        switch self {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.writePretty(to: &out, level: level + 1, indent: indent)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: indent, count: level) + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            for (i, (key, value)) in object.enumerated() {
                out += pad
                JSONValue.writeString(key, to: &out, style: .compact)
                out += ": "
                value.writePretty(to: &out, level: level + 1, indent: indent)
                out += i < object.count - 1 ? ",\n" : "\n"
            }
            out += String(repeating: indent, count: level) + "}"
        default:
            write(to: &out, style: .compact)
        }
    }

    public func write(to out: inout String, style: JSONStyle) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)) } else if d.isFinite { out += "\(d)" } else { out += "null" }
        case .string(let s): Self.writeString(s, to: &out, style: style)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += style.spacedSeparators ? ", " : "," }
                item.write(to: &out, style: style)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, (key, value)) in object.enumerated() {
                if i > 0 { out += style.spacedSeparators ? ", " : "," }
                Self.writeString(key, to: &out, style: style)
                out += style.spacedSeparators ? ": " : ":"
                value.write(to: &out, style: style)
            }
            out += "}"
        }
    }

    /// Whether any character of `s` is written other than as itself in `style`: one pass over the
    /// UTF-8 bytes, so the common string (ASCII, nothing to escape) is appended whole.
    static func needsEscaping(_ s: String, style: JSONStyle) -> Bool {
        var before1: UInt8 = 0, before2: UInt8 = 0
        for byte in s.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x00..<0x20: return true
            case 0x3C, 0x3E, 0x26: if style.escapeHTML { return true }
            case 0x7F: if style.asciiOnly { return true }
            case 0x80...:
                if style.asciiOnly { return true }
                // U+2028 and U+2029 (E2 80 A8 / A9) are always escaped.
                if before2 == 0xE2, before1 == 0x80, byte == 0xA8 || byte == 0xA9 { return true }
            default: break
            }
            before2 = before1
            before1 = byte
        }
        return false
    }

    static func writeString(_ s: String, to out: inout String, style: JSONStyle) {
        out += "\""
        if !needsEscaping(s, style: style) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            // A `where` on a case list guards only its last pattern: test the style once, in the body.
            case "<", ">", "&":
                if style.escapeHTML { escape(scalar.value, to: &out) } else { out.unicodeScalars.append(scalar) }
            case "\u{2028}", "\u{2029}": escape(scalar.value, to: &out)
            default:
                if scalar.value < 0x20 {
                    escape(scalar.value, to: &out)
                } else if style.asciiOnly, scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        escape(0xD800 + (v >> 10), to: &out)
                        escape(0xDC00 + (v & 0x3FF), to: &out)
                    } else {
                        escape(scalar.value, to: &out)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func escape(_ value: UInt32, to out: inout String) {
        let hex = String(value, radix: 16)
        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
