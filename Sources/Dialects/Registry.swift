import DialectKit

/// Every dialect the gateway speaks. A new dialect is a new folder beside these and one line here.
public enum DialectRegistry {
    public static let all: [any Dialect.Type] = [
        QPlusDialect.self,
        PyramidDialect.self,
        RESTDialect.self,
        ShangTVDialect.self,
    ]
}
