import Metrics
import Prometheus

/// The process's one Prometheus registry. swift-metrics may be bootstrapped once per process, and
/// tests start many gateways in one, so the bootstrap is a lazy global.
public enum MetricsBootstrap {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Call before the first request is counted.
    public static func ensure() { _ = registry }
}
