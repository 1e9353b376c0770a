public import Foundation

/// An uploaded picture, stored once under its content hash.
public struct Media: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// Lowercase hex SHA-256 of the bytes: also the file name under the data folder.
    public var sha256: String
    public var kind: ImageKind
    public var size: Int
    public var createdAt: Date

    public init(id: Int64, sha256: String, kind: ImageKind, size: Int, createdAt: Date) {
        self.id = id
        self.sha256 = sha256
        self.kind = kind
        self.size = size
        self.createdAt = createdAt
    }

    /// The path the gateway serves the picture under, on every port.
    public var publicPath: String { "/media/\(sha256).\(kind.fileExtension)" }
}

public enum ImageKind: String, Sendable, CaseIterable {
    case jpeg, png, gif, webp

    public var contentType: String { "image/\(rawValue)" }
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// Tells the type by its magic bytes; nil for anything that is not one of the four.
    public static func sniff(_ bytes: some Collection<UInt8>) -> ImageKind? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.count == 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return .webp
        }
        return nil
    }

    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "gif": self = .gif
        case "webp": self = .webp
        default: return nil
        }
    }
}
