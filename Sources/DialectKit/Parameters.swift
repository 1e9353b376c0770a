import LiveCore
import LiveJSON

/// A file part of a multipart body.
public struct UploadedFile: Sendable, Equatable {
    public var filename: String
    public var contentType: String?
    public var bytes: [UInt8]

    public init(filename: String, contentType: String?, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Every parameter of a request, wherever it came from: the query string, then a JSON, form or
/// multipart body (the body wins a tie). Form values are strings; JSON keeps its types.
public struct Parameters: Sendable {
    private var values: [String: JSONValue] = [:]
    public private(set) var files: [String: UploadedFile] = [:]
    /// Go's JSON decoder matched keys without regard to case; dialects that imitate it say so.
    public let caseInsensitive: Bool

    public init(caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
    }

    private func key(_ name: String) -> String { caseInsensitive ? name.lowercased() : name }

    public mutating func set(_ name: String, _ value: JSONValue) { values[key(name)] = value }
    public mutating func set(file name: String, _ file: UploadedFile) { files[key(name)] = file }

    public func raw(_ name: String) -> JSONValue? { values[key(name)] }
    public func file(_ name: String) -> UploadedFile? { files[key(name)] }
    public func has(_ name: String) -> Bool { values[key(name)] != nil || files[key(name)] != nil }
    public var names: [String] { Array(values.keys) }

    /// A text parameter, or nil when absent. Numbers and booleans read as their text; objects and
    /// arrays are the wrong type.
    public func string(_ name: String) throws -> String? {
        switch raw(name) {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return JSONValue.double(d).serialized()
        case .bool(let b)?: return b ? "true" : "false"
        case .array?, .object?: throw CoreError.invalid(name)
        }
    }

    public func requiredString(_ name: String) throws -> String {
        guard let value = try string(name), !value.isEmpty else { throw CoreError.invalid(name) }
        return value
    }

    /// An integer parameter: a JSON integer, or text of one. Anything else is the wrong type.
    public func int(_ name: String) throws -> Int64? {
        switch raw(name) {
        case nil, .null?: return nil
        case .int(let i)?: return i
        case .double(let d)?:
            guard d == d.rounded(), abs(d) < 9e15 else { throw CoreError.invalid(name) }
            return Int64(d)
        case .string(let s)?:
            let text = s.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            guard let i = Int64(text) else { throw CoreError.invalid(name) }
            return i
        case .bool?, .array?, .object?: throw CoreError.invalid(name)
        }
    }

    public func requiredInt(_ name: String) throws -> Int64 {
        guard let value = try int(name) else { throw CoreError.invalid(name) }
        return value
    }

    /// A boolean parameter: JSON true/false, or "true"/"false"/"1"/"0" (any case).
    public func bool(_ name: String) throws -> Bool? {
        switch raw(name) {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .int(let i)? where i == 0 || i == 1: return i == 1
        case .string(let s)?:
            switch s.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            case "": return nil
            default: throw CoreError.invalid(name)
            }
        default: throw CoreError.invalid(name)
        }
    }
}

extension CoreError {
    /// A parameter a dialect read from the wire is missing or malformed; `name` is its wire name,
    /// which the dialect's error table may give a code of its own.
    public static func invalid(_ name: String) -> CoreError { CoreError(.invalidParameter, name) }
}

extension Validate {
    /// A text parameter within `max` characters with no control characters; refused under its wire name.
    public static func text(_ value: String, field parameter: String, max: Int) throws -> String {
        guard isText(value, max: max) else { throw CoreError.invalid(parameter) }
        return value
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: set.contains).reversed().drop(while: set.contains).reversed())
    }
}

extension Set where Element == Character {
    static let whitespaces: Set<Character> = [" ", "\t", "\n", "\r"]
}
