import Metrics
import Synchronization

/// One route's metrics, made when the route is mounted: its latency timer, and one request counter
/// per status it has answered (created on the first answer with that status, then reused).
final class RouteMetrics: Sendable {
    let dialect: String
    let operation: String
    let timer: Metrics.Timer
    private let counters = Mutex<[Int: Counter]>([:])

    init(dialect: String, operation: OperationName) {
        self.dialect = dialect
        self.operation = operation.name
        timer = Metrics.Timer(label: "livegate_request_duration_seconds",
                              dimensions: [("dialect", dialect), ("operation", operation.name)])
    }

    func record(status: Int, nanoseconds: Int64) {
        let counter = counters.withLock { counters in
            if let counter = counters[status] { return counter }
            let counter = Counter(label: "livegate_requests_total",
                                  dimensions: [("dialect", dialect), ("operation", operation), ("status", String(status))])
            counters[status] = counter
            return counter
        }
        counter.increment()
        timer.recordNanoseconds(nanoseconds)
    }
}
