public import Metrics
import LeadCore
public import LeadResearch

/// A page source that counts what it hands out: pages fetched per HTTP status and outcome
/// (`leadsmith_research_pages_total{status,outcome}`) and how long each fetch took
/// (`leadsmith_research_fetch_duration_seconds`, a histogram). Everything else is passed through.
public struct MeteredPageSource: PageSource {
    let base: any PageSource
    let factory: any MetricsFactory

    /// Wraps `base`, recording into `factory`.
    public init(_ base: any PageSource, factory: any MetricsFactory) {
        self.base = base
        self.factory = factory
    }

    public func fetch(_ request: PageRequest) async -> PageResponse {
        let clock = ContinuousClock()
        let start = clock.now
        let response = await base.fetch(request)
        let elapsed = clock.now - start
        Metrics.Timer(label: "leadsmith_research_fetch_duration_seconds", factory: factory).record(duration: elapsed)
        Counter(label: "leadsmith_research_pages_total",
                dimensions: [("status", String(response.status)), ("outcome", response.outcome.rawValue)], factory: factory).increment()
        return response
    }

    public func domainRedirect(from domain: String) async -> (to: String, status: Int)? {
        await base.domainRedirect(from: domain)
    }

    public func hasSite(_ domain: String) async -> Bool {
        await base.hasSite(domain)
    }
}
