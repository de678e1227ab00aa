import ArgumentParser
import Foundation
import LeadCore
import LeadFetch
import Logging

/// The live-research flags shared by `run` and `research` (used when `--sites` is absent).
struct LiveOptions: ParsableArguments {
    @Flag(help: "Research companies on the live web (the default when --sites is absent).")
    var live = false

    @Flag(help: "Allow connections to loopback, private, link-local and CGNAT addresses (tests, intranets).")
    var allowPrivate = false

    @Option(name: .customLong("connect-to"), parsing: .singleValue,
            help: ArgumentHelp("Connect to ADDR:PORT for requests to HOST:PORT (curl's convention; `*` or empty HOST/PORT match any). Repeatable. The address is still checked: loopback needs --allow-private.",
                               valueName: "HOST:PORT:ADDR:PORT"))
    var connectTo: [String] = []

    @Option(name: .customLong("allow-port"), parsing: .singleValue,
            help: ArgumentHelp("Also allow URLs on this port (only 80 and 443 otherwise). Repeatable.", valueName: "PORT"))
    var allowPort: [Int] = []

    @Option(help: ArgumentHelp("HTTP cache folder (default: $XDG_CACHE_HOME/leadsmith/http or ~/.cache/leadsmith/http).", valueName: "DIR"))
    var cache: String?

    @Flag(help: "Do not read or write the HTTP cache.")
    var noCache = false

    @Option(help: ArgumentHelp("Hours a cached page is used before it is revalidated (ETag/Last-Modified).", valueName: "HOURS"))
    var cacheTTL: Double = 24

    @Flag(help: "Replay pages from the cache only; never touch the network.")
    var offline = false

    @Option(help: ArgumentHelp("A URL or e-mail address site owners can reach you at, sent in the User-Agent as `leadsmith/VERSION (+URL)`.",
                               valueName: "URL-or-email"))
    var userAgentContact: String?

    @Option(help: ArgumentHelp("HTTP requests in flight at once over all hosts (live research).", valueName: "N"))
    var fetchConcurrency = 32

    @Option(help: ArgumentHelp("Minimum seconds between two requests to one host (robots.txt Crawl-delay may raise it).", valueName: "SECONDS"))
    var perHostInterval: Double = 1

    @Option(help: ArgumentHelp("Pages read per company domain (robots.txt not counted).", valueName: "N"))
    var maxPages = 6

    @Option(help: ArgumentHelp("Largest page body read, in bytes (after decompression).", valueName: "BYTES"))
    var maxPageBytes = 5 * 1024 * 1024

    @Option(help: ArgumentHelp("Seconds one HTTP request may take in all.", valueName: "SECONDS"))
    var timeout: Double = 30

    func validate() throws {
        if let userAgentContact, LiveFetchConfiguration.contact(parsing: userAgentContact) == nil {
            throw ValidationError("--user-agent-contact wants an http(s) URL or an e-mail address, got \(userAgentContact)")
        }
        for rule in connectTo where ConnectToRule(parsing: rule) == nil {
            throw ValidationError("--connect-to wants HOST:PORT:ADDR:PORT, got \(rule)")
        }
        guard fetchConcurrency >= 1 else { throw ValidationError("--fetch-concurrency must be at least 1") }
        guard perHostInterval >= 0, perHostInterval.isFinite else { throw ValidationError("--per-host-interval must be 0 or more") }
        guard maxPages >= 1 else { throw ValidationError("--max-pages must be at least 1") }
        guard maxPageBytes >= 1024 else { throw ValidationError("--max-page-bytes must be at least 1024") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be positive") }
        guard cacheTTL >= 0, cacheTTL.isFinite else { throw ValidationError("--cache-ttl must be 0 or more") }
        guard allowPort.allSatisfy({ (1...65535).contains($0) }) else { throw ValidationError("--allow-port must be 1…65535") }
        if offline && noCache { throw ValidationError("--offline needs the cache; drop --no-cache") }
    }

    /// The configuration these flags describe.
    var configuration: LiveFetchConfiguration {
        var c = LiveFetchConfiguration()
        c.allowPrivate = allowPrivate
        c.allowedPorts = Set(allowPort)
        c.connectTo = connectTo.compactMap(ConnectToRule.init(parsing:))
        c.globalConcurrency = fetchConcurrency
        c.perHostInterval = .milliseconds(Int64((perHostInterval * 1000).rounded()))
        c.maxPagesPerDomain = maxPages
        c.maxBodyBytes = maxPageBytes
        c.totalTimeout = .milliseconds(Int64((timeout * 1000).rounded()))
        c.readTimeout = min(c.readTimeout, c.totalTimeout)
        c.connectTimeout = min(c.connectTimeout, c.totalTimeout)
        c.contact = userAgentContact.flatMap(LiveFetchConfiguration.contact(parsing:))
        if !noCache { c.cacheDirectory = cache.map { URL(fileURLWithPath: $0) } ?? HTTPCache.defaultDirectory }
        c.cacheTTL = cacheTTL * 3600
        c.offline = offline
        return c
    }

    /// Starts the live page source (call `shutdown()` on it when the run is over).
    func makeSource(logger: Logger) async throws(LeadsmithError) -> LivePageSource {
        let config = configuration
        if config.contact == nil && !config.offline {
            FileHandle.standardError.write(Data(("leadsmith: live research sends User-Agent: \(config.userAgent), which tells site owners no way to reach you; "
                + "set one with --user-agent-contact URL-or-email (e.g. --user-agent-contact https://example.com/crawler)\n").utf8))
        }
        do {
            return try await LivePageSource.start(config, logger: logger)
        } catch {
            throw LeadsmithError(.internalError, "cannot start the HTTP client: \(error)")
        }
    }
}
