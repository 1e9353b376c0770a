import Crypto
import Foundation

/// Uploaded pictures: type checked by magic bytes, size bounded, stored once by content.
public struct MediaService: Sendable {
    let environment: CoreEnvironment

    public func store(_ bytes: [UInt8]) async throws -> Media {
        guard !bytes.isEmpty else { throw CoreError(.invalidImage) }
        guard bytes.count <= environment.settings.maxImageBytes else { throw CoreError(.imageTooLarge) }
        guard let kind = ImageKind.sniff(bytes) else { throw CoreError(.invalidImage) }
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        // Bytes first, row second: a row never points at a missing file.
        try await environment.mediaStorage.save(bytes, sha256: sha)
        let now = environment.clock.now()
        return try await environment.store.write { db in
            if let existing = try db.media(sha256: sha) { return existing }
            return try db.insertMedia(sha256: sha, kind: kind, size: bytes.count, at: now)
        }
    }

    public func media(id: Int64) async throws -> Media? {
        try await environment.store.read { try $0.media(id: id) }
    }

    public func media(sha256: String) async throws -> Media? {
        try await environment.store.read { try $0.media(sha256: sha256) }
    }

    /// The picture's bytes and metadata, or nil when unknown.
    public func load(id: Int64) async throws -> (Media, [UInt8])? {
        guard let media = try await media(id: id) else { return nil }
        return try await environment.mediaStorage.load(sha256: media.sha256).map { (media, $0) }
    }

    public func load(sha256: String) async throws -> (Media, [UInt8])? {
        guard let media = try await media(sha256: sha256) else { return nil }
        return try await environment.mediaStorage.load(sha256: media.sha256).map { (media, $0) }
    }
}
