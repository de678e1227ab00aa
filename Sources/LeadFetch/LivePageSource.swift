import AsyncHTTPClient
import Foundation
import LeadCore
public import LeadResearch
public import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// Company pages from the live web: one shared `HTTPClient`, robots.txt, politeness, the SSRF guard,
/// redirects followed (and checked) hop by hop, size/time caps and an optional disk cache.
///
/// Create with ``start(_:clock:logger:lookup:addressCheck:)`` and call ``shutdown()`` when done.
public final class LivePageSource: PageSource {
    /// The configuration in use.
    public let configuration: LiveFetchConfiguration
    let client: HTTPClient
    let tunnel: PinningTunnel
    let resolver: HostResolver
    let politeness: Politeness
    let cache: HTTPCache?
    let logger: Logger
    let clock: FetchClock

    private let homes = LockedDictionary<String, Task<HomeResult, Never>>()
    private let robots = LockedDictionary<String, Task<RobotsResult, Never>>()
    private let bases = LockedDictionary<String, String>()
    private let pagesRead = LockedDictionary<String, Set<String>>()

    private init(configuration: LiveFetchConfiguration, client: HTTPClient, tunnel: PinningTunnel, resolver: HostResolver,
                 clock: FetchClock, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.tunnel = tunnel
        self.resolver = resolver
        self.clock = clock
        self.politeness = Politeness(globalLimit: max(1, configuration.globalConcurrency), clock: clock)
        self.cache = configuration.cacheDirectory.map { HTTPCache(directory: $0, ttl: configuration.cacheTTL) }
        self.logger = logger
    }

    /// Starts the shared client and its loopback tunnel.
    ///
    /// - Parameters:
    ///   - configuration: limits, guard and cache settings.
    ///   - clock: politeness waits (intervals, Crawl-delay, Retry-After, back-off) run on it.
    ///   - lookup: host name → addresses; the default is `getaddrinfo`.
    ///   - addressCheck: why an address is refused (`nil` = allowed); the default is ``AddressPolicy``.
    public static func start(_ configuration: LiveFetchConfiguration, clock: any Clock<Duration> = ContinuousClock(),
                             logger: Logger = Logger(label: "leadsmith.fetch"),
                             lookup: (@Sendable (String) async -> [[UInt8]])? = nil,
                             addressCheck: (@Sendable ([UInt8]) -> String?)? = nil) async throws -> LivePageSource {
        let group = MultiThreadedEventLoopGroup.singleton
        let tunnel = try await PinningTunnel.start(group: group, connectTimeout: .init(configuration.connectTimeout))
        var http = HTTPClient.Configuration()
        http.redirectConfiguration = .disallow
        http.timeout = .init(connect: .init(configuration.connectTimeout), read: .init(configuration.readTimeout))
        http.decompression = .enabled(limit: .ratio(max(2, configuration.maxDecompressionRatio)))
        http.proxy = .server(host: "127.0.0.1", port: tunnel.port, authorization: nil,
                             connectHeaders: ["Leadsmith-Tunnel": tunnel.token])
        http.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 2)
        http.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroup: group, configuration: http)
        let resolver = HostResolver(allowPrivate: configuration.allowPrivate, allowedPorts: configuration.allowedPorts,
                                    connectTo: configuration.connectTo, lookup: lookup, addressCheck: addressCheck)
        return LivePageSource(configuration: configuration, client: client, tunnel: tunnel, resolver: resolver,
                              clock: FetchClock(clock), logger: logger)
    }

    /// Closes connections and stops the tunnel.
    /// Hosts waiting out an interval or Crawl-delay right now (for the progress line).
    public var hostsWaiting: Int { politeness.hostsWaiting }

    public func shutdown() async {
        try? await client.shutdown()
        await tunnel.shutdown()
    }

    // MARK: PageSource

    public func fetch(_ request: PageRequest) async -> PageResponse {
        let domain = request.domain.lowercased()
        let home = await home(domain)
        if request.path == "/" || request.path.isEmpty {
            var r = home.response
            r.requestedURL = request.url
            return r
        }
        guard home.response.status != 0, let base = bases[domain] else {
            return failure(request.url, home.response.outcome == .blocked ? .blocked : .error,
                           detail: home.response.detail ?? "site unreachable", status: home.response.status)
        }
        var path = request.path
        if !path.hasPrefix("/") { path = "/" + path }
        // The home page counts as one; a page asked for again (another lead, a redirect) is not new.
        let allowed = pagesRead.update(domain) { (paths: inout Set<String>?) -> Bool in
            var set = paths ?? ["/"]
            defer { paths = set }
            if set.contains(path) { return true }
            guard set.count < configuration.maxPagesPerDomain else { return false }
            set.insert(path)
            return true
        }
        guard allowed else { return failure(request.url, .error, detail: "page budget for the domain used up") }
        var response = await page(url: base + path, key: request.url, within: domain)
        response.requestedURL = request.url
        return response
    }

    public func domainRedirect(from domain: String) async -> (to: String, status: Int)? {
        let home = await home(domain.lowercased())
        guard home.response.status != 0, let target = home.finalDomain, target != Self.registrable(domain.lowercased()) else { return nil }
        return (target, home.firstRedirectStatus ?? 301)
    }

    public func hasSite(_ domain: String) async -> Bool {
        let home = await home(domain.lowercased())
        // A refused site "exists" so that research records why it was not read.
        return home.response.status != 0 || home.response.outcome == .blocked
    }

    // MARK: Home page

    struct HomeResult: Sendable {
        var response: PageResponse
        var finalDomain: String?
        var firstRedirectStatus: Int?
    }

    /// The home page of `domain`, read once per run: `https://domain/`, then `http://`, then `www.`.
    func home(_ domain: String) async -> HomeResult {
        let task = homes.update(domain) { (t: inout Task<HomeResult, Never>?) -> Task<HomeResult, Never> in
            if let t { return t }
            let made = Task { await self.readHome(domain) }
            t = made
            return made
        }
        return await task.value
    }

    private func readHome(_ domain: String) async -> HomeResult {
        let key = PageRequest(domain: domain, path: "/").url
        var hosts = [domain]
        if configuration.tryWWW && !domain.hasPrefix("www.") { hosts.append("www." + domain) }
        var last: (PageResponse, Int?)?
        for host in hosts {
            for scheme in configuration.schemes {
                let (response, firstStatus) = await fetchWithStatus(url: "\(scheme)://\(host)/", key: key, within: domain)
                last = (response, firstStatus)
                if response.status == 0 && response.outcome == .blocked { break }
                guard response.status != 0 else { continue }
                // A redirect to another registrable domain ends here: research follows it domain by domain.
                let final = Self.host(of: response.finalURL).map(Self.registrable)
                if final == Self.registrable(domain) || final == nil, let origin = Self.origin(of: response.finalURL) {
                    bases[domain] = origin
                }
                return HomeResult(response: response, finalDomain: final, firstRedirectStatus: firstStatus)
            }
            if let l = last, l.0.status == 0 && l.0.outcome == .blocked { break }
            if configuration.offline { break }
        }
        let response = last?.0 ?? failure(key, .error, detail: "site unreachable")
        return HomeResult(response: response, finalDomain: nil, firstRedirectStatus: last?.1)
    }

    // MARK: Pages with cache

    /// One page by URL, from the cache when fresh (revalidated when stale), else from the network.
    func page(url: String, key: String, within domain: String) async -> PageResponse {
        await fetchWithStatus(url: url, key: key, within: domain).0
    }

    private func fetchWithStatus(url: String, key: String, within domain: String) async -> (PageResponse, Int?) {
        let entry = cache?.lookup(key)
        if configuration.offline {
            if let entry { return (entry.response, Self.firstStatus(of: entry.response)) }
            return (failure(key, .error, detail: "offline: not in the cache"), nil)
        }
        if let entry, entry.fresh { return (entry.response, Self.firstStatus(of: entry.response)) }
        var conditional: [(String, String)] = []
        var target = url
        if let entry, entry.response.status == 200 {
            if let etag = entry.response.header("etag") { conditional.append(("If-None-Match", etag)) }
            if let lm = entry.response.header("last-modified") { conditional.append(("If-Modified-Since", lm)) }
            if !conditional.isEmpty { target = entry.response.finalURL }
        }
        var (response, firstStatus) = await follow(url: target, conditional: conditional, within: domain)
        if response.status == 304, let entry {
            cache?.touch(key)
            return (entry.response, Self.firstStatus(of: entry.response))
        }
        response.requestedURL = key
        if response.status != 0, [.ok, .notFound, .notHTML, .empty].contains(response.outcome)
            || (300...399).contains(response.status) && response.detail == "redirect to another site" {
            cache?.store(key, response)
        }
        return (response, firstStatus)
    }

    // MARK: Redirects, guard and robots

    /// Follows redirects from `url`, checking every hop (scheme, port, address, robots.txt). A hop to
    /// another registrable domain than `domain` is not followed: the 3xx is returned with `finalURL` set
    /// to its target, so research can follow domain redirects one domain at a time.
    private func follow(url start: String, conditional: [(String, String)], within domain: String) async -> (PageResponse, Int?) {
        var url = start
        var chain: [String] = []
        var firstStatus: Int?
        var seen: Set<String> = [start]
        for _ in 0...configuration.maxRedirects {
            var response = await fetchOne(url: url, conditional: chain.isEmpty ? conditional : [], checkRobots: true)
            response.redirectChain = chain
            guard (300...399).contains(response.status), response.status != 304,
                  let location = response.header("location"), let next = Self.resolve(location, against: url) else {
                return (response, firstStatus)
            }
            if firstStatus == nil { firstStatus = response.status }
            if let scheme = URLComponents(string: next)?.scheme?.lowercased(), scheme != "http" && scheme != "https" {
                return (failure(start, .blocked, detail: "redirect to scheme \(scheme) refused (only http and https)",
                                status: response.status, chain: chain + [url], final: next), firstStatus)
            }
            let nextDomain = Self.host(of: next).map(Self.registrable)
            if nextDomain != Self.registrable(domain) {
                response.requestedURL = start
                response.finalURL = next
                response.redirectChain = chain + [url]
                response.outcome = .error
                response.detail = "redirect to another site"
                return (response, firstStatus)
            }
            chain.append(url)
            guard seen.insert(next).inserted else {
                return (failure(start, .error, detail: "redirect loop", status: response.status, chain: chain, final: next), firstStatus)
            }
            url = next
        }
        return (failure(start, .error, detail: "too many redirects (more than \(configuration.maxRedirects))",
                        status: 310, chain: chain, final: url), firstStatus)
    }

    private enum RobotsResult: Sendable {
        case rules(RobotsTxt)
        case unreachable(String)
    }

    /// The robots.txt of an origin (read once per run; 4xx = allow all, 5xx = disallow all).
    private func robotsRules(origin: String) async -> RobotsResult {
        let task = robots.update(origin) { (t: inout Task<RobotsResult, Never>?) -> Task<RobotsResult, Never> in
            if let t { return t }
            let made = Task { await self.readRobots(origin) }
            t = made
            return made
        }
        return await task.value
    }

    private func readRobots(_ origin: String) async -> RobotsResult {
        var url = origin + "/robots.txt"
        for _ in 0..<5 {
            let r = await fetchOne(url: url, conditional: [], checkRobots: false, maxBytes: RobotsTxt.maxBytes, anyType: true)
            if r.status == 0 {
                if r.outcome == .tooLarge { return .rules(.allowAll) }
                return .unreachable(r.detail ?? "unreachable")
            }
            if (300...399).contains(r.status), let loc = r.header("location"), let next = Self.resolve(loc, against: url) {
                url = next
                continue
            }
            switch r.status {
            case 200...299:
                return .rules(RobotsTxt(parsing: String(decoding: r.body, as: UTF8.self), productToken: configuration.productToken))
            case 400...499: return .rules(.allowAll)
            default: return .rules(.disallowAll)
            }
        }
        return .rules(.allowAll)  // RFC 9309: more than five redirects may be treated as unavailable (4xx).
    }

    /// One HTTP exchange (no redirect following) with the guard, robots.txt, politeness and retries.
    private func fetchOne(url: String, conditional: [(String, String)], checkRobots: Bool,
                          maxBytes: Int? = nil, anyType: Bool = false) async -> PageResponse {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased() else {
            return failure(url, .blocked, detail: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            return failure(url, .blocked, detail: "scheme \(scheme) refused (only http and https)")
        }
        guard let rawHost = parts.host, !rawHost.isEmpty else { return failure(url, .blocked, detail: "no host") }
        let host = rawHost.hasPrefix("[") ? rawHost : (PublicSuffix.asciiHost(rawHost) ?? rawHost.lowercased())
        let port = parts.port ?? (scheme == "https" ? 443 : 80)
        let address: SocketAddress
        switch await resolver.resolve(host: host, port: port) {
        case .refused(let why):
            logger.debug("refused", metadata: ["host": "\(host)", "reason": "\(why)"])
            return failure(url, .blocked, detail: "refused: \(why)")
        case .noAnswer:
            return failure(url, .error, detail: "no DNS answer")
        case .address(let a):
            address = a
        }
        let origin = Self.origin(of: url) ?? "\(scheme)://\(host)"
        var interval = configuration.perHostInterval
        if checkRobots {
            switch await robotsRules(origin: origin) {
            case .unreachable(let why):
                return failure(url, .error, detail: why)
            case .rules(let rules):
                var path = parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath
                if let q = parts.percentEncodedQuery { path += "?" + q }
                if !rules.allows(path) { return failure(url, .blocked, detail: "disallowed by robots.txt") }
                if let d = rules.crawlDelay {
                    interval = max(interval, min(configuration.maxCrawlDelay, .milliseconds(Int64(d * 1000))))
                }
            }
        }
        tunnel.pin(host: host, port: port, to: address)
        var attempt = 0
        while true {
            let response = await politeness.run(host: origin, interval: interval) {
                await self.exchange(url: url, conditional: conditional, maxBytes: maxBytes ?? self.configuration.maxBodyBytes,
                                    anyType: anyType)
            }
            guard attempt < configuration.maxRetries, let delay = retryDelay(response, attempt: attempt) else {
                if response.status == 429 || (response.status == 503 && retryAfter(response) != nil) {
                    var r = response
                    r.outcome = .rateLimited
                    return r
                }
                return response
            }
            attempt += 1
            logger.debug("retry", metadata: ["origin": "\(origin)", "attempt": "\(attempt)", "status": "\(response.status)"])
            await politeness.backOff(host: origin, for: delay)
        }
    }

    /// The wait before another attempt, or `nil` when the response should not be retried.
    private func retryDelay(_ r: PageResponse, attempt: Int) -> Duration? {
        let transient = r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504
            || (r.status == 0 && r.detail == "connection lost")
        guard transient else { return nil }
        if let after = retryAfter(r) {
            return after <= configuration.maxRetryAfter ? after : nil
        }
        let base = configuration.retryBackoff * (1 << attempt)
        return base * Double.random(in: 0.5...1.5)
    }

    /// `Retry-After` as seconds or an HTTP date.
    private func retryAfter(_ r: PageResponse) -> Duration? {
        guard let v = r.header("retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let s = Int(v), s >= 0 { return .seconds(s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = f.date(from: v) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSinceNow.rounded(.up))))
    }

    /// The HTTP exchange itself: streamed body with the size cap, content-type check, error mapping.
    private func exchange(url: String, conditional: [(String, String)], maxBytes: Int, anyType: Bool) async -> PageResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        for (k, v) in conditional { request.headers.add(name: k, value: v) }
        do {
            let response = try await client.execute(request, timeout: .init(configuration.totalTimeout), logger: logger)
            let headers = response.headers.map { ($0.name.lowercased(), $0.value) }
            let status = Int(response.status.code)
            func make(_ outcome: PageOutcome.Status, _ body: [UInt8] = [], detail: String? = nil) -> PageResponse {
                var r = PageResponse(requestedURL: url, finalURL: url, status: status, headers: headers, body: body, outcome: outcome)
                r.detail = detail
                return r
            }
            if (300...399).contains(status) { return make(.error, detail: "HTTP \(status)") }
            let type = response.headers.first(name: "content-type")?.lowercased()
            if (200...299).contains(status), !anyType, let type, !Self.isHTML(type) {
                return make(.notHTML, detail: "content-type \(type.split(separator: ";").first.map(String.init) ?? type)")
            }
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maxBytes {
                return make(.tooLarge, detail: "body over \(maxBytes) bytes")
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                if body.count + chunk.readableBytes > maxBytes {
                    return make(.tooLarge, detail: "body over \(maxBytes) bytes")
                }
                body.append(contentsOf: chunk.readableBytesView)
            }
            let outcome: PageOutcome.Status
            switch status {
            case 200...299: outcome = body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? .empty : .ok
            case 404, 410: outcome = .notFound
            case 401, 403, 451: outcome = .blocked
            case 429: outcome = .rateLimited
            default: outcome = .error
            }
            return make(outcome, outcome == .ok ? body : (status == 304 ? [] : body),
                        detail: outcome == .ok ? nil : "HTTP \(status)")
        } catch {
            return Self.failureResponse(url, error)
        }
    }

    private static func failureResponse(_ url: String, _ error: any Error) -> PageResponse {
        var r = PageResponse(requestedURL: url, finalURL: url, status: 0, body: [], outcome: .error)
        switch error {
        case let e as NIOHTTPDecompression.DecompressionError where e == .limit:
            r.outcome = .tooLarge
            r.detail = "decompression ratio over the limit"
        case let e as HTTPClientError where e == .readTimeout || e == .deadlineExceeded || e == .connectTimeout:
            r.detail = "timeout"
        case let e as HTTPClientError where e == .remoteConnectionClosed:
            r.detail = "connection lost"
        case let e as HTTPClientError where e == .invalidProxyResponse:
            r.detail = "connection refused"
        default:
            let text = String(describing: error)
            r.detail = text.contains("imeout") ? "timeout" : (text.contains("TLS") || text.contains("SSL") ? "TLS failure" : "connection failed")
        }
        return r
    }

    // MARK: Helpers

    private func failure(_ url: String, _ outcome: PageOutcome.Status, detail: String, status: Int = 0,
                         chain: [String] = [], final: String? = nil) -> PageResponse {
        var r = PageResponse(requestedURL: url, finalURL: final ?? url, status: status, body: [], redirectChain: chain, outcome: outcome)
        r.detail = detail
        return r
    }

    /// The status of the first redirect of a cached response (for domain redirects replayed offline).
    static func firstStatus(of response: PageResponse) -> Int? {
        if (300...399).contains(response.status) { return response.status }
        return response.redirectChain.isEmpty ? nil : 301
    }

    static func isHTML(_ contentType: String) -> Bool {
        let mime = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return mime.isEmpty || mime == "text/html" || mime == "application/xhtml+xml" || mime == "text/plain"
            || mime == "application/xml" || mime == "text/xml"
    }

    /// `scheme://host[:port]` of a URL (default ports dropped).
    static func origin(of url: String) -> String? {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased() else { return nil }
        if let p = c.port, !(scheme == "http" && p == 80), !(scheme == "https" && p == 443) { return "\(scheme)://\(host):\(p)" }
        return "\(scheme)://\(host)"
    }

    /// The registrable domain of a host (the host itself when it has none).
    static func registrable(_ host: String) -> String {
        PublicSuffix.registrableDomain(host) ?? host
    }

    static func host(of url: String) -> String? {
        URLComponents(string: url)?.host?.lowercased()
    }

    /// A `Location` resolved against the URL it came from.
    static func resolve(_ location: String, against base: String) -> String? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard let b = URL(string: base),
              let u = URL(string: trimmed, relativeTo: b) ?? URL(string: trimmed.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? "", relativeTo: b)
        else { return nil }
        return u.absoluteString
    }
}
