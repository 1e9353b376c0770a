public import Foundation

/// How often one thing happened (a scope, such as "failed logins from an address", and a key, such
/// as the address): `count` events since `windowStart`, the latest at `last`.
public struct LimitCounter: Sendable, Equatable {
    public var scope: String
    public var key: String
    public var windowStart: Date
    public var count: Int
    public var last: Date

    public init(scope: String, key: String, windowStart: Date, count: Int, last: Date) {
        self.scope = scope
        self.key = key
        self.windowStart = windowStart
        self.count = count
        self.last = last
    }
}
