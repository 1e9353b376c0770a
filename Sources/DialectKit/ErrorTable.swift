import LiveCore

/// One dialect's mapping from core errors to its own codes: a default per kind; per operation, the
/// few places where the dialect's document gives an operation its own code; per parameter, codes
/// the document reserves for one bad field. `names` spells the core's canonical fields as this
/// dialect's clients do, so a field the core refuses and the same parameter refused while parsing
/// read alike.
public struct ErrorTable<Code: Sendable>: Sendable {
    public let defaults: [CoreError.Kind: Code]
    public let fallback: Code
    public let overrides: [OperationName: [CoreError.Kind: Code]]
    /// Codes by wire parameter name.
    public let fields: [String: Code]
    /// Wire names of canonical fields; a field missing here goes by its canonical name.
    public let names: [CoreField: String]

    public init(fallback: Code, _ defaults: [CoreError.Kind: Code], overrides: [OperationName: [CoreError.Kind: Code]] = [:],
                fields: [String: Code] = [:], names: [CoreField: String] = [:]) {
        self.defaults = defaults
        self.fallback = fallback
        self.overrides = overrides
        self.fields = fields
        self.names = names
    }

    /// The wire name of the parameter `error` is about: the dialect's name for a core field, or the
    /// parameter the dialect itself refused.
    public func parameter(of error: CoreError) -> String? {
        if let field = error.field { return names[field] ?? field.rawValue }
        return error.detail
    }

    public func code(for error: CoreError, operation: OperationName? = nil) -> Code {
        if error.kind == .invalidParameter, let parameter = parameter(of: error), let code = fields[parameter] { return code }
        if let operation, let code = overrides[operation]?[error.kind] { return code }
        return defaults[error.kind] ?? fallback
    }
}
