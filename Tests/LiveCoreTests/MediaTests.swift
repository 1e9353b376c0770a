import Foundation
import LiveCore
import Testing

@Suite("Core: media")
struct MediaTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]
    static let gif87: [UInt8] = Array("GIF87a".utf8) + [0x01, 0x00, 0x01, 0x00]
    static let gif89: [UInt8] = Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00]
    static let webp: [UInt8] = Array("RIFF".utf8) + [0x24, 0x00, 0x00, 0x00] + Array("WEBPVP8 ".utf8)

    @Test("ImageKind.sniff tells the four types by magic bytes and nothing else")
    func sniff() {
        #expect(ImageKind.sniff(Self.png) == .png)
        #expect(ImageKind.sniff(Self.jpeg) == .jpeg)
        #expect(ImageKind.sniff(Self.gif87) == .gif)
        #expect(ImageKind.sniff(Self.gif89) == .gif)
        #expect(ImageKind.sniff(Self.webp) == .webp)
        #expect(ImageKind.sniff([UInt8]()) == nil)
        #expect(ImageKind.sniff([0xFF, 0xD8]) == nil)
        #expect(ImageKind.sniff(Array(Self.png.prefix(7))) == nil)
        #expect(ImageKind.sniff(Array("GIF88a....".utf8)) == nil)
        #expect(ImageKind.sniff(Array("RIFF\0\0\0\0WAVE".utf8)) == nil)
        #expect(ImageKind.sniff(Array("RIFF\0\0\0\0WEB".utf8)) == nil)
        #expect(ImageKind.sniff(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == nil)
        #expect(ImageKind.sniff(Array("%PDF-1.4".utf8)) == nil)
        #expect(ImageKind.png.contentType == "image/png" && ImageKind.jpeg.fileExtension == "jpg")
        #expect(ImageKind(fileExtension: "JPEG") == .jpeg && ImageKind(fileExtension: "bmp") == nil)
    }

    @Test("Pictures are stored once by content: same bytes, same id and file; new bytes, new id")
    func contentAddressed() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let first = try await f.core.media.store(Self.png)
        #expect(first.kind == .png && first.size == Self.png.count)
        #expect(first.sha256.count == 64 && first.sha256.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(first.publicPath == "/media/\(first.sha256).png")
        let again = try await f.core.media.store(Self.png)
        #expect(again == first)
        let other = try await f.core.media.store(Self.jpeg)
        #expect(other.id != first.id && other.kind == .jpeg)
        // One file per content, under <media>/<2 hex>/<sha256>.
        let file = f.folder.appendingPathComponent("media/\(first.sha256.prefix(2))/\(first.sha256)")
        #expect(FileManager.default.contents(atPath: file.path).map(Array.init) == Self.png)
        let files = try FileManager.default.subpathsOfDirectory(atPath: f.folder.appendingPathComponent("media").path)
            .filter { $0.contains("/") }
        #expect(files.count == 2)
        // Loading by id or hash gives the bytes back.
        let (media, bytes) = try #require(try await f.core.media.load(id: first.id))
        #expect(media == first && bytes == Self.png)
        #expect(try await f.core.media.load(sha256: other.sha256)?.1 == Self.jpeg)
        #expect(try await f.core.media.load(id: 999) == nil)
        #expect(try await f.core.media.load(sha256: String(repeating: "0", count: 64)) == nil)
    }

    @Test("Not an image, empty, or over max_image_bytes is refused")
    func refused() async throws {
        let f = try CoreFixture { $0.maxImageBytes = 64 }
        defer { f.remove() }
        #expect(await coreErrorKind { _ = try await f.core.media.store([]) } == .invalidImage)
        #expect(await coreErrorKind { _ = try await f.core.media.store(Array("plain text".utf8)) } == .invalidImage)
        #expect(await coreErrorKind { _ = try await f.core.media.store(Self.png + [UInt8](repeating: 0, count: 64)) } == .imageTooLarge)
        _ = try await f.core.media.store(Self.png + [UInt8](repeating: 0, count: 64 - Self.png.count))
        // Nothing refused was written.
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: f.folder.appendingPathComponent("media").path)) ?? []
        #expect(files.filter { $0.count > 60 }.count == 1)
    }

    @Test("A user's avatar points at a stored picture")
    func avatar() async throws {
        let f = try CoreFixture()
        defer { f.remove() }
        let user = try await f.user("alice")
        let media = try await f.core.media.store(Self.gif89)
        let updated = try await f.core.accounts.setAvatar(userID: user.id, media: media)
        #expect(updated.avatarMediaID == media.id && updated.avatarURL == nil)
        #expect(try await f.core.accounts.user(id: user.id).avatarMediaID == media.id)
    }
}
