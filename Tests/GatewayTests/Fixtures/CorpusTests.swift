import FixtureKit
import Foundation
import LiveJSON
import Testing
import Gateway

@Suite("Fixture corpus")
struct CorpusTests {
    func write(_ value: JSONValue, _ path: String, in folder: URL) throws {
        let file = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try value.pretty().write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("noise.json applies to its dialect's files; a file can switch dialect mid-scenario, each to its own target")
    func corpusNoiseAndDialectTargets() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The corpus says QPlus nicknames vary; the fixture below expects a literal one and passes only thanks to it.
        try write(["qplus": ["typeOnly": ["$.nickName"]]], "noise.json", in: folder)
        try write([
            "dialect": "qplus",
            "description": "register through QPlus on its legacy port, log in through REST on its own",
            "exchanges": [
                ["request": ["method": "POST", "path": "/live/Register",
                             "json": ["account": "cross{{run}}", "phone": "{{phone1}}", "password": "abc12345"]],
                 "response": ["json": ["access": "/live/Register", "status": 10000, "desc": "成功"]]],
                ["request": ["method": "POST", "path": "/live/Login", "json": ["account": "cross{{run}}", "password": "abc12345"]],
                 "response": ["json": ["access": "/live/Login", "status": 10000, "desc": "成功", "account": "cross{{run}}",
                                       "nickName": "some literal", "liveRoomId": 0, "sessionId": "$hex32", "headPicId": 0, "sex": 0]]],
                ["dialect": "rest",
                 "request": ["method": "POST", "path": "/login/", "json": ["username": "cross{{run}}", "password": "abc12345"]],
                 "response": ["status": 200, "json": "$object"]],
            ],
        ], "qplus/cross.json", in: folder)
        let corpus = try Corpus.load([folder.path])
        #expect(corpus.fixtures.map(\.file) == [folder.lastPathComponent + "/qplus/cross.json"])
        #expect(corpus.noise["qplus"] != nil)
        try await withGateway(legacy: ["qplus": 0, "rest": 0]) { gateway in
            let qplus = try #require(gateway.running.ports["qplus"]?.first)
            let rest = try #require(gateway.running.ports["rest"]?.first)
            let targets = ReplayTargets(fallback: nil, byDialect: [
                "qplus": URL(string: "http://127.0.0.1:\(qplus)")!, "rest": URL(string: "http://127.0.0.1:\(rest)")!,
            ])
            let outcomes = await Replayer(targets: targets, corpusNoise: corpus.noise).run(corpus.fixtures)
            // A REST path sent to the QPlus port would come back 404; the literal nickname would fail without
            // the corpus noise rule.
            #expect(Report.totals(outcomes) == Report.Totals(passed: 3, failed: 0, skipped: 0), "\(Report.failures(outcomes))")
        }
    }
}
