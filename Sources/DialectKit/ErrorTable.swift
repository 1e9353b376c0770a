import LiveCore

/// One dialect's mapping from core errors to its own codes: a default per kind; per operation, the
/// few places where the dialect's document gives an operation its own code; per parameter, codes
/// the document reserves for one bad field.
public struct ErrorTable<Code: Sendable>: Sendable {
    public let defaults: [CoreError.Kind: Code]
    public let fallback: Code
    public let overrides: [String: [CoreError.Kind: Code]]
    public let fields: [String: Code]

    public init(fallback: Code, _ defaults: [CoreError.Kind: Code], overrides: [String: [CoreError.Kind: Code]] = [:],
                fields: [String: Code] = [:]) {
        self.defaults = defaults
        self.fallback = fallback
        self.overrides = overrides
        self.fields = fields
    }

    public func code(for error: CoreError, operation: String? = nil) -> Code {
        if error.kind == .invalidParameter, let field = error.detail, let code = fields[field] { return code }
        if let operation, let code = overrides[operation]?[error.kind] { return code }
        return defaults[error.kind] ?? fallback
    }
}
