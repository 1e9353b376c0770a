import HTTPTypes
/// Describes a route for people and tools (`livegate routes`).
public struct RouteDescription: Sendable, Equatable {
    public var dialect: String
    public var methods: String
    public var path: String
    public var operation: String
    public var ports: [Int]
}

extension Dialect {
    public func describeRoutes(ports: [Int]) -> [RouteDescription] {
        routes.map {
            RouteDescription(dialect: Self.name, methods: $0.methods.map { $0.map(\.rawValue).joined(separator: ",") } ?? "ANY",
                             path: $0.path, operation: $0.operation.name, ports: ports)
        }
    }
}
