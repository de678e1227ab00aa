public import LeadCore

/// A request for one page of a company site.
public struct PageRequest: Sendable, Hashable {
    /// The registrable domain (`acme.nl`).
    public var domain: String
    /// The path on the site: `/`, `/about`, `/contact`, …
    public var path: String

    public init(domain: String, path: String) {
        self.domain = domain
        self.path = path
    }

    /// `https://<domain><path>`, the URL used in provenance.
    public var url: String { "https://\(domain)\(path.hasPrefix("/") ? path : "/" + path)" }
}

/// What a page source returned for a request.
public struct PageResponse: Sendable {
    public var requestedURL: String
    /// The URL after page-level redirects.
    public var finalURL: String
    /// HTTP-like status: 200, 404, … (0 when the host was unreachable).
    public var status: Int
    /// Response headers (lower-case names); empty for snapshots.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Page-level redirects followed, in order.
    public var redirectChain: [String]
    public var outcome: PageOutcome.Status
    /// Why a page was not read, for the page outcome (`refused: loopback address`, `disallowed by robots.txt`,
    /// `timeout`); `nil` when there is nothing to add to the HTTP status.
    public var detail: String?

    public init(requestedURL: String, finalURL: String, status: Int, headers: [(String, String)] = [],
                body: [UInt8], redirectChain: [String] = [], outcome: PageOutcome.Status) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.status = status
        self.headers = headers
        self.body = body
        self.redirectChain = redirectChain
        self.outcome = outcome
        self.detail = nil
    }

    /// The value of a header (case-insensitive name).
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.0.lowercased() == n }?.1
    }
}

/// Where company pages come from: a live HTTP client or an offline site snapshot.
public protocol PageSource: Sendable {
    /// Fetches one page. Never throws: failures are a status and an outcome.
    func fetch(_ request: PageRequest) async -> PageResponse

    /// A domain-level redirect of `domain` (one hop), if there is one.
    func domainRedirect(from domain: String) async -> (to: String, status: Int)?

    /// Whether the domain exists at all (has a site or a redirect). `false` means unreachable.
    func hasSite(_ domain: String) async -> Bool
}
