import Foundation
public import LeadCore

/// Where a domain ends up after domain-level redirects (`_redirects.tsv`/HTTP and meta-refresh pages).
public struct DomainResolution: Sendable, Equatable {
    /// The domain that was asked for.
    public var requested: String
    /// The final registrable domain (the requested one when nothing redirects).
    public var finalDomain: String
    /// The domains that led to `finalDomain`, in chain order (`redirected_from`).
    public var redirectedFrom: [String]
    /// For a loop: the other domain of the loop.
    public var loopWith: String?
    /// `false` when the final domain has no site at all (unreachable).
    public var reachable: Bool
}

/// Follows domain redirects through a ``PageSource``, detecting loops.
public struct RedirectResolver: Sendable {
    /// At most this many hops are followed; longer chains count as a loop.
    public static let maxHops = 10

    let source: any PageSource

    public init(source: any PageSource) {
        self.source = source
    }

    /// Resolves `domain`; the home page of the final domain is returned too when it had to be read to look
    /// for a meta-refresh, so the caller does not fetch it twice.
    public func resolve(_ domain: String) async -> (DomainResolution, PageResponse?) {
        let start = domain.lowercased()
        var chain: [String] = [start]
        var current = start
        var homePage: PageResponse?
        for _ in 0..<Self.maxHops {
            var next: String?
            if let hop = await source.domainRedirect(from: current) {
                next = Self.registrable(hop.to)
            } else if await source.hasSite(current) {
                let page = await source.fetch(PageRequest(domain: current, path: "/"))
                if page.outcome == .ok, let target = MetaRefresh.target(in: page.body),
                   let reg = Self.registrable(target), reg != current {
                    next = reg
                } else {
                    homePage = page
                }
            } else {
                return (DomainResolution(requested: start, finalDomain: current, redirectedFrom: Array(chain.dropLast()),
                                         loopWith: nil, reachable: false), nil)
            }
            guard let next else { break }
            if chain.contains(next) {
                return (DomainResolution(requested: start, finalDomain: start, redirectedFrom: [],
                                         loopWith: current == start ? next : current, reachable: true), nil)
            }
            chain.append(next)
            current = next
        }
        if homePage == nil, chain.count > Self.maxHops {
            return (DomainResolution(requested: start, finalDomain: start, redirectedFrom: [],
                                     loopWith: chain.last, reachable: true), nil)
        }
        return (DomainResolution(requested: start, finalDomain: current, redirectedFrom: Array(chain.dropLast()),
                                 loopWith: nil, reachable: true), homePage)
    }

    /// The registrable domain of a host or URL (`https://www.acme.nl/x` → `acme.nl`).
    static func registrable(_ hostOrURL: String) -> String? {
        var s = hostOrURL.trimmedSpace().lowercased()
        if let r = s.range(of: "://") { s = String(s[r.upperBound...]) } else if s.hasPrefix("//") { s.removeFirst(2) }
        if let cut = s.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { s = String(s[..<cut]) }
        if let at = s.lastIndex(of: "@") { s = String(s[s.index(after: at)...]) }
        if let colon = s.lastIndex(of: ":") { s = String(s[..<colon]) }
        guard !s.isEmpty else { return nil }
        return PublicSuffix.registrableDomain(s) ?? s
    }
}

/// Detects a page whose only job is to send the browser elsewhere: `<meta http-equiv="refresh">`
/// (possibly with a JS `location` change).
public enum MetaRefresh {
    private static let metaPattern = try! NSRegularExpression(
        pattern: #"<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>"#, options: [.caseInsensitive])
    private static let contentURL = try! NSRegularExpression(
        pattern: #"content\s*=\s*["']?\s*\d*\s*[;,]?\s*url\s*=\s*['"]?([^"'>\s]+)"#, options: [.caseInsensitive])
    private static let jsLocation = try! NSRegularExpression(
        pattern: #"(?:window\.|document\.|top\.)?location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"']+)["']"#,
        options: [.caseInsensitive])

    /// The refresh target URL in the first 32 KB of a page, if it declares one.
    public static func target(in body: [UInt8]) -> String? {
        let head = String(decoding: body.prefix(32 * 1024), as: UTF8.self)
        let ns = head as NSString
        let full = NSRange(location: 0, length: ns.length)
        if let m = metaPattern.firstMatch(in: head, range: full) {
            let tag = ns.substring(with: m.range)
            let tns = tag as NSString
            if let c = contentURL.firstMatch(in: tag, range: NSRange(location: 0, length: tns.length)) {
                return tns.substring(with: c.range(at: 1))
            }
        }
        // A JS-only redirect counts only on a tiny page (a real site may set location in handlers).
        if body.count < 4096, let m = jsLocation.firstMatch(in: head, range: full) {
            let url = ns.substring(with: m.range(at: 1))
            if url.hasPrefix("http") || url.hasPrefix("//") { return url }
        }
        return nil
    }
}
