public import Foundation
public import LeadCore

/// Pages from an offline site snapshot: `DIR/<domain>/index.html`, `about.html`, `contact.html`,
/// `team.html`, and domain redirects from `DIR/_redirects.tsv` (corpus README "Site snapshot").
public struct SnapshotPageSource: PageSource {
    /// The snapshot folder.
    public let directory: URL
    /// `from → (to, status)` from `_redirects.tsv`.
    public let redirects: [String: Redirect]
    /// `directory.path`, kept once so `fetch` builds file paths as Strings instead of `URL`s.
    private let directoryPath: String

    /// One row of `_redirects.tsv`.
    public struct Redirect: Sendable, Equatable {
        public var to: String
        public var status: Int
    }

    /// Reads the redirect table (a missing table means no redirects).
    /// - Throws: ``LeadsmithError`` `input_unusable` when `_redirects.tsv` has a malformed row.
    public init(directory: URL) throws(LeadsmithError) {
        self.directory = directory
        directoryPath = directory.path
        let tsv = directory.appendingPathComponent("_redirects.tsv")
        if let data = FileManager.default.contents(atPath: tsv.path) {
            redirects = try Self.parseRedirects(String(decoding: data, as: UTF8.self), file: tsv.path)
        } else {
            redirects = [:]
        }
    }

    /// Parses `from<TAB>to<TAB>status` rows; `#` lines and blank lines are skipped.
    static func parseRedirects(_ text: String, file: String) throws(LeadsmithError) -> [String: Redirect] {
        var out: [String: Redirect] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmedSpace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t").map { $0.trimmedSpace(newlines: false) }
            guard cols.count >= 2, !cols[0].isEmpty, !cols[1].isEmpty else {
                throw LeadsmithError(.inputUnusable, "redirect row needs from_domain<TAB>to_domain<TAB>status", file: file, line: i + 1)
            }
            let status = cols.count >= 3 ? Int(cols[2]) ?? 301 : 301
            out[cols[0].lowercased()] = Redirect(to: cols[1].lowercased(), status: status)
        }
        return out
    }

    /// The snapshot file name for a path: `/` → `index.html`; about-like paths → `about.html`; …
    public static func fileName(forPath path: String) -> String? {
        var p = path.lowercased()
        if let q = p.firstIndex(where: { $0 == "?" || $0 == "#" }) { p = String(p[..<q]) }
        let trimmed = p.split(separator: "/").last.map(String.init) ?? ""
        if trimmed.isEmpty || trimmed == "index.html" || trimmed == "index" { return "index.html" }
        switch LinkDiscovery.kind(ofSlug: trimmed) {
        case .about?: return "about.html"
        case .contact?: return "contact.html"
        case .team?: return "team.html"
        case nil: return nil
        }
    }

    public func fetch(_ request: PageRequest) async -> PageResponse {
        let url = request.url
        let domainDir = directoryPath + "/" + request.domain
        guard SnapshotFiles.isDirectory(domainDir) else {
            return PageResponse(requestedURL: url, finalURL: url, status: 0, body: [], outcome: .error)
        }
        guard let name = Self.fileName(forPath: request.path),
              let body = SnapshotFiles.contents(atPath: domainDir + "/" + name) else {
            return PageResponse(requestedURL: url, finalURL: url, status: 404, body: [], outcome: .notFound)
        }
        return PageResponse(requestedURL: url, finalURL: url, status: 200, body: body,
                            outcome: body.isEmpty ? .empty : .ok)
    }

    public func domainRedirect(from domain: String) async -> (to: String, status: Int)? {
        redirects[domain.lowercased()].map { ($0.to, $0.status) }
    }

    public func hasSite(_ domain: String) async -> Bool {
        SnapshotFiles.isDirectory(directoryPath + "/" + domain)
    }
}
