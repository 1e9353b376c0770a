import Foundation
import Testing

/// The core speaks no dialect: no parameter name a dialect reads off the wire appears as a string
/// literal anywhere in `Sources/LiveCore`. Field names the core reports are `CoreField` cases, and
/// each dialect's `ErrorTable` spells them its own way.
@Suite("Layering")
struct LayeringTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent() // Support
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        let enumerator = try #require(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        return try enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
            .map { ($0.path, try String(contentsOf: $0, encoding: .utf8)) }
    }

    static func matches(_ pattern: String, in text: String, group: Int = 1) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range(at: group), in: text).map { String(text[$0]) } }
    }

    /// The parameter names the dialects read: every name passed to a `Parameters` accessor, every
    /// REST field declared for OPTIONS, and every wire name an error table gives a core field.
    static func dialectParameterNames() throws -> Set<String> {
        var names = Set<String>()
        for (_, text) in try swiftFiles(under: "Sources/Dialects") {
            let accessors = #"\.(?:string|requiredString|int|requiredInt|bool|trimmed|has|file|raw)\("([A-Za-z_][A-Za-z0-9_]*)""#
            names.formUnion(try matches(accessors, in: text))
            // Helpers that read a named parameter: `Self.userID(request.parameters, "blackid")`.
            names.formUnion(try matches(#"(?:parameters|\bp), "([A-Za-z_][A-Za-z0-9_]*)""#, in: text))
            names.formUnion(try matches(#"RESTField\("([A-Za-z_][A-Za-z0-9_]*)""#, in: text))
            names.formUnion(try matches(#"\.[a-zA-Z]+: "([A-Za-z_][A-Za-z0-9_]*)""#, in: text))
        }
        return names
    }

    /// String literals of the core's code, comments left out.
    static func coreLiterals() throws -> [(file: String, literal: String)] {
        var found: [(String, String)] = []
        for (path, text) in try swiftFiles(under: "Sources/LiveCore") {
            for line in text.split(separator: "\n") {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let withoutComment = code.components(separatedBy: " // ").first ?? code
                for literal in try matches(#""((?:[^"\\]|\\.)*)""#, in: withoutComment) {
                    found.append((path, literal))
                }
            }
        }
        return found
    }

    @Test("no dialect parameter name occurs as a string literal in LiveCore")
    func coreSpeaksNoDialect() throws {
        let names = try Self.dialectParameterNames()
        // The scan must see the dialects' real parameters, or it proves nothing.
        for known in ["liveRoomName", "sessionId", "userId", "room_alias", "snsid", "blackid", "game_type", "username"] {
            #expect(names.contains(known), "the scan did not find the dialect parameter \(known)")
        }
        let offending = try Self.coreLiterals().filter { names.contains($0.literal) }
        #expect(offending.isEmpty, "dialect parameter names in LiveCore: \(offending.map { "\($0.literal) in \(($0.file as NSString).lastPathComponent)" })")
    }
}
