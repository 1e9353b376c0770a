import FixtureKit
import Foundation
import LiveJSON
import Testing

@Suite("Gateway smoke")
struct SmokeTests {
    @Test("health and metrics answer on the unified port")
    func healthAndMetrics() async throws {
        try await withGateway { gateway in
            let health = try await gateway.raw("GET", "/_livegate/health")
            #expect(health.status == 200)
            #expect(health.json?["status"] == "ok")
            _ = try await gateway.post("/live/Login", json: ["account": "nobody", "password": "x"])
            let metrics = try await gateway.raw("GET", "/_livegate/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("livegate_requests_total"))
        }
    }
}
