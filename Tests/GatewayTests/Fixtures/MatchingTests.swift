@testable import FixtureKit
import LiveJSON
import Testing
import Foundation

@Suite("Fixture matching")
struct MatchingTests {
    func mismatches(_ expected: JSONValue, _ actual: JSONValue, noise: NoiseRules = NoiseRules()) -> [String] {
        var matcher = Matcher(noise: noise)
        matcher.compare(expected, actual, at: "$")
        return matcher.mismatches.map(\.description)
    }

    @Test("strict by default: missing key, extra key, type and value")
    func strict() {
        #expect(mismatches(["a": 1], ["a": 1]).isEmpty)
        #expect(mismatches(["result": "0000"], ["result": 0]) == [#"$.result: expected string "0000", got integer 0"#])
        #expect(mismatches(["a": 1, "b": 2], ["a": 1]) == ["$.b: missing (expected 2)"])
        #expect(mismatches(["a": 1], ["a": 1, "c": true]) == ["$.c: unexpected key (got true)"])
        #expect(mismatches(["list": [1, 2]], ["list": [1]]) == ["$.list: expected 2 elements, got 1"])
        #expect(mismatches(["a": "x"], ["a": "y"]) == [#"$.a: expected "x", got "y""#])
    }

    @Test("type matchers, hex tokens, regex and literal dollars")
    func matchers() {
        #expect(mismatches(["s": "$string", "i": "$int", "n": "$number", "b": "$bool", "z": "$null", "any": "$any"],
                           ["s": "x", "i": 3, "n": 2.5, "b": false, "z": nil, "any": ["k": 1]]).isEmpty)
        #expect(mismatches(["i": "$int"], ["i": "3"]) == [#"$.i: expected a integer, got "3""#])
        #expect(mismatches(["t": "$hex32"], ["t": "0123456789abcdef0123456789abcdef"]).isEmpty)
        #expect(!mismatches(["t": "$hex32"], ["t": "0123456789ABCDEF0123456789ABCDEF"]).isEmpty)
        #expect(mismatches(["c": "$regex \\d{4}"], ["c": "0042"]).isEmpty)
        #expect(!mismatches(["c": "$regex \\d{4}"], ["c": "00421"]).isEmpty)
        #expect(mismatches(["d": "$$5"], ["d": "$5"]).isEmpty)
    }

    @Test("captures remember the value, with or without a matcher")
    func captures() {
        var matcher = Matcher(noise: NoiseRules())
        matcher.compare(["token": "$capture t $hex32", "id": "$capture id"],
                        ["token": "0123456789abcdef0123456789abcdef", "id": 42], at: "$")
        #expect(matcher.mismatches.isEmpty)
        #expect(matcher.captures["t"] == "0123456789abcdef0123456789abcdef")
        #expect(matcher.captures["id"] == 42)
    }

    @Test("JSON inside a string, and arrays that contain an element")
    func nested() {
        let stream: JSONValue = ["message": .string(#"{"hub": "lg", "id": "z1.lg.abc"}"#)]
        #expect(mismatches(["message": ["$json": ["hub": "lg", "id": "$regex z1\\..*"]]], stream).isEmpty)
        #expect(mismatches(["message": ["$json": ["hub": "other", "id": "$string"]]], stream)
            == [#"$.message<json>.hub: expected "other", got "lg""#])
        #expect(mismatches(["r": ["$contains": [["pk": "2"]]]], ["r": [["pk": "1"], ["pk": "2"]]]).isEmpty)
        #expect(mismatches(["r": ["$contains": [["pk": "3"]]]], ["r": [["pk": "1"]]]).count == 1)
    }

    @Test("noise rules skip paths or check only their type")
    func noise() throws {
        var rules = NoiseRules()
        rules.ignore = [try JSONPathPattern("$..token")]
        rules.typeOnly = [try JSONPathPattern("$.list[*].name")]
        let expected: JSONValue = ["list": [["name": "a"]], "inner": ["token": "x"]]
        let actual: JSONValue = ["list": [["name": "b"]], "inner": [:]]
        #expect(mismatches(expected, actual, noise: rules).isEmpty)
        #expect(mismatches(["list": [["name": "a"]]], ["list": [["name": 1]]], noise: rules).count == 1)
    }

    @Test("variables: captured types survive a whole-string substitution; built-ins are per file")
    func variables() throws {
        var variables = Variables.fresh()
        variables["id"] = 7
        #expect(try variables.substitute(["liveRoomId": "{{id}}", "path": "/rooms/{{id}}/"]) == ["liveRoomId": 7, "path": "/rooms/7/"])
        #expect(try variables.substitute("{{md5 abc12345}}") == "d6b0ab7f1c8ab8f514db9a6d85de160a")
        let phone = try #require(variables["phone1"]?.stringValue)
        #expect(phone.count == 11 && phone.hasPrefix("1"))
        #expect(Variables.fresh()["run"] != variables["run"])
        #expect(throws: FixtureError.self) { try variables.substitute("{{nope}}") }
    }

    @Test("the recorder's writer turns volatile values into captures and variables")
    func writer() throws {
        let login = RecordedExchange(
            method: "POST", target: "/live/Login", requestHeaders: [("Content-Type", "application/json")],
            requestBody: Array(#"{"account":"13800000001","password":"pw123456"}"#.utf8), status: 200,
            responseHeaders: [("content-type", "application/json")],
            responseBody: Array(#"{"sessionId":"0123456789abcdef0123456789abcdef","liveRoomId":12,"nickName":"user_8f3a21bc","createdAt":"2016-10-28T02:27:15Z"}"#.utf8),
            at: .now)
        let push = RecordedExchange(
            method: "POST", target: "/live/PushLiveStream", requestHeaders: [("Content-Type", "application/json")],
            requestBody: Array(#"{"sessionId":"0123456789abcdef0123456789abcdef","liveRoomId":12,"status":1}"#.utf8), status: 200,
            responseHeaders: [], responseBody: Array(#"{"status":10000}"#.utf8), at: .now)
        let fixture = FixtureWriter(dialect: "qplus", description: "t").fixture(from: [login, push])
        let steps = try #require(fixture["exchanges"]?.arrayValue)
        #expect(steps[0]["request"]?["json"]?["account"] == "{{phone1}}")
        #expect(steps[0]["response"]?["json"]?["sessionId"] == "$capture token1 $hex32")
        #expect(steps[0]["response"]?["json"]?["liveRoomId"] == "$capture id1 $int")
        #expect(steps[0]["response"]?["json"]?["nickName"] == "$string")
        #expect(steps[0]["response"]?["json"]?["createdAt"] == "$string")
        #expect(steps[1]["request"]?["json"] == ["sessionId": "{{token1}}", "liveRoomId": "{{id1}}", "status": 1])
        _ = try Fixture.parse(fixture, file: "recorded.json")
    }
}
