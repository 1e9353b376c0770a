import Crypto
public import Foundation
import LiveJSON

/// Qiniu (Kodo) upload tokens, by Qiniu's published algorithm:
///
/// 1. the put policy as JSON, e.g. `{"scope":"<bucket>:<key>","deadline":<unix seconds>}`;
/// 2. `encodedPutPolicy = urlsafe_base64(policy)`;
/// 3. `sign = hmac_sha1(SecretKey, encodedPutPolicy)`;
/// 4. `token = AccessKey + ":" + urlsafe_base64(sign) + ":" + encodedPutPolicy`.
///
/// Qiniu's URL-safe base64 is standard base64 with `+` → `-` and `/` → `_`, padding kept.
public enum QiniuUploadToken {
    /// A token for uploading exactly `key` into `bucket` until `deadline`.
    public static func make(accessKey: String, secretKey: String, bucket: String, key: String, deadline: Date) -> String {
        sign(accessKey: accessKey, secretKey: secretKey,
             policy: policy(scope: "\(bucket):\(key)", deadline: Int64(deadline.timeIntervalSince1970)))
    }

    /// The token for a put policy already written as JSON.
    public static func sign(accessKey: String, secretKey: String, policy: String) -> String {
        let encodedPolicy = urlsafeBase64(Array(policy.utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(encodedPolicy.utf8),
                                                         using: SymmetricKey(data: Array(secretKey.utf8)))
        return "\(accessKey):\(urlsafeBase64(Array(mac))):\(encodedPolicy)"
    }

    /// The minimal put policy, compact, `scope` then `deadline`.
    public static func policy(scope: String, deadline: Int64) -> String {
        JSONValue.object(["scope": .string(scope), "deadline": .int(deadline)]).serialized(.compact)
    }

    public static func urlsafeBase64(_ bytes: [UInt8]) -> String {
        String(Data(bytes).base64EncodedString().map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
    }
}
