import Foundation
import LiveJSON

/// One scenario file: an ordered list of steps against one dialect (steps may name another).
public struct Fixture: Sendable {
    public var file: String
    public var dialect: String
    public var description: String
    public var noise: NoiseRules
    public var steps: [Step]
    /// Settings this scenario needs from an in-process gateway (a short session lifetime, say). Such
    /// a file gets a gateway of its own, so its settings never touch the files running beside it.
    public var gatewaySettings: [String: String]

    public enum Step: Sendable {
        case exchange(Exchange)
        /// Reads the newest SMS code sent to `phone` into the variable `capture`.
        case sms(name: String, phone: JSONValue, capture: String)
        case wait(name: String, seconds: Double)

        public var name: String {
            switch self {
            case .exchange(let e): return e.name
            case .sms(let name, _, _), .wait(let name, _): return name
            }
        }
    }

    /// A request and the response it must get. Both stay as JSON until the step runs, because
    /// variables captured by earlier steps are substituted into them first.
    public struct Exchange: Sendable {
        public var name: String
        public var dialect: String?
        public var request: JSONObject
        public var response: JSONObject
        /// Variable name → JSONPath into the response body.
        public var captures: [(String, String)]
    }
}

public struct FixtureError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Paths whose values legitimately vary: skipped, or checked for their JSON type only.
public struct NoiseRules: Sendable {
    public var ignore: [JSONPathPattern] = []
    public var typeOnly: [JSONPathPattern] = []

    public init() {}

    init(_ value: JSONValue?, file: String) throws {
        guard let value else { return }
        guard let object = value.objectValue else { throw FixtureError("\(file): noise must be an object") }
        func patterns(_ key: String) throws -> [JSONPathPattern] {
            guard let list = object[key] else { return [] }
            guard let items = list.arrayValue else { throw FixtureError("\(file): noise.\(key) must be a list of JSONPaths") }
            return try items.map { item in
                guard let text = item.stringValue else { throw FixtureError("\(file): noise.\(key) must hold strings") }
                return try JSONPathPattern(text)
            }
        }
        ignore = try patterns("ignore")
        typeOnly = try patterns("typeOnly")
    }

    func merged(with other: NoiseRules) -> NoiseRules {
        var rules = self
        rules.ignore += other.ignore
        rules.typeOnly += other.typeOnly
        return rules
    }

    func isIgnored(_ path: String) -> Bool { ignore.contains { $0.matches(path) } }
    func isTypeOnly(_ path: String) -> Bool { typeOnly.contains { $0.matches(path) } }
}

extension Fixture {
    /// Reads and checks a fixture file; errors name the file and the step.
    public static func load(_ url: URL, displayName: String? = nil) throws -> Fixture {
        let name = displayName ?? url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else { throw FixtureError("\(name): cannot read") }
        let root: JSONValue
        do {
            root = try JSONValue.parse(Array(data))
        } catch {
            throw FixtureError("\(name): \(error)")
        }
        return try parse(root, file: name)
    }

    public static func parse(_ root: JSONValue, file: String) throws -> Fixture {
        guard let object = root.objectValue else { throw FixtureError("\(file): a fixture is a JSON object") }
        guard let dialect = object["dialect"]?.stringValue else { throw FixtureError("\(file): missing \"dialect\"") }
        guard let list = object["exchanges"]?.arrayValue, !list.isEmpty else {
            throw FixtureError("\(file): \"exchanges\" must be a non-empty list")
        }
        let steps = try list.enumerated().map { index, item -> Step in
            let label = "\(file) step \(index + 1)"
            guard let step = item.objectValue else { throw FixtureError("\(label): a step is an object") }
            let name = step["name"]?.stringValue ?? "step \(index + 1)"
            if let sms = step["sms"]?.objectValue {
                guard let phone = sms["phone"], let capture = sms["capture"]?.stringValue else {
                    throw FixtureError("\(label): sms needs \"phone\" and \"capture\"")
                }
                return .sms(name: name, phone: phone, capture: capture)
            }
            if let wait = step["wait"] {
                switch wait {
                case .int(let i): return .wait(name: name, seconds: Double(i))
                case .double(let d): return .wait(name: name, seconds: d)
                default: throw FixtureError("\(label): wait takes seconds")
                }
            }
            guard let request = step["request"]?.objectValue else { throw FixtureError("\(label): missing \"request\"") }
            guard request["path"]?.stringValue != nil else { throw FixtureError("\(label): request needs a \"path\"") }
            let response = step["response"]?.objectValue ?? [:]
            var captures: [(String, String)] = []
            if let capture = step["capture"] {
                guard let pairs = capture.objectValue else { throw FixtureError("\(label): capture is an object of NAME: JSONPath") }
                for (key, path) in pairs {
                    guard let text = path.stringValue else { throw FixtureError("\(label): capture \(key) needs a JSONPath string") }
                    _ = try JSONPath(text)
                    captures.append((key, text))
                }
            }
            return .exchange(Exchange(name: name, dialect: step["dialect"]?.stringValue, request: request,
                                      response: response, captures: captures))
        }
        var settings: [String: String] = [:]
        if let given = object["gateway"] {
            guard let pairs = given.objectValue else { throw FixtureError("\(file): gateway is an object of setting: value") }
            for (name, value) in pairs {
                guard let text = value.stringValue else { throw FixtureError("\(file): gateway setting \(name) must be a string") }
                settings[name] = text
            }
        }
        return Fixture(file: file, dialect: dialect, description: object["description"]?.stringValue ?? "",
                       noise: try NoiseRules(object["noise"], file: file), steps: steps, gatewaySettings: settings)
    }
}
