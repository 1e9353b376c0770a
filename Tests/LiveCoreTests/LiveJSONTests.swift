import LiveJSON
import Testing

@Suite("LiveJSON")
struct LiveJSONTests {
    @Test("Parse then serialize gives the same bytes back, key order kept")
    func roundTrip() throws {
        let texts = [
            #"{"z":1,"a":[true,false,null],"m":{"y":"s","b":-2.5},"e":{},"l":[]}"#,
            #"[1,-0.5,"x",{"k":[[]]}]"#,
            #""plain""#, "0", "-12", "true", "null",
            #"{"status":10000,"desc":"成功","access":"/live/Login"}"#,
        ]
        for text in texts {
            #expect(try JSONValue.parse(text).serialized() == text)
        }
        let object = try #require(try JSONValue.parse(#"{"z":1,"a":2,"m":3}"#).objectValue)
        #expect(object.keys == ["z", "a", "m"])
        // Equality ignores order, as JSON does.
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{"b":2,"a":1}"#))
        // A repeated key keeps its first place and its last value.
        #expect(try JSONValue.parse(#"{"a":1,"b":2,"a":3}"#).serialized() == #"{"a":3,"b":2}"#)
    }

    @Test("Integers, decimals and strings stay apart")
    func numberTypes() throws {
        #expect(try JSONValue.parse("1") == .int(1))
        #expect(try JSONValue.parse("1.0") == .double(1.0))
        #expect(try JSONValue.parse("1e2") == .double(100))
        #expect(try JSONValue.parse(#""1""#) == .string("1"))
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int64.max))
        #expect(try JSONValue.parse("-9223372036854775808") == .int(Int64.min))
        // Beyond Int64 it is a decimal, not an error.
        #expect(try JSONValue.parse("9223372036854775808") == .double(9.223372036854775808e18))
        #expect(JSONValue.int(1) != JSONValue.double(1))
        #expect(JSONValue.int(1) != JSONValue.string("1"))
        #expect(JSONValue.double(2.5).serialized() == "2.5")
        #expect(JSONValue.double(-0.25).serialized() == "-0.25")
        #expect(JSONValue.double(.nan).serialized() == "null")
        let parsed = try JSONValue.parse(#"{"a":"0000","b":0}"#)
        #expect(parsed["a"]?.stringValue == "0000")
        #expect(parsed["b"] == .int(0))
    }

    @Test("Go style escapes <, > and & as \\u003c, \\u003e and \\u0026")
    func goStyle() {
        let value: JSONValue = ["html": "<b>&amp;</b>", "text": "中文"]
        #expect(value.serialized(.go) == #"{"html":"\u003cb\u003e\u0026amp;\u003c/b\u003e","text":"中文"}"#)
        // Go also escapes U+2028 and U+2029.
        #expect(JSONValue.string("a\u{2028}b\u{2029}").serialized(.go) == #""a\u2028b\u2029""#)
        // Strings with nothing to escape are appended whole; the byte scan that decides so must
        // still find U+2028/2029 after other non-ASCII text, and leave look-alikes (U+2027, U+202A).
        #expect(JSONValue.string("中\u{2028}文").serialized(.compact) == #""中\u2028文""#)
        #expect(JSONValue.string("中\u{2027}\u{202A}文").serialized(.compact) == "\"中\u{2027}\u{202A}文\"")
        #expect(JSONValue.string("plain ascii").serialized(.go) == #""plain ascii""#)
    }

    @Test("Compact style leaves <, > and & alone")
    func compactStyle() {
        #expect(JSONValue.string("<b>&</b>").serialized(.compact) == #""<b>&</b>""#)
        #expect(JSONValue.string("<b>&</b>").serialized(.python) == #""<b>&</b>""#)
        #expect(JSONValue.string("a&b").serialized(.compact) == #""a&b""#)
    }

    @Test("Python style: ensure_ascii escapes, \", \" and \": \" separators")
    func pythonStyle() {
        let value: JSONValue = ["name": "café", "list": [1, 2], "emoji": "😀", "del": "\u{7F}"]
        #expect(value.serialized(.python) == #"{"name": "caf\u00e9", "list": [1, 2], "emoji": "\ud83d\ude00", "del": "\u007f"}"#)
        #expect(value.serialized(.compact) == "{\"name\":\"café\",\"list\":[1,2],\"emoji\":\"😀\",\"del\":\"\u{7F}\"}")
    }

    @Test("Control characters and quotes are escaped in every style")
    func escapes() throws {
        let text = "q\" b\\ n\n r\r t\t b\u{08} f\u{0C} z\u{0} e\u{1B}"
        let expected = #""q\" b\\ n\n r\r t\t b\b f\f z\u0000 e\u001b""#
        for style in [JSONStyle.go, .python, .compact] {
            #expect(JSONValue.string(text).serialized(style) == expected)
        }
        #expect(try JSONValue.parse(expected) == .string(text))
        #expect(try JSONValue.parse(#""\u4e2d\/\ud83d\ude00""#) == .string("中/😀"))
    }

    @Test("Nesting deeper than the limit is refused")
    func depthLimit() throws {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        _ = try JSONValue.parse(nested(64))
        #expect(throws: JSONParseError.self) { try JSONValue.parse(nested(65)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(nested(100_000)) }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(nested(5).utf8), maxDepth: 4) }
        _ = try JSONValue.parse(Array(nested(4).utf8), maxDepth: 4)
    }

    @Test("Malformed input is an error with an offset, never a crash")
    func badInput() {
        let bad = ["", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "{a:1}", "01", "1.", "1e", "-", "+1",
                   ".5", "tru", "nul", "[1 2]", "{} {}", "\"abc", "\"a\u{01}b\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
                   "\"\\udc00\"", "\"\\ud800\\u0041\"", "NaN", "Infinity", "[\"a\",]"]
        for text in bad {
            #expect(throws: JSONParseError.self, "\(text.debugDescription)") { try JSONValue.parse(text) }
        }
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xC3, 0x28, 0x22] as [UInt8]) }
        do {
            _ = try JSONValue.parse("[1, 2, x]")
            Issue.record("parsed")
        } catch let error as JSONParseError {
            #expect(error.offset == 7)
            #expect(error.description.contains("byte 7"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Pretty output for people")
    func pretty() throws {
        let value = try JSONValue.parse(#"{"a":[1,{"b":null}],"c":{},"d":[]}"#)
        #expect(value.pretty() == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {},\n  \"d\": []\n}")
        #expect(try JSONValue.parse(value.pretty()) == value)
    }

    @Test("JSONObject keeps insertion order through edits")
    func objectEdits() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 4
        #expect(object.keys == ["b", "a", "c"])
        object["a"] = nil
        #expect(object.keys == ["b", "c"] && object.count == 2)
        object.merge(["d": 5, "b": 6])
        #expect(JSONValue.object(object).serialized() == #"{"b":6,"c":3,"d":5}"#)
        #expect(JSONValue.stringOrNull(nil) == .null && JSONValue.stringOrNull("x") == "x")
    }
}
