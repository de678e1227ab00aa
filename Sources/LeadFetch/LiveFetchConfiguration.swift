public import Foundation
import LeadCore

/// Everything the live page source can be told (mapped from the command line in one place).
public struct LiveFetchConfiguration: Sendable {
    /// The robots.txt product token and the start of the `User-Agent`.
    public var productToken = "leadsmith"
    /// leadsmith's version, in the `User-Agent`.
    public var version = LeadsmithVersion.current
    /// Where site owners can reach the operator (`--user-agent-contact`): an `http(s)` URL or a
    /// `mailto:` address (see ``contact(parsing:)``). `nil` sends no contact: leadsmith has no
    /// address of its own to give, and a made-up one would send site owners to a stranger.
    public var contact: String?
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

    /// `leadsmith/0.1.0`, or `leadsmith/0.1.0 (+https://ops.example.com/crawler)` with a contact.
    public var userAgent: String {
        guard let contact else { return "\(productToken)/\(version)" }
        return "\(productToken)/\(version) (+\(contact))"
    }

    /// Normalises a `--user-agent-contact` value: an `http://` or `https://` URL with a host as given,
    /// a bare e-mail address as `mailto:ADDRESS`, a `mailto:` address as given.
    /// - Returns: `nil` when the text is none of these, or holds spaces, controls or parentheses
    ///   (which would break the `User-Agent` comment).
    public static func contact(parsing text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, !t.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "()\"".unicodeScalars.contains($0) })
        else { return nil }
        let lower = t.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let host = URLComponents(string: t)?.host, !host.isEmpty else { return nil }
            return t
        }
        let address = lower.hasPrefix("mailto:") ? String(t.dropFirst("mailto:".count)) : t
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return nil
        }
        return "mailto:" + address
    }
}
