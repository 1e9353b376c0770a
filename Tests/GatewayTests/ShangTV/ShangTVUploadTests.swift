import Adapters
import FixtureKit
import Foundation
import LiveCore
import LiveJSON
import Testing

/// 获取七牛图片上传 token / 七牛云空间配置 / 上传封面(废弃), over HTTP.
@Suite("shangtv uploads")
struct ShangTVUploadTests {
    static let qiniu = [
        "qiniu_access_key": "vKmd-2d_inZREY6ZVy0DRqkaFt-U8youBeIra1k8", "qiniu_secret_key": "a-secret-key",
        "qiniu_face_bucket": "shangtv-face", "qiniu_cover_bucket": "shangtv-cover",
        "qiniu_face_domain": "face.shangtv.cn", "qiniu_cover_domain": "cover.shangtv.cn", "qiniu_token_ttl": "600",
    ]

    /// The put policy inside a token, decoded.
    static func policy(of token: String) throws -> JSONValue {
        let parts = token.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        let standard = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let data = try #require(Data(base64Encoded: standard))
        return try JSONValue.parse(String(decoding: data, as: UTF8.self))
    }

    @Test("gen_7niu_token uptype 1: a Qiniu token for face:<key> until now+ttl, key <uid><unix><rand>; the avatar becomes http://<face domain>/<key>")
    func faceToken() async throws {
        let clock = ManualClock()
        try await withGateway(Self.qiniu, clock: clock) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            let r = try await s.call(as: user, "/upfile/gen_7niu_token", [("uptype", "1")], method: "GET")
            #expect(r.objectValue?.keys == ["ErrCode", "token", "key"])
            let key = try #require(r["key"]?.stringValue)
            #expect(key.hasPrefix("\(user.uid)1700000000"))
            let token = try #require(r["token"]?.stringValue)
            #expect(try Self.policy(of: token) == ["scope": .string("shangtv-face:\(key)"), "deadline": 1_700_000_600])
            #expect(token.hasPrefix("vKmd-2d_inZREY6ZVy0DRqkaFt-U8youBeIra1k8:"))
            #expect(token == QiniuUploadToken.make(accessKey: "vKmd-2d_inZREY6ZVy0DRqkaFt-U8youBeIra1k8", secretKey: "a-secret-key",
                                                   bucket: "shangtv-face", key: key, deadline: Date(timeIntervalSince1970: 1_700_000_600)))
            let stored = try await gateway.core.accounts.user(id: user.uid)
            #expect(try await gateway.core.accounts.avatarAddress(of: stored) == "http://face.shangtv.cn/\(key)")
            // The avatar is what lists show as image (and as cover with itype 2).
            let id = try await s.startBroadcast(as: user, [("itype", "2")])
            let info = try await s.call("/room_info", [("rid", id)])
            #expect(info["info"]?["Cover"]?.stringValue == "http://face.shangtv.cn/\(key)")
        }
    }

    @Test("gen_7niu_token uptype 2: the cover bucket; broadcasts started with itype 1 show http://<cover domain>/<key>")
    func coverToken() async throws {
        try await withGateway(Self.qiniu) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            // Before any cover: "".
            let before = try await s.startBroadcast(as: user, [("itype", "1")])
            #expect(try await s.roomList().first?["cover"] == "")
            _ = try await s.call(as: user, "/room/close_room", [("roomid", before)])

            let r = try await s.call(as: user, "/upfile/gen_7niu_token", [("uptype", "2")])
            let key = try #require(r["key"]?.stringValue)
            let token = try #require(r["token"]?.stringValue)
            #expect(try Self.policy(of: token)["scope"]?.stringValue == "shangtv-cover:\(key)")
            _ = try await s.startBroadcast(as: user, [("itype", "1")])
            #expect(try await s.roomList().first?["cover"]?.stringValue == "http://cover.shangtv.cn/\(key)")
            // The avatar did not change.
            #expect(try await gateway.core.accounts.avatarAddress(of: try await gateway.core.accounts.user(id: user.uid)) == nil)
        }
    }

    @Test("gen_7niu_token: uptype other than 1 or 2, or none, is 10; no token 32; without configured keys 1")
    func tokenErrors() async throws {
        try await withGateway(Self.qiniu) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            for uptype in ["0", "3", "face", ""] {
                #expect(try await s.code(as: user, "/upfile/gen_7niu_token", [("uptype", uptype)]) == 10, "\(uptype)")
            }
            #expect(try await s.code(as: user, "/upfile/gen_7niu_token") == 10)
            #expect(try await s.code("/upfile/gen_7niu_token", [("uptype", "1")]) == 32)
        }
        try await withGateway { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            #expect(try await s.code(as: user, "/upfile/gen_7niu_token", [("uptype", "1")]) == 1)
        }
    }

    @Test("qi_niu_config: the configured face and cover domains, no token needed")
    func config() async throws {
        try await withGateway(Self.qiniu) { gateway in
            let r = try await ShangTVClient(gateway).call("/qi_niu_config", method: "GET")
            #expect(r == ["ErrCode": 0, "face": "face.shangtv.cn", "cover": "cover.shangtv.cn"])
            #expect(r.objectValue?.keys == ["ErrCode", "face", "cover"])
        }
        try await withGateway { gateway in
            let r = try await ShangTVClient(gateway).call("/qi_niu_config")
            #expect(r == ["ErrCode": 0, "face": "face.example.com", "cover": "cover.example.com"])
        }
    }

    @Test("upload_cover (deprecated, served): a multipart picture stored here becomes the cover; 26 without one or not a picture, 10 too large")
    func uploadCover() async throws {
        try await withGateway(["max_image_bytes": "1024"]) { gateway in
            let s = ShangTVClient(gateway)
            let user = try await s.register()
            let auth = [("token", user.token), ("uid", String(user.uid))]
            let ok = try await gateway.multipart("POST", "/room/upload_cover", fields: auth,
                                                 files: [(name: "cover", filename: "cover.png", contentType: "image/png", bytes: tinyPNG)])
            #expect(try ShangTVClient.envelope(ok, path: "upload_cover", sourceLocation: #_sourceLocation) == ["ErrCode": 0])
            let media = try #require(try await gateway.core.broadcasts.cover(userID: user.uid))
            #expect(media.hasPrefix("/media/") && media.hasSuffix(".png"))
            #expect(try await gateway.raw("GET", media).body == tinyPNG)
            _ = try await s.startBroadcast(as: user, [("itype", "1")])
            #expect(try await s.roomList().first?["cover"]?.stringValue == media)

            func code(_ files: [(name: String, filename: String, contentType: String, bytes: [UInt8])],
                      fields: [(String, String)]) async throws -> JSONValue? {
                let result = try await gateway.multipart("POST", "/room/upload_cover", fields: fields, files: files)
                return try ShangTVClient.envelope(result, path: "upload_cover", sourceLocation: #_sourceLocation)["ErrCode"]
            }
            #expect(try await code([], fields: auth) == 26)
            #expect(try await code([(name: "cover", filename: "x.txt", contentType: "text/plain", bytes: Array("hello".utf8))], fields: auth) == 26)
            #expect(try await code([(name: "cover", filename: "big.png", contentType: "image/png",
                                     bytes: tinyPNG + [UInt8](repeating: 0, count: 2048))], fields: auth) == 10)
            // Another field name, when it is the only file, is taken too.
            #expect(try await code([(name: "file", filename: "c.png", contentType: "image/png", bytes: tinyPNG)], fields: auth) == 0)
            #expect(try await code([(name: "cover", filename: "c.png", contentType: "image/png", bytes: tinyPNG)], fields: []) == 32)
        }
    }
}
