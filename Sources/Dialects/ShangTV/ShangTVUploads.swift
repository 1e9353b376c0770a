import Adapters
import DialectKit
import Foundation
import LiveCore
import LiveJSON

/// Uploads: Qiniu tokens and configuration, upload_cover.
///
/// Clients upload pictures straight to Qiniu with a token from `gen_7niu_token`, under the key it
/// answers; the picture's address is `http://<bucket domain>/<key>`. The token is a real Qiniu
/// upload token (`QiniuUploadToken`), signed with the configured keys.
extension ShangTVDialect {
    var uploadRoutes: [Route] {
        [
            authed("/upfile/gen_7niu_token", OperationName.uploadsToken) { try await $0.qiniuToken($1, $2) },
            open("/qi_niu_config", OperationName.uploadsConfig) { dialect, _ in dialect.qiniuConfig() },
            authed("/room/upload_cover", OperationName.uploadsCover) { try await $0.uploadCover($1, $2) },
        ]
    }

    /// `uptype` 1 face (avatar bucket), 2 cover (cover bucket). The key is `<uid><unix><rand>`, as
    /// the original's; the token allows that one key until `qiniu_token_ttl` from now. The address
    /// the upload will have becomes the caller's avatar (1) or broadcast cover (2) at once: no
    /// other call tells the server the upload happened. 1 when no Qiniu keys are configured.
    func qiniuToken(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let uptype = try request.parameters.requiredInt("uptype")
        guard uptype == 1 || uptype == 2 else { throw CoreError.invalid("uptype") }
        let accessKey = settings[Settings.qiniuAccessKey]
        let secretKey = settings[Settings.qiniuSecretKey]
        guard !accessKey.isEmpty, !secretKey.isEmpty else { throw CoreError(.internalError, "Qiniu keys are not configured") }
        let face = uptype == 1
        let bucket = settings[face ? Settings.qiniuFaceBucket : Settings.qiniuCoverBucket]
        let domain = settings[face ? Settings.qiniuFaceDomain : Settings.qiniuCoverDomain]
        let now = core.now()
        let key = Broadcast.makeID(ownerID: user.id, at: now)
        let ttl = max(1, settings[Settings.qiniuTokenTTL])
        let token = QiniuUploadToken.make(accessKey: accessKey, secretKey: secretKey, bucket: bucket, key: key,
                                          deadline: now.addingTimeInterval(ttl))
        let address = "http://\(domain)/\(key)"
        if face {
            var changes = ProfileChanges()
            changes.avatarURL = address
            _ = try await core.accounts.updateProfile(userID: user.id, changes)
        } else {
            try await core.broadcasts.setCover(userID: user.id, address: address)
        }
        return ["token": .string(token), "key": .string(key)]
    }

    /// The configured domains of the avatar and cover buckets.
    func qiniuConfig() -> JSONObject {
        ["face": .string(settings[Settings.qiniuFaceDomain]), "cover": .string(settings[Settings.qiniuCoverDomain])]
    }

    /// Deprecated but served: a multipart picture (`cover`, or the only file sent) stored here and
    /// made the caller's broadcast cover. 26 without a picture, 10 when it is too large.
    func uploadCover(_ request: DialectRequest, _ user: User) async throws -> JSONObject {
        let p = request.parameters
        guard let file = p.file("cover") ?? (p.files.count == 1 ? p.files.values.first : nil) else {
            throw CoreError(.invalidImage, "no cover")
        }
        let media = try await core.media.store(file.bytes)
        try await core.broadcasts.setCover(userID: user.id, address: media.publicPath)
        return [:]
    }
}
