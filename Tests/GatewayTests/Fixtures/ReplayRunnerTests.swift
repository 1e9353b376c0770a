import FixtureKit
import Foundation
import LiveJSON
import Testing
import Gateway

@Suite("Replay runner")
struct ReplayRunnerTests {
    static let broken: JSONValue = [
        "dialect": "qplus",
        "description": "Deliberately broken: the login expects a string status",
        "exchanges": [
            ["name": "log in as nobody",
             "request": ["method": "POST", "path": "/live/Login", "json": ["account": "nobody{{run}}", "password": "x"]],
             "response": ["json": ["access": "/live/Login", "status": "10100", "desc": "账号不存在"]]],
            ["name": "never reached",
             "request": ["method": "POST", "path": "/live/Login", "json": ["account": "a", "password": "b"]],
             "response": ["json": "$any"]],
        ],
    ]

    @Test("a broken fixture fails with a diff by JSON path, and stops its file")
    func brokenFixtureFails() async throws {
        try await withGateway(over: .socket) { gateway in
            let fixture = try Fixture.parse(Self.broken, file: "broken.json")
            let replayer = Replayer(targets: ReplayTargets(fallback: URL(string: gateway.running.baseURL)))
            let outcomes = await replayer.run([fixture])
            let totals = Report.totals(outcomes)
            #expect(totals == Report.Totals(passed: 0, failed: 1, skipped: 1))
            let report = Report.failures(outcomes)
            #expect(report.contains(#"FAIL broken.json, step 1 "log in as nobody""#))
            #expect(report.contains(#"✗ $.status: expected string "10100", got integer 10100"#))
            #expect(report.contains("POST http://127.0.0.1:"))
            #expect(Report.summary(totals) == "0 passed, 1 failed, 1 skipped")
            #expect(Report.junit(outcomes).contains("<failure message="))
        }
    }

    @Test("`livegate replay` exits 1 on a broken fixture and 0 on a good one")
    func commandExitStatus() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("livegate")
        let binaryPath = FileManager.default.fileExists(atPath: binary.path)
            ? binary.path : FileManager.default.currentDirectoryPath + "/.build/debug/livegate"
        #expect(FileManager.default.isExecutableFile(atPath: binaryPath), "build livegate first: swift build --build-tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ fixture: JSONValue) throws -> (Int32, String) {
            let file = folder.appendingPathComponent("case.json")
            try fixture.pretty().write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binaryPath)
            process.arguments = ["replay", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        let (failing, failingOutput) = try run(Self.broken)
        #expect(failing == 1)
        #expect(failingOutput.contains(#"✗ $.status: expected string "10100", got integer 10100"#))
        #expect(failingOutput.contains("0 passed, 1 failed, 1 skipped"))
        var fixed = Self.broken
        if case .object(var root) = fixed, case .array(var steps)? = root["exchanges"] {
            steps.removeLast()
            steps[0] = ["request": ["method": "POST", "path": "/live/Login", "json": ["account": "nobody{{run}}", "password": "x"]],
                        "response": ["json": ["access": "/live/Login", "status": 10100, "desc": "账号不存在"]]]
            root["exchanges"] = .array(steps)
            fixed = .object(root)
        }
        let (passing, passingOutput) = try run(fixed)
        #expect(passing == 0, "\(passingOutput)")
        #expect(passingOutput.contains("1 passed, 0 failed"))
    }
}
