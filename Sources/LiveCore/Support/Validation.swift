/// Shapes of input the core checks the same way for every dialect.
public enum Validate {
    /// Mainland mobile numbers: 11 digits starting with 1.
    public static func isPhone(_ text: String) -> Bool {
        text.count == 11 && text.first == "1" && text.allSatisfy(\.isASCIIDigit)
    }

    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && text.count <= 254 && !text.contains(" ")
    }

    /// A text field within `max` characters with no control characters.
    public static func text(_ value: String, field: CoreField, max: Int) throws -> String {
        guard isText(value, max: max) else { throw CoreError.invalid(field) }
        return value
    }

    public static func isText(_ value: String, max: Int) -> Bool {
        value.count <= max && !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    }
}

extension Character {
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
