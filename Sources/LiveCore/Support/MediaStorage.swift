import Foundation

/// Where picture bytes live, by content hash.
public protocol MediaStorage: Sendable {
    func save(_ bytes: [UInt8], sha256: String) async throws
    func load(sha256: String) async throws -> [UInt8]?
}

/// Files under `<data>/media/<2 hex>/<sha256>`, written to a temporary name and renamed, so a
/// crash never leaves a half-written picture under its final name.
public struct FileMediaStorage: MediaStorage {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    private func url(_ sha256: String) -> URL {
        directory.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    public func save(_ bytes: [UInt8], sha256: String) async throws {
        let target = url(sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path) { return }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.appendingPathExtension("tmp-\(SecureRandom.hex(bytes: 4))")
        try Data(bytes).write(to: temporary)
        if manager.fileExists(atPath: target.path) {
            try? manager.removeItem(at: temporary)
        } else {
            try manager.moveItem(at: temporary, to: target)
        }
    }

    public func load(sha256: String) async throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: url(sha256).path) else { return nil }
        return Array(data)
    }
}
