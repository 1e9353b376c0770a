import Foundation

/// A value a setting can hold, written and read as the text an operator types.
public protocol SettingValue: Sendable {
    init?(settingText: String)
    var settingText: String { get }
    /// How a refusal names the type: "a whole number".
    static var kindName: String { get }
}

extension String: SettingValue {
    public init?(settingText: String) { self = settingText }
    public var settingText: String { self }
    public static var kindName: String { "text" }
}

extension Int: SettingValue {
    public init?(settingText: String) { self.init(settingText.trimmingCharacters(in: .whitespaces)) }
    public var settingText: String { String(self) }
    public static var kindName: String { "a whole number" }
}

extension Double: SettingValue {
    public init?(settingText: String) {
        guard let value = Double(settingText.trimmingCharacters(in: .whitespaces)), value.isFinite else { return nil }
        self = value
    }

    /// Whole numbers without a trailing ".0", as an operator writes seconds.
    public var settingText: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }

    public static var kindName: String { "a number" }
}

extension Bool: SettingValue {
    public init?(settingText: String) {
        switch settingText.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes", "on": self = true
        case "0", "false", "no", "off": self = false
        default: return nil
        }
    }

    public var settingText: String { self ? "true" : "false" }
    public static var kindName: String { "true or false" }
}

/// One setting, declared once: its name, typed default and help. The same value is what lists it
/// in `serve --help` (through `spec`) and what reads it (`settings[declaration]`), so a default is
/// never written twice and a misspelt name is a compile error.
public struct Setting<Value: SettingValue>: Sendable {
    public let name: String
    public let defaultValue: Value
    public let help: String

    public init(_ name: String, default defaultValue: Value, _ help: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The untyped catalogue entry.
    public var spec: SettingSpec {
        SettingSpec(name: name, defaultText: defaultValue.settingText, help: help, kind: Value.kindName,
                    accepts: { Value(settingText: $0) != nil })
    }
}

/// A setting as the catalogue lists it: name, default as text, help. Made from a `Setting`.
public struct SettingSpec: Sendable {
    public let name: String
    public let defaultText: String
    public let help: String
    /// What the value must be ("a whole number"), for the message that refuses one.
    public let kind: String
    /// Whether a text is a value of the setting's type; resolution refuses one that is not.
    public let accepts: @Sendable (String) -> Bool

    /// An operator may set `name` as `LIVEGATE_<NAME>` in the environment.
    public var environmentName: String { "LIVEGATE_" + name.uppercased() }

    /// Names as typed on a command line or in a config file: any case, `-` for `_`.
    public static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
    }
}

/// Resolved settings: the text every declared name was given (its default at least).
public struct SettingValues: Sendable {
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The setting's value; its declared default when it was not given or does not parse.
    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        values[setting.name].flatMap(Value.init(settingText:)) ?? setting.defaultValue
    }

    public mutating func set(_ name: String, _ value: String) { values[name] = value }
}
