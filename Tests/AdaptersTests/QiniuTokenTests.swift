import Foundation
import Adapters
import Testing

/// Qiniu upload tokens against vectors worked out by hand from Qiniu's published algorithm
/// (`AccessKey:urlsafe_base64(hmac_sha1(SecretKey, encodedPutPolicy)):encodedPutPolicy`), each
/// computed independently with Python's `hmac`, `hashlib.sha1` and `base64.urlsafe_b64encode`.
@Suite("Qiniu upload token")
struct QiniuTokenTests {
    @Test("The example of Qiniu's upload-token documentation, returnBody and all")
    func publishedExample() {
        let policy = #"{"scope":"my-bucket:sunflower.jpg","deadline":1451491200,"returnBody":"{\"name\":$(fname),\"size\":$(fsize),\"w\":$(imageInfo.width),\"h\":$(imageInfo.height),\"hash\":$(etag)}"}"#
        let encoded = "eyJzY29wZSI6Im15LWJ1Y2tldDpzdW5mbG93ZXIuanBnIiwiZGVhZGxpbmUiOjE0NTE0OTEyMDAsInJldHVybkJvZHkiOiJ7XCJuYW1lXCI6JChmbmFtZSksXCJzaXplXCI6JChmc2l6ZSksXCJ3XCI6JChpbWFnZUluZm8ud2lkdGgpLFwiaFwiOiQoaW1hZ2VJbmZvLmhlaWdodCksXCJoYXNoXCI6JChldGFnKX0ifQ=="
        #expect(QiniuUploadToken.urlsafeBase64(Array(policy.utf8)) == encoded)
        #expect(QiniuUploadToken.sign(accessKey: "MY_ACCESS_KEY", secretKey: "MY_SECRET_KEY", policy: policy)
            == "MY_ACCESS_KEY:wQ4ofysef1R7IKnrziqtomqyDvI=:" + encoded)
    }

    @Test("A scope bucket:key and a deadline: the policy JSON, then the token")
    func scopeAndDeadline() {
        #expect(QiniuUploadToken.policy(scope: "face:10117000000001234", deadline: 1_700_003_600)
            == #"{"scope":"face:10117000000001234","deadline":1700003600}"#)
        let token = QiniuUploadToken.make(accessKey: "MY_ACCESS_KEY", secretKey: "MY_SECRET_KEY", bucket: "face",
                                          key: "10117000000001234", deadline: Date(timeIntervalSince1970: 1_700_003_600))
        #expect(token == "MY_ACCESS_KEY:K4-w_FyF57hwwGd5P91I60dLoC4=:eyJzY29wZSI6ImZhY2U6MTAxMTcwMDAwMDAwMDEyMzQiLCJkZWFkbGluZSI6MTcwMDAwMzYwMH0=")
    }

    @Test("URL-safe alphabet: + and / become - and _, the = padding stays")
    func urlsafeAlphabet() {
        // Standard base64 of this policy is eyJzY29wZSI6ImNvdmVyOj8+Pz5+fiIs...fQ==
        let token = QiniuUploadToken.make(accessKey: "ak", secretKey: "sk", bucket: "cover", key: "?>?>~~",
                                          deadline: Date(timeIntervalSince1970: 1_700_003_600))
        #expect(token == "ak:8DJ0IkADQqWHyRsaBKKj26Ousbs=:eyJzY29wZSI6ImNvdmVyOj8-Pz5-fiIsImRlYWRsaW5lIjoxNzAwMDAzNjAwfQ==")
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!token.contains("+") && !token.contains("/"))
    }

    @Test("Scopes are escaped as JSON strings")
    func escaping() {
        #expect(QiniuUploadToken.policy(scope: "b:a\"b\\c\n", deadline: 1) == #"{"scope":"b:a\"b\\c\n","deadline":1}"#)
    }
}
