import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 001 "上传图片": ModifyUserHeadPic (base64 in JSON) and GetUserHeadPic (raw bytes, GET).
@Suite("QPlus head pictures")
struct QPlusHeadPicTests {
    /// A 1×1 GIF, a second image type with other bytes.
    static let tinyGIF: [UInt8] = Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01,
        0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]

    static func base64(_ bytes: [UInt8]) -> JSONValue { .string(Data(bytes).base64EncodedString()) }

    @Test("ModifyUserHeadPic stores base64 and returns headPicId; GetUserHeadPic serves the bytes as image/png")
    func uploadAndFetch() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let r = try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(user.sessionId), "headPic": Self.base64(tinyPNG)])
            #expect(r["status"] == 10000)
            let id = try #require(r["headPicId"]?.qplusInt)
            #expect(id > 0)
            #expect(try await q.login(user.account)["headPicId"] == .int(id))

            let picture = try await gateway.raw("GET", "/live/GetUserHeadPic?id=\(id)")
            #expect(picture.status == 200)
            #expect(picture.header("Content-Type") == "image/png")
            #expect(picture.body == tinyPNG)
            // Any method, as the original; the id may come in a body too.
            let posted = try await gateway.form("POST", "/live/GetUserHeadPic", [("id", "\(id)")])
            #expect(posted.body == tinyPNG)
            let json = try await gateway.post("/live/GetUserHeadPic", json: ["id": .int(id)], contentType: nil)
            #expect(json.body == tinyPNG)
            // Room answers carry the owner's picture id.
            _ = try await q.createRoom(user.sessionId)
            #expect(try await q.call("/live/GetMyLiveRoom", ["sessionId": .string(user.sessionId)])["headPicId"] == .int(id))
        }
    }

    @Test("Head picture ids are content-addressed: new bytes get a new id, the same bytes the same one")
    func contentAddressed() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let other = try await q.user()
            let png = try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(user.sessionId), "headPic": Self.base64(tinyPNG)])
            let gif = try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(user.sessionId), "headPic": Self.base64(Self.tinyGIF)])
            let pngID = try #require(png["headPicId"]?.qplusInt)
            let gifID = try #require(gif["headPicId"]?.qplusInt)
            #expect(pngID != gifID)
            #expect(try await q.login(user.account)["headPicId"] == .int(gifID))
            let fetched = try await gateway.raw("GET", "/live/GetUserHeadPic?id=\(gifID)")
            #expect(fetched.header("Content-Type") == "image/gif")
            #expect(fetched.body == Self.tinyGIF)
            // The old picture is still served under its id.
            #expect(try await gateway.raw("GET", "/live/GetUserHeadPic?id=\(pngID)").body == tinyPNG)
            // Another user uploading the same bytes shares the stored picture.
            let same = try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(other.sessionId), "headPic": Self.base64(tinyPNG)])
            #expect(same["headPicId"] == .int(pngID))
            // Base64 wrapped over lines (as some encoders write it) decodes the same.
            let wrapped = Data(tinyPNG).base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            #expect(wrapped.contains("\n"))
            let again = try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(user.sessionId), "headPic": .string(wrapped)])
            #expect(again["headPicId"] == .int(pngID))
        }
    }

    @Test("ModifyUserHeadPic: 10300 for bad base64, non-images and oversized ones; 10002 and 10003")
    func uploadErrors() async throws {
        try await withGateway(["max_image_bytes": "200"]) { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let session = JSONValue.string(user.sessionId)
            let big = tinyPNG + [UInt8](repeating: 0, count: 300)
            // Not standard base64 (the first three decode to a PNG signature under a lenient decoder).
            for picture: JSONValue in ["iVBORw0KGgo=====", "iVBORw0KGg=o", "iVBORw0KGgo", "!!!not base64!!!", "=",
                                       Self.base64(Array("hello, not an image".utf8)),
                                       Self.base64([0xFF, 0xD8]), Self.base64(big)] {
                let r = try await q.call("/live/ModifyUserHeadPic", ["sessionId": session, "headPic": picture])
                #expect(r["status"] == 10300, "\(picture.serialized().prefix(40))")
                #expect(r["desc"] == "头像解码错误")
                #expect(r["headPicId"] == nil)
            }
            for body: JSONValue in [["sessionId": session], ["sessionId": session, "headPic": ""],
                                    ["sessionId": session, "headPic": ["x"]], ["sessionId": session, "headPic": ["a": 1]]] {
                #expect(try await q.call("/live/ModifyUserHeadPic", body)["status"] == 10002, "\(body.serialized())")
            }
            #expect(try await q.call("/live/ModifyUserHeadPic", ["headPic": Self.base64(tinyPNG)])["status"] == 10003)
            #expect(try await q.call("/live/ModifyUserHeadPic", ["sessionId": "nope", "headPic": Self.base64(tinyPNG)])["status"] == 10003)
            #expect(try await q.login(user.account)["headPicId"] == 0)
        }
    }

    @Test("GetUserHeadPic: unknown, zero, negative, non-numeric or missing id is the JSON 10002 envelope")
    func fetchErrors() async throws {
        try await withGateway { gateway in
            let q = QPlusClient(gateway)
            let user = try await q.user()
            let id = try #require(try await q.call("/live/ModifyUserHeadPic", ["sessionId": .string(user.sessionId),
                                                                              "headPic": Self.base64(tinyPNG)])["headPicId"]?.qplusInt)
            for query in ["?id=\(id + 1000)", "?id=0", "?id=-1", "?id=abc", "?id=", "", "?id=1.5", "?id=99999999999999999999"] {
                let r = try await q.raw("/live/GetUserHeadPic\(query)", [], method: "GET")
                #expect(r["status"] == 10002, "\(query)")
                #expect(r["desc"] == "参数错误")
                #expect(r.objectValue?.keys == ["access", "status", "desc"])
            }
            // A body that is not JSON is 10002 too, never a 500.
            #expect(try await q.raw("/live/GetUserHeadPic", Array("{oops".utf8), contentType: "application/json")["status"] == 10002)
        }
    }
}
