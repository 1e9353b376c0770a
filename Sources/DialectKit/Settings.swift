/// A setting an operator can give as a `serve` flag (`--set name=value`), a `LIVEGATE_<NAME>`
/// environment variable, or a `name = value` line of the config file.
public struct SettingSpec: Sendable, Hashable {
    public var name: String
    public var defaultValue: String
    public var help: String

    public init(_ name: String, default defaultValue: String, _ help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }

    public var environmentName: String { "LIVEGATE_" + name.uppercased() }
}

/// Resolved settings: every declared name has a value (its default at least).
public struct SettingValues: Sendable {
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }

    public func string(_ name: String, default fallback: String = "") -> String { values[name] ?? fallback }

    public func int(_ name: String, default fallback: Int) -> Int { values[name].flatMap { Int($0) } ?? fallback }

    public func double(_ name: String, default fallback: Double) -> Double { values[name].flatMap { Double($0) } ?? fallback }

    public func bool(_ name: String, default fallback: Bool) -> Bool {
        switch values[name]?.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: return fallback
        }
    }

    public mutating func set(_ name: String, _ value: String) { values[name] = value }
}
