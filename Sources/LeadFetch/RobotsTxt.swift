import Foundation

/// A parsed robots.txt for one user agent (RFC 9309), with the non-standard `Crawl-delay`.
///
/// Groups naming leadsmith's product token are merged; without one, the `*` groups apply. The longest
/// matching `allow`/`disallow` pattern wins (allow on a tie); `*` matches any run of characters and a
/// trailing `$` anchors the end. `/robots.txt` itself is always allowed.
public struct RobotsTxt: Sendable, Equatable {
    /// One allow/disallow line.
    public struct Rule: Sendable, Equatable {
        public var allow: Bool
        /// The path pattern, percent-escapes normalised to upper case.
        public var pattern: [UInt8]
    }

    /// The rules of the group that applies to us.
    public var rules: [Rule]
    /// The `Crawl-delay` of that group, in seconds.
    public var crawlDelay: Double?

    /// Everything allowed (no robots.txt, or a 4xx answer).
    public static let allowAll = RobotsTxt(rules: [], crawlDelay: nil)
    /// Nothing allowed (a 5xx answer or an unreachable robots.txt).
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: Array("/".utf8))], crawlDelay: nil)

    /// The largest robots.txt read (RFC 9309 asks for at least 500 KiB).
    public static let maxBytes = 512 * 1024

    public init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Parses robots.txt text for the crawler whose product token is `productToken` (e.g. `leadsmith`).
    public init(parsing text: String, productToken: String) {
        struct Group { var agents: [String] = []; var rules: [Rule] = []; var delay: Double? }
        var groups: [Group] = []
        var current: Group?
        var lastWasAgent = false
        for rawLine in text.prefix(Self.maxBytes).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent", "useragent", "user agent":
                if !lastWasAgent {
                    if let c = current { groups.append(c) }
                    current = Group()
                }
                current?.agents.append(Self.productToken(of: value))
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                guard current != nil, !value.isEmpty else { continue }
                current?.rules.append(Rule(allow: key == "allow", pattern: Self.normalize(value)))
            case "crawl-delay", "crawldelay":
                lastWasAgent = false
                if let d = Double(value), d >= 0, d.isFinite { current?.delay = d }
            default:
                // Sitemap and unknown lines do not end a group.
                continue
            }
        }
        if let c = current { groups.append(c) }
        let token = productToken.lowercased()
        var chosen = groups.filter { $0.agents.contains(token) }
        if chosen.isEmpty { chosen = groups.filter { $0.agents.contains("*") } }
        rules = chosen.flatMap(\.rules)
        crawlDelay = chosen.compactMap(\.delay).max()
    }

    /// The product token a `User-agent` value names: the text before the first space or `/`,
    /// lower-cased (`FooBot/2.1 (+https://…)` and `FOO BAR` name `foobot` and `foo`).
    static func productToken(of value: String) -> String {
        let end = value.firstIndex { $0 == "/" || $0 == " " || $0 == "\t" } ?? value.endIndex
        return value[..<end].lowercased()
    }

    /// Whether `path` (path plus query, starting with `/`) may be fetched.
    ///
    /// The path is compared as a URL carries it: percent-encoded (a URL's `percentEncodedPath`), so
    /// `/caf%C3%A9` matches the rule `/café`. Escapes compare case-insensitively; raw non-ASCII bytes
    /// in `path` are not encoded here (as in google/robotstxt, encoding the URL is the caller's job).
    public func allows(_ path: String) -> Bool {
        let p = Self.normalize(path.isEmpty ? "/" : path, encodeRaw: false)
        if p == Array("/robots.txt".utf8) { return true }
        var best: (length: Int, allow: Bool)?
        for rule in rules where Self.matches(pattern: rule.pattern, path: p) {
            let len = rule.pattern.count
            if best == nil || len > best!.length || (len == best!.length && rule.allow) {
                best = (len, rule.allow)
            }
        }
        return best?.allow ?? true
    }

    /// Percent-escapes upper-cased and (when `encodeRaw`, as for rule patterns) non-ASCII, space and
    /// control bytes escaped, so the rule `/café` and the URL path `/caf%c3%a9` compare equal.
    static func normalize(_ s: String, encodeRaw: Bool = true) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(s.utf8)
        var i = 0
        let hex = Array("0123456789ABCDEF".utf8)
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count {
                out.append(b)
                out.append(upper(bytes[i + 1]))
                out.append(upper(bytes[i + 2]))
                i += 3
                continue
            }
            if encodeRaw, b >= 0x80 || b <= 0x20 {
                out.append(0x25); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    private static func upper(_ b: UInt8) -> UInt8 { (b >= 0x61 && b <= 0x7A) ? b - 32 : b }

    /// Glob match of a robots pattern (prefix match; `*` any run; trailing `$` = end of path).
    static func matches(pattern: [UInt8], path: [UInt8]) -> Bool {
        var pat = pattern[...]
        var anchored = false
        if pat.last == 0x24 { anchored = true; pat = pat.dropLast() }
        let p = Array(pat)
        var pi = 0, si = 0
        var starP = -1, starS = 0
        while true {
            if pi == p.count {
                if !anchored || si == path.count { return true }
            } else if p[pi] == 0x2A {
                starP = pi; starS = si; pi += 1; continue
            } else if si < path.count && p[pi] == path[si] {
                pi += 1; si += 1; continue
            }
            // Mismatch (or anchored end not reached): backtrack to the last star.
            guard starP >= 0, starS < path.count else { return false }
            starS += 1
            si = starS
            pi = starP + 1
        }
    }
}
