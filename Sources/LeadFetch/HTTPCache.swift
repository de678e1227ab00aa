public import Foundation
import LeadCore
public import LeadResearch

/// Page responses on disk, so a re-run reads nothing from the network: body, headers, final URL,
/// redirect chain and the time fetched, revalidated with `ETag`/`Last-Modified` once older than the TTL.
///
/// One file per request URL: `DIR/<2 hex>/<16 hex>.page` holding a JSON header line, `\n`, then the body.
public struct HTTPCache: Sendable {
    /// The cache folder.
    public let directory: URL
    /// How long a page is used without asking the site again.
    public let ttl: TimeInterval
    let now: @Sendable () -> Date

    /// One cached response.
    public struct Entry: Sendable {
        /// The response as it was returned.
        public var response: PageResponse
        /// When it was fetched or last revalidated.
        public var fetchedAt: Date
        /// `true` when younger than the TTL.
        public var fresh: Bool
    }

    /// - Parameters:
    ///   - directory: created when missing.
    ///   - ttl: seconds a page stays fresh (default one day).
    public init(directory: URL, ttl: TimeInterval = 86_400, now: @escaping @Sendable () -> Date = { Date() }) {
        self.directory = directory
        self.ttl = ttl
        self.now = now
    }

    /// The default folder: `$XDG_CACHE_HOME/leadsmith/http`, else `~/.cache/leadsmith/http`
    /// (`~/Library/Caches/leadsmith/http` on macOS).
    public static var defaultDirectory: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("leadsmith/http")
        }
        #if os(macOS)
        let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent("Library/Caches")
        #else
        let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        #endif
        return base.appendingPathComponent("leadsmith/http")
    }

    /// The cached response for `key` (a request URL), if any.
    public func lookup(_ key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file(for: key).path),
              let newline = data.firstIndex(of: 0x0A),
              let meta = try? JSONSerialization.jsonObject(with: data[data.startIndex..<newline]) as? [String: Any],
              meta["key"] as? String == key,
              let status = meta["status"] as? Int,
              let outcomeRaw = meta["outcome"] as? String, let outcome = PageOutcome.Status(rawValue: outcomeRaw),
              let fetched = meta["fetched_at"] as? Double else { return nil }
        let headers = (meta["headers"] as? [[String]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
        let response = PageResponse(
            requestedURL: meta["requested_url"] as? String ?? key, finalURL: meta["final_url"] as? String ?? key,
            status: status, headers: headers, body: [UInt8](data[data.index(after: newline)...]),
            redirectChain: meta["redirect_chain"] as? [String] ?? [], outcome: outcome)
        let at = Date(timeIntervalSince1970: fetched)
        return Entry(response: response, fetchedAt: at, fresh: now().timeIntervalSince(at) < ttl)
    }

    /// Stores `response` for `key`; failures to write are ignored (the cache is an optimisation).
    public func store(_ key: String, _ response: PageResponse) {
        let meta: [String: Any] = [
            "key": key, "requested_url": response.requestedURL, "final_url": response.finalURL,
            "status": response.status, "outcome": response.outcome.rawValue,
            "headers": response.headers.map { [$0.0, $0.1] }, "redirect_chain": response.redirectChain,
            "fetched_at": now().timeIntervalSince1970,
        ]
        guard var data = try? JSONSerialization.data(withJSONObject: meta, options: [.sortedKeys]) else { return }
        data.append(0x0A)
        data.append(contentsOf: response.body)
        let url = file(for: key)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }

    /// Marks a cached entry as just revalidated (a `304 Not Modified`).
    public func touch(_ key: String) {
        guard let entry = lookup(key) else { return }
        store(key, entry.response)
    }

    func file(for key: String) -> URL {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        let name = String(repeating: "0", count: 16 - hex.count) + hex
        return directory.appendingPathComponent(String(name.prefix(2))).appendingPathComponent(name + ".page")
    }
}
