public import Metrics

/// What a worker reports through swift-metrics: claims, completions, failures and dead jobs per
/// kind (`lead` jobs and `domain` research tasks), lost leases, and the queue depth per state.
///
/// The names follow Prometheus conventions (`_total` counters); any swift-metrics backend works
/// (`work --metrics` uses swift-prometheus). Without a factory nothing is recorded.
public struct QueueMetrics: Sendable {
    /// The task kinds of the `kind` label.
    public enum Kind: String, Sendable, CaseIterable {
        /// A person's lead job.
        case lead
        /// A company domain's research.
        case domain
    }

    /// The job states of the depth gauge's `state` label.
    public static let states = ["pending", "leased", "done", "dead"]

    let factory: any MetricsFactory

    /// Records into `factory` (a backend's, or swift-metrics' no-op one).
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records nothing.
    public static var none: QueueMetrics { QueueMetrics(factory: NOOPMetricsHandler.instance) }

    func count(_ name: String, _ kind: Kind, by n: Int = 1) {
        guard n > 0 else { return }
        Counter(label: "leadsmith_queue_\(name)_total", dimensions: [("kind", kind.rawValue)], factory: factory).increment(by: n)
    }

    /// Tasks claimed (a lease taken; a retry or a takeover counts again).
    func claimed(_ kind: Kind, _ n: Int) { count("claimed", kind, by: n) }
    /// Tasks completed with their result stored.
    func finished(_ kind: Kind) { count("finished", kind) }
    /// Failed attempts (retried later or parked dead).
    func failed(_ kind: Kind) { count("failed", kind) }
    /// Tasks parked as dead (out of attempts, or buried after their leases kept expiring).
    func dead(_ kind: Kind, _ n: Int = 1) { count("dead", kind, by: n) }
    /// Completions refused because the lease had gone to another worker.
    func lostLease(_ kind: Kind) { count("lost_leases", kind) }

    /// Sets the depth gauges from a status snapshot (every state, 0 when absent).
    func depth(_ status: QueueStatus) {
        for (kind, counts) in [(Kind.lead, status.jobs), (.domain, status.domains)] {
            for state in Self.states {
                Gauge(label: "leadsmith_queue_depth", dimensions: [("kind", kind.rawValue), ("state", state)], factory: factory)
                    .record(counts[state] ?? 0)
            }
        }
    }
}
