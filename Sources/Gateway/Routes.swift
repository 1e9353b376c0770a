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
        router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodyBytes))
        router.add(middleware: ClientSourceMiddleware(policy: configuration.sources))
        for dialect in dialects {
            // Each dialect's routes carry their own middleware: failures, logs and metrics by operation.
            router.addRoutes(DialectRoutes.collection(for: dialect))
        }
        router.get("/media/:file") { _, context -> Response in
            try await media(context.parameters.get("file") ?? "", core: core)
        }
        if unified {
            let names = dialects.map { type(of: $0).name }
            router.get("/_livegate/health") { _, _ -> Response in
                let body: JSONValue = ["status": "ok", "dialects": .array(names.map { .string($0) })]
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: body.serialized())))
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
