public import Foundation
public import LiveCore
import NIOCore
import _NIOFileSystem

/// Files under `<data>/media/<2 hex>/<sha256>`, written to a temporary name and renamed, so a
/// crash never leaves a half-written picture under its final name. All I/O goes through NIO's
/// file system (its own thread pool), so a slow disk never blocks an event loop.
public struct FileMediaStorage: MediaStorage {
    public let directory: URL
    /// Pictures are bounded by `max_image_bytes` before they get here; this only guards the read.
    static let maximumFileBytes: Int64 = 64 << 20

    public init(directory: URL) {
        self.directory = directory
    }

    private func path(_ sha256: String) -> FilePath {
        FilePath(directory.path).appending(String(sha256.prefix(2))).appending(sha256)
    }

    public func save(_ bytes: [UInt8], sha256: String) async throws {
        let fileSystem = FileSystem.shared
        let target = path(sha256)
        if try await fileSystem.info(forFileAt: target) != nil { return }
        try await fileSystem.createDirectory(at: target.removingLastComponent(), withIntermediateDirectories: true)
        let temporary = FilePath(target.string + ".tmp-\(SecureRandom.hex(bytes: 4))")
        try await fileSystem.withFileHandle(forWritingAt: temporary, options: .newFile(replaceExisting: true)) { handle in
            _ = try await handle.write(contentsOf: ByteBuffer(bytes: bytes), toAbsoluteOffset: 0)
        }
        // Two uploads of one picture may race here: the content is the same, so either rename wins.
        do {
            try await fileSystem.replaceItem(at: target, withItemAt: temporary)
        } catch {
            _ = try? await fileSystem.removeItem(at: temporary)
            if try await fileSystem.info(forFileAt: target) == nil { throw error }
        }
    }

    public func load(sha256: String) async throws -> [UInt8]? {
        let target = path(sha256)
        guard try await FileSystem.shared.info(forFileAt: target) != nil else { return nil }
        let buffer = try await FileSystem.shared.withFileHandle(forReadingAt: target) { handle in
            try await handle.readToEnd(maximumSizeAllowed: .bytes(Self.maximumFileBytes))
        }
        return Array(buffer.readableBytesView)
    }
}
