import Foundation
import LiveJSON

/// The fixture files under some paths, and the corpus-wide noise rules beside them.
public struct Corpus: Sendable {
    public var fixtures: [Fixture]
    /// Dialect name (or "*") → rules, from `noise.json` files.
    public var noise: [String: NoiseRules]

    /// Loads files and folders (recursively: every `*.json` but `noise.json`). Files are named
    /// from the folder they were found under, e.g. `Fixtures/qplus/login.json`.
    public static func load(_ paths: [String]) throws -> Corpus {
        let manager = FileManager.default
        var fixtures: [Fixture] = []
        var noise: [String: NoiseRules] = [:]
        var seenNoise = Set<String>()
        func loadNoise(in directory: URL) throws {
            let file = directory.appendingPathComponent("noise.json")
            guard !seenNoise.contains(file.path), manager.fileExists(atPath: file.path) else { return }
            seenNoise.insert(file.path)
            guard let data = manager.contents(atPath: file.path), case .object(let object) = try JSONValue.parse(Array(data)) else {
                throw FixtureError("\(file.path): noise.json is an object of dialect → rules")
            }
            for (dialect, rules) in object {
                noise[dialect] = (noise[dialect] ?? NoiseRules()).merged(with: try NoiseRules(rules, file: file.path))
            }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw FixtureError("\(path): no such file or folder") }
            let url = URL(fileURLWithPath: path)
            if isDirectory.boolValue {
                try loadNoise(in: url)
                guard let enumerator = manager.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
                var files: [URL] = []
                for case let file as URL in enumerator where file.pathExtension == "json" && file.lastPathComponent != "noise.json" {
                    files.append(file)
                }
                for file in files.sorted(by: { $0.path < $1.path }) {
                    let relative = String(file.path.dropFirst(url.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                    try loadNoise(in: file.deletingLastPathComponent())
                    fixtures.append(try Fixture.load(file, displayName: url.lastPathComponent + "/" + relative))
                }
            } else {
                try loadNoise(in: url.deletingLastPathComponent())
                try loadNoise(in: url.deletingLastPathComponent().deletingLastPathComponent())
                fixtures.append(try Fixture.load(url, displayName: path))
            }
        }
        return Corpus(fixtures: fixtures, noise: noise)
    }
}
