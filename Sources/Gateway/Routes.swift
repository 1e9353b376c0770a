import DialectKit
import Foundation
import HTTPTypes
import Hummingbird
import LiveCore
import LiveJSON
import NIOCore
import Prometheus

/// The routes of one listener: its dialects, the pictures they reference, and on the unified port
/// the gateway's own health and metrics.
enum Routes {
    static func router(for dialects: [any Dialect], core: Core, unified: Bool,
                       configuration: GatewayConfiguration) -> Router<LiveGateRequestContext> {
        let router = Router(context: LiveGateRequestContext.self)
        // Only dialect routes read bodies and call limited core services: the body limit and the
        // client's address are theirs, and health, metrics and pictures skip both.
        let dialectRoutes = router.group()
            .add(middleware: BodyLimitMiddleware(limit: configuration.maxBodyBytes))
            .add(middleware: ClientSourceMiddleware(policy: configuration.sources))
        for dialect in dialects {
            // Each dialect's routes carry their own middleware: failures, logs and metrics by operation.
            dialectRoutes.addRoutes(DialectRoutes.collection(for: dialect))
        }
        router.get("/media/:file") { _, context -> Response in
            try await media(context.parameters.get("file") ?? "", core: core)
        }
        if unified {
            // The answer never changes while the process runs: encoded once.
            let health = ByteBuffer(string: JSONValue.object([
                "status": "ok", "dialects": .array(dialects.map { .string(type(of: $0).name) }),
            ]).serialized())
            router.get("/_livegate/health") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: health))
            }
            router.get("/_livegate/metrics") { _, _ -> Response in
                var bytes: [UInt8] = []
                MetricsBootstrap.registry.emit(into: &bytes)
                return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        return router
    }

    /// `/media/<sha256>.<ext>`: a stored picture with its own Content-Type.
    static func media(_ file: String, core: Core) async throws -> Response {
        let hash = String(file.split(separator: ".").first ?? "")
        guard hash.count == 64, hash.allSatisfy(\.isHexDigit),
              let (media, bytes) = try await core.media.load(sha256: hash.lowercased()) else {
            return Response(status: .notFound)
        }
        return Response(status: .ok, headers: [.contentType: media.kind.contentType, .cacheControl: "public, max-age=31536000, immutable"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
