public import Foundation

/// Everything the live page source can be told (mapped from the command line in one place).
public struct LiveFetchConfiguration: Sendable {
    /// The robots.txt product token and the start of the `User-Agent`.
    public var productToken = "leadsmith"
    /// leadsmith's version, in the `User-Agent`.
    public var version = "0.1"
    /// A URL (or `mailto:`) site owners can reach the operator at, in the `User-Agent` (`--user-agent-contact`).
    public var contact = "https://github.com/leadsmith/leadsmith"
    /// Connect to loopback/private/link-local addresses too (`--allow-private`).
    public var allowPrivate = false
    /// URL ports allowed besides 80 and 443 (`--allow-port`).
    public var allowedPorts: Set<Int> = []
    /// `--connect-to` rules, first match wins.
    public var connectTo: [ConnectToRule] = []
    /// Requests in flight at once over all hosts (`--fetch-concurrency`).
    public var globalConcurrency = 32
    /// The minimum time between two request starts on one host (`--per-host-interval`).
    public var perHostInterval: Duration = .seconds(1)
    /// A robots.txt `Crawl-delay` above this is cut to it, so one site cannot stall a batch.
    public var maxCrawlDelay: Duration = .seconds(30)
    /// Pages read per domain, robots.txt not counted (`--max-pages`).
    public var maxPagesPerDomain = 6
    /// The largest (decompressed) body read; a larger one is `too_large` (`--max-page-bytes`).
    public var maxBodyBytes = 5 * 1024 * 1024
    /// The largest decompressed/compressed size ratio (a gzip bomb trips it).
    public var maxDecompressionRatio = 100
    /// Time to set up a connection.
    public var connectTimeout: Duration = .seconds(10)
    /// The longest silence while reading a response.
    public var readTimeout: Duration = .seconds(15)
    /// The longest a single request (one hop) may take in all (`--timeout`).
    public var totalTimeout: Duration = .seconds(30)
    /// Redirect hops followed per page; more is an error.
    public var maxRedirects = 5
    /// Extra attempts on 429, 5xx and dropped connections.
    public var maxRetries = 2
    /// The longest `Retry-After` honoured; a longer one makes the page `rate_limited` at once.
    public var maxRetryAfter: Duration = .seconds(120)
    /// The first back-off when a server gives no `Retry-After` (doubled per attempt, jittered ±50 %).
    public var retryBackoff: Duration = .milliseconds(500)
    /// Schemes tried for a bare domain, in order (`https` first, then the `http` fallback).
    public var schemes = ["https", "http"]
    /// Also try `www.<domain>` when the bare domain does not answer.
    public var tryWWW = true
    /// The disk cache folder (`--cache`); `nil` disables the cache.
    public var cacheDirectory: URL?
    /// Seconds a cached page is used without revalidation (`--cache-ttl`).
    public var cacheTTL: TimeInterval = 86_400
    /// Read only from the cache; never touch the network (`--offline`).
    public var offline = false

    public init() {}

    /// `leadsmith/0.1 (+https://…)`.
    public var userAgent: String { "\(productToken)/\(version) (+\(contact))" }
}
