import DialectKit
import LiveCore
import LiveJSON
import HTTPTypes

/// 注册step1: `POST /upload` with the multipart file field `img`. The picture is stored under its
/// content hash (type checked by magic bytes, size bounded) and `message` is the path the gateway
/// serves it at, `/media/<sha256>.<ext>`, which register takes back as `headImage`.
extension PyramidDialect {
    var uploadRoutes: [Route] {
        [route([.post], "/upload", PyramidOperation.upload) { try await $0.upload($1) }]
    }

    func upload(_ request: DialectRequest) async throws -> PyramidReply {
        guard let file = request.parameters.file("img") else { throw CoreError.invalid("img") }
        let media = try await core.media.store(file.bytes)
        return PyramidReply(.string(media.publicPath))
    }
}
