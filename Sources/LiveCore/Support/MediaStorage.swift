import Foundation

/// Where picture bytes live, by content hash.
public protocol MediaStorage: Sendable {
    func save(_ bytes: [UInt8], sha256: String) async throws
    func load(sha256: String) async throws -> [UInt8]?
}

